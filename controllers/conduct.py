"""The interviewer's conduct screen: /exit-interview/conduct/<interview id>.

A page of the logged-in backend user, opened from the interview's "Conduct
interview" button. It shows the leaver's consent first, then the questions
by area with the self-service page's template, saves each answer as it is
given (questionnaire.js posts it to .../save; without JavaScript the
"Save" and "Finish" buttons post the whole form) and marks the interview
held with "Finish".

Whoever may not conduct the interview (anyone but its interviewer and exit
officers, or an interview that does not exist) gets the same 404 page; a
refusal is never a traceback.
"""
import json

import werkzeug.utils

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..models.hr_exit_interview_conduct import CONDUCT_PATH
from .main import MAX_REQUEST_BYTES, PRIVATE_HEADERS, page_values


class ExitInterviewConduct(http.Controller):

    @http.route(CONDUCT_PATH + '<int:interview_id>', type='http', auth='user',
                methods=['GET'])
    def conduct(self, interview_id, **_kwargs):
        interview = self._find(interview_id)
        if not interview:
            return self._not_found()
        return self._page(interview)

    @http.route(CONDUCT_PATH + '<int:interview_id>/save', type='http', auth='user',
                methods=['POST'])
    def save(self, interview_id, **post):
        """Save the answers posted (one, as the interviewer gives it, or the
        whole form). Answers JSON to the page's script, the page otherwise."""
        return self._post(interview_id, post, finish=False)

    @http.route(CONDUCT_PATH + '<int:interview_id>/finish', type='http', auth='user',
                methods=['POST'])
    def finish(self, interview_id, **post):
        """Save the form and mark the interview held; or show what is missing."""
        return self._post(interview_id, post, finish=True)

    # ------------------------------------------------------------------

    def _post(self, interview_id, post, finish):
        interview = self._find(interview_id)
        if not interview:
            return self._not_found()
        if self._oversized():
            return self._json({'error': _('Too much text: nothing was saved.')}, 413)
        form = self._answers_of(post)
        try:
            # a refusal half-way leaves nothing of the request behind
            with request.env.cr.savepoint():
                errors = (interview._conduct_finish if finish else interview._conduct_save)(form)
        except (UserError, ValidationError) as error:
            errors = {'_form': error.name}
        if post.get('autosave'):
            return self._json({'errors': errors}, 422 if errors else 200)
        if errors:
            return self._page(interview, form, errors)
        if finish:
            return werkzeug.utils.redirect(self._back_url(interview), 303)
        return self._page(interview, saved=True)

    def _find(self, interview_id):
        """The interview, as the user reads it, when the user may conduct
        it; else None (one answer for "does not exist" and "not yours")."""
        Interview = request.env['hr.exit.interview']
        try:
            interview = Interview.search([('id', '=', interview_id)])
            interview._check_conductor()
        except (AccessError, MissingError):
            return None
        return interview or None

    @staticmethod
    def _answers_of(post):
        """The posted fields, without the request's own (the CSRF token and
        the buttons'): only strings, as the browser sent them."""
        return {key: value for key, value in post.items()
                if isinstance(value, str) and key not in ('csrf_token', 'autosave')}

    @staticmethod
    def _oversized():
        return (request.httprequest.content_length or 0) > MAX_REQUEST_BYTES

    @staticmethod
    def _json(values, status=200):
        response = request.make_response(json.dumps(values), headers=[
            ('Content-Type', 'application/json; charset=utf-8')] + PRIVATE_HEADERS)
        response.status_code = status
        return response

    @staticmethod
    def _back_url(interview):
        """The interview in the web client."""
        return '/web#id=%d&model=hr.exit.interview&view_type=form' % interview.id

    def _page(self, interview, typed=None, errors=None, saved=False):
        values = page_values(_('Conduct interview'), interview)
        values.update(interview._conduct_form_values(errors))
        if typed:
            values['typed'].update(typed)
        values.update({
            'interview': interview,
            'errors': errors or {},
            'saved': saved,
            'open': interview._conduct_is_open(),
            'save_url': '%s%d/save' % (CONDUCT_PATH, interview.id),
            'finish_url': '%s%d/finish' % (CONDUCT_PATH, interview.id),
            'back_url': self._back_url(interview),
            'csrf_token': request.csrf_token(None),
        })
        return request.render('hr_exit_interview.conduct_page', values,
                              headers=PRIVATE_HEADERS)

    def _not_found(self):
        values = page_values(_('Page not found'))
        return request.render('hr_exit_interview.conduct_not_found', values, status=404,
                              headers=PRIVATE_HEADERS)
