"""Retention: interviews past the retention period lose everything that points
at the person, and every statistic stays exactly the same."""
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import ExitInterviewCase, as_user

# Groupings of the statistics that must not move: by period, department,
# reason, status, and the shares (voluntary, regretted, preventable).
INTERVIEW_GROUPINGS = (
    ['department_id'], ['primary_reason_id'], ['state'], ['departure_date:month'],
    ['departure_date:quarter'], ['departure_date:year'], ['voluntary'], ['regretted'],
    ['preventable'], ['job_id'], ['departure_type'], ['rehire_eligible'], ['interviewer_id'],
    ['consent_given'], ['department_id', 'primary_reason_id'],
    ['departure_date:year', 'voluntary'],
)
ANSWER_GROUPINGS = (
    ['category_id'], ['question_id'], ['question_type'], ['yes_no'], ['option_id'],
    ['is_answered'], ['category_id', 'is_answered'],
)
# Everything stored about one interview, row by row, as JSON text.
STORED_ROWS = {
    'interview': 'SELECT row_to_json(t)::text FROM hr_exit_interview t WHERE t.id = %(id)s',
    'answers': 'SELECT row_to_json(t)::text FROM hr_exit_answer t WHERE t.interview_id = %(id)s',
    'messages': 'SELECT row_to_json(t)::text FROM mail_message t '
                'WHERE t.model = %(model)s AND t.res_id = %(id)s',
    'tracking': 'SELECT row_to_json(t)::text FROM mail_tracking_value t '
                'JOIN mail_message m ON m.id = t.mail_message_id '
                'WHERE m.model = %(model)s AND m.res_id = %(id)s',
    'mails': 'SELECT row_to_json(t)::text FROM mail_mail t '
             'JOIN mail_message m ON m.id = t.mail_message_id '
             'WHERE m.model = %(model)s AND m.res_id = %(id)s',
    'activities': 'SELECT row_to_json(t)::text FROM mail_activity t '
                  'WHERE t.res_model = %(model)s AND t.res_id = %(id)s',
    'followers': 'SELECT row_to_json(t)::text FROM mail_followers t '
                 'WHERE t.res_model = %(model)s AND t.res_id = %(id)s',
    'attachments': 'SELECT row_to_json(t)::text FROM ir_attachment t '
                   'WHERE t.res_model = %(model)s AND t.res_id = %(id)s',
}


