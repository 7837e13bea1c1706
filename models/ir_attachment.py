from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .hr_exit_confidential_mixin import is_exit_model

OFFICER_GROUP = 'hr_exit_interview.group_exit_officer'


class IrAttachment(models.Model):
    """Attachments of an exit interview: only for those who may read the interview.

    An access token turns an attachment into a public link that keeps working
    whoever holds it, long after its maker lost access to the interview. The
    attachments of the addon's records get no such link from anyone but HR
    officers, and no token ever opens them (see ir.http's binary_content):
    they are read with the reader's own rights."""

    _name = 'ir.attachment'
    _inherit = ['ir.attachment', 'hr.exit.confidential.mixin']

    @api.multi
    def generate_access_token(self):
        if self.env.uid != SUPERUSER_ID and not self.user_has_groups(OFFICER_GROUP) \
                and self._of_exit_records():
            raise AccessError(_('Attachments of exit interviews cannot be given a public '
                                'link.'))
        return super(IrAttachment, self).generate_access_token()

    @api.multi
    def _of_exit_records(self):
        """Whether one of these attachments belongs to a record of the addon,
        directly or through a message posted on one."""
        attachments = self.sudo()
        if any(is_exit_model(model) for model in attachments.mapped('res_model')):
            return True
        return bool(attachments.ids) and bool(self.env['mail.message'].sudo().search_count([
            ('attachment_ids', 'in', attachments.ids), ('model', '=like', 'hr.exit.%')]))
