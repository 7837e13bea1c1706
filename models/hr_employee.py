from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .constants import DEPARTURE_TYPES, OPEN_STATES

# When someone leaves is HR's business (Odoo's HR officers too); why they leave,
# and their exit interviews, are the exit interview officers' only.
EXIT_HR_GROUPS = 'hr.group_hr_user,hr_exit_interview.group_exit_officer'
EXIT_OFFICER_GROUPS = 'hr_exit_interview.group_exit_officer'
# Stored on the employee: shown empty on employees of other companies.
EXIT_STORED_FIELDS = ('departure_date', 'departure_type', 'departure_reason_id',
                      'archive_on_departure')


class HrEmployee(models.Model):
    _name = 'hr.employee'
    _inherit = ['hr.employee', 'hr.exit.field.guard.mixin']
    _exit_masked_fields = EXIT_STORED_FIELDS

    departure_date = fields.Date(copy=False, groups=EXIT_HR_GROUPS)
    departure_type = fields.Selection(DEPARTURE_TYPES, copy=False, groups=EXIT_OFFICER_GROUPS)
    departure_reason_id = fields.Many2one('hr.exit.reason', string='Departure Reason',
                                          copy=False, groups=EXIT_OFFICER_GROUPS,
                                          index=True)
    # the form offers only the reasons of the departure type
    exit_allowed_reason_ids = fields.Many2many('hr.exit.reason',
                                               compute='_compute_exit_allowed_reason_ids',
                                               groups=EXIT_OFFICER_GROUPS)
    archive_on_departure = fields.Boolean(
        string='Archive the Employee on the Departure Date', copy=False, groups=EXIT_HR_GROUPS,
        help='Archive the employee automatically once the departure date has passed.')
    employment_start_date = fields.Date(
        string='Employment Start', copy=False, groups=EXIT_HR_GROUPS, index=True,
        help='First day of employment. Filled from the first contract when contracts are '
             'kept in Odoo, otherwise entered by HR. Tenure at exit and the headcount of the '
             'trend report are counted from it.')
    exit_interview_ids = fields.One2many('hr.exit.interview', 'employee_id',
                                         string='Exit Interviews', groups=EXIT_OFFICER_GROUPS,
                                         domain=[('interview_kind', '=', 'exit')])
    exit_interview_count = fields.Integer(compute='_compute_exit_interview_count',
                                          groups=EXIT_OFFICER_GROUPS)

    @api.depends('departure_type')
    def _compute_exit_allowed_reason_ids(self):
        for employee in self:
            employee.exit_allowed_reason_ids = self.env['hr.exit.reason']._departure_reasons(
                employee.departure_type)

    @api.constrains('departure_type', 'departure_reason_id')
    def _check_exit_reason_fits_departure_type(self):
        for employee in self.sudo():
            employee.departure_reason_id._check_departure_type(employee.departure_type)

    def _compute_exit_interview_count(self):
        groups = self.env['hr.exit.interview'].read_group(
            [('employee_id', 'in', self.ids), ('interview_kind', '=', 'exit')], ['employee_id'],
            ['employee_id'])
        counts = dict((group['employee_id'][0], group['employee_id_count']) for group in groups)
        for employee in self:
            employee.exit_interview_count = counts.get(employee.id, 0)

    @api.multi
    def _read_from_database(self, field_names, inherited_field_names=None):
        result = super(HrEmployee, self)._read_from_database(
            field_names, inherited_field_names or [])
        masked = [self._fields[name] for name in EXIT_STORED_FIELDS if name in field_names]
        if masked and self.env.uid != SUPERUSER_ID:
            for employee in self._exit_other_company_employees():
                for field in masked:
                    self.env.cache.set(employee, field, field.convert_to_cache(False, employee))
        return result

    @api.model
    def _exit_visible_domain(self):
        """The departure of employees of other companies is shown empty: a
        search, sort or grouping by it leaves those employees out."""
        return ['|', ('company_id', '=', False),
                ('company_id', 'child_of', [self.env.user.company_id.id])]

    def _exit_other_company_employees(self):
        """Employees of companies outside the current user's company tree: their
        departure is not shown, like the exit interviews of those companies."""
        allowed = self.env['res.company'].sudo().search(
            [('id', 'child_of', [self.env.user.company_id.id])])
        others = self.sudo().exists().filtered(
            lambda employee: employee.company_id and employee.company_id not in allowed)
        return self.browse(others.ids)

    def _check_exit_company(self):
        """The departure of an employee is registered from their company: not
        even an exit officer of another company may write it."""
        if self.env.uid != SUPERUSER_ID and self._exit_other_company_employees():
            raise AccessError(_('The departure of an employee of another company can only be '
                                'registered from that company.'))

    @api.multi
    def write(self, vals):
        if set(vals) & set(EXIT_STORED_FIELDS):
            self._check_exit_company()
        leaving = self.env['hr.employee']
        if vals.get('active') is False and not self.env.context.get('exit_departure_registered'):
            leaving = self.filtered('active')
        result = super(HrEmployee, self).write(vals)
        if vals.get('employment_start_date'):
            self._exit_share_employment_start()
        if leaving:
            leaving._create_exit_interview_on_archive()
        return result

    def _exit_share_employment_start(self):
        """A start HR enters after the departure was registered still reaches
        the interviews that lack one; a start already on an interview (perhaps
        corrected there by an officer) is left alone."""
        interviews = self.env['hr.exit.interview'].sudo().search([
            ('employee_id', 'in', self.ids), ('employment_start_date', '=', False)])
        for employee in self.sudo():
            interviews.filtered(lambda interview: interview.employee_id == employee).write(
                {'employment_start_date': employee.employment_start_date})

    def _create_exit_interview_on_archive(self):
        """An employee archived without the departure wizard still gets an
        exit interview to schedule, once per departure (company setting):
        an employee whose departure already has its interview keeps that
        one, whatever its state; a cancelled one (a withdrawn departure that
        happens after all) is reopened, to schedule."""
        Interview = self.env['hr.exit.interview'].sudo()
        for employee in self:
            if not employee.company_id.exit_create_on_archive:
                continue
            interview = employee._exit_departure_interview()
            if interview.state == 'cancelled':
                interview._exit_as_system_author()._exit_reopen()
                interview._post_system_note(_('Reopened when the employee was archived.'))
            if interview:
                continue
            interview = Interview.create(employee._prepare_exit_interview_vals())
            interview._post_system_note(_('Created when the employee was archived.'))

    def _exit_departure_interview(self):
        """The exit interview of the employee's departure, in any state: the
        open one, else the latest one. There is one per departure: the
        wizard and the archiving update it rather than add another. Only
        the wizard's "New departure" starts another one (a rehired employee
        who leaves again)."""
        self.ensure_one()
        Interview = self.env['hr.exit.interview'].sudo()
        mine = [('employee_id', '=', self.id), ('interview_kind', '=', 'exit')]
        interview = Interview.search(mine + [('state', 'in', OPEN_STATES)], limit=1)
        return interview or Interview.search(mine, order='id desc', limit=1)

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

    @api.constrains('employment_start_date', 'departure_date')
    def _check_employment_start_date(self):
        for employee in self.sudo():
            if employee.employment_start_date and employee.departure_date \
                    and employee.employment_start_date > employee.departure_date:
                raise ValidationError(_('The employment start of %s comes after their departure '
                                        'date.') % employee.name)

    @api.model
    def _exit_fill_employment_start(self, employees=None):
        """Take the employment start of employees that have none from their first
        contract. The addon does not depend on hr_contract, so the contracts are
        read from their table when it exists; a date HR entered is never replaced,
        and the creation date of the employee record is never a start: records are
        often imported long after people were hired."""
        cr = self.env.cr
        cr.execute("""SELECT array_agg(column_name::text) FROM information_schema.columns
                      WHERE table_schema = current_schema() AND table_name = 'hr_contract'""")
        columns = set(cr.fetchone()[0] or ())
        if not {'employee_id', 'date_start'} <= columns:
            return 0
        state_clause = "AND c.state IS DISTINCT FROM 'cancel'" if 'state' in columns else ''
        employee_clause, params = '', []
        if employees is not None:
            if not employees:
                return 0
            employee_clause, params = 'AND e.id IN %s', [tuple(employees.ids)]
        cr.execute("""
            UPDATE hr_employee e SET employment_start_date = first.date_start
              FROM (SELECT c.employee_id, min(c.date_start) AS date_start
                      FROM hr_contract c
                     WHERE c.date_start IS NOT NULL {state}
                     GROUP BY c.employee_id) first
             WHERE first.employee_id = e.id AND e.employment_start_date IS NULL {employees}
        """.format(state=state_clause, employees=employee_clause), params)
        filled = cr.rowcount
        if filled:
            self.invalidate_cache(['employment_start_date'])
        return filled

    @api.model
    def _cron_archive_departed_employees(self):
        """Archive the employees whose departure date has passed, when HR chose so.
        The same daily run takes new employment starts from contracts."""
        self._exit_fill_employment_start()
        departed = self.search([
            ('archive_on_departure', '=', True),
            ('departure_date', '<', fields.Date.context_today(self)),
        ])
        departed.with_context(exit_departure_registered=True).write({'active': False})
        return departed
