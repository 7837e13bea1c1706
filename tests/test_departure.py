"""Registering a departure: the wizard, archiving, and the daily cron."""
from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import ExitInterviewCase, as_user


class TestDeparture(ExitInterviewCase):

    def _wizard(self, user=None, **values):
        vals = {
            'employee_id': self.leaver.id,
            'departure_date': '2026-12-31',
            'departure_type': 'resignation',
            'primary_reason_id': self.reason_pay.id,
            'regretted': True,
            'rehire_eligible': 'yes',
            'interviewer_id': self.interviewer.id,
            'interview_date': '2026-12-15 09:00:00',
            'questionnaire_id': self.questionnaire.id,
        }
        vals.update(values)
        Wizard = self.env['hr.exit.departure.wizard']
        if user:
            Wizard = as_user(Wizard, user)
        return Wizard.with_context(default_employee_id=self.leaver.id).create(vals)

    def _interviews(self, employee=None):
        return self.env['hr.exit.interview'].search([('employee_id', '=', (employee or self.leaver).id)])

    def test_wizard_defaults(self):
        self.company.exit_interviewer_id = self.other_interviewer
        wizard = as_user(self.env['hr.exit.departure.wizard'], self.officer).create({
            'employee_id': self.leaver.id})
        self.assertEqual(wizard.interviewer_id, self.other_interviewer)
        self.assertTrue(wizard.plan_interview)
        self.assertEqual(wizard.departure_date, fields.Date.context_today(wizard))
        self.company.exit_interviewer_id = False
        wizard = as_user(self.env['hr.exit.departure.wizard'], self.officer).create({
            'employee_id': self.leaver.id})
        self.assertEqual(wizard.interviewer_id, self.officer)

    def test_wizard_creates_interview_activity_and_note(self):
        action = self._wizard(user=self.officer).action_confirm()
        interview = self._interviews()
        self.assertEqual(len(interview), 1)
        self.assertEqual(action['res_id'], interview.id)
        self.assertEqual(interview.state, 'draft')
        self.assertEqual((interview.departure_date, interview.departure_type, interview.regretted,
                          interview.rehire_eligible, interview.department_id),
                         ('2026-12-31', 'resignation', True, 'yes', self.dep_sales))
        self.assertEqual(self.leaver.departure_date, '2026-12-31')
        self.assertEqual(self.leaver.departure_reason_id, self.reason_pay)
        activity = interview.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.interviewer)
        self.assertEqual(activity.date_deadline, '2026-12-15')
        self.assertTrue(any('Departure registered' in (m.body or '') for m in interview.message_ids))
        self.assertEqual(self.leaver.exit_interview_count, 1)

    def test_activity_due_on_departure_date_without_interview_date(self):
        self._wizard(interview_date=False).action_confirm()
        self.assertEqual(self._interviews().activity_ids.date_deadline, '2026-12-31')

    def test_wizard_without_interview(self):
        self._wizard(plan_interview=False, archive_on_departure=True).action_confirm()
        self.assertFalse(self._interviews())
        self.assertTrue(self.leaver.archive_on_departure)

    def test_wizard_refuses_a_second_open_interview(self):
        self._wizard().action_confirm()
        with self.assertRaises(UserError):
            self._wizard(departure_date='2027-01-31').action_confirm()
        self.assertEqual(self.leaver.departure_date, '2026-12-31')  # nothing half-saved

    def test_wizard_refused_to_interviewers(self):
        with self.assertRaises(AccessError):
            self._wizard(user=self.interviewer).action_confirm()
        self.assertFalse(self.leaver.departure_date)
        self.assertFalse(self._interviews())

    def test_archiving_creates_exactly_one_draft_interview(self):
        self.leaver.toggle_active()
        interview = self._interviews()
        self.assertEqual(len(interview), 1)
        self.assertEqual(interview.state, 'draft')
        self.assertEqual(interview.department_id, self.dep_sales)
        self.leaver.toggle_active()
        self.leaver.toggle_active()  # archived again: the open interview is reused
        self.assertEqual(len(self._interviews()), 1)

    def test_archiving_gives_the_default_interviewer_an_activity(self):
        """An interview created by archiving follows the same rule as one from
        the wizard: the interviewer has an activity, due on the departure date."""
        self.company.exit_interviewer_id = self.other_interviewer
        self.leaver.sudo().departure_date = '2026-12-31'
        self.leaver.active = False
        interview = self._interviews()
        self.assertEqual(interview.interviewer_id, self.other_interviewer)
        activity = interview.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.user_id, activity.date_deadline),
                         (self.other_interviewer, '2026-12-31'))
        # without a default interviewer, nobody has anything to do yet
        self.company.exit_interviewer_id = False
        self.colleague.active = False
        self.assertFalse(self._interviews(self.colleague).activity_ids)

    def test_archiving_after_the_wizard_creates_no_duplicate(self):
        self._wizard().action_confirm()
        self.leaver.active = False
        self.assertEqual(len(self._interviews()), 1)

    def test_archiving_respects_the_company_setting(self):
        self.company.exit_create_on_archive = False
        self.leaver.active = False
        self.assertFalse(self._interviews())

    def test_archiving_several_employees(self):
        (self.leaver | self.colleague).write({'active': False})
        self.assertEqual(len(self._interviews()), 1)
        self.assertEqual(len(self._interviews(self.colleague)), 1)

    def test_cron_archives_departed_employees(self):
        self._wizard(departure_date='2020-01-31', archive_on_departure=True).action_confirm()
        self.colleague.sudo().write({'departure_date': '2020-01-31'})  # not asked to archive
        self.env['hr.employee']._cron_archive_departed_employees()
        self.assertFalse(self.leaver.active)
        self.assertTrue(self.colleague.active)
        self.assertEqual(len(self._interviews()), 1)
        cron = self.env.ref('hr_exit_interview.ir_cron_archive_departed_employees')
        self.assertEqual((cron.interval_type, cron.active), ('days', True))
