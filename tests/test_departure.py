"""Registering a departure: the wizard, archiving, and the daily cron."""
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

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

    def test_second_registration_edits_the_open_interview(self):
        self._wizard().action_confirm()
        interview = self._interviews()
        action = self._wizard(departure_date='2027-01-31').action_confirm()
        self.assertEqual(self._interviews(), interview)  # no second interview
        self.assertEqual(action['res_id'], interview.id)
        self.assertEqual((self.leaver.departure_date, interview.departure_date),
                         ('2027-01-31', '2027-01-31'))
        self.assertEqual(len(interview.activity_ids), 1)

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


class TestDepartureRegistered(ExitInterviewCase):
    """The wizard on an employee whose departure is registered already: it
    shows that departure, warns, and corrects it; one departure never gets a
    second interview."""

    @classmethod
    def setUpClass(cls):
        super(TestDepartureRegistered, cls).setUpClass()
        cls.redundancy = cls.env.ref('hr_exit_interview.exit_reason_redundancy')
        cls.relocation = cls.env.ref('hr_exit_interview.exit_reason_relocation')

    def _open_wizard(self, employee=None):
        """The wizard as the employee's "Register Departure" button opens it."""
        action = (employee or self.leaver).action_register_departure()
        Wizard = as_user(self.env['hr.exit.departure.wizard'], self.officer)
        return Wizard.with_context(action['context']).create({})

    def _interviews(self, employee=None):
        return self.env['hr.exit.interview'].search(
            [('employee_id', '=', (employee or self.leaver).id)])

    def _register(self, **values):
        vals = {'departure_date': '2026-10-31', 'departure_type': 'resignation',
                'primary_reason_id': self.reason_pay.id, 'regretted': True,
                'rehire_eligible': 'yes', 'interviewer_id': self.interviewer.id,
                'interview_date': '2026-10-20 10:00:00',
                'questionnaire_id': self.questionnaire.id}
        vals.update(values)
        wizard = self._open_wizard()
        wizard.write(vals)
        wizard.action_confirm()
        return self._interviews()

    def _held(self):
        interview = self._register()
        interview.action_schedule()
        self._fill_mandatory(interview)
        as_user(interview, self.interviewer).action_done()
        return interview

    def test_wizard_on_an_employee_with_a_held_interview(self):
        interview = self._held()
        wizard = self._open_wizard()
        # prefilled with the registered departure, and warned
        self.assertTrue(wizard.departure_registered)
        self.assertEqual(wizard.existing_interview_id, interview)
        self.assertEqual(wizard.existing_state, 'done')
        self.assertEqual((wizard.departure_date, wizard.departure_type,
                          wizard.primary_reason_id, wizard.regretted, wizard.rehire_eligible),
                         ('2026-10-31', 'resignation', self.reason_pay, True, 'yes'))
        view = wizard.fields_view_get(view_type='form')['arch']
        self.assertIn('A departure is already registered', view)
        # a correction of the date and the reason, nothing else
        wizard.write({'departure_date': '2026-11-15', 'primary_reason_id': self.relocation.id,
                      'interviewer_id': self.other_interviewer.id})
        wizard.action_confirm()
        self.assertEqual(self._interviews(), interview)
        self.assertEqual((interview.state, interview.channel), ('done', 'conversation'))
        self.assertEqual((interview.departure_date, interview.primary_reason_id),
                         ('2026-11-15', self.relocation))
        self.assertEqual(interview.interviewer_id, self.interviewer)  # who held it
        leaver = self.leaver.sudo()
        self.assertEqual((leaver.departure_date, leaver.departure_type,
                          leaver.departure_reason_id),
                         ('2026-11-15', 'resignation', self.relocation))
        self.assertTrue(any('Departure updated' in (m.body or '') for m in interview.message_ids))
        # counted once in the analysis
        self.assertEqual(self.env['hr.exit.interview.report'].search_count(
            [('id', 'in', self._interviews().ids)]), 1)

    def test_wizard_keeps_one_interview_whatever_its_state(self):
        for state in ('draft', 'scheduled', 'declined', 'cancelled'):
            employee = self.env['hr.employee'].create({
                'name': 'Leaver %s' % state, 'company_id': self.company.id})
            interview = self._create_interview(employee=employee)
            action = {'scheduled': 'action_schedule', 'declined': 'action_decline',
                      'cancelled': 'action_cancel'}.get(state)
            if action:
                getattr(interview, action)()
            wizard = self._open_wizard(employee)
            self.assertEqual(wizard.existing_interview_id, interview, state)
            self.assertEqual(wizard.departure_date, '2026-10-31', state)
            wizard.write({'departure_date': '2026-12-24'})
            action = wizard.action_confirm()
            self.assertEqual(self._interviews(employee), interview, state)
            self.assertEqual(action['res_id'], interview.id, state)
            self.assertEqual(interview.departure_date, '2026-12-24', state)
            # a withdrawn departure registered again: its interview is reopened
            expected = 'draft' if state == 'cancelled' else state
            self.assertEqual(interview.state, expected, state)

    def test_only_exit_officers_see_the_registered_departure(self):
        interview = self._held()
        self.leaver.sudo().write({'archive_on_departure': True})
        for user in (self.interviewer, self.reporter, self.manager_user, self.plain_user,
                     self.hr_user, self.leaver_user, self.foreign_officer):
            Wizard = as_user(self.env['hr.exit.departure.wizard'], user)
            self.assertEqual(Wizard._prepare_departure_defaults(self.leaver), {}, user.login)
            wizard = Wizard.new({'employee_id': self.leaver.id})
            self.assertFalse(wizard.existing_interview_id, user.login)
            self.assertFalse(wizard.departure_registered, user.login)
        # the whole defaults, as the form asks for them
        for user in (self.interviewer, self.foreign_officer):
            Wizard = as_user(self.env['hr.exit.departure.wizard'], user).with_context(
                default_employee_id=self.leaver.id)
            defaults = Wizard.default_get(list(Wizard._fields))
            self.assertNotEqual(defaults.get('departure_date'), '2026-10-31', user.login)
            self.assertFalse(defaults.get('primary_reason_id'), user.login)
            self.assertFalse(defaults.get('archive_on_departure'), user.login)
            self.assertNotEqual(defaults.get('interview_date'), interview.interview_date,
                                user.login)

    def test_registered_without_interview_then_planned(self):
        self._register(plan_interview=False, archive_on_departure=True)
        self.assertFalse(self._interviews())
        wizard = self._open_wizard()
        self.assertTrue(wizard.departure_registered)
        self.assertEqual((wizard.departure_date, wizard.primary_reason_id,
                          wizard.archive_on_departure),
                         ('2026-10-31', self.reason_pay, True))
        wizard.action_confirm()
        self.assertEqual(len(self._interviews()), 1)
        self._open_wizard().action_confirm()
        self.assertEqual(len(self._interviews()), 1)

    def test_archiving_never_adds_an_interview_to_a_departure(self):
        for state in ('done', 'declined', 'cancelled'):
            employee = self.env['hr.employee'].create({
                'name': 'Archived %s' % state, 'company_id': self.company.id})
            interview = self._create_interview(employee=employee)
            if state == 'done':
                interview.action_schedule()
                self._fill_mandatory(interview)
                interview.action_done()
            else:
                getattr(interview, {'declined': 'action_decline',
                                    'cancelled': 'action_cancel'}[state])()
            employee.active = False
            self.assertEqual(self._interviews(employee), interview, state)
            # the departure happens after all: its withdrawn interview is reopened
            self.assertEqual(interview.state, 'draft' if state == 'cancelled' else state)

    def test_a_new_departure_after_a_rehire(self):
        interview = self._held()
        wizard = self._open_wizard()
        # not while the departure is still to come
        interview.departure_date = '2099-01-31'
        wizard.write({'new_departure': True, 'departure_date': '2099-06-30'})
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self._interviews(), interview)
        # nor while its interview is open
        open_one = self._create_interview(employee=self.colleague, departure_date='2020-01-31')
        wizard = self._open_wizard(self.colleague)
        wizard.write({'new_departure': True, 'departure_date': '2099-06-30'})
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self._interviews(self.colleague), open_one)
        # the previous departure is over: the employee was rehired and leaves again
        interview.departure_date = '2026-10-31'
        wizard = self._open_wizard()
        wizard.write({'new_departure': True, 'departure_date': '2099-06-30',
                      'departure_type': 'retirement', 'primary_reason_id': False})
        action = wizard.action_confirm()
        new = self._interviews() - interview
        self.assertEqual(len(new), 1)
        self.assertEqual(action['res_id'], new.id)
        self.assertEqual((new.state, new.departure_date), ('draft', '2099-06-30'))
        self.assertEqual((interview.state, interview.departure_date), ('done', '2026-10-31'))
        self.assertEqual(self._open_wizard().existing_interview_id, new)


