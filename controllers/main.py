"""The leaver's private questionnaire page: /exit-interview/<token>.

Every answer to a request whose token is unknown, malformed, expired or
revoked is the same neutral 404 page, so that the page tells nothing about
which interviews exist. A valid token opens exactly one interview, looked up
with sudo() and handed to the model methods that do the work; the templates
only get plain values built from it.
"""
import re

from odoo import fields, http
from odoo.http import request
from odoo.tools import consteq

# this addon's own words first (see addon_gettext)
from ..models.addon_gettext import _
from ..models.constants import OPEN_STATES
from ..models.hr_exit_answer import CONTROL_CHARACTERS, TEXT_MAX_LENGTH
from ..models.hr_exit_interview import QUESTIONNAIRE_PATH
from ..models.reader_format import format_date

# The tokens we issue are 43 URL-safe characters; anything unlike a token is
# refused before the database is asked.
TOKEN_PATTERN = re.compile(r'[A-Za-z0-9_-]{32,128}\Z')
# A private page: not cached, not indexed, and its address (which holds the
# token) never sent to another site as a referrer.
PRIVATE_HEADERS = [
    ('Cache-Control', 'no-store'),
    ('X-Robots-Tag', 'noindex, nofollow'),
    ('Referrer-Policy', 'no-referrer'),
]
# The largest request the questionnaire accepts. The shipped questionnaire
# with each of its five comments at the 5,000-character limit sends about
# 30 KB of Norwegian or English text; anything larger than this is refused
# with a 413 page and never read into an answer or shown back.
MAX_REQUEST_BYTES = 256 * 1024


def page_values(title, interview=None):
    """What every questionnaire page (selfservice_page) needs: its title,
    its language and, when there is one, the interview's company."""
    lang = request.context.get('lang') or 'en_US'
    values = {
        'title': title,
        'html_data': {'lang': lang.replace('_', '-')},
    }
    if interview:
        values['res_company'] = interview.company_id
    return values


