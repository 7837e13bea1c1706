from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.constants import DEPARTURE_TYPES, INTERVIEW_STATES, OPEN_STATES, REHIRE_SELECTION
from ..models.hr_exit_interview import OFFICER_GROUP
from ..models.reader_format import format_date

# What the wizard copies from a registered departure's interview, when there is one.
INTERVIEW_DEFAULT_FIELDS = ('departure_date', 'departure_type', 'primary_reason_id', 'regretted',
                            'rehire_eligible', 'interviewer_id', 'interview_date',
                            'questionnaire_id')


class HrExitDepartureWizard(models.TransientModel):
    """Register an employee's departure and plan the exit interview in one
    step, or correct a departure registered before.

    One departure has one exit interview. Opened on an employee whose
    departure is registered already, the wizard shows that departure, warns,
    and confirming updates it: the employee and the departure's interview
    (see hr.employee._exit_departure_interview), never a second interview. A
    cancelled interview (a withdrawn departure) is reopened. Only "New
    departure" starts another interview: for a rehired employee who leaves
    again, once the previous departure's date has passed and its interview
    is closed."""

    _name = 'hr.exit.departure.wizard'
    _description = 'Register a Departure'

    def _default_interviewer(self):
        return self.env.user.company_id.exit_interviewer_id or self.env.user

    employee_id = fields.Many2one('hr.employee', required=True, ondelete='cascade',
                                  help='The employee who leaves.')
    departure_date = fields.Date(required=True, default=fields.Date.context_today,
                                 help='Their last working day. It may lie in the future: the '
                                      'departure is then a planned one.')
    departure_type = fields.Selection(DEPARTURE_TYPES, required=True, default='resignation',
                                      help='Without a primary reason, a resignation counts as a '
                                           'voluntary departure and any other type as an '
                                           'involuntary one.')
    primary_reason_id = fields.Many2one('hr.exit.reason', string='Primary Reason',
                                        help='The main reason for leaving, as far as it is '
                                             'known now; it can be changed after the interview.')
    allowed_reason_ids = fields.Many2many('hr.exit.reason',
                                          compute='_compute_allowed_reason_ids')
    regretted = fields.Boolean(string='Regretted Loss',
                               help='The company would have liked to keep this person.')
    rehire_eligible = fields.Selection(REHIRE_SELECTION, string='Eligible for Rehire',
                                       help='Whether the company would hire this person again.')
    plan_interview = fields.Boolean(string='Plan an Exit Interview', default=True,
                                    help='Create the exit interview, with its questionnaire and '
                                         "the interviewer's activity.")
    interviewer_id = fields.Many2one('res.users', string='Interviewer',
                                     default=lambda self: self._default_interviewer(),
                                     help='Who holds the interview: a user with the '
                                          '"Interviewer" access, neither the leaver nor '
                                          'their manager.')
    interview_date = fields.Datetime(string='Proposed Date',
                                     help='When the interview could take place; it can be '
                                          'agreed with the leaver later.')
    questionnaire_id = fields.Many2one(
        'hr.exit.questionnaire',
        default=lambda self: self.env['hr.exit.questionnaire'].get_default(),
        help="The questions of the interview. Defaults to the company's default "
             "questionnaire.")
    archive_on_departure = fields.Boolean(string='Archive the Employee on the Departure Date',
                                          help='Archive the employee automatically once the '
                                               'departure date has passed.')
    # The departure registered before, if any: the wizard then edits it.
    existing_interview_id = fields.Many2one(
        'hr.exit.interview', string='Exit Interview of the Departure',
        compute='_compute_existing_departure',
        help='The exit interview of the departure registered before: the wizard changes that '
             'departure instead of registering another one.')
    existing_state = fields.Selection(INTERVIEW_STATES, string='Interview Status',
                                      compute='_compute_existing_departure',
                                      help='Where the exit interview of that departure stands.')
    departure_registered = fields.Boolean(compute='_compute_existing_departure')
    new_departure = fields.Boolean(
        string='New Departure (Rehired)',
        help='The employee was rehired after the departure shown and now leaves again: '
             'register a new departure with its own exit interview. Only once the previous '
             'departure date has passed and its interview is closed.')

    @api.depends('departure_type')
    def _compute_allowed_reason_ids(self):
        for wizard in self:
            wizard.allowed_reason_ids = self.env['hr.exit.reason']._departure_reasons(
                wizard.departure_type)

    @api.depends('employee_id')
    def _compute_existing_departure(self):
        for wizard in self:
            employee = wizard.employee_id
            interview = wizard._may_see_departure(employee) \
                and employee._exit_departure_interview() or False
            # shown as the officer reads it
            wizard.existing_interview_id = interview and interview.sudo(wizard.env.uid)
            wizard.existing_state = interview and interview.state
            wizard.departure_registered = bool(interview or wizard._may_see_departure(
                employee) and employee.sudo().departure_date)

    @api.constrains('departure_type', 'primary_reason_id')
    def _check_reason_fits_departure_type(self):
        for wizard in self:
            wizard.primary_reason_id._check_departure_type(wizard.departure_type)

    @api.model
    def default_get(self, fields_list):
        values = super(HrExitDepartureWizard, self).default_get(fields_list)
        if values.get('employee_id'):
            employee = self.env['hr.employee'].browse(values['employee_id'])
            values.update(self._prepare_departure_defaults(employee))
        return values

    @api.onchange('employee_id')
    def _onchange_employee_id(self):
        company = self.employee_id.company_id
        if company:
            self.interviewer_id = company.exit_interviewer_id or self.env.user
            self.questionnaire_id = self.env['hr.exit.questionnaire'].get_default(company)
        if self.employee_id:
            self.update(self._prepare_departure_defaults(self.employee_id))

    @api.onchange('departure_type')
    def _onchange_departure_type(self):
        """A reason that does not fit the new type is cleared, not kept."""
        self.primary_reason_id = self.primary_reason_id._fit_departure_type(self.departure_type)

    @api.model
    def _may_see_departure(self, employee):
        """Whether the user may be shown the registered departure of the
        employee: an exit officer of the employee's company. Anyone may open
        a wizard; nobody else learns a departure from its defaults."""
        return bool(employee) and self.env.user.has_group(OFFICER_GROUP) \
            and not employee.with_env(self.env)._exit_other_company_employees()

    @api.model
    def _prepare_departure_defaults(self, employee):
        """The registered departure of ``employee``, to show and edit: the
        values of its interview, else those kept on the employee."""
        if not self._may_see_departure(employee):
            return {}
        interview = employee._exit_departure_interview()
        departure = employee.sudo()
        values = {}
        if departure.departure_date:
            values.update({
                'departure_date': departure.departure_date,
                'departure_type': departure.departure_type,
                'primary_reason_id': departure.departure_reason_id.id,
                'archive_on_departure': departure.archive_on_departure,
            })
        if interview:
            for name in INTERVIEW_DEFAULT_FIELDS:
                value = interview[name]
                values[name] = value.id if isinstance(value, models.BaseModel) else value
            values['plan_interview'] = True
        return dict((name, value) for name, value in values.items()
                    if value or name in ('regretted', 'archive_on_departure'))

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        # Refuse before anything is written on the employee.
        self.env['hr.exit.interview'].check_access_rights('create')
        employee = self.employee_id
        # The sudo() below would skip the employee's own company check.
        employee._check_exit_company()
        interview = self.existing_interview_id
        if self.new_departure:
            self._check_new_departure()
            interview = self.env['hr.exit.interview']
        # Exit officers need not be Odoo HR officers: they may set the departure
        # fields, and only these, on the employee.
        employee.sudo().write(self._prepare_employee_vals())
        if interview:
            self._update_interview(interview)
        elif self.plan_interview or self.new_departure:
            # the interviewer's activity comes with the interview
            interview = self.env['hr.exit.interview'].create(self._prepare_interview_vals())
            interview.message_post(body=_('Departure registered by %s: %s on %s.') % (
                self.env.user.name, self._departure_type_label(),
                format_date(self.env, self.departure_date)))
        else:
            return {'type': 'ir.actions.act_window_close'}
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'hr.exit.interview',
            'res_id': interview.id,
            'view_type': 'form',
            'view_mode': 'form',
            'target': 'current',
        }

    def _departure_type_label(self):
        return dict(self._fields['departure_type']._description_selection(self.env))[
            self.departure_type].lower()

    def _check_new_departure(self):
        """A new departure only after the previous one: its date has passed
        and its interview is closed. Otherwise it is the same departure, to
        correct."""
        previous = self.existing_interview_id
        last_date = max(previous.departure_date or '',
                        self.employee_id.sudo().departure_date or '')
        today = fields.Date.context_today(self)
        if (previous and previous.state in OPEN_STATES) or last_date >= today:
            raise UserError(_(
                'The departure of %s registered on %s is not over yet: correct it instead of '
                'registering a new one (untick "New Departure").') % (
                    self.employee_id.name, last_date or ''))

    def _update_interview(self, interview):
        """Bring the departure's interview in line with the wizard: its
        departure always; its planning only while it is open (a held or
        declined interview keeps who held it and when)."""
        interview._exit_reopen()
        vals = self._prepare_interview_vals()
        del vals['employee_id']
        if interview.state not in OPEN_STATES:
            for name in ('interviewer_id', 'interview_date', 'questionnaire_id'):
                vals.pop(name)
        vals = dict((name, value) for name, value in vals.items()
                    if interview._exit_differs(interview, name, value))
        if vals:
            interview.write(vals)
        interview.message_post(body=_('Departure updated by %s: %s on %s.') % (
            self.env.user.name, self._departure_type_label(),
            format_date(self.env, self.departure_date)))

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