class TestReasonFitsDepartureType(ExitInterviewCase):
    """A dismissal "for pay and benefits" would count as a voluntary,
    preventable departure: only reasons of the departure's type are offered,
    and a contradiction is refused wherever it is written."""

    @classmethod
    def setUpClass(cls):
        super(TestReasonFitsDepartureType, cls).setUpClass()
        cls.redundancy = cls.env.ref('hr_exit_interview.exit_reason_redundancy')
        cls.retirement = cls.env.ref('hr_exit_interview.exit_reason_retirement')

    def test_only_fitting_reasons_are_offered(self):
        Wizard = as_user(self.env['hr.exit.departure.wizard'], self.officer)
        wizard = Wizard.create({'employee_id': self.leaver.id, 'departure_type': 'dismissal'})
        self.assertEqual(set(wizard.allowed_reason_ids.mapped('reason_type')), {'involuntary'})
        self.assertIn(self.redundancy, wizard.allowed_reason_ids)
        interview = as_user(self._create_interview(departure_type='resignation'), self.officer)
        self.assertEqual(set(interview.allowed_reason_ids.mapped('reason_type')), {'voluntary'})
        self.assertEqual(set(self._create_interview(
            employee=self.colleague, departure_type='other').allowed_reason_ids.mapped(
                'reason_type')), {'voluntary', 'involuntary', 'other'})
        # changing the type in the form drops a reason that no longer fits
        form = self.env['hr.exit.interview'].new({'departure_type': 'resignation',
                                                  'primary_reason_id': self.reason_pay.id})
        form.departure_type = 'dismissal'
        form._onchange_departure_type()
        self.assertFalse(form.primary_reason_id)
        form.primary_reason_id = self.redundancy
        form._onchange_departure_type()
        self.assertEqual(form.primary_reason_id, self.redundancy)

    def test_wizard_refuses_a_contradiction_and_saves_nothing(self):
        Wizard = as_user(self.env['hr.exit.departure.wizard'], self.officer)
        with self.assertRaises(ValidationError):
            Wizard.create({'employee_id': self.leaver.id, 'departure_type': 'dismissal',
                           'primary_reason_id': self.reason_pay.id})
        self.assertFalse(self.leaver.sudo().departure_date)
        self.assertFalse(self.env['hr.exit.interview'].search(
            [('employee_id', '=', self.leaver.id)]))

    def test_interview_and_employee_refuse_a_contradiction(self):
        interview = as_user(self._create_interview(primary_reason_id=self.reason_pay.id),
                            self.officer)
        self.assertEqual(interview.departure_type, 'resignation')
        for vals in ({'departure_type': 'dismissal'},
                     {'primary_reason_id': self.redundancy.id},
                     {'departure_type': 'retirement'}):
            with self.assertRaises(ValidationError, msg=str(vals)), self.env.cr.savepoint():
                interview.write(vals)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            as_user(self.env['hr.exit.interview'], self.officer).create({
                'employee_id': self.colleague.id, 'departure_type': 'end_of_contract',
                'primary_reason_id': self.reason_pay.id})
        # both at once, when they fit
        interview.write({'departure_type': 'dismissal', 'primary_reason_id': self.redundancy.id})
        self.assertFalse(interview.voluntary)
        self.assertFalse(interview.preventable)
        leaver = self.leaver  # the wizard writes it as the superuser
        leaver.write({'departure_type': 'retirement', 'departure_reason_id': self.retirement.id})
        for vals in ({'departure_type': 'resignation'},
                     {'departure_reason_id': self.reason_pay.id}):
            with self.assertRaises(ValidationError, msg=str(vals)), self.env.cr.savepoint():
                leaver.write(vals)
        self.assertEqual(self.leaver.sudo().departure_type, 'retirement')
        # a departure without a type takes any reason
        interview.write({'departure_type': False, 'primary_reason_id': self.retirement.id})
