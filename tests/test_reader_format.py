"""Dates and numbers as their reader writes them, and the addon's own words,
in Norwegian: chatter messages, e-mails, error messages, the printed sheet
and, over HTTP, the leaver's page. The web client sends the user's language
and time zone in the context of every call: so do these tests."""
from odoo.exceptions import UserError
from odoo.tests.common import at_install, post_install

from ..models import reader_format
from ..models.addon_gettext import _ as addon_gettext
from .common import ExitInterviewCase, ExitInterviewHttpCase, as_user


def load_norwegian(env):
    """Norwegian, with the web client's translations loaded before the
    addon's, as in a database where nb_NO came first: the web client
    translates "Yes" as "a"."""
    env['res.lang'].load_lang('nb_NO')
    for module in ('web', 'hr_exit_interview'):
        env['ir.module.module'].search([('name', '=', module)])._update_translations('nb_NO')


class TranslatedFrame(object):
    """What _() reads its language and cursor from: a caller's self."""

    def __init__(self, env):
        self.env = env

    def addon(self, source):
        return addon_gettext(source)


class TestReaderFormat(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestReaderFormat, cls).setUpClass()
        load_norwegian(cls.env)
        for user in (cls.officer, cls.admin, cls.reporter):
            user.write({'lang': 'nb_NO', 'tz': 'Europe/Oslo'})

    def _env(self, lang, tz='Europe/Oslo'):
        return self.env(context=dict(self.env.context, lang=lang, tz=tz))

    def test_dates_times_and_numbers_in_the_readers_language(self):
        cases = [
            ('nb_NO', '31. okt. 2026', '20. okt. 2026 12:00', '2,67', '12 345,5'),
            ('en_US', '10/31/2026', '10/20/2026 12:00', '2.67', '12,345.5'),
        ]
        for lang, day, moment, score, big in cases:
            env = self._env(lang)
            self.assertEqual(reader_format.format_date(env, '2026-10-31'), day)
            # stored in UTC, read in Oslo (summer time), no seconds
            self.assertEqual(reader_format.format_datetime(env, '2026-10-20 10:00:00'), moment)
            self.assertEqual(reader_format.format_number(env, 2.6667), score)
            self.assertEqual(reader_format.format_number(env, 12345.5, digits=1)
                             .replace('\xa0', ' '), big)
        # the day of a datetime is the day where the reader lives
        self.assertEqual(reader_format.format_date(
            self._env('nb_NO', 'Pacific/Auckland'), '2026-10-31 12:00:00'), '01. nov. 2026')
        self.assertEqual(reader_format.format_number(self._env('nb_NO'), 0), '0,00')
        self.assertEqual(reader_format.format_date(self._env('nb_NO'), False), '')

    def test_addon_words_are_its_own_translations(self):
        frame = TranslatedFrame(self._env('nb_NO'))
        self.assertEqual(frame.addon('Yes'), 'Ja')
        self.assertEqual(frame.addon('No'), 'Nei')
        # a term the addon does not translate: Odoo's translation, or the source
        self.assertEqual(TranslatedFrame(self._env('en_US')).addon('Yes'), 'Yes')
        self.assertEqual(frame.addon('Not a term of any module 4711'),
                         'Not a term of any module 4711')

    def test_trend_report_answers_yes_no_in_norwegian(self):
        report = self.env['report.hr_exit_interview.report_exit_trends'].with_context(
            lang='nb_NO')
        self.assertEqual(report._distribution_values(self.q_yes_no),
                         [('yes', 'Ja'), ('no', 'Nei')])

    def test_chatter_writes_the_departure_date_in_norwegian(self):
        wizard = as_user(self.env['hr.exit.departure.wizard'], self.officer).with_context(
            lang='nb_NO', tz='Europe/Oslo').create({
            'employee_id': self.leaver.id, 'departure_date': '2026-10-31',
            'departure_type': 'resignation', 'interviewer_id': self.interviewer.id,
            'questionnaire_id': self.questionnaire.id})
        wizard.action_confirm()
        interview = self.env['hr.exit.interview'].search([('employee_id', '=', self.leaver.id)])
        bodies = ' '.join(interview.message_ids.mapped('body'))
        self.assertIn('31. okt. 2026', bodies)
        self.assertNotIn('2026-10-31', bodies)

    def test_link_expiry_in_the_chatter_is_a_norwegian_date(self):
        interview = self._create_interview()
        as_user(interview, self.officer).with_context(
            lang='nb_NO', tz='Europe/Oslo').action_send_questionnaire()
        expiry = interview.sudo().questionnaire_token_expiry
        shown = reader_format.format_date(self._env('nb_NO'), expiry)
        self.assertRegex(shown, r'^\d{1,2}\. \w+\.? \d{4}$')
        self.assertIn(shown, interview.message_ids[0].body)
        self.assertNotIn(expiry[:10], interview.message_ids[0].body)

    def test_error_message_dates_in_norwegian(self):
        wizard = as_user(self.env['hr.exit.trend.wizard'], self.reporter).with_context(
            lang='nb_NO').create({
            'date_from': '2026-10-31', 'date_to': '2026-01-31'})
        with self.assertRaises(UserError) as caught:
            wizard._check_period()
        message = caught.exception.name
        self.assertIn('31. okt. 2026', message)
        self.assertIn('31. jan. 2026', message)

    def test_invitation_time_in_the_leavers_language_and_zone(self):
        self.leaver_user.write({'lang': 'nb_NO', 'tz': 'Europe/Oslo'})
        interview = self._create_interview(interview_date='2026-10-20 10:00:00')
        template = self.env.ref('hr_exit_interview.mail_template_exit_interview_invitation')
        mail = template.generate_email(interview.id, fields=['body_html'])
        self.assertIn('20. okt. 2026 12:00', mail['body_html'])
        self.assertNotIn('12:00:00', mail['body_html'])

    def test_printed_sheet_writes_the_score_with_a_decimal_comma(self):
        self.report_questionnaire = type(self).report_questionnaire = \
            self._create_report_questionnaire()
        interview = self._create_departure(self.dep_sales, '2026-02-15', ratings=(3, 2),
                                           days=3)
        report = self.env.ref('hr_exit_interview.action_report_exit_interview')
        html = as_user(report, self.officer).with_context(lang='nb_NO').render_qweb_html(
            interview.ids)[0].decode()
        self.assertIn('2,50', html)
        self.assertNotIn('2.50', html)
        self.assertIn('18. feb. 2026 11:00', html)  # 10:00 UTC, in Oslo


@at_install(False)
@post_install(True)
class TestNorwegianPage(ExitInterviewHttpCase):
    """The leaver's page in Norwegian: the addon's words, not the web client's."""

    @classmethod
    def setUpClass(cls):
        super(TestNorwegianPage, cls).setUpClass()
        load_norwegian(cls.env)
        cls._setup_linked_interview()
        cls.leaver_user.partner_id.lang = 'nb_NO'

    def test_yes_is_ja(self):
        page = self.url_open(self.path).text
        self.assertIn('<html lang="nb-NO"', page)
        self.assertRegex(page, r'>\s*Ja\s*<')
        self.assertNotRegex(page, r'>\s*a\s*<')
        self.assertNotRegex(page, r'>\s*Yes\s*<')
