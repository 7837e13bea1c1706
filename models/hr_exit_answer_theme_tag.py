from odoo import fields, models

from .hr_exit_theme_keyword import THEME_LANGUAGES


class HrExitAnswerThemeTag(models.Model):
    """That a comment speaks of a theme: found by the tagger, or set by an
    officer. An officer's correction (``manual``) survives the recompute of
    the tags: a theme added by hand stays, and a theme removed by hand
    (``removed``) is not found again."""

    _name = 'hr.exit.answer.theme.tag'
    _description = 'Exit Interview Comment Theme Tag'
    _order = 'answer_id, theme_id'
    _rec_name = 'theme_id'

    answer_id = fields.Many2one('hr.exit.answer', required=True, ondelete='cascade',
                                index=True)
    theme_id = fields.Many2one('hr.exit.theme', required=True, ondelete='cascade', index=True)
    # The interview and the language of the comment, kept on the tag: the
    # theme analysis counts interviews per theme from the tags alone, without
    # reading the half million answers that the comments are among.
    interview_id = fields.Many2one('hr.exit.interview', related='answer_id.interview_id',
                                   store=True, readonly=True, index=True)
    lang = fields.Selection(THEME_LANGUAGES, string='Comment Language', readonly=True)
    manual = fields.Boolean(help='Set or removed by an officer: kept when the tags are '
                                 'computed again.')
    removed = fields.Boolean(help='An officer said that the comment does not speak of '
                                  'this theme.')

    _sql_constraints = [
        ('answer_theme_unique', 'unique(answer_id, theme_id)',
         'A comment has a theme once.'),
    ]