class TestRetention(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestRetention, cls).setUpClass()
        Department = cls.env['hr.department']
        cls.dep_ops = Department.create({'name': 'Operations Retention',
                                         'company_id': cls.company.id})
        cls.dep_fin = Department.create({'name': 'Finance Retention',
                                         'company_id': cls.company.id})
        ref = cls.env.ref
        pay, leadership = cls.reason_pay, ref('hr_exit_interview.exit_reason_leadership')
        opportunity = ref('hr_exit_interview.exit_reason_better_opportunity')
        cls.old_ola = cls._departure(
            cls.leaver, 30, 'done', pay, (4, 9, 'yes', 'Pay', 'Ingrid Manager never listened.'),
            notes='Ola Leaver would come back for a senior role.', regretted=True)
        cls.old_astrid = cls._departure(
            cls._leaver('Astrid Aasen', cls.dep_ops), 28, 'done', leadership,
            (2, 3, 'no', 'Manager', 'Astrid: the workload was too high.'))
        cls.old_bjorn = cls._departure(
            cls._leaver('Bjorn Berge', cls.dep_fin), 27, 'done', opportunity,
            (5, 10, 'yes', 'Pay', '   '), regretted=True)
        cls.old_cecilie = cls._departure(
            cls._leaver('Cecilie Cort', cls.dep_fin), 26, 'declined', pay)
        cls.old_dina = cls._departure(
            cls._leaver('Dina Dahl', cls.dep_ops), 40, 'draft', None)
        cls.old_erik = cls._departure(
            cls._leaver('Erik Eide', cls.dep_fin), 25, 'cancelled', leadership)
        cls.recent_frida = cls._departure(
            cls._leaver('Frida Foss', cls.dep_ops), 6, 'done', pay,
            (3, 7, 'no', 'Manager', 'Frida: more home office, please.'))
        cls.old_ones = (cls.old_ola | cls.old_astrid | cls.old_bjorn | cls.old_cecilie
                        | cls.old_dina | cls.old_erik)
        # Another company keeps its interviews one year only.
        cls.other_company.exit_retention_months = 12
        cls.foreign_old = cls._departure(
            cls._leaver('Gro Gran', None, cls.other_company), 14, 'declined', pay)
        cls.foreign_recent = cls._departure(
            cls._leaver('Hans Holm', None, cls.other_company), 10, 'declined', pay)
        cls.ours = cls.old_ones | cls.recent_frida | cls.foreign_old | cls.foreign_recent
        cls.Interview = cls.env['hr.exit.interview']

    @classmethod
    def _leaver(cls, name, department, company=None):
        return cls.env['hr.employee'].create({
            'name': name, 'department_id': department and department.id,
            'job_id': cls.job.id, 'company_id': (company or cls.company).id,
            'work_email': '%s@example.com' % name.lower().replace(' ', '.')})

    @classmethod
    def _months_ago(cls, months):
        today = fields.Date.from_string(fields.Date.context_today(cls.env['hr.exit.interview']))
        return fields.Date.to_string(today - relativedelta(months=months))

    @classmethod
    def _departure(cls, employee, months, state, reason, answers=None, notes=False,
                   regretted=False):
        """An interview that left `months` ago, in `state`, with answers
        (rating, score, yes/no, choice, comment), a message, an attachment, an
        activity and followers that all name the leaver."""
        date = cls._months_ago(months)
        foreign = employee.company_id != cls.company
        interview = cls._create_interview(
            employee, departure_date=date, interview_date=date + ' 10:00:00',
            primary_reason_id=reason and reason.id, confidential_notes=notes,
            regretted=regretted, departure_type='resignation', rehire_eligible='yes',
            interviewer_id=(cls.foreign_officer if foreign else cls.interviewer).id)
        if state != 'draft':
            interview.action_schedule()
        if answers:
            rating, score, yes_no, option, text = answers
            cls._answer(interview, cls.q_rating, rating=rating)
            cls._answer(interview, cls.q_score, score=score)
            cls._answer(interview, cls.q_yes_no, yes_no=yes_no)
            cls._answer(interview, cls.q_choice, option_id=cls.q_choice.option_ids.filtered(
                lambda o: o.name == option).id)
            cls._answer(interview, cls.q_text, text=text)
        if state == 'done':
            interview.consent = 'given'
            interview.action_done()
        elif state == 'declined':
            interview.action_decline()
        elif state == 'cancelled':
            interview.action_cancel()
        interview.message_post(body='Talked with %s (%s) about the notice period.' % (
            employee.name, employee.work_email), subject='Call with %s' % employee.name)
        cls.env['mail.activity'].create({
            'res_model_id': cls.env['ir.model']._get_id(interview._name),
            'res_id': interview.id, 'user_id': interview.interviewer_id.id,
            'summary': 'Send %s the certificate' % employee.name})
        cls.env['ir.attachment'].create({
            'name': 'Certificate %s.txt' % employee.name, 'datas': 'Y2VydGlmaWNhdGU=',
            'datas_fname': 'certificate.txt', 'res_model': interview._name,
            'res_id': interview.id})
        return interview

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _statistics(self):
        """Every grouping of the test departments' interviews and answers, with
        counts and averages, as read_group returns them."""
        departments = (self.dep_ops | self.dep_fin | self.dep_sales).ids
        domain = [('department_id', 'in', departments)]
        answer_domain = [('interview_id.department_id', 'in', departments)]
        stats = {}
        for groupby in INTERVIEW_GROUPINGS:
            stats['interviews by %s' % groupby] = self.Interview.read_group(
                domain, ['overall_score', 'recommend_score'] + self._names(groupby), groupby,
                lazy=False)
        for groupby in ANSWER_GROUPINGS:
            stats['answers by %s' % groupby] = self.env['hr.exit.answer'].read_group(
                answer_domain, ['rating', 'score'] + self._names(groupby), groupby, lazy=False)
        stats['interview count'] = self.Interview.search_count(domain)
        return stats

    @staticmethod
    def _names(groupby):
        return [spec.split(':')[0] for spec in groupby]

    def _stored(self, interview):
        """What the database holds about the interview, by kind of row."""
        stored = {}
        for kind, query in STORED_ROWS.items():
            self.env.cr.execute(query, {'id': interview.id, 'model': interview._name})
            stored[kind] = [row[0] for row in self.env.cr.fetchall()]
        return stored

    # ------------------------------------------------------------------
    # The daily job
    # ------------------------------------------------------------------

    def test_cron_anonymizes_what_is_past_retention(self):
        Log = self.env['hr.exit.anonymization.log']
        logs_before = Log.search([])
        done = self.Interview._cron_anonymize_expired()
        self.assertEqual(done & self.ours, self.old_ones | self.foreign_old)
        self.assertTrue(all((self.old_ones | self.foreign_old).mapped('anonymized')))
        self.assertFalse((self.recent_frida | self.foreign_recent).filtered('anonymized'))
        self.assertTrue(self.old_dina.anonymized, 'an open interview past retention too')
        logs = Log.search([]) - logs_before
        self.assertEqual(sorted((log.company_id, log.trigger, log.user_id) for log in logs),
                         sorted([(self.company, 'cron', self.env.ref('base.user_root')),
                                 (self.other_company, 'cron', self.env.ref('base.user_root'))]))
        self.assertEqual(logs.filtered(lambda log: log.company_id == self.other_company)
                         .interview_count, 1)
        self.assertGreaterEqual(logs.filtered(lambda log: log.company_id == self.company)
                                .interview_count, len(self.old_ones))
        # A second run finds nothing more and logs nothing.
        self.assertFalse(self.Interview._cron_anonymize_expired() & self.ours)
        self.assertEqual(Log.search([]) - logs_before, logs)

    def test_cron_is_daily_and_not_overwritten_by_updates(self):
        cron = self.env.ref('hr_exit_interview.ir_cron_anonymize_exit_interviews')
        self.assertEqual((cron.model_id.model, cron.interval_number, cron.interval_type,
                          cron.numbercall, cron.active),
                         ('hr.exit.interview', 1, 'days', -1, True))
        data = self.env['ir.model.data'].search([
            ('module', '=', 'hr_exit_interview'), ('name', '=', 'ir_cron_anonymize_exit_interviews')])
        self.assertTrue(data.noupdate)

    # ------------------------------------------------------------------
    # What goes, what stays
    # ------------------------------------------------------------------

    def test_statistics_are_identical(self):
        before = self._statistics()
        self.assertEqual(before['interview count'], 7)
        self.assertEqual(len(before["interviews by ['department_id']"]), 3)
        self.assertTrue(any(group['rating'] for group in before["answers by ['category_id']"]))
        # Anonymise all of them, the recent one included.
        self.company.exit_retention_months = 1
        self.Interview._cron_anonymize_expired()
        self.assertTrue(all((self.ours - self.foreign_recent).mapped('anonymized')))
        after = self._statistics()
        for key in sorted(before):
            self.assertEqual(after[key], before[key], key)

    def test_what_is_kept(self):
        kept = ('department_id', 'job_id', 'company_id', 'departure_type',
                'registration_date', 'interview_date', 'date_done', 'primary_reason_id',
                'secondary_reason_ids', 'voluntary', 'preventable', 'regretted', 'rehire_eligible',
                'interviewer_id', 'state', 'questionnaire_id', 'overall_score', 'recommend_score',
                'consent_given', 'name')
        before = self.old_ola.read(list(kept))[0]
        answers_before = self.old_ola.answer_ids.read(
            ['question_id', 'rating', 'score', 'yes_no', 'option_id', 'is_answered'])
        departure = self.old_ola.departure_date
        as_user(self.old_ola, self.admin).action_anonymize()
        self.assertEqual(self.old_ola.read(list(kept))[0], before)
        # the month of the departure only: with the department and the job, the
        # exact day would point at the archived employee
        self.assertEqual(self.old_ola.departure_date, departure[:8] + '01')
        self.assertEqual(self.old_ola.answer_ids.read(
            ['question_id', 'rating', 'score', 'yes_no', 'option_id', 'is_answered']),
            answers_before)
        self.assertEqual(self.old_ola.department_id, self.dep_sales)

    def test_what_is_removed(self):
        as_user(self.old_ola, self.admin).action_anonymize()
        interview = self.old_ola
        self.assertTrue(interview.anonymized)
        self.assertTrue(interview.anonymized_date)
        self.assertFalse(interview.employee_id)
        self.assertFalse(interview.manager_id)
        self.assertFalse(interview.confidential_notes)
        self.assertNotIn('Ola', interview.display_name)
        self.assertFalse(interview.message_ids)
        self.assertFalse(interview.activity_ids)
        self.assertFalse(interview.message_follower_ids)
        comment = interview.answer_ids.filtered(lambda a: a.question_id == self.q_text)
        self.assertFalse(comment.text)
        self.assertTrue(comment.text_removed)
        self.assertTrue(comment.is_answered, 'a removed comment still counts as an answer')
        self.env.add_todo(comment._fields['is_answered'], comment)
        comment.recompute()
        self.assertTrue(comment.is_answered)
        self.assertFalse(self.leaver.exit_interview_ids)
        self.assertEqual(self.leaver.exit_interview_count, 0)

    def test_questionnaire_link_dies(self):
        as_user(self.old_dina, self.officer).action_send_questionnaire()
        self.assertTrue(self.old_dina.questionnaire_token)
        self.assertTrue(self.env['mail.mail'].search([('exit_interview_id', '=', self.old_dina.id)]))
        as_user(self.old_dina, self.admin).action_anonymize()
        self.assertFalse(self.old_dina.questionnaire_token)
        self.assertFalse(self.old_dina.has_questionnaire_link)
        self.assertFalse(self.env['mail.mail'].search([('exit_interview_id', '=', self.old_dina.id)]))

    def test_blank_comment_is_not_counted_as_removed(self):
        as_user(self.old_bjorn, self.admin).action_anonymize()
        comment = self.old_bjorn.answer_ids.filtered(lambda a: a.question_id == self.q_text)
        self.assertFalse(comment.text)
        self.assertFalse(comment.text_removed)
        self.assertFalse(comment.is_answered)

    def test_nothing_of_the_person_is_left(self):
        expired = self.old_ones | self.foreign_old
        people = dict((interview, interview.employee_id) for interview in expired)
        for interview, employee in people.items():
            # The traces are there to begin with.
            before = self._stored(interview)
            self.assertIn(employee.name, '\n'.join(before['messages'] + before['tracking']))
            self.assertTrue(before['activities'] and before['followers']
                            and before['attachments'])
        self.Interview._cron_anonymize_expired()
        for interview, employee in people.items():
            self._assert_forgotten(interview, employee)
        self._assert_forgotten(self.old_ola, self.manager)
        for fragment in ('never listened', 'senior role', 'workload was too high'):
            self.assertNotIn(fragment, '\n'.join(self._stored(self.old_ola)['answers']
                                                  + self._stored(self.old_ola)['interview']
                                                  + self._stored(self.old_astrid)['answers']))

    def _assert_forgotten(self, interview, person):
        stored = self._stored(interview)
        for kind in ('messages', 'tracking', 'mails', 'activities', 'followers', 'attachments'):
            self.assertEqual(stored[kind], [], '%s of %s' % (kind, interview.name))
        text = '\n'.join(stored['interview'] + stored['answers']).lower().replace(' ', '')
        for trace in (person.name, person.work_email or person.name):
            trace = trace.lower().replace(' ', '')
            self.assertNotIn(trace, text, '%s left in %s' % (trace, interview.name))
        self.assertNotIn('"employee_id":%d,' % person.id, text)
        self.assertNotIn('"manager_id":%d,' % person.id, text)
        self.assertNotIn(person.name, interview.display_name)

    # ------------------------------------------------------------------
    # Read-only afterwards
    # ------------------------------------------------------------------

    def test_anonymized_interview_is_read_only(self):
        self.Interview._cron_anonymize_expired()
        cancelled = self.old_erik
        answer = self.old_astrid.answer_ids[:1]
        for user in (self.admin, self.officer):
            interview = as_user(cancelled, user)
            with self.assertRaises(UserError, msg=user.login):
                interview.write({'regretted': True})
            with self.assertRaises(UserError, msg=user.login):
                interview.action_reset_draft()
            with self.assertRaises(UserError, msg=user.login):
                interview.message_post(body='Met Erik in town')
            with self.assertRaises(UserError, msg=user.login):
                interview.message_subscribe(partner_ids=[user.partner_id.id])
            with self.assertRaises(UserError, msg=user.login):
                as_user(answer, user).write({'rating': 1})
            with self.assertRaises(UserError, msg=user.login):
                as_user(self.env['hr.exit.answer'], user).create({
                    'interview_id': cancelled.id, 'question_id': self.q_text.id})
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.env['mail.activity'], user).create({
                    'res_model_id': self.env['ir.model']._get_id(cancelled._name),
                    'res_id': cancelled.id, 'user_id': user.id, 'summary': 'Call Erik'})
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.env['ir.attachment'], user).create({
                    'name': 'erik.txt', 'datas': 'ZXJpaw==', 'res_model': cancelled._name,
                    'res_id': cancelled.id})
        with self.assertRaises(UserError):
            self.old_dina.action_schedule()
        with self.assertRaises(UserError):
            as_user(cancelled, self.admin).unlink()
        with self.assertRaises(UserError):
            as_user(answer, self.officer).unlink()
        # Even the superuser goes through the anonymisation, not around it.
        with self.assertRaises(UserError):
            cancelled.write({'employee_id': self.colleague.id})
        with self.assertRaises(UserError):
            as_user(self.recent_frida, self.admin).with_context(exit_anonymizing=True).write(
                {'anonymized': True})
        self.assertFalse(self.recent_frida.anonymized)
        self.assertEqual(cancelled.state, 'cancelled')

    def test_statistics_follow_the_taxonomy_after_anonymisation(self):
        """Editing a reason recomputes anonymised interviews too (as superuser)."""
        self.Interview._cron_anonymize_expired()
        reason = self.old_astrid.primary_reason_id
        self.assertTrue(self.old_astrid.preventable)
        as_user(reason, self.admin).write({'preventable': False})
        self.assertFalse(self.old_astrid.preventable)

    # ------------------------------------------------------------------
    # By hand
    # ------------------------------------------------------------------

    def test_anonymise_action_for_administrators_only(self):
        for user in (self.officer, self.interviewer):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.old_astrid, user).action_anonymize()
        self.assertFalse(self.old_astrid.anonymized)
        with self.assertRaises(UserError) as error:
            as_user(self.recent_frida, self.admin).action_anonymize()
        self.assertIn(self.recent_frida.name, error.exception.name)
        self.assertFalse(self.recent_frida.anonymized)
        as_user(self.old_astrid, self.admin).action_anonymize()
        self.assertTrue(self.old_astrid.anonymized)
        log = self.env['hr.exit.anonymization.log'].search([], limit=1)
        self.assertEqual((log.trigger, log.user_id, log.company_id, log.interview_count),
                         ('manual', self.admin, self.company, 1))
        # Again: nothing left to do, nothing refused.
        as_user(self.old_astrid, self.admin).action_anonymize()

    def test_anonymise_from_the_list(self):
        action = self.env.ref('hr_exit_interview.action_hr_exit_anonymize_wizard')
        self.assertEqual(action.groups_id, self.group_admin)
        self.assertEqual(action.binding_model_id.model, 'hr.exit.interview')
        selected = self.old_astrid | self.old_erik | self.recent_frida
        wizard = as_user(self.env['hr.exit.anonymize.wizard'], self.admin).with_context(
            active_model='hr.exit.interview', active_ids=selected.ids).create({})
        self.assertEqual((wizard.eligible_count, wizard.skipped_count), (2, 1))
        wizard.action_confirm()
        self.assertEqual(selected.filtered('anonymized'), self.old_astrid | self.old_erik)
        wizard = as_user(self.env['hr.exit.anonymize.wizard'], self.admin).with_context(
            active_model='hr.exit.interview', active_ids=self.recent_frida.ids).create({})
        with self.assertRaises(UserError):
            wizard.action_confirm()
        wizard = as_user(self.env['hr.exit.anonymize.wizard'], self.officer).with_context(
            active_model='hr.exit.interview', active_ids=self.old_bjorn.ids).create({})
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertFalse(self.old_bjorn.anonymized)

    def test_log_is_for_administrators_and_names_nobody(self):
        self.Interview._cron_anonymize_expired()
        logs = as_user(self.env['hr.exit.anonymization.log'], self.admin).search([])
        self.assertEqual(logs.mapped('company_id'), self.company)
        self.env.cr.execute('SELECT row_to_json(t)::text FROM hr_exit_anonymization_log t '
                            'WHERE t.id IN %s', (tuple(logs.ids),))
        stored = '\n'.join(row[0] for row in self.env.cr.fetchall()).lower()
        for name in ('ola', 'astrid', 'bjorn', 'cecilie', 'dina', 'erik', 'ingrid'):
            self.assertNotIn(name, stored)
        for user in (self.officer, self.interviewer, self.reporter, self.plain_user):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.env['hr.exit.anonymization.log'], user).search([])
        with self.assertRaises(AccessError):
            as_user(logs, self.admin).write({'interview_count': 0})
