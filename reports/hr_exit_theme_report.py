from odoo import api, fields, models

from ..models.hr_exit_theme_keyword import THEME_LANGUAGES
from .hr_exit_report_mixin import ANSWERS_USED_SQL


class HrExitThemeReport(models.Model):
    """One row per comment and theme it speaks of (the officers' corrections
    applied), with the facts of the departure, without the comment itself.

    Comments are the most personal answers: a group is shown to a user who
    is not an officer only when it holds comments of at least the company's
    comment threshold of distinct interviews (never below the anonymity
    threshold), under the suppression rules of every analysis."""

    _name = 'hr.exit.theme.report'
    _inherit = ['hr.exit.report.mixin']
    _description = 'Exit Interview Comment Theme Analysis'
    _auto = False
    _rec_name = 'theme_id'

    # interview_id and answer_id are columns of the view, deliberately not
    # fields: the distinct interview count and the officers' quotes use them.
    _anonymity_interview_column = 'interview_id'
    _anonymity_row_fields = ('theme_id', 'category_id', 'lang')

    theme_id = fields.Many2one('hr.exit.theme', string='Theme', readonly=True)
    category_id = fields.Many2one('hr.exit.category', string='Area', readonly=True)
    lang = fields.Selection(THEME_LANGUAGES, string='Comment Language', readonly=True)

    @api.model
    def _anonymity_threshold(self, companies=None):
        """The comment threshold of the same companies as the anonymity
        threshold (see the mixin), never below that one."""
        threshold = super(HrExitThemeReport, self)._anonymity_threshold(companies)
        Company = self.env['res.company'].sudo()
        reach = Company.search([('id', 'child_of', [self.env.user.company_id.id])])
        shown = reach & Company.browse(companies.ids) if companies is not None else reach
        return max([threshold] + (shown or reach).mapped('exit_comment_threshold'))

    def _select(self):
        return """
            SELECT
                tag.id AS id,
                tag.interview_id,
                tag.answer_id,
                tag.theme_id,
                theme.category_id,
                tag.lang,%s
        """ % self._departure_columns()

    def _from(self):
        return """
            FROM hr_exit_answer_theme_tag tag
            JOIN hr_exit_theme theme ON theme.id = tag.theme_id
            JOIN hr_exit_interview i ON i.id = tag.interview_id
        """

    def _where(self):
        return """
            WHERE i.departure_date IS NOT NULL
              AND %s
              AND NOT COALESCE(tag.removed, FALSE)
        """ % (ANSWERS_USED_SQL % {'i': 'i'})
