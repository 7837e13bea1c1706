from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    exit_interviewer_id = fields.Many2one(
        related='company_id.exit_interviewer_id', string='Default Exit Interviewer')
    exit_create_on_archive = fields.Boolean(
        related='company_id.exit_create_on_archive', string='Exit Interview on Archiving')
