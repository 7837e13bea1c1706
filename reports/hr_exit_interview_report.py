from odoo import api, fields, models, tools

from ..models.hr_exit_interview import DEPARTURE_TYPES

# The departure is known to the month only: no day, so that a filter cannot
# pick out the one person who left on a given date.
PERIOD_COLUMNS = """
    date_trunc('month', i.departure_date)::date AS departure_month,
    to_char(i.departure_date, 'YYYY "Q"Q') AS departure_quarter,
    to_char(i.departure_date, 'YYYY') AS departure_year"""

# The interview's state as the analysis sees it.
STATE_COLUMN = """
    CASE i.state WHEN 'done' THEN 'held'
                 WHEN 'declined' THEN 'declined'
                 WHEN 'cancelled' THEN 'cancelled'
                 ELSE 'pending' END AS state"""

ANALYSIS_STATES = [
    ('pending', 'Not held yet'),
    ('held', 'Held'),
    ('declined', 'Declined'),
    ('cancelled', 'Cancelled'),
]


def _rehire_selection(model):
    return model.env['hr.exit.interview']._fields['rehire_eligible'].selection


class HrExitInterviewReport(models.Model):
    """One row per departure and its exit interview, without any name: the
    facts of the departure, the period, the state of the interview and its
    scores. Figures shown to users who are not Officers go through the
    anonymity threshold (see hr.exit.anonymity.mixin)."""

    _name = 'hr.exit.interview.report'
    _inherit = ['hr.exit.anonymity.mixin']
    _description = 'Exit Interview Analysis'
    _auto = False
    _rec_name = 'departure_month'
    _order = 'departure_month desc'

    company_id = fields.Many2one('res.company', readonly=True)
    department_id = fields.Many2one('hr.department', readonly=True)
    job_id = fields.Many2one('hr.job', string='Job Position', readonly=True)
    departure_month = fields.Date(readonly=True,
                                  help='First day of the month of the departure.')
    departure_quarter = fields.Char(readonly=True)
    departure_year = fields.Char(readonly=True)
    departure_type = fields.Selection(DEPARTURE_TYPES, readonly=True)
    voluntary = fields.Boolean(readonly=True)
    regretted = fields.Boolean(string='Regretted Loss', readonly=True)
    rehire_eligible = fields.Selection(_rehire_selection, string='Eligible for Rehire',
                                       readonly=True)
    primary_reason_id = fields.Many2one('hr.exit.reason', string='Primary Reason', readonly=True)
    reason_type = fields.Selection([
        ('voluntary', 'Voluntary'),
        ('involuntary', 'Involuntary'),
        ('other', 'Other'),
    ], string='Reason Type', readonly=True)
    preventable = fields.Boolean(readonly=True)
    state = fields.Selection(ANALYSIS_STATES, string='Interview', readonly=True)
    overall_score = fields.Float(digits=(3, 2), group_operator='avg', readonly=True,
                                 help='Mean of the 1-5 ratings of the interview.')
    recommend_score = fields.Float(digits=(3, 1), group_operator='avg', readonly=True,
                                   help='Would recommend us as an employer, 0-10.')
    promoter = fields.Integer(string='Promoters', group_operator='sum', readonly=True,
                              help='Recommendation 9 or 10.')
    detractor = fields.Integer(string='Detractors', group_operator='sum', readonly=True,
                               help='Recommendation 0 to 6.')
    recommend_answered = fields.Integer(string='Recommendations', group_operator='sum',
                                        readonly=True)
    days_to_interview = fields.Float(string='Days to Interview', digits=(6, 1),
                                     group_operator='avg', readonly=True,
                                     help='Days from the registration of the departure to '
                                          'the interview, for held interviews.')

    def _select(self):
        return """
            SELECT
                i.id AS id,
                i.company_id,
                i.department_id,
                i.job_id,%s,
                i.departure_type,
                COALESCE(i.voluntary, FALSE) AS voluntary,
                COALESCE(i.regretted, FALSE) AS regretted,
                i.rehire_eligible,
                i.primary_reason_id,
                r.reason_type,
                COALESCE(i.preventable, FALSE) AS preventable,%s,
                i.overall_score,
                i.recommend_score,
                CASE WHEN i.recommend_score >= 9 THEN 1 ELSE 0 END AS promoter,
                CASE WHEN i.recommend_score <= 6 THEN 1 ELSE 0 END AS detractor,
                CASE WHEN i.recommend_score IS NULL THEN 0 ELSE 1 END AS recommend_answered,
                CASE WHEN i.state = 'done'
                     THEN COALESCE(i.interview_date, i.date_done)::date - i.registration_date
                END AS days_to_interview
        """ % (PERIOD_COLUMNS, STATE_COLUMN)

    def _from(self):
        return """
            FROM hr_exit_interview i
            LEFT JOIN hr_exit_reason r ON r.id = i.primary_reason_id
        """

    def _where(self):
        return """
            WHERE i.departure_date IS NOT NULL
        """

    def _group_by(self):
        """One row per interview: nothing to group; a hook for extensions
        that aggregate."""
        return ''

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW %s AS (%s %s %s %s)' % (
            self._table, self._select(), self._from(), self._where(), self._group_by()))