class ExitQuestionnaire(http.Controller):

    @http.route(QUESTIONNAIRE_PATH + '<string:token>', type='http', auth='public',
                methods=['GET', 'POST'])
    def questionnaire(self, token, **post):
        posting = request.httprequest.method == 'POST'
        if posting and self._oversized():
            return self._too_large(token)
        interview, page = self._open(token, lock=posting)
        if page:
            return page
        if not posting:
            # Read-only: mail scanners open links too (the answer lines were
            # created when the link was sent).
            return self._form(interview, token)
        errors = interview._selfservice_submit(post)
        if errors:
            return self._form(interview, token, typed=post, errors=errors)
        return self._message(interview, 'thanks')

    @http.route(QUESTIONNAIRE_PATH + '<string:token>/decline', type='http', auth='public',
                methods=['GET', 'POST'])
    def decline(self, token, **post):
        """GET asks for a confirmation (and writes nothing); the confirmation's
        POST declines."""
        posting = request.httprequest.method == 'POST'
        if posting and self._oversized():
            return self._too_large(token)
        interview, page = self._open(token, lock=posting)
        if page:
            return page
        if not posting:
            return self._decline_confirmation(interview, token)
        interview._selfservice_decline()
        return self._message(interview, 'declined_now')

    # ------------------------------------------------------------------

    def _open(self, token, lock=False):
        """The interview of the link, open for a reply; or else the page to
        answer with: the neutral 404, or the receipt of an earlier reply."""
        interview = self._find_interview(token)
        if not interview:
            return None, self._not_found()
        interview = self._use_leaver_language(interview)
        if lock:
            interview._selfservice_lock()
        if interview.submitted_date:
            return None, self._message(interview, self._receipt_kind(interview))
        if interview.state not in OPEN_STATES:
            return None, self._not_found()
        return interview, None

    def _find_interview(self, token):
        """The interview whose link this is, or None: the only sudo() of the
        page, limited to one record found by its secret."""
        if not token or not TOKEN_PATTERN.match(token):
            return None
        interview = request.env['hr.exit.interview'].sudo().search(
            [('questionnaire_token', '=', token)], limit=1)
        if not interview or not consteq(interview.questionnaire_token, token):
            return None
        if (interview.questionnaire_token_expiry or '') <= fields.Datetime.now():
            return None
        return interview

    def _use_leaver_language(self, interview):
        """Render the page, and the messages of the model, in the language of
        the employee (when it is installed), else in the browser's."""
        lang = interview.leaver_lang
        if lang and request.env['res.lang'].sudo().search_count([('code', '=', lang)]):
            request.context = dict(request.context, lang=lang)
        return interview.with_context(lang=request.context.get('lang'))

    def _oversized(self):
        """The request carries more than a questionnaire ever needs (a body
        sent without its length counts as oversized)."""
        length = request.httprequest.content_length
        chunked = 'chunked' in request.httprequest.headers.get('Transfer-Encoding', '').lower()
        return (length or 0) > MAX_REQUEST_BYTES or (length is None and chunked)

    def _too_large(self, token):
        """The 413 page, in the leaver's language, for a valid link; the
        neutral 404 otherwise. Nothing of the request is saved or shown."""
        interview = self._find_interview(token)
        if not interview:
            return self._not_found()
        interview = self._use_leaver_language(interview)
        values = self._page_values(interview)
        values.update({
            'title': _('Answers too long'),
            'kind': 'too_large',
            'max_kb': MAX_REQUEST_BYTES // 1024,
            'back_url': QUESTIONNAIRE_PATH + token,
        })
        return self._render('hr_exit_interview.selfservice_message', values, status=413)

    def _typed_back(self, sections, typed):
        """What the leaver typed, to show again beside the errors: only the
        page's own fields, without control characters, and nothing longer than
        an answer may be (an oversized value is refused, never sent back)."""
        keys = set(question['key'] for section in sections
                   for question in section['questions'])
        keys.add('consent')
        values = {}
        for key, value in (typed or {}).items():
            if key in keys and isinstance(value, str) \
                    and len(value.replace('\r\n', '\n')) <= TEXT_MAX_LENGTH:
                values[key] = CONTROL_CHARACTERS.sub('', value)
        return values

    def _receipt_kind(self, interview):
        return 'declined' if interview.state == 'declined' else 'received'

    def _page_values(self, interview=None):
        values = page_values(_('Exit questionnaire'), interview)
        if interview:
            # the same page asks leavers and, in stay interviews, those who stay
            values.update({
                'title': interview._selfservice_title(),
                'interview_kind': interview.interview_kind,
                'stay_anonymous': bool(interview.stay_round_id.anonymous),
            })
        return values

    def _render(self, template, values, status=200):
        return request.render(template, values, status=status, headers=PRIVATE_HEADERS)

    def _not_found(self):
        values = self._page_values()
        values['title'] = _('Link not valid')
        return self._render('hr_exit_interview.selfservice_not_found', values, status=404)

    def _form(self, interview, token, typed=None, errors=None):
        values = self._page_values(interview)
        # what the page shows of the interview: the model builds it
        values.update(interview._selfservice_form_values(errors))
        values.update({
            'typed': self._typed_back(values['sections'], typed),
            'errors': errors or {},
            'action_url': QUESTIONNAIRE_PATH + token,
            'decline_url': QUESTIONNAIRE_PATH + token + '/decline',
            # Odoo already publishes the session's non-expiring token in every
            # page head (odoo.csrf_token); an expiring one here would only make
            # a form left open for hours fail.
            'csrf_token': request.csrf_token(None),
        })
        return self._render('hr_exit_interview.selfservice_questionnaire', values)

    def _decline_confirmation(self, interview, token):
        values = self._page_values(interview)
        values.update({
            'title': _('Not taking part?'),
            'decline_url': QUESTIONNAIRE_PATH + token + '/decline',
            'back_url': QUESTIONNAIRE_PATH + token,
            'csrf_token': request.csrf_token(None),
        })
        return self._render('hr_exit_interview.selfservice_decline_confirm', values)

    def _message(self, interview, kind):
        values = self._page_values(interview)
        values.update({
            'kind': kind,
            'received_on': interview.submitted_date and format_date(
                interview.env, interview.submitted_date) or '',
        })
        return self._render('hr_exit_interview.selfservice_message', values)
