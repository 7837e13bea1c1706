"""How the feedback was given (conversation or online questionnaire), what
the online answers do to a planned conversation, and who signs the notes the
addon writes by itself."""
from odoo.exceptions import AccessError

from .common import ExitInterviewCase, as_user


class TestChannel(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestChannel, cls).setUpClass()
        cls.exit_type = cls.env.ref('hr_exit_interview.mail_activity_type_exit_interview')
        cls.review_type = cls.env.ref('hr_exit_interview.mail_activity_type_exit_review_answers')
        cls.admin_partner = cls.env.ref('base.partner_root')

    def _linked(self, employee=None, **values):
        """An interview whose questionnaire link was sent by an officer."""
        interview = self._create_interview(employee=employee, **values)
        as_user(interview, self.officer).action_send_questionnaire()
        return interview

    def _complete_form(self, interview):
        form = {'consent': '1'}
        for answer in interview.answer_ids:
            if answer.question_id == self.q_rating:
                form[answer._selfservice_key()] = '4'
            elif answer.question_id == self.q_score:
                form[answer._selfservice_key()] = '8'
        return form

    def _submit(self, interview):
        """What the page does with a complete reply (as the superuser, like
        the page)."""
        self.assertEqual(interview.sudo()._selfservice_submit(self._complete_form(interview)), {})

    def _activities(self, interview, activity_type):
        return interview.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _note(self, interview, text):
        return interview.message_ids.filtered(lambda m: text in (m.body or ''))

    def test_online_answers_leave_a_planned_conversation_planned(self):
        interview = self._linked()
        interview.action_schedule()
        self._submit(interview)
        self.assertEqual(interview.state, 'scheduled')
        self.assertEqual(interview.channel, 'online')
        self.assertFalse(interview.date_done)
        # the interviewer keeps their interview and is asked to read the answers
        self.assertEqual(self._activities(interview, self.exit_type).user_id, self.interviewer)
        review = self._activities(interview, self.review_type)
        self.assertEqual(len(review), 1)
        self.assertEqual(review.user_id, self.interviewer)
        self.assertEqual(review.date_deadline, '2026-10-20')
        self.assertEqual(review.summary, 'Review the online answers')
        # another interviewer takes over: so does their to-do
        interview.interviewer_id = self.other_interviewer
        self.assertEqual(self._activities(interview, self.review_type).user_id,
                         self.other_interviewer)
        # the conversation is held: the channel says so, nothing is left to do
        as_user(interview, self.other_interviewer).action_done()
        self.assertEqual((interview.state, interview.channel), ('done', 'conversation'))
        self.assertFalse(interview.activity_ids)

    def test_complete_answers_hold_an_interview_without_planned_conversation(self):
        interview = self._linked()
        self.assertEqual(interview.state, 'draft')
        self._submit(interview)
        self.assertEqual((interview.state, interview.channel), ('done', 'online'))
        self.assertTrue(interview.date_done)
        self.assertFalse(interview.activity_ids)
        # not silently: the interviewer whose to-do went away is told
        note = self._note(interview, 'held online')
        self.assertEqual(len(note), 1)
        self.assertIn(self.interviewer.partner_id, note.partner_ids)

    def test_answers_without_closing_leave_the_draft_with_a_review(self):
        self.company.exit_selfservice_closes = False
        interview = self._linked()
        self._submit(interview)
        self.assertEqual((interview.state, interview.channel), ('draft', 'online'))
        self.assertEqual(self._activities(interview, self.review_type).user_id, self.interviewer)
        # cancelled afterwards: no to-do is left behind
        interview.action_cancel()
        self.assertFalse(interview.activity_ids)

    def test_incomplete_answers_never_close(self):
        interview = self._linked()
        form = self._complete_form(interview)
        form = dict((key, value) for key, value in form.items()
                    if key == 'consent' or value == '8')
        errors = interview.sudo()._selfservice_submit(form)
        self.assertTrue(errors)  # the mandatory rating is missing
        self.assertEqual(interview.state, 'draft')
        self.assertFalse(interview.channel)

    def test_channel_is_written_by_the_system_only(self):
        interview = self._create_interview()
        with self.assertRaises(Exception) as error:
            as_user(interview, self.officer).write({'channel': 'online'})
        self.assertEqual(type(error.exception).__name__, 'AccessError')
        self.assertFalse(interview.channel)

    def test_reply_notes_are_signed_by_the_leaver_or_the_company(self):
        interview = self._linked()
        interview.action_schedule()
        before = interview.message_ids
        self._submit(interview)
        new = interview.message_ids - before
        self.assertTrue(new)
        self.assertNotIn(self.admin_partner, new.mapped('author_id'))
        note = self._note(interview, 'sent their answers')
        self.assertEqual(note.author_id, self.leaver_user.partner_id)
        # a leaver without any partner: the company signs, not the administrator
        nobody = self.env['hr.employee'].create({
            'name': 'No Partner Leaver', 'work_email': 'nopartner@example.com',
            'company_id': self.company.id})
        declined = self._linked(employee=nobody)
        before = declined.message_ids
        declined.sudo()._selfservice_decline()
        self.assertEqual(declined.state, 'declined')
        new = declined.message_ids - before
        self.assertTrue(self._note(declined, 'declined the exit interview'))
        self.assertTrue(new.filtered('tracking_value_ids'))  # the state change
        self.assertEqual(new.mapped('author_id'), self.company.partner_id)

    def test_cron_notes_are_signed_by_the_company(self):
        interview = self._linked()
        interview.write({'questionnaire_sent_date': '2020-01-01 10:00:00'})
        self.env['hr.exit.interview']._cron_send_questionnaire_reminders()
        note = self._note(interview, 'Questionnaire reminder e-mailed')
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.company.partner_id)
        self.assertNotEqual(note.author_id, self.env.user.partner_id)
        # an interview the archiving created is no HR officer's doing either
        as_user(self.colleague, self.hr_user).write({'active': False})
        archived = self.env['hr.exit.interview'].search(
            [('employee_id', '=', self.colleague.id)])
        note = self._note(archived, 'archived')
        self.assertEqual(note.author_id, self.company.partner_id)

    def test_a_client_cannot_sign_as_the_company(self):
        interview = as_user(self._create_interview(), self.officer)
        message = interview.with_context(exit_system_author=True).message_post(
            body='Signed by whom?')
        self.assertEqual(message.author_id, self.officer.partner_id)

    def test_channel_in_the_analyses(self):
        online = self._linked()
        self._submit(online)
        held = self._create_interview(employee=self.colleague)
        held.action_schedule()
        self._fill_mandatory(held)
        held.action_done()
        Report = self.env['hr.exit.interview.report']
        groups = Report.read_group([('id', 'in', (online | held).ids)], ['channel'], ['channel'])
        self.assertEqual(sorted((g['channel'], g['channel_count']) for g in groups),
                         [('conversation', 1), ('online', 1)])
        answers = self.env['hr.exit.answer.report'].read_group(
            [('channel', '=', 'online')], ['channel'], ['channel'])
        self.assertEqual([g['channel'] for g in answers], ['online'])

    def test_channel_groups_follow_the_anonymity_threshold(self):
        online = self._linked()
        self._submit(online)
        domain = [('channel', '=', 'online')]
        officer = as_user(self.env['hr.exit.interview.report'], self.officer)
        self.assertEqual([(g['channel'], g['channel_count']) for g in officer.read_group(
            domain, ['channel'], ['channel'])], [('online', 1)])
        # one online interview is one person: nobody else gets its group
        reporter = as_user(self.env['hr.exit.interview.report'], self.reporter)
        self.assertNotIn('online', [g['channel'] for g in reporter.read_group(
            domain, ['channel'], ['channel'])])
        answers = as_user(self.env['hr.exit.answer.report'], self.reporter)
        self.assertNotIn('online', [g['channel'] for g in answers.read_group(
            domain, ['channel'], ['channel'])])
        for user in (self.leaver_user, self.interviewer, self.plain_user):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.env['hr.exit.interview.report'], user).read_group(
                    domain, ['channel'], ['channel'])
