from odoo import fields, models


class MailMail(models.Model):
    """Outgoing e-mails. Odoo 11 lets every user read the mail queue; those that
    carry an exit questionnaire link (the key to a leaver's questionnaire) are
    for the HR officers of the interview's company only, until they are sent
    and deleted (see security/hr_exit_interview_rules.xml)."""

    _inherit = 'mail.mail'

    exit_interview_id = fields.Many2one(
        'hr.exit.interview', string='Exit Interview Link Of', readonly=True, copy=False,
        index=True, ondelete='cascade',
        help='The e-mail carries the private questionnaire link of this exit interview.')
