from odoo import models


class HrExitInterviewFieldGuard(models.Model):
    """Fields restricted to some groups (the confidential notes, the
    questionnaire link): no searching, sorting or grouping on them either,
    through the addon's one guard (see hr_exit_field_guard_mixin.py)."""

    _name = 'hr.exit.interview'
    _inherit = ['hr.exit.interview', 'hr.exit.field.guard.mixin']
