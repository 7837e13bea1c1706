import html
import json
import logging
import re

import werkzeug.exceptions
from werkzeug.wrappers import BaseResponse

from odoo import models
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError, except_orm
from odoo.http import request

_logger = logging.getLogger(__name__)

# The serialised exception in the body of a web client's 500 page.
SERIALIZED_ERROR = re.compile(r'<p>(.*)</p>', re.DOTALL)
# Exceptions serialised by the web client's routes that are refusals.
REFUSAL_STATUSES = {
    'odoo.exceptions.AccessError': werkzeug.exceptions.Forbidden,
    'odoo.exceptions.AccessDenied': werkzeug.exceptions.Forbidden,
    'odoo.exceptions.MissingError': werkzeug.exceptions.NotFound,
    'odoo.exceptions.UserError': werkzeug.exceptions.BadRequest,
    'odoo.exceptions.ValidationError': werkzeug.exceptions.BadRequest,
    'odoo.exceptions.except_orm': werkzeug.exceptions.BadRequest,
}


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
        if request and request._request_type == 'http' and isinstance(
                exception, werkzeug.exceptions.InternalServerError):
            refusal = cls._serialized_refusal(exception.description)
            if refusal is not None:
                request._failed = exception
                return refusal
        if request and request._request_type == 'http' and not isinstance(
                exception, werkzeug.exceptions.HTTPException):
            refusal = cls._http_refusal(exception)
            if refusal is not None:
                request._failed = exception  # nothing of the request is committed
                _logger.info('%s refused with %s: %s', request.httprequest.path,
                             refusal.code, exception)
                return refusal
        return super(IrHttp, cls)._handle_exception(exception)

    @classmethod
    def _dispatch(cls):
        """A JSON body sent to a plain HTTP route (a form, a page) is a bad
        request: Odoo 11 answers it with a traceback as JSON."""
        if request._request_type == 'json':
            try:
                rule, _arguments = cls._find_handler(return_rule=True)
            except werkzeug.exceptions.NotFound:
                rule = None
            if rule is not None and rule.endpoint.routing.get('type') == 'http':
                return werkzeug.exceptions.BadRequest()
        result = super(IrHttp, cls)._dispatch()
        if request._request_type == 'http' and isinstance(result, BaseResponse) \
                and result.status_code == 500:
            refusal = cls._serialized_refusal(result.get_data(as_text=True))
            if refusal is not None:
                request._failed = refusal
                return refusal
        return result

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
    def _serialized_refusal(cls, text):
        """Routes of the web client (exports, uploads) answer any error as a
        500 page carrying the serialised exception, for the client to show.
        A refusal keeps that body, without the traceback, under its 4xx
        status; anything else stays a 500."""
        match = SERIALIZED_ERROR.search(text or '')
        try:
            error = json.loads(html.unescape(match.group(1)) if match else text or '')
            status = REFUSAL_STATUSES.get(error['data']['name'])
        except (ValueError, TypeError, KeyError):
            return None
        if status is None:
            return None
        error['data']['debug'] = ''
        return status(description=json.dumps(error))

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
