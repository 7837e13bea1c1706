from odoo import api, models, tools

# Kinds of translations a module's term may be stored as: its Python code,
# its field labels and selections, and the terms of its views and templates.
TERM_TYPES = ('code', 'sql_constraint', 'selection', 'field', 'model_terms')


class IrTranslation(models.Model):
    _inherit = 'ir.translation'

    @api.model
    @tools.ormcache('module', 'lang', 'source')
    def _get_addon_source(self, module, lang, source):
        """The translation of ``source`` that ``module`` ships, preferring its
        Python terms; Odoo's lookup among all modules when it ships none.
        Cached like ``_get_source``, and cleared with it on any change."""
        if not source or not lang or lang == 'en_US':
            return source
        self.env.cr.execute("""
            SELECT value FROM ir_translation
             WHERE lang = %s AND module = %s AND src = %s AND type IN %s
               AND value IS NOT NULL AND value != ''
          ORDER BY type != 'code', id
             LIMIT 1""", (lang, module, source, TERM_TYPES))
        row = self.env.cr.fetchone()
        if row:
            return row[0]
        return self._get_source(None, ('code', 'sql_constraint'), lang, source)
