from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.constants import DEPARTURE_TYPES, OPEN_STATES, REHIRE_SELECTION


class HrExitDepartureWizard(models.TransientModel):
    """Register an employee's departure and plan the exit interview in one step."""

    _name = 'hr.exit.departure.wizard'
    _description = 'Register a Departure'

    def _default_interviewer(self):
        return self.env.user.company_id.exit_interviewer_id or self.env.user

    employee_id = fields.Many2one('hr.employee', required=True, ondelete='cascade')
    departure_date = fields.Date(required=True, default=fields.Date.context_today)
    departure_type = fields.Selection(DEPARTURE_TYPES, required=True, default='resignation')
    primary_reason_id = fields.Many2one('hr.exit.reason', string='Primary Reason')
    regretted = fields.Boolean(string='Regretted Loss')
    rehire_eligible = fields.Selection(REHIRE_SELECTION, string='Eligible for Rehire')
    plan_interview = fields.Boolean(string='Plan an Exit Interview', default=True)
    interviewer_id = fields.Many2one('res.users', string='Interviewer',
                                     default=lambda self: self._default_interviewer())
    interview_date = fields.Datetime(string='Proposed Date')
    questionnaire_id = fields.Many2one(
        'hr.exit.questionnaire',
        default=lambda self: self.env['hr.exit.questionnaire'].get_default())
    archive_on_departure = fields.Boolean(string='Archive the Employee on the Departure Date')

    @api.onchange('employee_id')
    def _onchange_employee_id(self):
        company = self.employee_id.company_id
        if company:
            self.interviewer_id = company.exit_interviewer_id or self.env.user
            self.questionnaire_id = self.env['hr.exit.questionnaire'].get_default(company)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        # Refuse before anything is written on the employee.
        self.env['hr.exit.interview'].check_access_rights('create')
        employee = self.employee_id
        # The sudo() below would skip the employee's own company check.
        employee._check_exit_company()
        open_interview = self.env['hr.exit.interview'].search(
            [('employee_id', '=', employee.id), ('interview_kind', '=', 'exit'),
             ('state', 'in', OPEN_STATES)], limit=1)
        if self.plan_interview and open_interview:
            raise UserError(_('%s already has an open exit interview (%s). Update that one '
                              'instead, or untick "Plan an exit interview".')
                            % (employee.name, open_interview.name))
        # Exit officers need not be Odoo HR officers: they may set the departure
        # fields, and only these, on the employee.
        employee.sudo().write(self._prepare_employee_vals())
        if not self.plan_interview:
            return {'type': 'ir.actions.act_window_close'}
        # the interviewer's activity comes with the interview
        interview = self.env['hr.exit.interview'].create(self._prepare_interview_vals())
        interview.message_post(body=_('Departure registered by %s: %s on %s.') % (
            self.env.user.name,
            dict(self._fields['departure_type']._description_selection(self.env))[
                self.departure_type].lower(),
            self.departure_date))
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'hr.exit.interview',
            'res_id': interview.id,
            'view_type': 'form',
            'view_mode': 'form',
            'target': 'current',
        }

    def _prepare_employee_vals(self):
        return {
            'departure_date': self.departure_date,
            'departure_type': self.departure_type,
            'departure_reason_id': self.primary_reason_id.id,
            'archive_on_departure': self.archive_on_departure,
        }

    def _prepare_interview_vals(self):
        return {
            'employee_id': self.employee_id.id,
            'departure_date': self.departure_date,
            'departure_type': self.departure_type,
            'primary_reason_id': self.primary_reason_id.id,
            'regretted': self.regretted,
            'rehire_eligible': self.rehire_eligible,
            'interviewer_id': self.interviewer_id.id,
            'interview_date': self.interview_date,
            'questionnaire_id': self.questionnaire_id.id,
        }
