from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.reader_format import format_date

REPORT_XMLID = 'hr_exit_interview.action_report_exit_trends'
OFFICER_GROUP = 'hr_exit_interview.group_exit_officer'


class HrExitTrendWizard(models.TransientModel):
    """Choose the period, granularity, company and departments of the trend
    report, then print it as PDF or preview it as a web page."""

    _name = 'hr.exit.trend.wizard'
    _description = 'Exit Interview Trend Report'

    def _default_date_from(self):
        """The last 12 months; three years for trend readers who are not HR
        officers, whose figures need groups that reach the anonymity
        threshold: a year of departures is split in too few of them."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        months = 11 if self._is_officer() else 35
        return fields.Date.to_string(today.replace(day=1) - relativedelta(months=months))

    def _default_granularity(self):
        """Quarters for HR officers, years for the other trend readers (a
        quarter of one department rarely reaches the threshold)."""
        return 'quarter' if self._is_officer() else 'year'

    def _is_officer(self):
        return self.env.uid == SUPERUSER_ID or self.user_has_groups(OFFICER_GROUP)

    date_from = fields.Date(string='From', required=True,
                            default=lambda self: self._default_date_from(),
                            help='The report covers whole months: this date counts from the '
                                 'first day of its month.')
    date_to = fields.Date(string='To', required=True, default=fields.Date.context_today,
                          help='Counts up to the last day of its month.')
    granularity = fields.Selection([
        ('month', 'Month'),
        ('quarter', 'Quarter'),
        ('year', 'Year'),
    ], required=True, default=lambda self: self._default_granularity(),
        help='The periods the trends are shown by.')
    company_id = fields.Many2one('res.company', required=True,
                                 default=lambda self: self.env.user.company_id,
                                 domain=lambda self: [('id', 'in', self.env.user.company_ids.ids)],
                                 help='The company whose departures the report covers.')
    department_ids = fields.Many2many('hr.department', string='Departments',
                                      help='Leave empty for every department.')

    @api.multi
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_('The start of the period (%s) is after its end (%s): swap '
                                  'the two dates.') % (format_date(self.env, wizard.date_from),
                                                       format_date(self.env, wizard.date_to)))

    @api.multi
    def _check_can_print(self):
        """The trend report is for trend readers, on a company of their own:
        refused to anyone else however it is asked for (menu, /report URL,
        RPC), before a figure is computed."""
        if self.env.uid == SUPERUSER_ID:
            return
        if not self.user_has_groups('hr_exit_interview.group_exit_report'):
            raise AccessError(_('Only users of the exit interview trend reports may print '
                                'them.'))
        self.check_access_rule('read')
        foreign = self.mapped('company_id') - self.env.user.company_ids
        if foreign:
            raise AccessError(_('You may not print the trend report of %s.')
                              % ', '.join(foreign.mapped('name')))

    @api.multi
    def action_print(self):
        """The PDF report."""
        self._check_period()
        return self.env.ref(REPORT_XMLID).report_action(self)

    @api.multi
    def action_preview(self):
        """The same report as a web page."""
        action = self.action_print()
        if action.get('type') == 'ir.actions.report':
            action['report_type'] = 'qweb-html'
        return action

    @api.multi
    def get_period(self):
        """The period of the report, widened to whole months: (first day, last day)."""
        self.ensure_one()
        start = fields.Date.from_string(self.date_from).replace(day=1)
        end = fields.Date.from_string(self.date_to).replace(day=1) + relativedelta(months=1, days=-1)
        return start, end
