from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError

from .constants import OPEN_STATES
from .hr_exit_interview import OFFICER_GROUP

# Address of the interviewer's conduct screen; the interview's id follows.
CONDUCT_PATH = '/exit-interview/conduct/'


class HrExitInterviewConduct(models.Model):
    """The conduct screen: the page on which the interviewer records the
    conversation, question by question, in the order of the questionnaire,
    saving each answer as it is given (see controllers/conduct.py). It
    renders the questions with the self-service page's template and saves
    them through the same path (hr_exit_interview_form_answers.py)."""

    _inherit = 'hr.exit.interview'

    @api.multi
    def action_conduct(self):
        """Open the conduct screen of the interview."""
        self.ensure_one()
        self._check_conductor()
        return {
            'type': 'ir.actions.act_url',
            'url': '%s%d' % (CONDUCT_PATH, self.id),
            'target': 'self',
        }

    def _check_conductor(self):
        """Only the interviewer of the interview and exit officers record
        it: a manager, the leaver, another interviewer or a trend reader get
        an AccessError (the screen shows them a 404 page)."""
        if self.env.uid == SUPERUSER_ID or self.user_has_groups(OFFICER_GROUP):
            return
        for interview in self:
            if interview.sudo().interviewer_id.id != self.env.uid:
                raise AccessError(_('Only the interviewer of %s and HR officers can conduct '
                                    'it.') % interview.name)

    def _conduct_is_open(self):
        """Answers can be recorded: the interview is open and its questions
        are fixed (a GET of the screen never creates answer lines)."""
        self.ensure_one()
        return self.state in OPEN_STATES and bool(self.answer_ids)

    def _conduct_form_values(self, errors=None):
        """What the conduct screen shows: the self-service page's sections
        (one rendering of the questions), the saved answers and consent."""
        self.ensure_one()
        values = self._selfservice_form_values(errors)
        typed = self._form_typed_values()
        typed['consent'] = self.consent or ''
        values.update({
            'typed': typed,
            'consent_choices': self._fields['consent']._description_selection(self.env),
            'consent_error': (errors or {}).get('consent'),
        })
        return values

    def _conduct_save(self, form):
        """Save what the conduct screen sent: any of its answers and the
        consent. All or nothing: returns the errors by field name, and
        writes nothing when there is one."""
        self.ensure_one()
        self._check_conductor()
        if not self._conduct_is_open():
            raise UserError(_('The answers of %s can no longer be changed: the interview is '
                              'closed.') % self.name)
        errors, updates = self._parse_form_answers(form, partial=True)
        consent = None
        if 'consent' in form:
            consent = form.get('consent') or False
            if consent not in dict(self._fields['consent'].selection) and consent is not False:
                errors['consent'] = _('Record whether the leaver gives their consent.')
        if errors:
            return errors
        self._write_form_answers(updates)
        if consent is not None and consent != (self.consent or False):
            self.write({'consent': consent})
        return {}

    def _conduct_finish(self, form):
        """Save what the screen sent, then mark the interview held. Returns
        the errors by field name (what is missing), nothing saved then."""
        self.ensure_one()
        errors = self._conduct_save(form)
        if errors:
            return errors
        missing = {answer._selfservice_key(): _('This question needs an answer.')
                   for answer in self.answer_ids if answer.mandatory and not answer.is_answered}
        if not self.consent:
            missing['consent'] = _('Record whether the leaver consents to the anonymous use '
                                   'of their answers.')
        if missing:
            return missing
        if self.state == 'draft':
            raise UserError(_('Schedule %s before marking it as held.') % self.name)
        self.action_done()
        return {}
