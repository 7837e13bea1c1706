from odoo import api, fields, models

ACTION_STATES = [
    ('open', 'Open'),
    ('in_progress', 'In Progress'),
    ('done', 'Done'),
    ('cancelled', 'Cancelled'),
]
OPEN_ACTION_STATES = ('open', 'in_progress')


class HrExitAction(models.Model):
    """An improvement decided after analysing why people leave: the "act"
    step that follows the analysis. Officers manage them; users of the trend
    reports follow them, without seeing which interviews led to them."""

    _name = 'hr.exit.action'
    _description = 'Exit Interview Improvement Action'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'hr.exit.field.guard.mixin',
                'hr.exit.system.fields.mixin']
    _order = 'date_deadline, id'
    _exit_company_checked = True
    _exit_target_fields = ('interview_ids',)

    name = fields.Char(string='Title', required=True, track_visibility='onchange')
    category_id = fields.Many2one('hr.exit.category', string='Area', ondelete='restrict',
                                  index=True, track_visibility='onchange')
    department_id = fields.Many2one('hr.department', ondelete='set null', index=True,
                                    help='Leave empty for an action for the whole company.')
    user_id = fields.Many2one('res.users', string='Owner', index=True,
                              default=lambda self: self.env.user, track_visibility='onchange')
    date_deadline = fields.Date(string='Deadline', index=True, track_visibility='onchange')
    state = fields.Selection(ACTION_STATES, string='Status', default='open', required=True,
                             index=True, copy=False, track_visibility='onchange',
                             group_expand='_expand_states')
    interview_ids = fields.Many2many(
        'hr.exit.interview', 'hr_exit_action_interview_rel', 'action_id', 'interview_id',
        string='Interviews', groups='hr_exit_interview.group_exit_officer',
        help='The interviews that led to this action. Only HR officers see them.')
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    description = fields.Text()
    is_overdue = fields.Boolean(compute='_compute_is_overdue')

    @api.depends('date_deadline', 'state')
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(action.state in OPEN_ACTION_STATES and action.date_deadline
                                     and action.date_deadline < today)

    @api.multi
    def action_start(self):
        self.write({'state': 'in_progress'})
        return True

    @api.multi
    def action_done(self):
        self.write({'state': 'done'})
        return True

    @api.multi
    def action_cancel(self):
        self.write({'state': 'cancelled'})
        return True

    @api.multi
    def action_reopen(self):
        self.write({'state': 'open'})
        return True

    @api.model
    def _expand_states(self, states, domain, order):
        """Every state is a column of the kanban view, even when empty."""
        return [key for key, _label in ACTION_STATES]
