from odoo import SUPERUSER_ID, api, models

from ..models.hr_exit_confidential_mixin import is_exit_model


class MailComposeMessage(models.TransientModel):
    """The composer fills in the name of the document it writes about, or of
    the message it answers: for an exit interview that is the leaver's name,
    shown only to who may read the interview."""

    _inherit = 'mail.compose.message'

    @api.model
    def get_record_data(self, values):
        self._check_exit_document(values)
        return super(MailComposeMessage, self).get_record_data(values)

    @api.model
    def _check_exit_document(self, values):
        """AccessError unless the caller may read the exit interview (or other
        record of the addon) the composer is about, by its model and id or by
        the message it replies to."""
        if self.env.uid == SUPERUSER_ID:
            return
        model, res_id = values.get('model'), values.get('res_id')
        if values.get('parent_id'):
            parent = self.env['mail.message'].sudo().browse(values['parent_id']).exists()
            if parent.model:
                model, res_id = parent.model, parent.res_id
        if is_exit_model(model) and res_id:
            document = self.env[model].browse(res_id)
            document.check_access_rights('read')
            document.check_access_rule('read')
