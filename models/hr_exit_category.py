from odoo import fields, models


class HrExitCategory(models.Model):
    """One of the seven areas an exit interview covers."""

    _name = 'hr.exit.category'
    _description = 'Exit Interview Area'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help='Stable key used by reports and integrations.')
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of an area must be unique.'),
    ]
