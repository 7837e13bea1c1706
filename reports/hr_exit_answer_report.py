from odoo import fields, models

from ..models.constants import INTERVIEW_KINDS
from .hr_exit_report_mixin import ANSWERS_USED_SQL

# An answer with a value: a rating, or a score.
RATED_SQL = """((a.question_type = 'rating' AND a.rating IS NOT NULL)
                   OR (a.question_type = 'score' AND a.score IS NOT NULL))"""


class HrExitAnswerReport(models.Model):
    """One row per rated answer (a 1-5 rating or a 0-10 score) with its area
    and the facts of the departure it belongs to, without any name. The
    anonymity threshold counts distinct interviews, not answers. Answers of
    a leaver who refused their anonymous use are not in it.

    The answers of stay interviews are rows too, their ``population`` telling
    them from the leavers' (exit / stay): the same questions, compared. A
    stay interview has no departure; its period (``departure_month`` and the
    quarter and year) is the month of the stay interview."""

    _name = 'hr.exit.answer.report'
    _inherit = ['hr.exit.report.mixin']
    _description = 'Exit Interview Score Analysis'
    _auto = False
    _rec_name = 'category_id'

    # interview_id is a column of the view, deliberately not a field: it
    # serves the distinct interview count and nothing else.
    _anonymity_interview_column = 'interview_id'
    _anonymity_row_fields = ('category_id', 'question_id', 'question_type', 'rating', 'score')

    category_id = fields.Many2one('hr.exit.category', string='Area', readonly=True)
    question_id = fields.Many2one('hr.exit.question', string='Question', readonly=True)
    question_type = fields.Selection([('rating', 'Rating (1-5)'), ('score', 'Score (0-10)')],
                                     string='Type', readonly=True)
    rating = fields.Float(string='Rating (1-5)', digits=(3, 2), group_operator='avg',
                          readonly=True)
    score = fields.Float(string='Score (0-10)', digits=(3, 1), group_operator='avg',
                         readonly=True)
    population = fields.Selection(INTERVIEW_KINDS, readonly=True,
                                  help='Exit interviews of leavers, or stay interviews of '
                                       'employees who stay.')

    def _select(self, period='i.departure_date'):
        return """
            SELECT
                a.id AS id,
                a.interview_id,
                a.category_id,
                a.question_id,
                a.question_type,
                CASE WHEN a.question_type = 'rating' THEN a.rating::numeric END AS rating,
                CASE WHEN a.question_type = 'score' THEN a.score::numeric END AS score,
                i.interview_kind AS population,%s
        """ % self._departure_columns(period)

    def _from(self):
        return """
            FROM hr_exit_answer a
            JOIN hr_exit_interview i ON i.id = a.interview_id
        """

    def _where(self):
        return """
            WHERE i.departure_date IS NOT NULL
              AND %s
              AND %s
        """ % (ANSWERS_USED_SQL % {'i': 'i'}, RATED_SQL)

    def _union(self):
        """The answers of the stay interviews, whose period is the month of
        the interview (they have no departure)."""
        return """UNION ALL %s %s
            WHERE i.interview_kind = 'stay' AND i.stay_month IS NOT NULL
              AND %s
              AND %s
        """ % (self._select(period='i.stay_month'), self._from(),
               ANSWERS_USED_SQL % {'i': 'i'}, RATED_SQL)
