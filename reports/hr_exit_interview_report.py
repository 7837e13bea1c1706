from odoo import fields, models

from ..models.constants import DETRACTOR_MAX, PROMOTER_MIN, REASON_TYPES, REHIRE_SELECTION
from .hr_exit_report_mixin import ANSWERS_USED_SQL


class HrExitInterviewReport(models.Model):
    """One row per departure and its exit interview, without any name: the
    facts of the departure, the period, the state of the interview and its
    scores. Figures shown to users who are not Officers go through the
    anonymity threshold (see hr.exit.anonymity.mixin).

    The departure of a leaver who refused the anonymous use of their answers
    counts as a departure; its scores are left out (empty), and the column
    ``answers_used`` (not a field) tells the queries that read the answers
    through this view (the trend report's ratings per area) to skip it."""

    _name = 'hr.exit.interview.report'
    _inherit = ['hr.exit.report.mixin']
    _description = 'Exit Interview Analysis'
    _auto = False
    _rec_name = 'departure_month'

    regretted = fields.Boolean(string='Regretted Loss', readonly=True)
    rehire_eligible = fields.Selection(REHIRE_SELECTION, string='Eligible for Rehire',
                                       readonly=True)
    reason_type = fields.Selection(REASON_TYPES, readonly=True)
    preventable = fields.Boolean(readonly=True)
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
                i.id AS id,%(departure_columns)s,
                COALESCE(i.regretted, FALSE) AS regretted,
                i.rehire_eligible,
                r.reason_type,
                COALESCE(i.preventable, FALSE) AS preventable,
                CASE WHEN %(answers_used)s THEN i.overall_score END AS overall_score,
                CASE WHEN %(answers_used)s THEN i.recommend_score END AS recommend_score,
                CASE WHEN %(answers_used)s AND i.recommend_score >= %(promoter_min)d
                     THEN 1 ELSE 0 END AS promoter,
                CASE WHEN %(answers_used)s AND i.recommend_score <= %(detractor_max)d
                     THEN 1 ELSE 0 END AS detractor,
                CASE WHEN %(answers_used)s AND i.recommend_score IS NOT NULL
                     THEN 1 ELSE 0 END AS recommend_answered,
                %(answers_used)s AS answers_used,
                -- a column, not a field: the report counts first-year exits
                -- with it, nobody groups by it (a tenure of 37 months names one)
                i.tenure_months,
                CASE WHEN i.state = 'done'
                     THEN COALESCE(i.interview_date, i.date_done)::date - i.registration_date
                END AS days_to_interview
        """ % {'departure_columns': self._departure_columns(), 'promoter_min': PROMOTER_MIN,
               'detractor_max': DETRACTOR_MAX, 'answers_used': ANSWERS_USED_SQL % {'i': 'i'}}

    def _from(self):
        return """
            FROM hr_exit_interview i
            LEFT JOIN hr_exit_reason r ON r.id = i.primary_reason_id
        """

    def _where(self):
        return """
            WHERE i.departure_date IS NOT NULL
        """
