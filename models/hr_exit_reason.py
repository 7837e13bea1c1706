from odoo import fields, models

from .constants import REASON_TYPES


class HrExitReason(models.Model):
    """Why someone leaves: the taxonomy used on departures and in reports."""

    _name = 'hr.exit.reason'
    _description = 'Reason for Leaving'
    _order = 'reason_type desc, sequence, name'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    reason_type = fields.Selection(REASON_TYPES, string='Type', required=True, default='voluntary')
    preventable = fields.Boolean(
        help='The company could have influenced this departure (pay, leadership, '
             'workload...). Reports show the share of preventable exits.')
    category_id = fields.Many2one(
        'hr.exit.category', string='Area', ondelete='restrict', index=True,
        help='The questionnaire area this reason belongs to.')
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
