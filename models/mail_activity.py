from odoo import models


class MailActivity(models.Model):
    """Activities of an exit interview: only for those who may read the interview."""

    _name = 'mail.activity'
    _inherit = ['mail.activity', 'hr.exit.confidential.mixin']
