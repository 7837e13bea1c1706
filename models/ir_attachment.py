from odoo import models


class IrAttachment(models.Model):
    """Attachments of an exit interview: only for those who may read the interview."""

    _name = 'ir.attachment'
    _inherit = ['ir.attachment', 'hr.exit.confidential.mixin']
