import logging

import werkzeug.exceptions

from odoo import models
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError, except_orm
from odoo.http import HttpRequest, request

_logger = logging.getLogger(__name__)


class IrHttp(models.AbstractModel):
    """Refusals of plain HTTP routes answer a 4xx page, never a 500.

    Odoo 11 turns an AccessError raised by an ``type='http'`` route (a report,
    /web/content, an export) into an internal server error with a traceback;
    JSON routes already answer the error as data. A refusal is expected
    behaviour, not a crash: it gets the matching status, and a short page that
    says nothing about the record."""

    _inherit = 'ir.http'

    @classmethod
    def _handle_exception(cls, exception):
        if isinstance(request, HttpRequest) and not isinstance(
                exception, werkzeug.exceptions.HTTPException):
            refusal = cls._http_refusal(exception)
            if refusal is not None:
                request._failed = exception  # nothing of the request is committed
                _logger.info('%s refused with %s: %s', request.httprequest.path,
                             refusal.code, exception)
                return refusal
        return super(IrHttp, cls)._handle_exception(exception)

    @classmethod
    def binary_content(cls, xmlid=None, model='ir.attachment', id=None, field='datas',
                       unique=False, filename=None, filename_field='datas_fname', download=False,
                       mimetype=None, default_mimetype='application/octet-stream',
                       access_token=None, env=None):
        """An access token never opens an attachment of the addon's records:
        whoever asks needs the right to read it, now."""
        if model == 'ir.attachment' and access_token and id:
            attachment = (env or request.env)['ir.attachment'].sudo().browse(int(id)).exists()
            if attachment and attachment._of_exit_records():
                access_token = None
        return super(IrHttp, cls).binary_content(
            xmlid=xmlid, model=model, id=id, field=field, unique=unique, filename=filename,
            filename_field=filename_field, download=download, mimetype=mimetype,
            default_mimetype=default_mimetype, access_token=access_token, env=env)

    @classmethod
    def _http_refusal(cls, exception):
        """The 4xx answer for an exception that refuses the request, else None."""
        if isinstance(exception, MissingError):
            return werkzeug.exceptions.NotFound()
        if isinstance(exception, (AccessError, AccessDenied)):
            return werkzeug.exceptions.Forbidden()
        if isinstance(exception, (UserError, except_orm, ValueError, TypeError, KeyError)):
            return werkzeug.exceptions.BadRequest()
        return None
