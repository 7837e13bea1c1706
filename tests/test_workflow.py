"""The interview lifecycle: every allowed and every refused transition."""
from odoo.exceptions import UserError, ValidationError

from .common import ExitInterviewCase

ACTIONS = {
    'action_schedule': 'scheduled',
    'action_done': 'done',
    'action_decline': 'declined',
    'action_cancel': 'cancelled',
    'action_reset_draft': 'draft',
}
ALLOWED = {
    'draft': {'action_schedule', 'action_decline', 'action_cancel'},
    'scheduled': {'action_done', 'action_decline', 'action_cancel', 'action_reset_draft'},
    'done': set(),
    'declined': {'action_reset_draft'},
    'cancelled': {'action_reset_draft'},
}


class TestWorkflow(ExitInterviewCase):

    def _interview_in(self, state):
        interview = self._create_interview()
        if state != 'draft':
            interview.action_schedule()
            if state == 'done':
                self._fill_mandatory(interview)
                interview.action_done()
            elif state == 'declined':
                interview.action_decline()
            elif state == 'cancelled':
                interview.action_cancel()
        self.assertEqual(interview.state, state)
        return interview

    def test_transition_matrix(self):
        for state, allowed in ALLOWED.items():
            for action, target in ACTIONS.items():
                interview = self._interview_in(state)
                if action == 'action_done':
                    self._fill_mandatory(interview) if interview.answer_ids else None
                if action in allowed:
                    getattr(interview, action)()
                    self.assertEqual(interview.state, target, '%s from %s' % (action, state))
                else:
                    with self.assertRaises(UserError, msg='%s from %s' % (action, state)):
                        getattr(interview, action)()
                    self.assertEqual(interview.state, state)
                # free the employee for the next round
                if interview.state in ('draft', 'scheduled'):
                    interview.action_cancel()

    def test_refusal_says_what_to_do(self):
        interview = self._interview_in('cancelled')
        with self.assertRaises(UserError) as error:
            interview.action_done()
        self.assertIn('reset', error.exception.name.lower())
        self.assertIn(interview.name, error.exception.name)

    def test_schedule_needs_interviewer_and_date(self):
        interview = self._create_interview(interviewer_id=False)
        with self.assertRaises(UserError) as error:
            interview.action_schedule()
        self.assertIn('interviewer', error.exception.name)
        self.assertEqual(interview.state, 'draft')

    def test_schedule_prepares_answers_and_activity(self):
        interview = self._create_interview()
        self.assertFalse(interview.answer_ids)
        interview.action_schedule()
        self.assertEqual(interview.answer_ids.mapped('question_id'),
                         self.questionnaire.question_ids)
        activity_type = self.env.ref('hr_exit_interview.mail_activity_type_exit_interview')
        activity = interview.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activity.user_id, self.interviewer)
        self.assertEqual(activity.date_deadline, '2026-10-20')

    def test_answers_are_created_when_the_questionnaire_is_fixed(self):
        """A draft may still change questionnaire: no answer line yet. Once
        scheduled, the questions are fixed and the lines exist; a questionnaire
        chosen then adds its questions, existing answers stay."""
        other = self.env['hr.exit.questionnaire'].create({
            'name': 'Short questionnaire', 'company_id': self.company.id,
            'question_ids': [(0, 0, {'name': 'Anything to add?', 'question_type': 'text',
                                     'category_id': self.q_text.category_id.id})]})
        interview = self._create_interview()
        interview.questionnaire_id = other
        self.assertFalse(interview.answer_ids)
        interview.action_schedule()
        self.assertEqual(interview.answer_ids.mapped('question_id'), other.question_ids)
        self._answer(interview, other.question_ids, text='Nothing')
        interview.questionnaire_id = self.questionnaire
        self.assertEqual(interview.answer_ids.mapped('question_id'),
                         other.question_ids | self.questionnaire.question_ids)
        self.assertEqual(interview.answer_ids.filtered('is_answered').text, 'Nothing')

    def test_interviewer_activity_follows_the_interview(self):
        """One activity while the interview is open with an interviewer: it
        moves with the interviewer and the date, goes when the interview is
        declined, cancelled or held, and comes back when it is reset."""
        def activities(interview):
            return interview.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(
                    'hr_exit_interview.mail_activity_type_exit_interview'))
        interview = self._create_interview()
        self.assertEqual(activities(interview).user_id, self.interviewer)
        interview.write({'interviewer_id': self.other_interviewer.id,
                         'interview_date': '2026-10-25 09:00:00'})
        activity = activities(interview)
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.user_id, activity.date_deadline),
                         (self.other_interviewer, '2026-10-25'))
        interview.interviewer_id = False
        self.assertFalse(activities(interview))
        interview.interviewer_id = self.interviewer
        interview.action_schedule()
        self.assertEqual(len(activities(interview)), 1)
        for close in ('action_decline', 'action_cancel'):
            getattr(interview, close)()
            self.assertFalse(activities(interview), close)
            interview.action_reset_draft()
            self.assertEqual(activities(interview).user_id, self.interviewer, close)
        interview.action_schedule()
        self._fill_mandatory(interview)
        interview.action_done()
        self.assertFalse(activities(interview))

    def test_done_names_missing_mandatory_questions(self):
        interview = self._interview_in('scheduled')
        self._answer(interview, self.q_rating, rating=3)
        with self.assertRaises(UserError) as error:
            interview.action_done()
        self.assertIn(self.q_score.name, error.exception.name)
        self.assertNotIn(self.q_rating.name, error.exception.name)
        self.assertEqual(interview.state, 'scheduled')
        self._answer(interview, self.q_score, score=0)  # 0 is an answer
        interview.consent = 'given'
        interview.action_done()
        self.assertEqual(interview.state, 'done')
        self.assertTrue(interview.date_done)
        self.assertFalse(interview.activity_ids)

    def test_scores(self):
        interview = self._interview_in('scheduled')
        self.assertFalse(interview.overall_score)
        self.assertIs(interview.recommend_score, False)
        self._answer(interview, self.q_rating, rating=2)
        self._answer(interview, self.q_score, score=0)
        self.assertEqual(interview.overall_score, 2.0)
        self.assertEqual(interview.recommend_score, 0)
        self.env.cr.execute('SELECT recommend_score FROM hr_exit_interview WHERE id = %s',
                            (interview.id,))
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_state_changes_are_in_the_chatter(self):
        interview = self._interview_in('scheduled')
        tracked = interview.message_ids.mapped('tracking_value_ids').filtered(
            lambda t: t.field == 'state')
        self.assertIn('Scheduled', tracked.mapped('new_value_char'))
        interview.action_cancel()
        tracked = interview.message_ids.mapped('tracking_value_ids').filtered(
            lambda t: t.field == 'state')
        self.assertIn('Cancelled', tracked.mapped('new_value_char'))

    def test_one_open_interview_per_employee(self):
        self._create_interview()
        with self.assertRaises(ValidationError):
            self._create_interview()
        other = self._create_interview(employee=self.colleague)
        self.assertEqual(other.state, 'draft')

    def test_done_interview_cannot_be_deleted(self):
        done = self._interview_in('done')
        with self.assertRaises(UserError):
            done.unlink()
        self.assertTrue(done.exists())
        cancelled = self._create_interview(employee=self.colleague)
        cancelled.action_cancel()
        cancelled.unlink()
        self.assertFalse(cancelled.exists())

    def test_actions_on_several_interviews(self):
        first = self._create_interview()
        second = self._create_interview(employee=self.colleague)
        both = first | second
        both.action_schedule()
        self.assertEqual(set(both.mapped('state')), {'scheduled'})
        self.assertEqual(len(both.mapped('answer_ids')), 10)
        self._fill_mandatory(first)
        with self.assertRaises(UserError):
            both.action_done()  # the second one is incomplete: nothing closes
        self.assertEqual(set(both.mapped('state')), {'scheduled'})
        both.action_cancel()
        self.assertEqual(set(both.mapped('state')), {'cancelled'})
        both.action_reset_draft()
        self.assertEqual(set(both.mapped('state')), {'draft'})
        self.assertEqual(len(both.name_get()), 2)

    def test_history_is_captured_at_registration(self):
        interview = self._create_interview()
        self.assertEqual(interview.department_id, self.dep_sales)
        self.assertEqual(interview.job_id, self.job)
        self.assertEqual(interview.manager_id, self.manager)
        self.leaver.write({'department_id': self.dep_rd.id, 'parent_id': False})
        self.assertEqual(interview.department_id, self.dep_sales)
        self.assertEqual(interview.manager_id, self.manager)

    def test_voluntary_from_type_or_reason(self):
        interview = self._create_interview(departure_type='dismissal')
        self.assertFalse(interview.voluntary)
        interview.departure_type = 'resignation'
        self.assertTrue(interview.voluntary)
        interview.departure_type = 'mutual_agreement'  # takes either kind of reason
        interview.primary_reason_id = self.env.ref('hr_exit_interview.exit_reason_redundancy')
        self.assertFalse(interview.voluntary)
        interview.primary_reason_id = self.reason_pay
        self.assertTrue(interview.voluntary)
        self.assertTrue(interview.preventable)
