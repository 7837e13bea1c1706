from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .constants import OPEN_STATES
from .hr_exit_interview import OFFICER_GROUP

ROUND_STATES = [
    ('draft', 'Draft'),
    ('running', 'Running'),
    ('closed', 'Closed'),
]


class HrExitStayRound(models.Model):
    """A round of stay interviews: one private questionnaire link to each
    employee of the chosen departments (or of the whole company).

    The round's participations are the employees' stay interviews
    (hr.exit.interview of kind "stay"): each carries the link, its reminder
    (the same daily job as the exit questionnaire) and whether the employee
    answered. In an anonymous round the answers leave that interview when
    they arrive, into one of the round's answer sets (see
    hr_exit_interview_stay.py): the interview then only says that the
    employee took part, so that no reminder follows."""

    _name = 'hr.exit.stay.round'
    _description = 'Stay Interview Round'
    _order = 'date_launched desc, id desc'

    name = fields.Char(required=True)
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    department_ids = fields.Many2many(
        'hr.department', 'hr_exit_stay_round_department_rel', 'round_id', 'department_id',
        string='Departments',
        help='Employees of these departments and their sub-departments; leave empty for every '
             'employee of the company.')
    questionnaire_id = fields.Many2one(
        'hr.exit.questionnaire', required=True, ondelete='restrict', index=True,
        default=lambda self: self._default_questionnaire_id())
    anonymous = fields.Boolean(
        help='Once submitted, the answers keep only department, job, company, tenure band and '
             'period: nothing links them to the employee any more.')
    state = fields.Selection(ROUND_STATES, default='draft', required=True, readonly=True,
                             copy=False)
    date_launched = fields.Datetime(string='Launched on', readonly=True, copy=False)
    stay_month = fields.Date(string='Period', readonly=True, copy=False)
    interview_ids = fields.One2many(
        'hr.exit.interview', 'stay_round_id', string='Participations',
        domain=[('stay_anonymous', '=', False)], readonly=True)
    participant_count = fields.Integer(compute='_compute_participation')
    answered_count = fields.Integer(string='Answered', compute='_compute_participation')
    skipped_note = fields.Text(
        string='Not Invited', readonly=True, copy=False,
        help='Employees of the round who got no link, and why.')

    def _default_questionnaire_id(self):
        return self.env['hr.exit.questionnaire'].get_default(self.env.user.company_id)

    def _compute_participation(self):
        """Counted in SQL, by round: every participation, and those that
        replied (answered or declined)."""
        base = [('stay_round_id', 'in', self.ids), ('stay_anonymous', '=', False)]
        Interview = self.env['hr.exit.interview']
        total, answered = [dict((group['stay_round_id'][0], group['stay_round_id_count'])
                                for group in Interview.read_group(
                                    domain, ['stay_round_id'], ['stay_round_id']))
                           for domain in (base, base + [('submitted_date', '!=', False)])]
        for stay_round in self:
            stay_round.participant_count = total.get(stay_round.id, 0)
            stay_round.answered_count = answered.get(stay_round.id, 0)

    @api.multi
    def unlink(self):
        if any(stay_round.state != 'draft' for stay_round in self):
            raise UserError(_('A launched stay round is part of the records and cannot be '
                              'deleted; close it instead.'))
        return super(HrExitStayRound, self).unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_officer(self):
        if not self.user_has_groups(OFFICER_GROUP):
            raise AccessError(_('Only HR officers may launch or close a stay round.'))

    @api.multi
    def action_launch(self):
        """Create each employee's stay interview and e-mail its private link."""
        self._check_officer()
        for stay_round in self:
            if stay_round.state != 'draft':
                raise UserError(_('The stay round "%s" was launched already.')
                                % stay_round.name)
            if not stay_round.questionnaire_id.question_ids:
                raise UserError(_('Choose a questionnaire with questions for the stay round '
                                  '"%s".') % stay_round.name)
            stay_round._launch()
        return True

    @api.multi
    def action_close(self):
        """No more answers: every link of the round stops working."""
        self._check_officer()
        for stay_round in self.filtered(lambda r: r.state == 'running'):
            pending = self.env['hr.exit.interview'].search([
                ('stay_round_id', '=', stay_round.id), ('state', 'in', OPEN_STATES)])
            pending.action_cancel()
            stay_round.write({'state': 'closed'})
        return True

    # ------------------------------------------------------------------

    def _launch(self):
        self.ensure_one()
        now = fields.Datetime.now()
        Interview = self.env['hr.exit.interview']
        month = Interview._stay_month_of(fields.Date.context_today(self))
        self.write({'state': 'running', 'date_launched': now, 'stay_month': month})
        employees, skipped = self._split_participants(self._participants())
        interviews = Interview.browse()
        for employee in employees:
            interviews |= Interview.create(self._prepare_stay_interview_vals(employee))
        if self.anonymous:
            Interview._stay_create_answer_sets(self, len(interviews))
        interviews.action_send_questionnaire()
        self.skipped_note = '\n'.join(
            '%s: %s' % (employee.name, reason) for employee, reason in skipped) or False
        return interviews

    def _participants(self):
        """The active employees of the round's departments (sub-departments
        included), or of its company."""
        domain = [('company_id', '=', self.company_id.id)]
        if self.department_ids:
            domain.append(('department_id', 'child_of', self.department_ids.ids))
        return self.env['hr.employee'].sudo().search(domain)

    def _split_participants(self, employees):
        """Who gets a link, and who does not and why: leavers (their exit
        interview is open) and employees without an e-mail address."""
        leaving = set(self.env['hr.exit.interview'].sudo().search([
            ('interview_kind', '=', 'exit'), ('state', 'in', OPEN_STATES),
            ('employee_id', 'in', employees.ids)]).mapped('employee_id').ids)
        invited, skipped = employees.browse(), []
        for employee in employees:
            if employee.id in leaving:
                skipped.append((employee, _('leaving, with an exit interview under way')))
            elif not (employee.work_email or employee.address_home_id.email):
                skipped.append((employee, _('no e-mail address')))
            else:
                invited |= employee
        return invited, skipped

    def _prepare_stay_interview_vals(self, employee):
        values = self.env['hr.exit.interview']._prepare_employee_snapshot(employee)
        values.update({
            'employee_id': employee.id,
            'interview_kind': 'stay',
            'stay_round_id': self.id,
            'stay_month': self.stay_month,
            'company_id': self.company_id.id,
            'questionnaire_id': self.questionnaire_id.id,
        })
        return values

    def _demo_reply(self, replies):
        """Demo data: employees reply through the self-service submission,
        as the page would send it. ``replies``: [(employee id, [ratings of
        the rating questions, in the questionnaire's order])]; the other
        questions get a plain answer when they need one."""
        for employee_id, ratings in replies:
            interview = self.env['hr.exit.interview'].sudo().search([
                ('stay_round_id', 'in', self.ids), ('employee_id', '=', employee_id),
                ('state', 'in', OPEN_STATES)], limit=1)
            if not interview:
                continue  # not invited (no e-mail address, or leaving)
            answers = interview.answer_ids.sorted(lambda a: (a.category_sequence, a.sequence))
            ratings = list(ratings)
            form = {'consent': 'on'}
            for answer in answers:
                value = None
                if answer.question_type == 'rating' and ratings:
                    value = ratings.pop(0)
                elif answer.question_type == 'score':
                    value = 8
                elif answer.mandatory and answer.question_type == 'yes_no':
                    value = 'yes'
                elif answer.mandatory and answer.question_type == 'choice':
                    value = answer.question_id.option_ids[:1].id
                if value is not None:
                    form[answer._selfservice_key()] = str(value)
            errors = interview._selfservice_submit(form)
            if errors:
                raise UserError(', '.join(errors.values()))
        return True
