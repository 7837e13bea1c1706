"""The questionnaire link: token, who may see it, e-mails, reminders, revocation."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import ExitInterviewCase, as_user


def _days_ago(days):
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))


class TestSelfService(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestSelfService, cls).setUpClass()
        cls.interview = cls._create_interview()
        cls.Mail = cls.env['mail.mail']

    def _mails(self, subject_start):
        return self.Mail.search([('email_to', '=', self.interview.leaver_email),
                                 ('subject', '=like', subject_start + '%')])

    def _notes(self, text):
        return self.interview.message_ids.filtered(lambda m: text in (m.body or ''))

    def test_send_creates_a_strong_link_valid_for_the_company_days(self):
        self.company.exit_link_validity_days = 12
        self.assertEqual(self.interview.questionnaire_state, 'none')
        as_user(self.interview, self.officer).action_send_questionnaire()
        token = self.interview.questionnaire_token
        self.assertEqual(len(token), 43)  # 256 bits, URL-safe base64
        self.assertRegex(token, r'^[A-Za-z0-9_-]+$')
        expiry = fields.Datetime.from_string(self.interview.questionnaire_token_expiry)
        sent = fields.Datetime.from_string(self.interview.questionnaire_sent_date)
        self.assertEqual(expiry - sent, timedelta(days=12))
        self.assertEqual(self.interview.questionnaire_state, 'waiting')
        self.assertTrue(self.interview.has_questionnaire_link)
        base_url = self.env['ir.config_parameter'].get_param('web.base.url')
        self.assertEqual(self.interview.questionnaire_url,
                         '%s/exit-interview/%s' % (base_url, token))
        # the answers are ready for the page
        self.assertEqual(self.interview.answer_ids.mapped('question_id'),
                         self.questionnaire.question_ids)
        # a new link is another token, and the previous one is gone
        as_user(self.interview, self.officer).action_send_questionnaire()
        self.assertNotEqual(self.interview.questionnaire_token, token)
        self.assertFalse(self.env['hr.exit.interview'].search([('questionnaire_token', '=', token)]))

    def test_email_in_the_leavers_language_and_kept_off_the_chatter(self):
        self.env['res.lang'].load_lang('nb_NO')
        self.leaver_user.partner_id.lang = 'nb_NO'
        template = self.env.ref('hr_exit_interview.mail_template_exit_interview_questionnaire')
        template.with_context(lang='nb_NO').subject = 'Sluttundersøkelse for ${object.company_id.name}'
        as_user(self.interview, self.officer).action_send_questionnaire()
        mail = self._mails('Sluttundersøkelse')
        self.assertEqual(len(mail), 1)
        self.assertIn(self.interview.questionnaire_url, mail.body_html)
        self.assertFalse(mail.model or mail.res_id)  # not a message of the interview
        note = self._notes('Questionnaire link e-mailed to %s' % self.interview.leaver_email)
        self.assertEqual(len(note), 1)
        for message in self.interview.message_ids:
            self.assertNotIn(self.interview.questionnaire_token, message.body or '')
        self.assertTrue(self.interview.questionnaire_sent_date)

    def test_sending_needs_an_address_an_open_interview_and_an_officer(self):
        with self.assertRaises(AccessError):
            as_user(self.interview, self.interviewer).action_send_questionnaire()
        with self.assertRaises(AccessError):
            as_user(self.interview, self.interviewer).action_revoke_link()
        no_mail = self._create_interview(employee=self.env['hr.employee'].create({
            'name': 'No Mail Leaver'}))
        with self.assertRaises(UserError):
            as_user(no_mail, self.officer).action_send_questionnaire()
        self.interview.action_cancel()
        with self.assertRaises(UserError):
            as_user(self.interview, self.officer).action_send_questionnaire()
        self.assertFalse(self.Mail.search([('email_to', '=', self.interview.leaver_email)]))

    def test_only_officers_read_the_token_in_any_way(self):
        self.interview.action_send_questionnaire()
        token = self.interview.questionnaire_token
        officer_view = as_user(self.env['hr.exit.interview'], self.officer).fields_view_get(
            view_type='form')
        self.assertIn('questionnaire_url', officer_view['fields'])
        as_officer = as_user(self.interview, self.officer)
        self.assertEqual(as_officer.questionnaire_token, token)
        self.assertEqual(as_officer.search([('questionnaire_token', '=', token)]), self.interview)
        Interview = as_user(self.env['hr.exit.interview'], self.interviewer)
        mine = as_user(self.interview, self.interviewer)
        self.assertEqual(mine.questionnaire_state, 'waiting')  # that a link exists is no secret
        view = Interview.fields_view_get(view_type='form')
        for field in ('questionnaire_token', 'questionnaire_token_expiry', 'questionnaire_url'):
            self.assertNotIn(field, view['fields'])
            with self.assertRaises(AccessError, msg=field):
                mine.read([field])
        with self.assertRaises(AccessError):
            self.assertFalse(mine.questionnaire_token)
        with self.assertRaises(AccessError):
            Interview.search([('questionnaire_token', 'like', token[:1] + '%')])
        with self.assertRaises(AccessError):
            as_user(self.env['hr.exit.answer'], self.interviewer).search(
                [('interview_id.questionnaire_token', '=', token)])
        with self.assertRaises(AccessError):
            Interview.search([], order='questionnaire_token')
        with self.assertRaises(AccessError):
            Interview.read_group([], ['questionnaire_token'], ['questionnaire_token'])
        with self.assertRaises(AccessError):
            Interview.search_read([], ['questionnaire_token'])
        with self.assertRaises(AccessError):
            mine.write({'questionnaire_token': 'mine'})
        self.assertEqual(self.interview.questionnaire_token, token)

    def test_closing_the_interview_revokes_the_link(self):
        for close in ('action_cancel', 'action_decline', 'action_done'):
            interview = self._create_interview(employee=self.env['hr.employee'].create({
                'name': 'Leaver %s' % close, 'work_email': '%s@example.com' % close}))
            if close == 'action_done':
                interview.action_schedule()
                self._fill_mandatory(interview)
            interview.action_send_questionnaire()
            getattr(as_user(interview, self.interviewer), close)()
            self.assertFalse(interview.questionnaire_token, close)
            self.assertFalse(interview.questionnaire_token_expiry, close)
            self.assertEqual(interview.questionnaire_state, 'revoked', close)

    def test_revoke_and_send_a_new_link(self):
        self.interview.action_send_questionnaire()
        as_user(self.interview, self.officer).action_revoke_link()
        self.assertFalse(self.interview.questionnaire_token)
        self.assertEqual(self.interview.questionnaire_state, 'revoked')
        self.assertEqual(len(self._notes('Questionnaire link revoked.')), 1)
        as_user(self.interview, self.officer).action_send_questionnaire()
        self.assertEqual(self.interview.questionnaire_state, 'waiting')
        self.interview.questionnaire_token_expiry = _days_ago(1)
        self.assertEqual(self.interview.questionnaire_state, 'expired')

    def test_one_reminder_after_the_company_days(self):
        self.company.exit_reminder_days = 7
        self.interview.action_send_questionnaire()
        Interview = self.env['hr.exit.interview']
        self.interview.questionnaire_sent_date = _days_ago(6)
        Interview._cron_send_questionnaire_reminders()
        self.assertFalse(self._mails('Reminder:'))
        self.interview.questionnaire_sent_date = _days_ago(7)
        reminded = Interview._cron_send_questionnaire_reminders()
        self.assertIn(self.interview, reminded)
        mail = self._mails('Reminder:')
        self.assertEqual(len(mail), 1)
        self.assertIn(self.interview.questionnaire_url, mail.body_html)
        self.assertTrue(self.interview.reminder_sent_date)
        self.assertEqual(len(self._notes('Questionnaire reminder e-mailed')), 1)
        # the daily cron runs again: nothing more
        cron = self.env.ref('hr_exit_interview.ir_cron_exit_questionnaire_reminder')
        for _run in range(3):
            cron.method_direct_trigger()
        self.assertEqual(len(self._mails('Reminder:')), 1)
        self.assertEqual(len(self._notes('Questionnaire reminder e-mailed')), 1)
        self.assertEqual(len(self._mails('Your exit questionnaire')), 1)

    def test_no_reminder_after_a_reply_or_without_a_valid_link(self):
        Interview = self.env['hr.exit.interview']
        self.interview.action_send_questionnaire()
        self.interview.write({'questionnaire_sent_date': _days_ago(10),
                              'submitted_date': fields.Datetime.now()})
        expired = self._create_interview(employee=self.colleague)
        expired.action_send_questionnaire()
        expired.write({'questionnaire_sent_date': _days_ago(40),
                       'questionnaire_token_expiry': _days_ago(10)})
        revoked = self._create_interview(employee=self.env['hr.employee'].create({
            'name': 'Revoked Leaver', 'work_email': 'revoked@example.com'}))
        revoked.action_send_questionnaire()
        revoked.questionnaire_sent_date = _days_ago(10)
        revoked.action_revoke_link()
        reminded = Interview._cron_send_questionnaire_reminders()
        self.assertFalse(reminded & (self.interview | expired | revoked))
        self.assertFalse(self.Mail.search([('subject', '=like', 'Reminder:%')]))

    def test_submitted_values_are_read_strictly(self):
        self.interview.action_send_questionnaire()
        line = dict((answer.question_id, answer) for answer in self.interview.answer_ids)
        rating, score, text = line[self.q_rating], line[self.q_score], line[self.q_text]
        self.assertEqual(rating._parse_submitted_value(' 5 '), {'rating': 5})
        self.assertEqual(score._parse_submitted_value('0'), {'score': 0})
        self.assertEqual(text._parse_submitted_value(None), {})
        self.assertEqual(text._parse_submitted_value('a\r\nb\rc '), {'text': 'a\nb\nc'})
        self.assertEqual(line[self.q_yes_no]._parse_submitted_value('yes'), {'yes_no': 'yes'})
        option = self.q_choice.option_ids[0]
        self.assertEqual(line[self.q_choice]._parse_submitted_value(str(option.id)),
                         {'option_id': option.id})
        for answer, raw in ((rating, None), (rating, '٣'), (rating, '²'), (rating, '3.0'),
                            (score, '1e1'), (score, ' '), (score, '010000000000'),
                            (line[self.q_choice], '-%d' % option.id),
                            (text, 'é' * 5001)):
            with self.assertRaises(Exception, msg=repr(raw)) as error:
                answer._parse_submitted_value(raw)
            self.assertEqual(type(error.exception).__name__, 'ValidationError')
