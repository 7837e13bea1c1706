"""The leaver's private questionnaire page: /exit-interview/<token>.

Every answer to a request whose token is unknown, malformed, expired or
revoked is the same neutral 404 page, so that the page tells nothing about
which interviews exist. A valid token opens exactly one interview, looked up
with sudo() and handed to the model methods that do the work; the templates
only get plain values built from it.
"""
import re

from odoo import _, fields, http
from odoo.http import request
from odoo.tools import consteq, format_date

from ..models.hr_exit_interview import OPEN_STATES, QUESTIONNAIRE_PATH

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


class ExitQuestionnaire(http.Controller):

    @http.route(QUESTIONNAIRE_PATH + '<string:token>', type='http', auth='public',
                methods=['GET', 'POST'])
    def questionnaire(self, token, **post):
        posting = request.httprequest.method == 'POST'
        interview, page = self._open(token, lock=posting)
        if page:
            return page
        if not posting:
            interview._generate_answers()
            return self._form(interview, token)
        errors = interview._selfservice_submit(post)
        if errors:
            return self._form(interview, token, typed=post, errors=errors)
        return self._message(interview, 'thanks')

    @http.route(QUESTIONNAIRE_PATH + '<string:token>/decline', type='http', auth='public',
                methods=['POST'])
    def decline(self, token, **post):
        interview, page = self._open(token, lock=True)
        if page:
            return page
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

    def _receipt_kind(self, interview):
        return 'declined' if interview.state == 'declined' else 'received'

    def _page_values(self, interview=None):
        lang = request.context.get('lang') or 'en_US'
        values = {
            'title': _('Exit questionnaire'),
            'html_data': {'lang': lang.replace('_', '-')},
        }
        if interview:
            values['res_company'] = interview.company_id
        return values

    def _render(self, template, values, status=200):
        return request.render(template, values, status=status, headers=PRIVATE_HEADERS)

    def _not_found(self):
        values = self._page_values()
        values['title'] = _('Link not valid')
        return self._render('hr_exit_interview.selfservice_not_found', values, status=404)

    def _form(self, interview, token, typed=None, errors=None):
        errors = errors or {}
        sections = interview._selfservice_sections()
        error_list = []
        if errors.get('_form'):
            error_list.append(('exit_form', '', errors['_form']))
        for section in sections:
            for question in section['questions']:
                key = question['key']
                question['error'] = errors.get(key)
                # what a screen reader reads after the question
                question['describedby'] = ' '.join(
                    key + suffix for suffix, shown in (('_help', question['help']),
                                                       ('_hint', question['hint']),
                                                       ('_error', question['error'])) if shown)
                if question['error']:
                    error_list.append(('q_' + key, question['text'], question['error']))
        if errors.get('consent'):
            error_list.append(('q_consent', '', errors['consent']))
        values = self._page_values(interview)
        values.update({
            'sections': sections,
            'intro': interview.questionnaire_id.description or '',
            'typed': dict((key, value) for key, value in (typed or {}).items()
                          if isinstance(value, str)),
            'errors': errors,
            'error_list': error_list,
            'action_url': QUESTIONNAIRE_PATH + token,
            'decline_url': QUESTIONNAIRE_PATH + token + '/decline',
            # Odoo already publishes the session's non-expiring token in every
            # page head (odoo.csrf_token); an expiring one here would only make
            # a form left open for hours fail.
            'csrf_token': request.csrf_token(None),
        })
        return self._render('hr_exit_interview.selfservice_questionnaire', values)

    def _message(self, interview, kind):
        values = self._page_values(interview)
        values.update({
            'kind': kind,
            'received_on': interview.submitted_date and format_date(
                interview.env, interview.submitted_date) or '',
        })
        return self._render('hr_exit_interview.selfservice_message', values)
