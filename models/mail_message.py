from odoo import models


class MailMessage(models.Model):
    """Messages of an exit interview: only for those who may read the interview
    (see security/hr_exit_interview_rules.xml), author and recipients included."""

    _name = 'mail.message'
    _inherit = ['mail.message', 'hr.exit.confidential.mixin']
    _exit_interview_model_field = 'model'
