from odoo import models


class MailFollowers(models.Model):
    """Followers of an exit interview: only for those who may read the interview."""

    _name = 'mail.followers'
    _inherit = ['mail.followers', 'hr.exit.confidential.mixin']
