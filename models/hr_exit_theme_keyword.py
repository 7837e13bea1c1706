from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .theme_tagger import LANGUAGES, parse_terms

# The languages of the taxonomy: one of LANGUAGES (its stemmer and negation
# words) each. Labels are English source terms, translated by field.
THEME_LANGUAGES = [
    ('en_US', 'English'),
    ('nb_NO', 'Norwegian Bokmål'),
]
assert set(code for code, _label in THEME_LANGUAGES) == set(LANGUAGES)


class HrExitThemeKeyword(models.Model):
    """The words and phrases that signal a theme in one language, one term
    a line: a word (matched by its stem), ``word*`` (a prefix, for
    compounds), ``*word`` (a suffix) or a phrase of such words."""

    _name = 'hr.exit.theme.keyword'
    _description = 'Exit Interview Theme Keywords'
    _order = 'theme_id, lang, id'
    _rec_name = 'lang'

    theme_id = fields.Many2one('hr.exit.theme', required=True, ondelete='cascade', index=True)
    lang = fields.Selection(THEME_LANGUAGES, string='Language', required=True)
    terms = fields.Text(required=True,
                        help='One word or phrase a line. "word" matches every form of the '
                             'word (salary, salaries); "word*" every word that starts with it '
                             '(lønn*: lønnsnivå); "*word" every word that ends with it; blank '
                             'lines and lines starting with # are ignored.')

    _sql_constraints = [
        ('theme_lang_unique', 'unique(theme_id, lang)',
         'A theme has one list of keywords per language.'),
    ]

    @api.constrains('terms')
    def _check_terms(self):
        for keyword in self:
            if not parse_terms(keyword.terms):
                raise ValidationError(_('The keywords of "%s" hold no term.')
                                      % keyword.theme_id.name)

    @api.model
    def create(self, vals):
        self.clear_caches()
        return super(HrExitThemeKeyword, self).create(vals)

    @api.multi
    def write(self, vals):
        self.clear_caches()
        return super(HrExitThemeKeyword, self).write(vals)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super(HrExitThemeKeyword, self).unlink()
