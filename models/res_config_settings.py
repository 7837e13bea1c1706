from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    exit_interviewer_id = fields.Many2one(
        related='company_id.exit_interviewer_id', string='Default Exit Interviewer')
    exit_create_on_archive = fields.Boolean(
        related='company_id.exit_create_on_archive', string='Exit Interview on Archiving')
    exit_anonymity_threshold = fields.Integer(
        related='company_id.exit_anonymity_threshold', string='Anonymity Threshold')
    exit_comment_threshold = fields.Integer(
        related='company_id.exit_comment_threshold', string='Comment Threshold')
    exit_difference_days = fields.Integer(
        related='company_id.exit_difference_days', string='Remember Results Shown (days)')
    exit_difference_sets = fields.Integer(
        related='company_id.exit_difference_sets', string='Remember Results Shown (per user)')
    exit_retention_months = fields.Integer(
        related='company_id.exit_retention_months', string='Retention (months)')
    exit_link_validity_days = fields.Integer(
        related='company_id.exit_link_validity_days', string='Questionnaire Link Validity (days)')
    exit_reminder_days = fields.Integer(
        related='company_id.exit_reminder_days', string='Reminder After (days)')
    exit_selfservice_closes = fields.Boolean(
        related='company_id.exit_selfservice_closes', string='Close After Online Answers')
