"""A JSON body that is valid JSON but not an object (a list, a string, a
number) or whose ``params`` are not an object makes Odoo 11 fail while it
reads the request, before any route or ``ir.http`` runs: the caller gets an
HTTP 500. The questionnaire page and every other route of the server must
answer such a body with a plain 400 instead, so the reading of the body is
wrapped once, here, when the addon is loaded. Valid bodies are untouched."""
import logging

import werkzeug.exceptions

from odoo import http

_logger = logging.getLogger(__name__)


def _refuse_malformed_json(init):
    def __init__(self, *args):
        try:
            init(self, *args)
        except (AttributeError, TypeError, ValueError) as error:
            _logger.info('%s: JSON body refused (%s)', self.httprequest.path,
                         type(error).__name__)
            raise werkzeug.exceptions.BadRequest('The JSON body of this request is not a '
                                                 'JSON-RPC object.')
    __init__.hr_exit_interview_wrapped = True
    return __init__


if not getattr(http.JsonRequest.__init__, 'hr_exit_interview_wrapped', False):
    http.JsonRequest.__init__ = _refuse_malformed_json(http.JsonRequest.__init__)
