"""``_()`` for the addon's own Python code: this addon's translation of a
term first.

Odoo 11's ``_()`` looks a term up among the translations of every installed
module and takes the first it finds: in Norwegian, the web client's "Yes"
is "a", so a page of this addon asking ``_('Yes')`` could say "a". The
``_`` defined here finds the frame's language and cursor exactly as Odoo's
does, then asks ir.translation for this addon's term (see
``IrTranslation._get_addon_source``), and falls back on Odoo's lookup for a
term this addon does not translate.
"""
import inspect
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.translate import GettextAlias

_logger = logging.getLogger(__name__)

ADDON = 'hr_exit_interview'


class AddonGettext(GettextAlias):

    def __init__(self, module):
        self.module = module

    def __call__(self, source):
        frame = inspect.currentframe()
        try:
            caller = frame and frame.f_back
            if caller is None:
                return source
            lang = self._get_lang(caller)
            cursor = self._get_cr(caller, allow_create=False)[0] if lang else None
            if not cursor:
                return source
            env = api.Environment(cursor, SUPERUSER_ID, {})
            return env['ir.translation']._get_addon_source(self.module, lang, source)
        except Exception:  # as Odoo's own: a failed translation shows the source
            _logger.debug('translation of %r failed', source, exc_info=True)
            return source
        finally:
            del frame


_ = AddonGettext(ADDON)
