"""Doors of Odoo's mail and portal controllers that take a model name, a
record id, a token or a domain, closed for the addon's records.

The portal chatter (/mail/chatter_fetch, /mail/chatter_init,
/mail/chatter_post) would let a document's token, or a domain run as
superuser, open a chatter; exit interviews have no portal chatter at all.
/mail/read_followers trusted the model name it was given, and the avatar route
checked the record rules but not the access rights of the model.
"""
import base64

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.addons.mail.controllers.main import MailController
from odoo.addons.portal.controllers.mail import PortalChatter
from odoo.exceptions import AccessError
from odoo.http import request

from ..models.hr_exit_confidential_mixin import is_exit_model

# what the avatar route answers when it may not show a picture: one white pixel
BLANK_PIXEL = base64.b64decode('R0lGODlhAQABAIABAP///wAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==')
# comparisons a token-opened chatter's domain may make on a relational field
ID_OPERATORS = ('=', '!=', 'in', 'not in')


def check_readable(model_name, res_ids):
    """AccessError unless the current user may read every one of the records."""
    if model_name not in request.env:
        raise NotFound()
    records = request.env[model_name].browse(res_ids)
    records.check_access_rights('read')
    records.check_access_rule('read')
    return records


class ExitPortalChatter(PortalChatter):

    @http.route()
    def portal_chatter_post(self, res_model, res_id, message, **kw):
        self._refuse_exit_model(res_model)
        return super(ExitPortalChatter, self).portal_chatter_post(res_model, res_id, message, **kw)

    @http.route()
    def portal_chatter_init(self, res_model, res_id, domain=False, limit=False, **kwargs):
        self._refuse_exit_model(res_model)
        return super(ExitPortalChatter, self).portal_chatter_init(
            res_model, res_id, domain=domain, limit=limit, **kwargs)

    @http.route()
    def portal_message_fetch(self, res_model, res_id, domain=False, limit=10, offset=0, **kw):
        self._refuse_exit_model(res_model)
        if kw.get('token'):
            # a token makes the search run as superuser: then the caller's
            # domain may only compare the messages' own columns
            self._check_plain_domain(domain or [])
        return super(ExitPortalChatter, self).portal_message_fetch(
            res_model, res_id, domain=domain, limit=limit, offset=offset, **kw)

    @staticmethod
    def _refuse_exit_model(res_model):
        """Exit interviews have no portal chatter: what the leaver may do is
        the self-service page, and nothing there reads or posts messages."""
        if is_exit_model(res_model):
            raise NotFound()

    @staticmethod
    def _check_plain_domain(domain):
        """A domain that reaches beyond the messages (dotted paths, names of
        related records, computed fields) would read other records as
        superuser, one letter at a time."""
        if not isinstance(domain, (list, tuple)):
            raise Forbidden()
        fields = request.env['mail.message']._fields
        for leaf in domain:
            if leaf in ('&', '|', '!'):
                continue
            if not isinstance(leaf, (list, tuple)) or len(leaf) != 3 \
                    or not isinstance(leaf[0], str):
                raise Forbidden()
            field = fields.get(leaf[0])
            if field is None or not field.store or field.groups:
                raise Forbidden()
            if field.relational and (leaf[1] not in ID_OPERATORS or not all(
                    isinstance(value, int) and not isinstance(value, bool)
                    for value in (leaf[2] if isinstance(leaf[2], (list, tuple))
                                  else [leaf[2]]))):
                raise Forbidden()


class ExitMailController(MailController):

    @http.route()
    def read_followers(self, follower_ids, res_model):
        """Followers are shown to those who may read the documents they follow,
        whatever model name the caller gives."""
        followers = request.env['mail.followers'].sudo().browse(follower_ids).exists()
        for model_name in set(followers.mapped('res_model')) | {res_model}:
            check_readable(model_name, followers.filtered(
                lambda follower: follower.res_model == model_name).mapped('res_id'))
        return super(ExitMailController, self).read_followers(follower_ids, res_model)

    @http.route()
    def avatar(self, res_model, res_id, partner_id):
        """Who wrote on a document is part of the document: the picture is
        only for those who may read it (access rights and rules alike)."""
        try:
            check_readable(res_model, [res_id])
        except (AccessError, NotFound):
            return request.make_response(BLANK_PIXEL, [
                ('Content-Type', 'image/png'), ('Content-Length', len(BLANK_PIXEL))])
        return super(ExitMailController, self).avatar(res_model, res_id, partner_id)
