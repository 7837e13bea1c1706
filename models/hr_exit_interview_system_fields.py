from odoo import _, api, models
from odoo.exceptions import AccessError

ANONYMIZATION_FIELDS = ('anonymized', 'anonymized_date')
# Written by the action methods, the self-service reply, the anonymisation or
# Odoo's recomputation, never by hand: see hr_exit_system_fields_mixin.py.
INTERVIEW_SYSTEM_FIELDS = (
    'name', 'state', 'date_done', 'channel', 'registration_date', 'invitation_sent',
    'invitation_message_id',
    'questionnaire_token', 'questionnaire_token_expiry', 'questionnaire_sent_date',
    'reminder_sent_date',
    'submitted_date',
    # read by the record rules
    'employee_user_id', 'manager_user_id', 'department_manager_user_id',
    'current_manager_user_id',
    # computed from the answers and the reasons
    'overall_score', 'recommend_score', 'voluntary', 'preventable',
) + ANONYMIZATION_FIELDS


class HrExitInterviewSystemFields(models.Model):
    """What an interview records happened only through its actions, and it
    stays in its employee's company.

    Loaded after the other files of the model, so that its write() and
    create() run first and its wrappers cover every action method."""

    _name = 'hr.exit.interview'
    _inherit = ['hr.exit.interview', 'hr.exit.system.fields.mixin']
    _exit_system_fields = INTERVIEW_SYSTEM_FIELDS
    # what an officer may set, but only to records of their own companies
    _exit_target_fields = ('employee_id', 'manager_id', 'department_id', 'job_id',
                           'questionnaire_id')

    @api.model
    def create(self, vals):
        self._exit_check_system_create(vals)
        if not self._exit_is_system() and vals.get('employee_id'):
            # Checked before anything is created, the company copied from the
            # employee included (Odoo 11 checks the rules only afterwards).
            employee = self.env['hr.employee'].sudo().browse(vals['employee_id'])
            self._check_company_follows_employee(dict(
                vals, company_id=vals.get('company_id') or employee.company_id.id))
        return super(HrExitInterviewSystemFields, self).create(vals)

    @api.multi
    def write(self, vals):
        # The anonymisation's own fields are refused by the retention's write().
        self._exit_check_system_write(vals, [name for name in INTERVIEW_SYSTEM_FIELDS
                                             if name not in ANONYMIZATION_FIELDS])
        self._check_company_follows_employee(vals)
        return super(HrExitInterviewSystemFields, self).write(vals)

    # The workflow: each action checks its own conditions, then writes the
    # state and its dates as the system (decline, cancel and reset share
    # _close_as, sending the link writes the link's fields).

    @api.multi
    def action_schedule(self):
        return super(HrExitInterviewSystemFields, self._exit_as_system()).action_schedule()

    @api.multi
    def action_done(self):
        return super(HrExitInterviewSystemFields, self._exit_as_system()).action_done()

    def _close_as(self, state):
        return super(HrExitInterviewSystemFields, self._exit_as_system())._close_as(state)

    @api.multi
    def action_send_questionnaire(self):
        interviews = self._exit_as_system()
        return super(HrExitInterviewSystemFields, interviews).action_send_questionnaire()

    def _check_company_follows_employee(self, vals):
        """The company of an interview is its employee's, copied when the
        departure is registered. A user may set it (to correct it, or with a
        new employee) to that company only, and only in their current company
        tree: moving an interview elsewhere would hide it from its company's
        officers and show it to another company's."""
        if 'company_id' not in vals or self._exit_is_system():
            return
        records = self.filtered(
            lambda interview: self._exit_differs(interview, 'company_id', vals['company_id']))
        if self and not records:
            return
        self._exit_check_company_vals(vals)
        new_employee = 'employee_id' in vals
        for interview in records or [self]:
            employee = self.env['hr.employee'].browse(vals['employee_id']) if new_employee \
                else interview.employee_id
            company = employee.sudo().company_id
            if company and company.id != vals['company_id']:
                raise AccessError(_('An exit interview belongs to the company of its employee '
                                    '(%s): it cannot be put in another company.') % company.name)
