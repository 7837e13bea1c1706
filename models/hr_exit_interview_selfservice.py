import base64
import os
from datetime import timedelta
from email.utils import formataddr

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# this addon's own words first: the leaver's page reads them (see addon_gettext)
from .addon_gettext import _
from .constants import CLOSED_STATES, OPEN_STATES, RATING_SCALE, SCORE_SCALE, scale_choices
from .hr_exit_confidential_mixin import check_scheduler
from .hr_exit_interview import OFFICER_GROUP, QUESTIONNAIRE_PATH
from .reader_format import format_date

QUESTIONNAIRE_STATES = [
    ('none', 'Not sent'),
    ('waiting', 'Waiting for answers'),
    ('expired', 'Link expired'),
    ('revoked', 'Link revoked'),
    ('answered', 'Answered online'),
    ('declined', 'Declined online'),
]


def new_access_token():
    """256 random bits, URL-safe (43 characters)."""
    return base64.urlsafe_b64encode(os.urandom(32)).rstrip(b'=').decode('ascii')


class HrExitInterviewSelfservice(models.Model):
    """The self-service questionnaire: the private link e-mailed to the leaver,
    its reminder and expiry, and the reply (answers or a refusal) received
    through it."""

    _inherit = 'hr.exit.interview'

    # Self-service questionnaire: the private link and what happened to it.
    questionnaire_token = fields.Char(
        copy=False, readonly=True, index=True, groups=OFFICER_GROUP,
        help="Secret part of the leaver's questionnaire link. Cleared when the link is revoked.")
    questionnaire_token_expiry = fields.Datetime(
        string='Link Valid Until', copy=False, readonly=True, groups=OFFICER_GROUP)
    questionnaire_url = fields.Char(
        string='Questionnaire Link', compute='_compute_questionnaire_url', groups=OFFICER_GROUP)
    questionnaire_sent_date = fields.Datetime(
        string='Questionnaire Sent', readonly=True, copy=False,
        help='When the latest questionnaire link was e-mailed to the leaver.')
    reminder_sent_date = fields.Datetime(
        string='Reminder Sent', readonly=True, copy=False,
        help='When the reminder for the latest link was e-mailed.')
    submitted_date = fields.Datetime(
        string='Replied Online', readonly=True, copy=False,
        help='When the leaver sent their answers, or declined, through the link.')
    questionnaire_state = fields.Selection(
        QUESTIONNAIRE_STATES, string='Online Questionnaire',
        compute='_compute_questionnaire_state')
    has_questionnaire_link = fields.Boolean(compute='_compute_questionnaire_state')

    def _compute_questionnaire_url(self):
        base_url = self.env['ir.config_parameter'].sudo().get_param('web.base.url') or ''
        for interview in self:
            token = interview.questionnaire_token
            interview.questionnaire_url = token and '%s%s%s' % (
                base_url.rstrip('/'), QUESTIONNAIRE_PATH, token) or False

    @api.depends('state', 'submitted_date', 'questionnaire_sent_date', 'questionnaire_token',
                 'questionnaire_token_expiry')
    def _compute_questionnaire_state(self):
        # Whether a link exists is no secret; the token itself is.
        now = fields.Datetime.now()
        for interview in self:
            link = interview.sudo()
            interview.has_questionnaire_link = bool(link.questionnaire_token)
            if interview.submitted_date:
                state = 'declined' if interview.state == 'declined' else 'answered'
            elif link.questionnaire_token:
                state = 'waiting' if (link.questionnaire_token_expiry or '') > now else 'expired'
            else:
                state = 'revoked' if interview.questionnaire_sent_date else 'none'
            interview.questionnaire_state = state

    @api.multi
    def write(self, vals):
        result = super(HrExitInterviewSelfservice, self).write(vals)
        # A closed interview takes no more answers: its link stops working. When
        # the leaver's own reply closed it, the link keeps showing the receipt.
        if vals.get('state') in CLOSED_STATES \
                and not self.env.context.get('exit_selfservice_reply'):
            self._revoke_access_token()
        return result

    def _fixes_questionnaire(self, vals):
        """Sending a link is writing its sending date."""
        return super(HrExitInterviewSelfservice, self)._fixes_questionnaire(vals) \
            or bool(vals.get('questionnaire_sent_date'))

    def _is_questionnaire_fixed(self):
        """Sending a link fixes the questions too: the leaver answers those
        the page shows, and opening the page creates nothing."""
        return super(HrExitInterviewSelfservice, self)._is_questionnaire_fixed() \
            or (self.state in OPEN_STATES and bool(self.questionnaire_sent_date))

    @api.multi
    def action_send_questionnaire(self):
        """E-mail the leaver a private link to the questionnaire. A link sent
        before stops working, and the new one gets its own reminder."""
        self._check_officer(_('send a questionnaire link'))
        self._check_state(OPEN_STATES, _('Cannot send the questionnaire of %s: the interview '
                                         'is closed.'))
        for interview in self:
            if not interview.leaver_email:
                raise UserError(_('%s has neither a work e-mail nor a private e-mail address: '
                                  'add one on the employee before sending the questionnaire.')
                                % interview.employee_id.name)
            if not interview.questionnaire_id.question_ids:
                raise UserError(_('Choose a questionnaire with questions for %s first.')
                                % interview.name)
        for interview in self:
            interview.write(interview._prepare_access_token_vals())
            interview._send_questionnaire_mail(interview._questionnaire_mail_template())
            interview.message_post(body=_(
                'Questionnaire link e-mailed to %s, valid until %s. Any earlier link no longer '
                'works.') % (interview.leaver_email, interview._format_link_expiry()))
        return True

    @api.multi
    def action_revoke_link(self):
        """Stop the questionnaire link from working, at once."""
        self._check_officer(_('revoke a questionnaire link'))
        revoked = self.filtered('has_questionnaire_link')
        revoked._revoke_access_token()
        for interview in revoked:
            interview.message_post(body=_('Questionnaire link revoked.'))
        return True

    @api.multi
    def action_reopen_questionnaire(self):
        """The leaver declined online and changed their mind: the interview
        is open again (to schedule) and their link, while still valid, shows
        the questionnaire again instead of the refusal."""
        self._check_officer(_('reopen a declined questionnaire'))
        declined = self.filtered(lambda interview: interview.questionnaire_state == 'declined')
        if declined != self:
            raise UserError(_('Only a questionnaire the leaver declined online can be reopened: '
                              '%s') % ', '.join((self - declined).mapped('name')))
        for interview in declined:
            interview._exit_system_write({'state': 'draft', 'submitted_date': False})
            note = _('Questionnaire reopened after the leaver declined it online.')
            if interview.sudo().questionnaire_token:
                note += ' ' + _('The link sent before works again until %s.') \
                    % interview._format_link_expiry()
            else:
                note += ' ' + _('Send a new link for the leaver to answer.')
            interview.message_post(body=note)
        return True

    # ------------------------------------------------------------------
    # Reminders, the page and the reply
    # ------------------------------------------------------------------

    def _check_officer(self, what):
        if not (self.env.uid == SUPERUSER_ID or self.user_has_groups(OFFICER_GROUP)):
            raise AccessError(_('Only HR officers may %s.') % what)

    def _prepare_access_token_vals(self):
        """A fresh link, valid for the company's number of days."""
        self.ensure_one()
        now = fields.Datetime.from_string(fields.Datetime.now())
        days = self.company_id.exit_link_validity_days or 30
        return {
            'questionnaire_token': new_access_token(),
            'questionnaire_token_expiry': fields.Datetime.to_string(now + timedelta(days=days)),
            'questionnaire_sent_date': fields.Datetime.to_string(now),
            'reminder_sent_date': False,
            'submitted_date': False,
        }

    def _revoke_access_token(self):
        links = self.sudo().filtered('questionnaire_token')
        if links:
            links.write({'questionnaire_token': False, 'questionnaire_token_expiry': False})

    def _format_link_expiry(self):
        """The last day of the link, as the reader of the message writes dates."""
        self.ensure_one()
        return format_date(self.env, self.sudo().questionnaire_token_expiry)

    def _send_questionnaire_mail(self, template):
        """Queue the e-mail with the link. It is kept off the interview (no
        model/res_id): the chatter, which interviewers read, must never hold
        the link; the sending is logged there by the caller instead. Marked as
        carrying the link, the e-mail waits in the queue for officers' eyes only."""
        self.ensure_one()
        return template.send_mail(self.id, email_values={
            'model': False, 'res_id': False, 'exit_interview_id': self.id})

    @api.model
    def _cron_send_questionnaire_reminders(self):
        """One reminder per link, after the company's number of days, when the
        leaver has neither answered nor declined."""
        check_scheduler(self.env)
        now = fields.Datetime.from_string(fields.Datetime.now())
        pending = self.sudo().search([
            ('state', 'in', OPEN_STATES),
            ('questionnaire_token', '!=', False),
            ('questionnaire_token_expiry', '>', fields.Datetime.to_string(now)),
            ('questionnaire_sent_date', '!=', False),
            ('reminder_sent_date', '=', False),
            ('submitted_date', '=', False),
        ])
        reminded = self.browse()
        for interview in pending:
            sent = fields.Datetime.from_string(interview.questionnaire_sent_date)
            if sent + timedelta(days=interview.company_id.exit_reminder_days) > now \
                    or not interview.leaver_email:
                continue
            interview._send_questionnaire_mail(
                interview._questionnaire_mail_template(reminder=True))
            interview.write({'reminder_sent_date': fields.Datetime.to_string(now)})
            interview._post_system_note(_('Questionnaire reminder e-mailed to %s.')
                                        % interview.leaver_email)
            reminded |= interview
        return reminded

    def _questionnaire_mail_template(self, reminder=False):
        """The e-mail that carries the private link, or its reminder."""
        return self.env.ref(
            'hr_exit_interview.mail_template_exit_interview_questionnaire_reminder' if reminder
            else 'hr_exit_interview.mail_template_exit_interview_questionnaire')

    def _selfservice_title(self):
        """The title of the self-service page."""
        return _('Exit questionnaire')

    def _selfservice_author(self):
        """The leaver's partner, to sign what they did through the link."""
        employee = self.employee_id
        return employee.address_home_id or employee.user_id.partner_id

    def _selfservice_lock(self):
        """One reply at a time: a second request (double click) waits here for
        the first one. When the first changed the interview, the database
        refuses to serialise the second, and Odoo runs it again from the
        start: it then finds the reply already received."""
        self.ensure_one()
        self.env.cr.execute('SELECT id FROM hr_exit_interview WHERE id = %s FOR UPDATE',
                            (self.id,))
        self.invalidate_cache(ids=self.ids)

    def _selfservice_form_values(self, errors=None):
        """Everything the questionnaire page shows of the interview, as plain
        values: the page gets nothing of the interview beyond what it shows.
        ``errors`` are those of _selfservice_submit(); each is shown at its
        question and listed, with a link to it, in the summary at the top.

        The page's presentation is built here only; the controller adds what
        belongs to the request (addresses, CSRF token, what was typed)."""
        self.ensure_one()
        errors = errors or {}
        sections = self._selfservice_sections(errors)
        error_list = []
        if errors.get('_form'):
            error_list.append(('exit_form', '', errors['_form']))
        for section in sections:
            for question in section['questions']:
                if question['error']:
                    error_list.append(('q_' + question['key'], question['text'],
                                       question['error']))
        if errors.get('consent'):
            error_list.append(('q_consent', '', errors['consent']))
        return {
            'sections': sections,
            'error_list': error_list,
            'intro': self.questionnaire_id.description or '',
        }

    def _selfservice_sections(self, errors):
        """The questions of the page, grouped by area."""
        return [{'name': name, 'questions': [self._selfservice_question(answer, errors)
                                             for answer in answers]}
                for name, answers in self._answers_by_area()]

    def _selfservice_question(self, answer, errors):
        """One question of the page: the question's current wording when it
        still exists (it may have been translated since), else the copy kept
        on the answer."""
        question = answer.question_id
        key = answer._selfservice_key()
        values = {
            'key': key,
            'text': question.name or answer.question_text,
            'help': question.description or '',
            'type': answer.question_type,
            'mandatory': answer.mandatory,
            'scale': answer.question_type in ('rating', 'score'),
            # the question's own guidance may explain its scale otherwise
            'hint': not question.description and self._selfservice_hint(
                answer.question_type) or '',
            'choices': self._selfservice_choices(answer),
            'error': errors.get(key),
        }
        # what a screen reader reads after the question
        values['describedby'] = ' '.join(
            key + suffix for suffix, shown in (('_help', values['help']),
                                               ('_hint', values['hint']),
                                               ('_error', values['error'])) if shown)
        return values

    def _selfservice_hint(self, question_type):
        return {
            'rating': _('1 = very poor, 5 = very good'),
            'score': _('0 = not at all likely, 10 = extremely likely'),
        }.get(question_type, '')

    def _selfservice_yes_no(self, answer):
        """The labels of the answer's own Yes/No field, translated by that
        field: _() would take the first translation of "Yes" any installed
        module has (in Norwegian, one of them is not "Ja")."""
        field = answer._fields['yes_no']
        return field._description_selection(answer.env)

    def _selfservice_choices(self, answer):
        """(value, label) of the radio buttons of an answer."""
        if answer.question_type == 'rating':
            return scale_choices(RATING_SCALE)
        if answer.question_type == 'score':
            return scale_choices(SCORE_SCALE)
        if answer.question_type == 'yes_no':
            return self._selfservice_yes_no(answer)
        if answer.question_type == 'choice':
            return [(str(option.id), option.name) for option in answer.question_id.option_ids]
        return []

    def _selfservice_submit(self, form):
        """Record the answers sent through the link, all or nothing.

        ``form`` maps field names to the strings the browser sent; names that
        are not questions of this interview are ignored. Returns the error
        messages by field name ('consent', an answer key, or '_form'); when
        there is none, everything was saved."""
        self.ensure_one()
        errors, updates = self._parse_form_answers(form)
        if not form.get('consent'):
            errors['consent'] = _('Tick this box to send your answers, or use "I do not want '
                                  'to take part" above.')
        if errors:
            return errors
        interview = self.with_context(exit_selfservice_reply=True)._exit_as_system_author()
        try:
            with self.env.cr.savepoint():
                interview._write_form_answers(updates)
                interview.write({'consent_given': True, 'channel': 'online',
                                 'submitted_date': fields.Datetime.now()})
                held = interview._selfservice_close()
                interview._post_selfservice_note(
                    _('The leaver sent their answers through the online questionnaire.'),
                    held)
        except (UserError, ValidationError) as error:
            return {'_form': error.name}
        return {}

    def _selfservice_close(self):
        """Whether the online answers close the interview as held.

        A planned conversation (a scheduled interview) still takes place: the
        interview stays scheduled and its interviewer gets a "Review the
        online answers" activity (see _sync_interviewer_activity). An
        interview that is still to schedule is held online when the answers
        are complete and the company lets the online answers close it;
        otherwise it stays to schedule, with the same activity for its
        interviewer, if any. Returns True when the interview was closed."""
        if self.state != 'draft' or not self.company_id.exit_selfservice_closes \
                or self.answer_ids.filtered(lambda a: a.mandatory and not a.is_answered):
            return False
        self._exit_system_write({'state': 'done', 'date_done': fields.Datetime.now(),
                                 'channel': 'online'})
        return True

    def _selfservice_decline(self):
        """The leaver does not want to take part: the interview is declined."""
        self.ensure_one()
        interview = self.with_context(exit_selfservice_reply=True)._exit_as_system_author()
        interview.write({'consent_given': False, 'submitted_date': fields.Datetime.now()})
        interview.action_decline()
        interview._post_selfservice_note(_('The leaver declined the exit interview through the '
                                           'online questionnaire.'))

    def _post_selfservice_note(self, body, held=False):
        """The note of the leaver's reply, signed by the leaver when they have
        a partner, else by the company (never by the user the page runs as).
        When the reply closed the interview, its interviewer is told: their
        "Exit interview" activity is gone."""
        kwargs = {'body': body, 'subtype': 'mail.mt_note'}
        author = self._selfservice_author()
        if author:
            kwargs['author_id'] = author.id
            kwargs['email_from'] = formataddr((author.name, author.email or ''))
        interviewer = self.sudo().interviewer_id.partner_id
        if held and interviewer:
            kwargs['body'] = '%s %s' % (body, _('The interview is held online: no conversation '
                                                 'is planned.'))
            kwargs['partner_ids'] = [(4, interviewer.id)]
        return self._exit_as_system_author().message_post(**kwargs)
