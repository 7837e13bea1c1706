from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Below this, a group of interviews could point at a person.
MIN_ANONYMITY_THRESHOLD = 3


class ResCompany(models.Model):
    _inherit = 'res.company'

    exit_interviewer_id = fields.Many2one(
        'res.users', string='Default Exit Interviewer', index=True,
        help='Proposed as interviewer when a departure is registered.')
    exit_create_on_archive = fields.Boolean(
        string='Exit Interview on Archiving', default=True,
        help='Archiving an employee without the departure wizard creates an exit interview '
             'to schedule.')
    exit_anonymity_threshold = fields.Integer(
        string='Anonymity Threshold', default=5,
        help='Aggregates shown to people who are not HR officers hide every group of fewer '
             'interviews than this (never below 3).')
    exit_comment_threshold = fields.Integer(
        string='Comment Threshold', default=10,
        help='Free-text comments appear in aggregated reports only for groups of at least '
             'this many interviews, and only to HR officers.')
    exit_difference_days = fields.Integer(
        string='Remember Results Shown (days)', default=30,
        help='A figure whose interviews differ by fewer than the anonymity threshold from a '
             'result the same user was shown in this many days is hidden.')
    exit_difference_sets = fields.Integer(
        string='Remember Results Shown (per user)', default=5000,
        help='How many of the latest sets of interviews shown are remembered per user.')
    exit_retention_months = fields.Integer(
        string='Retention (months)', default=24,
        help='Interviews whose departure is older than this are anonymised.')
    exit_link_validity_days = fields.Integer(
        string='Questionnaire Link Validity (days)', default=30)
    exit_reminder_days = fields.Integer(
        string='Reminder After (days)', default=7,
        help='One reminder is sent this many days after the questionnaire link when nothing '
             'was submitted.')
    exit_selfservice_closes = fields.Boolean(
        string='Close After Online Answers', default=True,
        help='A complete online questionnaire marks the interview as held. Untick it when a '
             'conversation should follow the written answers.')

    @api.constrains('exit_anonymity_threshold', 'exit_comment_threshold', 'exit_retention_months',
                    'exit_link_validity_days', 'exit_reminder_days', 'exit_difference_days',
                    'exit_difference_sets')
    def _check_exit_settings(self):
        for company in self:
            if company.exit_anonymity_threshold < MIN_ANONYMITY_THRESHOLD:
                raise ValidationError(_('The anonymity threshold cannot be below %d.')
                                      % MIN_ANONYMITY_THRESHOLD)
            if company.exit_comment_threshold < company.exit_anonymity_threshold:
                raise ValidationError(_('The comment threshold cannot be below the anonymity '
                                        'threshold.'))
            if company.exit_retention_months < 1 or company.exit_link_validity_days < 1 \
                    or company.exit_reminder_days < 1:
                raise ValidationError(_('Retention, link validity and reminder delay must be '
                                        'at least 1.'))
            if company.exit_difference_days < 1 or company.exit_difference_sets < 1:
                raise ValidationError(_('The results shown are remembered for at least 1 day '
                                        'and 1 result.'))
