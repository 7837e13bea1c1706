from odoo import api, fields, models, tools

from .theme_tagger import ThemeTagger


class HrExitTheme(models.Model):
    """A theme that leavers write about (pay level, workload, recognition...),
    in one of the seven areas, with the words and phrases that signal it in
    each language of the taxonomy (see theme_tagger for how they match)."""

    _name = 'hr.exit.theme'
    _description = 'Exit Interview Comment Theme'
    _order = 'category_sequence, sequence, id'

    name = fields.Char(required=True, translate=True)
    category_id = fields.Many2one('hr.exit.category', string='Area', required=True,
                                  ondelete='restrict', index=True)
    category_sequence = fields.Integer(related='category_id.sequence', store=True,
                                       readonly=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    keyword_ids = fields.One2many('hr.exit.theme.keyword', 'theme_id', string='Keywords',
                                  copy=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_category_unique', 'unique(name, category_id)',
         'A theme name is used once per area.'),
    ]

    @api.model
    def create(self, vals):
        self.clear_caches()
        return super(HrExitTheme, self).create(vals)

    @api.multi
    def write(self, vals):
        self.clear_caches()
        return super(HrExitTheme, self).write(vals)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super(HrExitTheme, self).unlink()

    @api.multi
    def action_recompute_tags(self):
        """After the taxonomy changed: tag every comment again, keeping what
        officers corrected."""
        self.env['hr.exit.answer']._recompute_themes()
        return True

    @api.model
    def _tagger(self):
        """The compiled taxonomy, built once per registry and taxonomy change
        (the cache is cleared by every change of a theme or keyword)."""
        return self._compile_tagger()

    @tools.ormcache()
    def _compile_tagger(self):
        self.env.cr.execute("""
            SELECT k.theme_id, k.lang, k.terms
              FROM hr_exit_theme_keyword k
              JOIN hr_exit_theme t ON t.id = k.theme_id
             WHERE t.active
             ORDER BY k.theme_id, k.id""")
        return ThemeTagger(self.env.cr.fetchall())
