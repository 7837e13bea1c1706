from itertools import groupby

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .constants import (DEPARTURE_TYPES, INTERVIEW_CHANNELS, INTERVIEW_STATES, INVITATION_STATES,
                        OPEN_STATES, REHIRE_SELECTION, VOLUNTARY_TYPES)
from .nullable_fields import NullableFloat, NullableInteger

OFFICER_GROUP = 'hr_exit_interview.group_exit_officer'
# Path of the leaver's private questionnaire page; the token follows it.
QUESTIONNAIRE_PATH = '/exit-interview/'
# Who leaves, who manages them and where the interview belongs: interviewers
# may fill in an interview, only HR officers may change these.
OFFICER_ONLY_FIELDS = ('employee_id', 'company_id', 'interviewer_id', 'department_id', 'job_id',
                       'manager_id')
# Writing one of these may create, move or remove the interviewer's activity.
ACTIVITY_FIELDS = ('state', 'interviewer_id', 'interview_date', 'departure_date',
                   'submitted_date')
# Context key of the anonymisation itself, honoured for the superuser only.
ANONYMIZING = 'exit_anonymizing'


def is_anonymizing(env):
    """The anonymisation is running: it alone may change anonymised records."""
    return env.uid == SUPERUSER_ID and bool(env.context.get(ANONYMIZING))


