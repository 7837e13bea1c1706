from odoo import _, api, fields, models

from .hr_exit_interview import DEPARTURE_TYPES

EXIT_HR_GROUPS = 'hr.group_hr_user,hr_exit_interview.group_exit_officer'


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    departure_date = fields.Date(copy=False, groups=EXIT_HR_GROUPS)
    departure_type = fields.Selection(DEPARTURE_TYPES, copy=False, groups=EXIT_HR_GROUPS)
    departure_reason_id = fields.Many2one('hr.exit.reason', string='Departure Reason',
                                          copy=False, groups=EXIT_HR_GROUPS)
    archive_on_departure = fields.Boolean(
        copy=False, groups=EXIT_HR_GROUPS,
        help='Archive the employee automatically once the departure date has passed.')
    exit_interview_ids = fields.One2many('hr.exit.interview', 'employee_id',
                                         string='Exit Interviews', groups=EXIT_HR_GROUPS)
    exit_interview_count = fields.Integer(compute='_compute_exit_interview_count',
                                          groups=EXIT_HR_GROUPS)

    def _compute_exit_interview_count(self):
        groups = self.env['hr.exit.interview'].read_group(
            [('employee_id', 'in', self.ids)], ['employee_id'], ['employee_id'])
        counts = dict((group['employee_id'][0], group['employee_id_count']) for group in groups)
        for employee in self:
            employee.exit_interview_count = counts.get(employee.id, 0)

    @api.multi
    def write(self, vals):
        leaving = self.env['hr.employee']
        if vals.get('active') is False and not self.env.context.get('exit_departure_registered'):
            leaving = self.filtered('active')
        result = super(HrEmployee, self).write(vals)
        if leaving:
            leaving._create_exit_interview_on_archive()
        return result

    def _create_exit_interview_on_archive(self):
        """An employee archived without the departure wizard still gets an
        exit interview to schedule, once (company setting)."""
        Interview = self.env['hr.exit.interview'].sudo()
        for employee in self:
            if not employee.company_id.exit_create_on_archive:
                continue
            if Interview.search_count([('employee_id', '=', employee.id),
                                       ('state', 'in', ('draft', 'scheduled'))]):
                continue
            interview = Interview.create(employee._prepare_exit_interview_vals())
            interview.message_post(body=_('Created when the employee was archived.'))

    def _prepare_exit_interview_vals(self):
        self.ensure_one()
        company = self.company_id or self.env.user.company_id
        return {
            'employee_id': self.id,
            'departure_date': self.sudo().departure_date or fields.Date.context_today(self),
            'departure_type': self.sudo().departure_type,
            'primary_reason_id': self.sudo().departure_reason_id.id,
            'interviewer_id': company.exit_interviewer_id.id,
            'questionnaire_id': self.env['hr.exit.questionnaire'].sudo().get_default(company).id,
        }

    @api.multi
    def action_register_departure(self):
        self.ensure_one()
        return {
            'name': _('Register departure'),
            'type': 'ir.actions.act_window',
            'res_model': 'hr.exit.departure.wizard',
            'view_type': 'form',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_employee_id': self.id},
        }

    @api.model
    def _cron_archive_departed_employees(self):
        """Archive the employees whose departure date has passed, when HR chose so."""
        departed = self.search([
            ('archive_on_departure', '=', True),
            ('departure_date', '<', fields.Date.context_today(self)),
        ])
        departed.with_context(exit_departure_registered=True).write({'active': False})
        return departed
