"""Stay interviews: rounds, their private links and reminders, the
anonymous mode, and who may read them."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ..models.constants import tenure_band
from .common import StayInterviewCase, as_user

SECRET_STAY = 'STAY-7f3a-my-manager-must-not-read-this'


def _days_ago(days):
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))


class TestStayRound(StayInterviewCase):

    def _participations(self, stay_round):
        return self.env['hr.exit.interview'].search([('stay_round_id', '=', stay_round.id),
                                                     ('stay_anonymous', '=', False)])

    def setUp(self):
        super(TestStayRound, self).setUp()
        # the demo data's stay round has e-mails of its own
        self.mail_floor = self.env['mail.mail'].search([], order='id desc', limit=1).id or 0

    def _mails(self, subject):
        """The e-mails of this test with that subject."""
        return self.env['mail.mail'].search([('subject', '=like', subject + '%'),
                                             ('id', '>', self.mail_floor)])

    def test_launch_sends_each_employee_a_private_link(self):
        stay_round = self._launch_stay_round()
        interviews = self._participations(stay_round)
        self.assertEqual(interviews.mapped('employee_id'),
                         self.colleague | self.stayer | self.dept_head)
        self.assertEqual(set(interviews.mapped('interview_kind')), {'stay'})
        self.assertFalse(any(interviews.mapped('departure_date')))
        self.assertEqual(len(set(interviews.mapped('questionnaire_token'))), 3)
        self.assertEqual(set(interviews.mapped('stay_month')),
                         {fields.Date.context_today(stay_round)[:8] + '01'})
        self.assertEqual(stay_round.state, 'running')
        self.assertEqual((stay_round.participant_count, stay_round.answered_count), (3, 0))
        # Nils has no e-mail address: named, with the reason
        self.assertIn('Nils Nomail', stay_round.skipped_note)
        mails = self._mails('What keeps you at')
        self.assertEqual(len(mails), 3)
        for interview in interviews:
            self.assertEqual(len(mails.filtered(
                lambda mail: interview.questionnaire_url in mail.body_html)), 1)
        # the exit interview menus show leavers only
        action = self.env.ref('hr_exit_interview.action_hr_exit_interview')
        self.assertFalse(self.env['hr.exit.interview'].search(
            safe_eval(action.domain) + [('id', 'in', interviews.ids)]))
        self.assertEqual(self.stayer.exit_interview_count, 0)

    def test_tenure_band_from_the_employment_start(self):
        today = fields.Date.from_string(fields.Date.context_today(self.stayer))
        self.colleague.employment_start_date = today.replace(year=today.year - 4)
        self.stayer.employment_start_date = today - timedelta(days=200)
        stay_round = self._launch_stay_round()
        bands = dict((i.employee_id, i.tenure_band) for i in self._participations(stay_round))
        self.assertEqual((bands[self.colleague], bands[self.stayer], bands[self.dept_head]),
                         ('3_5', 'under_1', False))
        self.assertEqual([tenure_band(months) for months in (0, 11, 12, 35, 36, 59, 60, 400)],
                         ['under_1', 'under_1', '1_3', '1_3', '3_5', '3_5', '5_plus', '5_plus'])

    def test_leavers_are_not_asked_and_can_still_leave(self):
        leaving = self._create_interview(employee=self.colleague)
        stay_round = self._launch_stay_round()
        self.assertEqual(self._participations(stay_round).mapped('employee_id'),
                         self.stayer | self.dept_head)
        self.assertIn('Kari Colleague', stay_round.skipped_note)
        # an open stay interview does not stop a departure being registered
        exit_interview = self._create_interview(employee=self.stayer)
        self.assertEqual(exit_interview.interview_kind, 'exit')
        self.assertTrue(leaving.exists())

    def test_one_reminder_which_stops_once_answered(self):
        self.company.exit_reminder_days = 7
        stay_round = self._launch_stay_round()
        siri, kari = [self._participations(stay_round).filtered(
            lambda i: i.employee_id == employee) for employee in (self.stayer, self.colleague)]
        self._stay_reply(siri)
        (siri | kari).write({'questionnaire_sent_date': _days_ago(8)})
        Interview = self.env['hr.exit.interview']
        reminded = Interview._cron_send_questionnaire_reminders()
        self.assertEqual(reminded & (siri | kari), kari)
        reminders = self._mails('Reminder: what keeps you at')
        self.assertEqual(len(reminders), 1)
        self.assertIn(kari.questionnaire_url, reminders.body_html)
        self.assertFalse(Interview._cron_send_questionnaire_reminders() & (siri | kari))
        self.assertEqual((stay_round.participant_count, stay_round.answered_count), (3, 1))

    def test_named_reply_keeps_the_answers_on_the_interview(self):
        stay_round = self._launch_stay_round()
        siri = self._participations(stay_round).filtered(lambda i: i.employee_id == self.stayer)
        self._stay_reply(siri, rating=2, text=SECRET_STAY)
        self.assertTrue(siri.submitted_date)
        self.assertEqual(siri.answer_ids.filtered(
            lambda a: a.question_id == self.q_rating).rating, 2)
        self.assertEqual(siri.answer_ids.filtered(
            lambda a: a.question_id == self.q_text).text, SECRET_STAY)

    def test_close_stops_the_links(self):
        stay_round = self._launch_stay_round()
        as_user(stay_round, self.officer).action_close()
        self.assertEqual(stay_round.state, 'closed')
        self.assertFalse(any(self._participations(stay_round).mapped('questionnaire_token')))

    def test_only_officers_launch_rounds(self):
        stay_round = self.env['hr.exit.stay.round'].create({
            'name': 'Refused', 'questionnaire_id': self.questionnaire.id})
        for user in (self.interviewer, self.reporter, self.plain_user, self.manager_user):
            with self.assertRaises(AccessError):
                as_user(stay_round, user).action_launch()
            with self.assertRaises(AccessError):
                as_user(stay_round, user).read(['name'])
        self.assertEqual(stay_round.state, 'draft')


class TestStayConfidentiality(StayInterviewCase):
    """The employee's manager and department head never see a stay
    interview, even when they are HR officers or its interviewer."""

    @classmethod
    def setUpClass(cls):
        super(TestStayConfidentiality, cls).setUpClass()
        cls.stay_round = cls._launch_stay_round()
        cls.siri = cls.env['hr.exit.interview'].search([
            ('stay_round_id', '=', cls.stay_round.id), ('employee_id', '=', cls.stayer.id)])
        cls.siri.sudo()._selfservice_submit(cls._stay_form(cls.siri, {
            cls.q_rating: 1, cls.q_score: 3, cls.q_text: SECRET_STAY}))
        cls.siri.interviewer_id = cls.interviewer
        # the manager and the department head are HR officers too
        cls.group_officer.users = [(4, cls.manager_user.id), (4, cls.dept_head_user.id)]

    def _sees_secret(self, user):
        Answer = as_user(self.env['hr.exit.answer'], user)
        if not Answer.check_access_rights('read', raise_exception=False):
            return False
        texts = [row['text'] for row in Answer.search_read(
            [('text', '!=', False)], ['text'])]
        groups = Answer.read_group([('text', '=', SECRET_STAY)], ['text'], ['text'])
        return SECRET_STAY in texts or any(group['text_count'] for group in groups)

    def test_officer_and_interviewer_read_it(self):
        for user in (self.officer, self.interviewer):
            self.assertEqual(as_user(self.siri, user).answer_ids.filtered(
                lambda a: a.question_id == self.q_text).text, SECRET_STAY)
            self.assertTrue(self._sees_secret(user))

    def test_managers_department_head_and_others_never(self):
        for user in (self.manager_user, self.dept_head_user, self.stayer_user, self.reporter,
                     self.plain_user, self.other_interviewer):
            Interview = as_user(self.env['hr.exit.interview'], user)
            self.assertFalse(self._sees_secret(user), user.name)
            with self.assertRaises(AccessError):
                as_user(self.siri, user).read(['employee_id'])
            self.assertFalse(Interview.search([('id', '=', self.siri.id)]) if
                             Interview.check_access_rights('read', False) else False)
            exported = as_user(self.siri.answer_ids, user).with_context(
                active_test=False).exists()
            with self.assertRaises(AccessError):
                exported.export_data(['text'])

    def test_managers_never_hold_it(self):
        self.group_interviewer.users = [(4, self.manager_user.id), (4, self.dept_head_user.id)]
        for user in (self.manager_user, self.dept_head_user):
            with self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.siri.interviewer_id = user
        self.assertEqual(self.siri.interviewer_id, self.interviewer)

    def test_nothing_of_the_reply_in_the_chatter(self):
        messages = self.env['mail.message'].search([
            ('model', '=', 'hr.exit.interview'), ('res_id', '=', self.siri.id)])
        self.assertTrue(messages)
        self.assertFalse(messages.filtered(lambda m: SECRET_STAY in (m.body or '')))
        self.assertFalse(self.env['mail.mail'].search([('body_html', 'like', SECRET_STAY)]))


class TestStayAnonymous(StayInterviewCase):
    """An anonymous round: once the answers are in, nothing in the database
    leads from them back to the employee."""

    @classmethod
    def setUpClass(cls):
        super(TestStayAnonymous, cls).setUpClass()
        today = fields.Date.from_string(fields.Date.context_today(cls.stayer))
        cls.stayer.employment_start_date = today.replace(year=today.year - 2)
        cls.stay_round = cls._launch_stay_round(anonymous=True)
        Interview = cls.env['hr.exit.interview']
        cls.siri = Interview.search([('stay_round_id', '=', cls.stay_round.id),
                                     ('employee_id', '=', cls.stayer.id)])
        cls.sets = Interview.search([('stay_round_id', '=', cls.stay_round.id),
                                     ('stay_anonymous', '=', True)])

    def _filled(self):
        return self.sets.filtered(lambda answer_set: answer_set.state == 'done')

    def test_one_blank_answer_set_per_participant(self):
        self.assertEqual(len(self.sets), 3)
        self.assertFalse(any(self.sets.mapped('employee_id')))
        self.assertEqual(set(len(s.answer_ids) for s in self.sets), {5})
        self.assertFalse(self._filled())

    def test_the_reply_moves_into_an_answer_set_with_the_facts_only(self):
        self._stay_reply(self.siri, rating=2, text=SECRET_STAY)
        answer_set = self._filled()
        self.assertEqual(len(answer_set), 1)
        self.assertEqual(answer_set.tenure_band, '1_3')
        self.assertEqual((answer_set.department_id, answer_set.job_id, answer_set.company_id),
                         (self.dep_rd, self.job, self.company))
        self.assertEqual(answer_set.stay_month, self.stay_round.stay_month)
        self.assertFalse(answer_set.employee_id | answer_set.manager_id)
        self.assertFalse(answer_set.date_done)
        by_question = dict((a.question_id, a) for a in answer_set.answer_ids)
        self.assertEqual(by_question[self.q_rating].rating, 2)
        self.assertEqual(by_question[self.q_text].text, SECRET_STAY)
        # the employee's interview says they took part, nothing more
        self.assertTrue(self.siri.submitted_date)
        self.assertEqual(self.siri.state, 'done')
        self.assertFalse(self.siri.answer_ids)
        self.assertFalse(self.siri.overall_score)
        self.assertTrue(self.siri.questionnaire_token, 'the link shows the receipt')
        self.assertEqual((self.stay_round.participant_count, self.stay_round.answered_count),
                         (3, 1))

    def test_no_row_links_the_answers_to_the_person(self):
        self._stay_reply(self.siri, rating=2, text=SECRET_STAY)
        answer_set = self._filled()
        cr = self.env.cr
        cr.execute("""SELECT table_name, column_name FROM information_schema.columns
                       WHERE table_schema = 'public' AND table_name LIKE 'hr\\_exit\\_%%'
                         AND data_type IN ('character varying', 'text')""")
        for table, column in cr.fetchall():
            cr.execute('SELECT count(*) FROM "%s" WHERE "%s" ILIKE %%s' % (table, column),
                       ('%Siri%',))
            self.assertEqual(cr.fetchone()[0], 0, '%s.%s names the employee' % (table, column))
        # every foreign key of the set, its answers and its ratings per area
        person = {'hr_employee': self.stayer.ids, 'res_users': self.stayer_user.ids,
                  'res_partner': self.stayer_user.partner_id.ids,
                  'hr_exit_interview': self.siri.ids, 'mail_message': []}
        cr.execute("""
            SELECT kcu.table_name, kcu.column_name, ccu.table_name
              FROM information_schema.table_constraints tc
              JOIN information_schema.key_column_usage kcu
                ON kcu.constraint_name = tc.constraint_name
              JOIN information_schema.constraint_column_usage ccu
                ON ccu.constraint_name = tc.constraint_name
             WHERE tc.constraint_type = 'FOREIGN KEY'
               AND kcu.table_name IN ('hr_exit_interview', 'hr_exit_answer',
                                      'hr_exit_interview_area')""")
        owner = {'hr_exit_interview': 'id', 'hr_exit_answer': 'interview_id',
                 'hr_exit_interview_area': 'interview_id'}
        checked = 0
        for table, column, target in cr.fetchall():
            if target not in person:
                continue
            cr.execute('SELECT count(*) FROM "%s" WHERE "%s" = %%s AND "%s" = ANY(%%s)' % (
                table, owner[table], column), (answer_set.id, person[target] or [0]))
            self.assertEqual(cr.fetchone()[0], 0, '%s.%s points at the person' % (table, column))
            checked += 1
        self.assertGreater(checked, 5)
        # no message, mail or change date tells when the answers came
        self.assertFalse(self.env['mail.message'].search([
            ('model', '=', 'hr.exit.interview'), ('res_id', '=', answer_set.id)]))
        self.assertFalse(self.env['mail.mail'].search([('exit_interview_id', '=',
                                                        answer_set.id)]))
        cr.execute("""SELECT count(*) FROM hr_exit_answer
                       WHERE interview_id = %s AND write_date <> create_date""",
                   (answer_set.id,))
        self.assertEqual(cr.fetchone()[0], 0)
        cr.execute('SELECT write_date = create_date FROM hr_exit_interview WHERE id = %s',
                   (answer_set.id,))
        self.assertTrue(cr.fetchone()[0])

    def test_each_reply_fills_its_own_set(self):
        self._stay_reply(self.siri)
        kari = self.env['hr.exit.interview'].search([
            ('stay_round_id', '=', self.stay_round.id), ('employee_id', '=', self.colleague.id)])
        self._stay_reply(kari, rating=5)
        self.assertEqual(len(self._filled()), 2)
        self.assertEqual(sorted(self._filled().mapped('overall_score')), [4.0, 5.0])

    def test_answer_sets_are_read_only(self):
        self._stay_reply(self.siri, text=SECRET_STAY)
        line = self._filled().answer_ids.filtered(lambda a: a.question_id == self.q_text)
        for user in (self.officer, self.admin):
            with self.assertRaises((AccessError, UserError)):
                as_user(line, user).write({'text': 'changed'})
        self.assertEqual(line.text, SECRET_STAY)


class TestStayNorwegian(StayInterviewCase):
    """The stay e-mail, page title and report section in Norwegian."""

    @classmethod
    def setUpClass(cls):
        super(TestStayNorwegian, cls).setUpClass()
        cls.env['res.lang'].load_lang('nb_NO')
        cls.env['ir.module.module'].search(
            [('name', '=', 'hr_exit_interview')])._update_translations('nb_NO')

    def test_norwegian_link_and_page(self):
        self.stayer_user.lang = 'nb_NO'
        stay_round = self._launch_stay_round(anonymous=True)
        siri = self.env['hr.exit.interview'].search([('stay_round_id', '=', stay_round.id),
                                                     ('employee_id', '=', self.stayer.id)])
        mail = self.env['mail.mail'].search([('body_html', 'like', siri.questionnaire_url)])
        self.assertIn('Hva får deg til å bli i', mail.subject)
        self.assertIn('Denne runden er anonym', mail.body_html)
        self.assertNotIn('Dear', mail.body_html)
        self.assertEqual(siri.with_context(lang='nb_NO')._selfservice_title(),
                         'Bli-spørreskjema')
        view = self.env.ref('hr_exit_interview.selfservice_confidentiality')
        html = view.with_context(lang='nb_NO').render({
            'interview_kind': 'stay', 'stay_anonymous': True, 'res_company': self.company})
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn('Lederen din og avdelingslederen din ser aldri svarene dine', html)
        self.assertIn('Denne runden er anonym', html)
        self.assertNotIn('exit interview', html)