class HrExitInterview(models.Model):
    """An employee's departure and the exit interview that follows it.

    Department, job, manager and company are copied from the employee when the
    departure is registered: later moves of the employee must not rewrite the
    history that the reports are built on.

    The other concerns of the model each have their own file, adding to this
    one: hr_exit_interview_chatter.py (who may follow and post),
    hr_exit_interview_retention.py (retention period and anonymisation),
    hr_exit_interview_selfservice.py (the leaver's private link and reply),
    hr_exit_interview_field_guard.py (no searching on restricted fields) and
    hr_exit_interview_system_fields.py (what only the actions write).
    """

    _name = 'hr.exit.interview'
    _description = 'Exit Interview'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'departure_date desc, id desc'

    name = fields.Char(string='Reference', readonly=True, copy=False, default='/')
    employee_id = fields.Many2one(
        'hr.employee', string='Employee', index=True, ondelete='restrict',
        track_visibility='onchange', states={'done': [('readonly', True)]})
    department_id = fields.Many2one('hr.department', index=True)
    job_id = fields.Many2one('hr.job', string='Job Position', index=True)
    manager_id = fields.Many2one('hr.employee', string='Manager', index=True,
                                 help="The leaver's manager when the departure was registered. "
                                      "Removed by the anonymisation.")
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    registration_date = fields.Date(default=fields.Date.context_today, readonly=True, copy=False,
                                    help='When the departure was registered in Odoo.')
    departure_date = fields.Date(index=True, track_visibility='onchange')
    departure_type = fields.Selection(DEPARTURE_TYPES, track_visibility='onchange')
    voluntary = fields.Boolean(compute='_compute_voluntary', store=True, compute_sudo=True,
                               help='From the primary reason when there is one, else from the '
                                    'departure type (a resignation is voluntary).')
    primary_reason_id = fields.Many2one('hr.exit.reason', string='Primary Reason', index=True,
                                        ondelete='restrict', track_visibility='onchange')
    # the form offers only the reasons of the departure type
    allowed_reason_ids = fields.Many2many('hr.exit.reason',
                                          compute='_compute_allowed_reason_ids')
    secondary_reason_ids = fields.Many2many(
        'hr.exit.reason', 'hr_exit_interview_secondary_reason_rel', 'interview_id', 'reason_id',
        string='Other Reasons')
    preventable = fields.Boolean(related='primary_reason_id.preventable', store=True,
                                 readonly=True, compute_sudo=True)
    regretted = fields.Boolean(string='Regretted Loss',
                               help='The company would have liked to keep this person.')
    rehire_eligible = fields.Selection(REHIRE_SELECTION, string='Eligible for Rehire')
    employment_start_date = fields.Date(
        string='Employment Start', copy=False, track_visibility='onchange',
        help="The leaver's first day of employment, taken from the employee when the "
             "departure is registered.")
    tenure_months = NullableInteger(
        string='Tenure (Months)', compute='_compute_tenure_months', store=True,
        compute_sudo=True, group_operator='avg',
        help='Whole months from the employment start to the departure date; empty when '
             'the employment start is not known.')
    interviewer_id = fields.Many2one(
        'res.users', string='Interviewer', index=True, track_visibility='onchange',
        domain=lambda self: [('groups_id', 'in', self.env.ref(
            'hr_exit_interview.group_exit_interviewer').id)],
        help='Needs the "Interviewer" access. Neither the leaver nor their manager can hold '
             'the interview.')
    interview_date = fields.Datetime(track_visibility='onchange')
    date_done = fields.Datetime(string='Held on', readonly=True, copy=False)
    channel = fields.Selection(
        INTERVIEW_CHANNELS, readonly=True, copy=False, index=True, track_visibility='onchange',
        help='How the feedback was given: "Online questionnaire" once the leaver sent their '
             'answers through their private link, "Conversation" once the interviewer marked '
             'the interview as held.')
    state = fields.Selection(INTERVIEW_STATES, default='draft', required=True, readonly=True,
                             copy=False, index=True, track_visibility='onchange')
    questionnaire_id = fields.Many2one(
        'hr.exit.questionnaire', ondelete='restrict', index=True,
        states={'done': [('readonly', True)]},
        help="Defaults to the questionnaire marked as default for the employee's company.")
    answer_ids = fields.One2many('hr.exit.answer', 'interview_id', string='Answers', copy=False)
    answer_count = fields.Integer(compute='_compute_answer_progress')
    answered_count = fields.Integer(compute='_compute_answer_progress')
    overall_score = NullableFloat(
        compute='_compute_scores', store=True, compute_sudo=True, digits=(3, 2),
        group_operator='avg',
        help='Mean of the 1-5 ratings given in this interview.')
    recommend_score = NullableInteger(
        compute='_compute_scores', store=True, compute_sudo=True, group_operator='avg',
        help='Answer (0-10) to "How likely are you to recommend us as an employer?".')
    # Never tracked: a change would show the notes in the chatter.
    confidential_notes = fields.Text(
        groups='hr_exit_interview.group_exit_officer',
        help="HR officers' notes, hidden from interviewers and managers. Removed by the "
             "anonymisation.")
    consent_given = fields.Boolean(
        help='The leaver agreed that their answers are recorded and used, '
             'anonymously, in the company statistics.')
    # The invitation as it was posted from the composer, and what became of
    # its e-mail: "Invitation Sent" only once the e-mail went out.
    invitation_message_id = fields.Many2one('mail.message', readonly=True, copy=False,
                                            index=True, ondelete='set null')
    invitation_state = fields.Selection(
        INVITATION_STATES, compute='_compute_invitation_state', compute_sudo=True,
        help='What became of the e-mail of the latest invitation, as the mail queue reports '
             'it: queued, sent, or failed (see Settings > Technical > Emails).')
    invitation_sent = fields.Boolean(compute='_compute_invitation_state', store=True,
                                     compute_sudo=True, copy=False)
    # The employee's own contact: the invitation goes to this partner, never
    # to a new contact made from an address.
    invitation_partner_id = fields.Many2one('res.partner', compute='_compute_leaver_contact',
                                            groups=OFFICER_GROUP)
    # The private address is HR data of the employee (Odoo keeps it for HR):
    # for exit officers only, not for interviewers.
    leaver_email = fields.Char(compute='_compute_leaver_contact', groups=OFFICER_GROUP)
    leaver_lang = fields.Char(compute='_compute_leaver_contact')
    # The leaver's time zone: e-mails give them the interview time as their clock shows it.
    leaver_tz = fields.Char(compute='_compute_leaver_contact')
    # The users the record rules keep away from the interview (see
    # security/hr_exit_interview_rules.xml); recomputed as superuser because
    # whoever changes an employee or a department need not see interviews.
    employee_user_id = fields.Many2one(
        'res.users', related='employee_id.user_id', string="Leaver's User", store=True,
        readonly=True, compute_sudo=True, index=True)
    manager_user_id = fields.Many2one(
        'res.users', related='manager_id.user_id', string="Manager's User", store=True,
        readonly=True, compute_sudo=True, index=True)
    department_manager_user_id = fields.Many2one(
        'res.users', related='department_id.manager_id.user_id',
        string="Department Manager's User", store=True, readonly=True, compute_sudo=True,
        index=True)
    # The leaver's manager today, who may differ from the one at registration.
    current_manager_user_id = fields.Many2one(
        'res.users', related='employee_id.parent_id.user_id', string="Current Manager's User",
        store=True, readonly=True, compute_sudo=True, index=True)

    @api.depends('departure_type', 'primary_reason_id.reason_type')
    def _compute_voluntary(self):
        for interview in self:
            if interview.primary_reason_id:
                interview.voluntary = interview.primary_reason_id.reason_type == 'voluntary'
            else:
                interview.voluntary = interview.departure_type in VOLUNTARY_TYPES

    @api.depends('departure_type')
    def _compute_allowed_reason_ids(self):
        for interview in self:
            interview.allowed_reason_ids = self.env['hr.exit.reason']._departure_reasons(
                interview.departure_type)

    @api.depends('answer_ids.is_answered')
    def _compute_answer_progress(self):
        for interview in self:
            interview.answer_count = len(interview.answer_ids)
            interview.answered_count = len(interview.answer_ids.filtered('is_answered'))

    @api.depends('answer_ids.rating', 'answer_ids.score', 'answer_ids.is_recommend')
    def _compute_scores(self):
        for interview in self:
            ratings = [answer.rating for answer in interview.answer_ids
                       if answer.question_type == 'rating' and answer.rating]
            interview.overall_score = sum(ratings) / float(len(ratings)) if ratings else False
            recommend = interview.answer_ids.filtered(
                lambda answer: answer.is_recommend and answer.is_answered)[:1]
            interview.recommend_score = recommend.score if recommend else False

    @api.depends('departure_date', 'employee_id.work_email', 'employee_id.address_home_id',
                 'employee_id.user_id.lang', 'employee_id.user_id.tz')
    def _compute_leaver_contact(self):
        for interview in self:
            # The private address is HR data of the employee; exit officers
            # need it to reach the leaver without being HR officers themselves.
            employee = interview.employee_id.sudo()
            # After the last day the work mailbox may be closed: prefer the private one.
            left = interview.departure_date and \
                interview.departure_date < fields.Date.context_today(interview)
            private, work = employee.address_home_id.email, employee.work_email
            interview.leaver_email = (private or work) if left else (work or private)
            interview.leaver_lang = (employee.address_home_id.lang or employee.user_id.lang
                                     or False)
            interview.leaver_tz = employee.address_home_id.tz or employee.user_id.tz or False
            partners = (employee.address_home_id, employee.user_id.partner_id)
            partners = [partner for partner in (partners[::-1] if not left else partners)
                        if partner.email]
            interview.invitation_partner_id = partners and partners[0] or False

    @api.depends('invitation_message_id.notification_ids.email_status')
    def _compute_invitation_state(self):
        for interview in self:
            notifications = interview.sudo().invitation_message_id.notification_ids.filtered(
                'is_email')
            statuses = set(notifications.mapped('email_status'))
            if not interview.invitation_message_id:
                state = 'none'
            elif statuses & {'exception', 'bounce'} or not statuses:
                state = 'failed'
            elif statuses == {'sent'}:
                state = 'sent'
            else:
                state = 'queued'
            interview.invitation_state = state
            interview.invitation_sent = state == 'sent'


    @api.constrains('employee_id', 'state', 'interview_kind')
    def _check_one_open_interview(self):
        for interview in self.filtered(lambda i: i.state in OPEN_STATES and i.employee_id):
            if self.search_count([('id', '!=', interview.id),
                                  ('interview_kind', '=', interview.interview_kind),
                                  ('employee_id', '=', interview.employee_id.id),
                                  ('state', 'in', OPEN_STATES)]):
                raise ValidationError(_(
                    '%s already has an exit interview to schedule or scheduled. Open that '
                    'one, or cancel it before creating another.') % interview.employee_id.name)

    @api.constrains('departure_type', 'primary_reason_id')
    def _check_reason_fits_departure_type(self):
        for interview in self:
            interview.primary_reason_id._check_departure_type(interview.departure_type)

    @api.constrains('employee_id')
    def _check_employee(self):
        for interview in self:
            if not interview.employee_id and not interview._is_anonymized():
                raise ValidationError(_('An exit interview needs the employee who leaves.'))

    @api.constrains('interviewer_id', 'employee_id')
    def _check_interviewer(self):
        """The leaver must be able to speak freely: neither they nor the manager
        they may be talking about hold the interview (an HR officer who manages
        the leaver may, officers see every interview anyway)."""
        interviewer_group = self.env.ref('hr_exit_interview.group_exit_interviewer')
        officer_group = self.env.ref('hr_exit_interview.group_exit_officer')
        for interview in self.sudo().filtered(lambda i: i.interviewer_id and not i.anonymized):
            user = interview.interviewer_id
            if interviewer_group not in user.groups_id:
                raise ValidationError(_(
                    '%s cannot hold exit interviews: give them the "Interviewer" access in the '
                    'user settings first.') % user.name)
            if user == interview.employee_id.user_id:
                raise ValidationError(_('%s cannot hold their own exit interview.') % user.name)
            managers = interview.manager_id.user_id | interview.department_id.manager_id.user_id \
                | interview.employee_id.parent_id.user_id
            if user in managers and officer_group not in user.groups_id:
                raise ValidationError(_(
                    '%s manages %s and cannot hold this exit interview: the leaver must be able '
                    'to speak freely about their manager. Choose another interviewer.') % (
                        user.name, interview.employee_id.name))

    @api.depends('employment_start_date', 'departure_date')
    def _compute_tenure_months(self):
        for interview in self:
            start = fields.Date.from_string(interview.employment_start_date)
            end = fields.Date.from_string(interview.departure_date)
            if not start or not end or end < start:
                interview.tenure_months = False
                continue
            months = (end.year - start.year) * 12 + end.month - start.month
            interview.tenure_months = months - (1 if end.day < start.day else 0)

    @api.constrains('employment_start_date', 'departure_date')
    def _check_employment_start_date(self):
        for interview in self:
            if interview.employment_start_date and interview.departure_date \
                    and interview.employment_start_date > interview.departure_date:
                raise ValidationError(_(
                    'The employment start of %s comes after the departure date.')
                    % interview.name)

    @api.onchange('employee_id')
    def _onchange_employee_id(self):
        if self.employee_id:
            self.update(self._prepare_employee_snapshot(self.employee_id))

    @api.onchange('departure_type')
    def _onchange_departure_type(self):
        """A reason that does not fit the new type is cleared, not kept."""
        self.primary_reason_id = self.primary_reason_id._fit_departure_type(self.departure_type)

    @api.model
    def create(self, vals):
        if vals.get('employee_id'):
            employee = self.env['hr.employee'].browse(vals['employee_id'])
            self.env['hr.employee'].sudo()._exit_fill_employment_start(employee)
            for key, value in self._prepare_employee_snapshot(employee).items():
                vals.setdefault(key, value)
        if vals.get('name', '/') == '/':
            vals['name'] = self.env['ir.sequence'].next_by_code('hr.exit.interview') or '/'
        interview = super(HrExitInterview, self).create(vals)
        interview._sync_interviewer_activity()
        return interview

    @api.multi
    def write(self, vals):
        if not is_anonymizing(self.env):
            locked = set(vals) & set(OFFICER_ONLY_FIELDS)
            if locked and not self.user_has_groups(OFFICER_GROUP):
                raise AccessError(_('Only HR officers can change %s of an exit interview.') % (
                    ', '.join(sorted(self._fields[name].string for name in locked))))
        result = super(HrExitInterview, self).write(vals)
        if self._fixes_questionnaire(vals):
            self.filtered(lambda interview: interview._is_questionnaire_fixed())._generate_answers()
        if set(vals) & set(ACTIVITY_FIELDS):
            self._sync_interviewer_activity()
        return result

    @api.multi
    def unlink(self):
        if any(interview.state == 'done' for interview in self):
            raise UserError(_('A held exit interview is part of the company records and cannot '
                              'be deleted.'))
        return super(HrExitInterview, self).unlink()

    @api.multi
    def name_get(self):
        result = []
        for interview in self:
            if interview.employee_id:
                result.append((interview.id, '%s - %s' % (interview.name,
                                                          interview.employee_id.name)))
            else:
                result.append((interview.id, interview.name))
        return result

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _check_state(self, allowed, message):
        """Refuse a transition: ``message`` is a whole translated sentence with
        one ``%s`` for the references of the interviews concerned."""
        wrong = self.filtered(lambda interview: interview.state not in allowed)
        if wrong:
            raise UserError(message % ', '.join(wrong.mapped('name')))

    @api.multi
    def action_schedule(self):
        """Plan the interview: its questions are fixed (see write())."""
        self._check_state(('draft',), _(
            'Cannot schedule %s: only interviews to schedule can be scheduled. Reset a '
            'declined or cancelled interview to "To Schedule" first.'))
        incomplete = self.filtered(lambda i: not i.interviewer_id or not i.interview_date)
        if incomplete:
            raise UserError(_('Set an interviewer and an interview date before scheduling %s.')
                            % ', '.join(incomplete.mapped('name')))
        self.write({'state': 'scheduled'})
        return True

    @api.multi
    def action_done(self):
        """Close the interview once every mandatory question has an answer."""
        self._check_state(('scheduled',), _(
            'Cannot mark %s as held: schedule the interview first. A declined or cancelled '
            'interview must be reset to "To Schedule" before that.'))
        for interview in self:
            missing = interview.answer_ids.filtered(lambda a: a.mandatory and not a.is_answered)
            if missing:
                raise UserError(_('Answer the mandatory questions of %s before closing it:\n- %s')
                                % (interview.name, '\n- '.join(missing.mapped('question_text'))))
        self.write({'state': 'done', 'date_done': fields.Datetime.now(),
                    'channel': 'conversation'})
        return True

    @api.multi
    def action_decline(self):
        """The leaver does not want an exit interview."""
        self._check_state(OPEN_STATES, _(
            'Cannot decline %s: only interviews to schedule or scheduled can be declined.'))
        return self._close_as('declined')

    @api.multi
    def action_cancel(self):
        """No interview will take place (e.g. the departure was withdrawn)."""
        self._check_state(OPEN_STATES, _(
            'Cannot cancel %s: a held interview stays on record, and declined or cancelled '
            'ones need no cancelling.'))
        return self._close_as('cancelled')

    @api.multi
    def action_reset_draft(self):
        self._check_state(('scheduled', 'declined', 'cancelled'), _(
            'Cannot reset %s: only scheduled, declined or cancelled interviews can be reset, '
            'and a held interview is final.'))
        return self._close_as('draft')

    def _close_as(self, state):
        """Decline, cancel or reset: the interviewer's activity follows the
        new state (see _sync_interviewer_activity)."""
        self.write({'state': state})
        return True

    def _exit_reopen(self):
        """A cancelled interview (its departure had been withdrawn) back to
        schedule, when the departure is registered again."""
        self.filtered(lambda interview: interview.state == 'cancelled')._close_as('draft')

    @api.multi
    def action_prepare_answers(self):
        """Create the answer lines from the questionnaire, to fill them in
        before the interview is scheduled: the officer fixes the questions
        by hand."""
        self._check_state(OPEN_STATES, _('Cannot prepare the answers of %s: the interview '
                                         'is closed.'))
        self._generate_answers()
        return True

    @api.multi
    def action_send_invitation(self):
        """Open the e-mail composer with the invitation for the leaver."""
        self.ensure_one()
        self._check_officer(_('send the invitation'))
        self._check_state(OPEN_STATES, _('Cannot send an invitation for %s: the interview '
                                         'is closed.'))
        self._check_invitation_partner()
        template = self.env.ref('hr_exit_interview.mail_template_exit_interview_invitation')
        composer = self.env.ref('mail.email_compose_message_wizard_form')
        return {
            'name': _('Invite to the exit interview'),
            'type': 'ir.actions.act_window',
            'res_model': 'mail.compose.message',
            'view_type': 'form',
            'view_mode': 'form',
            'views': [(composer.id, 'form')],
            'target': 'new',
            'context': {
                'default_model': self._name,
                'default_res_id': self.id,
                'default_use_template': True,
                'default_template_id': template.id,
                'default_composition_mode': 'comment',
                'mark_exit_invitation_sent': True,
            },
        }

    def _check_invitation_partner(self):
        """UserError unless the employee has a contact to write to."""
        for interview in self:
            if not interview.sudo().invitation_partner_id:
                raise UserError(_(
                    '%s has no contact with an e-mail address to invite: give the employee a '
                    'private address with an e-mail, or a user, before sending the '
                    'invitation. No new contact is created for an exit interview.')
                    % interview.employee_id.name)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _prepare_employee_snapshot(self, employee):
        """What the interview copies from the employee at registration."""
        company = employee.company_id or self.env.user.company_id
        return {
            'employment_start_date': employee.sudo().employment_start_date,
            'department_id': employee.department_id.id,
            'job_id': employee.job_id.id,
            'manager_id': employee.parent_id.id,
            'company_id': company.id,
            'questionnaire_id': self.env['hr.exit.questionnaire'].get_default(company).id,
        }

    # ------------------------------------------------------------------
    # Answers: one line per question, created when the questionnaire is fixed
    # ------------------------------------------------------------------

    def _fixes_questionnaire(self, vals):
        """Whether writing ``vals`` may fix the questions of the interviews."""
        return vals.get('state') == 'scheduled' or 'questionnaire_id' in vals

    def _is_questionnaire_fixed(self):
        """The questions an interview asks are fixed once it is scheduled:
        the interviewer fills them in from then on."""
        self.ensure_one()
        return self.state == 'scheduled'

    def _generate_answers(self):
        """One answer line per active question not answered yet; existing
        answers are never touched.

        The only place answer lines are created, from write() when the
        questionnaire becomes fixed (see _is_questionnaire_fixed) and from the
        "Prepare Answers" button. Reading an interview, its page included,
        never creates any: a GET request must not write."""
        Answer = self.env['hr.exit.answer']
        for interview in self.filtered('questionnaire_id'):
            asked = interview.answer_ids.mapped('question_id')
            for question in interview.questionnaire_id.question_ids - asked:
                Answer.create({'interview_id': interview.id, 'question_id': question.id})

    def _answers_by_area(self):
        """[(area name, answers)] in the order of the questionnaire: the
        grouping that the questionnaire page and the printed sheet share."""
        self.ensure_one()
        answers = self.answer_ids.sorted(
            lambda a: (a.category_sequence, a.category_id.id, a.sequence, a.id))
        return [(category.name or _('Other questions'), answers.browse().concat(*group))
                for category, group in groupby(answers, key=lambda answer: answer.category_id)]

    # ------------------------------------------------------------------
    # The interviewer's activity
    # ------------------------------------------------------------------

    def _sync_interviewer_activity(self):
        """The one rule of the interviewer's to-dos: an open interview (to
        schedule or scheduled) with an interviewer has one "Exit interview"
        activity, the interviewer's, due on the interview date, else on the
        departure date, else today; when the leaver has sent their answers
        online, it also has one "Review the online answers" activity, the
        interviewer's, due on the same day. Any other interview has none.

        Applied by create() and write() (see ACTIVITY_FIELDS), so it holds
        whoever creates or changes the interview: the departure wizard, the
        archiving of an employee, the form, the leaver's online reply."""
        exit_type = self.env.ref('hr_exit_interview.mail_activity_type_exit_interview')
        review_type = self.env.ref('hr_exit_interview.mail_activity_type_exit_review_answers')
        for interview in self.filtered(lambda i: not i.anonymized):
            active = interview.state in OPEN_STATES and interview.interviewer_id
            interview._sync_activity(exit_type, _('Exit interview'), active)
            interview._sync_activity(review_type, _('Review the online answers'),
                                     active and interview.submitted_date)

    def _sync_activity(self, activity_type, summary, wanted):
        """One activity of ``activity_type`` for the interviewer when
        ``wanted``, none otherwise."""
        self.ensure_one()
        existing = self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type)
        if not wanted:
            existing.unlink()
            return
        values = {'user_id': self.interviewer_id.id,
                  'date_deadline': self._interviewer_activity_deadline()}
        existing[1:].unlink()
        existing = existing[:1]
        if not existing:
            values.update({
                'res_model_id': self.env['ir.model']._get_id(self._name),
                'res_id': self.id,
                'activity_type_id': activity_type.id,
                'summary': summary,
            })
            self.env['mail.activity'].create(values)
        elif (existing.user_id.id, existing.date_deadline) != (
                values['user_id'], values['date_deadline']):
            existing.write(values)

    def _interviewer_activity_deadline(self):
        """Without an interview date yet, the interview is due by the last day."""
        self.ensure_one()
        return (self.interview_date and self.interview_date[:10]) or self.departure_date \
            or fields.Date.context_today(self)
