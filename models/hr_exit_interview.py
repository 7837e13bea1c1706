import base64
import os
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .nullable_fields import NullableFloat, NullableInteger

DEPARTURE_TYPES = [
    ('resignation', 'Resignation'),
    ('dismissal', 'Dismissal'),
    ('end_of_contract', 'End of contract'),
    ('retirement', 'Retirement'),
    ('mutual_agreement', 'Mutual agreement'),
    ('other', 'Other'),
]
# Without a reason, only a resignation counts as a voluntary departure.
VOLUNTARY_TYPES = ('resignation',)
OPEN_STATES = ('draft', 'scheduled')
CLOSED_STATES = ('done', 'declined', 'cancelled')
OFFICER_GROUP = 'hr_exit_interview.group_exit_officer'
# Path of the leaver's private questionnaire page; the token follows it.
QUESTIONNAIRE_PATH = '/exit-interview/'
QUESTIONNAIRE_STATES = [
    ('none', 'Not sent'),
    ('waiting', 'Waiting for answers'),
    ('expired', 'Link expired'),
    ('revoked', 'Link revoked'),
    ('answered', 'Answered online'),
    ('declined', 'Declined online'),
]
# Who leaves, who manages them and where the interview belongs: interviewers
# may fill in an interview, only HR officers may change these.
OFFICER_ONLY_FIELDS = ('employee_id', 'company_id', 'interviewer_id', 'department_id', 'job_id',
                       'manager_id')
# Context key of the anonymisation itself, honoured for the superuser only.
ANONYMIZING = 'exit_anonymizing'


def new_access_token():
    """256 random bits, URL-safe (43 characters)."""
    return base64.urlsafe_b64encode(os.urandom(32)).rstrip(b'=').decode('ascii')


def is_anonymizing(env):
    """The anonymisation is running: it alone may change anonymised records."""
    return env.uid == SUPERUSER_ID and bool(env.context.get(ANONYMIZING))


class HrExitInterview(models.Model):
    """An employee's departure and the exit interview that follows it.

    Department, job, manager and company are copied from the employee when the
    departure is registered: later moves of the employee must not rewrite the
    history that the reports are built on.
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
    job_id = fields.Many2one('hr.job', string='Job Position')
    manager_id = fields.Many2one('hr.employee', string='Manager',
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
    primary_reason_id = fields.Many2one('hr.exit.reason', string='Primary Reason',
                                        ondelete='restrict', track_visibility='onchange')
    secondary_reason_ids = fields.Many2many(
        'hr.exit.reason', 'hr_exit_interview_secondary_reason_rel', 'interview_id', 'reason_id',
        string='Other Reasons')
    preventable = fields.Boolean(related='primary_reason_id.preventable', store=True,
                                 readonly=True, compute_sudo=True)
    regretted = fields.Boolean(string='Regretted Loss',
                               help='The company would have liked to keep this person.')
    rehire_eligible = fields.Selection([
        ('yes', 'Yes'),
        ('no', 'No'),
        ('conditional', 'Under conditions'),
    ], string='Eligible for Rehire')
    interviewer_id = fields.Many2one(
        'res.users', string='Interviewer', index=True, track_visibility='onchange',
        domain=lambda self: [('groups_id', 'in', self.env.ref(
            'hr_exit_interview.group_exit_interviewer').id)],
        help='Needs the "Interviewer" access. Neither the leaver nor their manager can hold '
             'the interview.')
    interview_date = fields.Datetime(track_visibility='onchange')
    date_done = fields.Datetime(string='Held on', readonly=True, copy=False)
    state = fields.Selection([
        ('draft', 'To Schedule'),
        ('scheduled', 'Scheduled'),
        ('done', 'Held'),
        ('declined', 'Declined'),
        ('cancelled', 'Cancelled'),
    ], default='draft', required=True, readonly=True, copy=False, index=True,
        track_visibility='onchange')
    questionnaire_id = fields.Many2one(
        'hr.exit.questionnaire', ondelete='restrict', states={'done': [('readonly', True)]},
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
    invitation_sent = fields.Boolean(readonly=True, copy=False)
    leaver_email = fields.Char(compute='_compute_leaver_contact')
    leaver_lang = fields.Char(compute='_compute_leaver_contact')
    # Self-service questionnaire: the private link and what happened to it.
    access_token = fields.Char(
        copy=False, readonly=True, index=True, groups=OFFICER_GROUP,
        help="Secret part of the leaver's questionnaire link. Cleared when the link is revoked.")
    access_token_expiry = fields.Datetime(
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
    anonymized = fields.Boolean(
        string='Anonymised', readonly=True, copy=False, index=True,
        help='The retention period has passed: what pointed at the person was removed and the '
             'interview is kept, read-only, for the statistics.')
    anonymized_date = fields.Datetime(string='Anonymised on', readonly=True, copy=False)

    @api.depends('departure_type', 'primary_reason_id.reason_type')
    def _compute_voluntary(self):
        for interview in self:
            if interview.primary_reason_id:
                interview.voluntary = interview.primary_reason_id.reason_type == 'voluntary'
            else:
                interview.voluntary = interview.departure_type in VOLUNTARY_TYPES

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
                 'employee_id.user_id.lang')
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

    def _compute_questionnaire_url(self):
        base_url = self.env['ir.config_parameter'].sudo().get_param('web.base.url') or ''
        for interview in self:
            token = interview.access_token
            interview.questionnaire_url = token and '%s%s%s' % (
                base_url.rstrip('/'), QUESTIONNAIRE_PATH, token) or False

    @api.depends('state', 'submitted_date', 'questionnaire_sent_date', 'access_token',
                 'access_token_expiry')
    def _compute_questionnaire_state(self):
        # Whether a link exists is no secret; the token itself is.
        now = fields.Datetime.now()
        for interview in self:
            link = interview.sudo()
            interview.has_questionnaire_link = bool(link.access_token)
            if interview.submitted_date:
                state = 'declined' if interview.state == 'declined' else 'answered'
            elif link.access_token:
                state = 'waiting' if (link.access_token_expiry or '') > now else 'expired'
            else:
                state = 'revoked' if interview.questionnaire_sent_date else 'none'
            interview.questionnaire_state = state

    @api.constrains('employee_id', 'state')
    def _check_one_open_interview(self):
        for interview in self.filtered(lambda i: i.state in OPEN_STATES and i.employee_id):
            if self.search_count([('id', '!=', interview.id),
                                  ('employee_id', '=', interview.employee_id.id),
                                  ('state', 'in', OPEN_STATES)]):
                raise ValidationError(_(
                    '%s already has an exit interview to schedule or scheduled. Open that '
                    'one, or cancel it before creating another.') % interview.employee_id.name)

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
            managers = interview.manager_id.user_id | interview.department_id.manager_id.user_id
            if user in managers and officer_group not in user.groups_id:
                raise ValidationError(_(
                    '%s manages %s and cannot hold this exit interview: the leaver must be able '
                    'to speak freely about their manager. Choose another interviewer.') % (
                        user.name, interview.employee_id.name))

    @api.onchange('employee_id')
    def _onchange_employee_id(self):
        if self.employee_id:
            self.update(self._prepare_employee_snapshot(self.employee_id))

    @api.model
    def create(self, vals):
        if vals.get('employee_id'):
            employee = self.env['hr.employee'].browse(vals['employee_id'])
            for key, value in self._prepare_employee_snapshot(employee).items():
                vals.setdefault(key, value)
        if vals.get('name', '/') == '/':
            vals['name'] = self.env['ir.sequence'].next_by_code('hr.exit.interview') or '/'
        return super(HrExitInterview, self).create(vals)

    @api.multi
    def write(self, vals):
        if not is_anonymizing(self.env):
            self._check_not_anonymized()
            if {'anonymized', 'anonymized_date'} & set(vals):
                raise UserError(_('Use the "Anonymise" action to anonymise an exit interview.'))
            locked = set(vals) & set(OFFICER_ONLY_FIELDS)
            if locked and not self.user_has_groups(OFFICER_GROUP):
                raise AccessError(_('Only HR officers can change %s of an exit interview.') % (
                    ', '.join(sorted(self._fields[name].string for name in locked))))
        result = super(HrExitInterview, self).write(vals)
        # A closed interview takes no more answers: its link stops working. When
        # the leaver's own reply closed it, the link keeps showing the receipt.
        if vals.get('state') in CLOSED_STATES \
                and not self.env.context.get('exit_selfservice_reply'):
            self._revoke_access_token()
        return result

    @api.multi
    def unlink(self):
        self._check_not_anonymized()
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
        """Plan the interview: the interviewer gets an activity on the date."""
        self._check_state(('draft',), _(
            'Cannot schedule %s: only interviews to schedule can be scheduled. Reset a '
            'declined or cancelled interview to "To Schedule" first.'))
        incomplete = self.filtered(lambda i: not i.interviewer_id or not i.interview_date)
        if incomplete:
            raise UserError(_('Set an interviewer and an interview date before scheduling %s.')
                            % ', '.join(incomplete.mapped('name')))
        self._generate_answers()
        self.write({'state': 'scheduled'})
        for interview in self:
            interview._schedule_interviewer_activity()
        return True

    @api.multi
    def action_done(self):
        """Close the interview once every mandatory question has an answer."""
        self._check_state(('scheduled',), _(
            'Cannot mark %s as held: schedule the interview first. A declined or cancelled '
            'interview must be reset to "To Schedule" before that.'))
        self._generate_answers()
        for interview in self:
            missing = interview.answer_ids.filtered(lambda a: a.mandatory and not a.is_answered)
            if missing:
                raise UserError(_('Answer the mandatory questions of %s before closing it:\n- %s')
                                % (interview.name, '\n- '.join(missing.mapped('question_text'))))
        self.write({'state': 'done', 'date_done': fields.Datetime.now()})
        self._close_interviewer_activities()
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
        """Move to a state where the interviewer has nothing planned any more."""
        self.write({'state': state})
        self._close_interviewer_activities()
        return True

    @api.multi
    def action_prepare_answers(self):
        """Create the answer lines from the questionnaire, to fill them in."""
        self._check_state(OPEN_STATES, _('Cannot prepare the answers of %s: the interview '
                                         'is closed.'))
        self._generate_answers()
        return True

    @api.multi
    def action_send_invitation(self):
        """Open the e-mail composer with the invitation for the leaver."""
        self.ensure_one()
        self._check_state(OPEN_STATES, _('Cannot send an invitation for %s: the interview '
                                         'is closed.'))
        if not self.leaver_email:
            raise UserError(_('%s has neither a work e-mail nor a private e-mail address: add '
                              'one on the employee before sending the invitation.')
                            % self.employee_id.name)
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
        template = self.env.ref('hr_exit_interview.mail_template_exit_interview_questionnaire')
        for interview in self:
            interview._generate_answers()
            interview.write(interview._prepare_access_token_vals())
            interview._send_questionnaire_mail(template)
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
    def action_anonymize(self):
        """Anonymise now the interviews whose retention period has passed
        (the daily job does the same for all of them)."""
        if not self.user_has_groups('hr_exit_interview.group_exit_manager'):
            raise AccessError(_('Only exit interview administrators can anonymise interviews.'))
        interviews = self.filtered(lambda interview: not interview.anonymized)
        interviews.check_access_rule('write')
        early = interviews.filtered(lambda interview: not interview._is_past_retention())
        if early:
            raise UserError(_(
                'Only interviews whose departure is older than the retention period of their '
                'company can be anonymised. Not yet: %s.') % ', '.join(early.mapped('name')))
        interviews.sudo()._anonymize()
        self.env['hr.exit.anonymization.log']._log_run(interviews, 'manual')
        return True

    @api.multi
    @api.returns('self', lambda value: value.id)
    def message_post(self, **kwargs):
        self._check_not_anonymized()
        if self.env.context.get('mark_exit_invitation_sent'):
            self.filtered(lambda i: not i.invitation_sent).write({'invitation_sent': True})
        return super(HrExitInterview, self.with_context(
            mail_post_autofollow=False)).message_post(**kwargs)

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None, force=True):
        """Only people who may read the interview follow it: followers get its
        messages. Automatic subscriptions (the author of an incoming e-mail, for
        instance) of anyone else are dropped; explicit ones are refused."""
        self._check_not_anonymized()
        refused = self._partners_without_access(partner_ids or [])
        if (refused or channel_ids) and force:
            raise UserError(_(
                'Exit interviews are confidential: only their interviewer and HR officers can '
                'follow them. Refused: %s') % ', '.join(
                    refused.mapped('name') + self.env['mail.channel'].sudo().browse(
                        channel_ids or []).mapped('name')))
        partner_ids = [pid for pid in partner_ids or [] if pid not in refused.ids]
        return super(HrExitInterview, self).message_subscribe(
            partner_ids=partner_ids, channel_ids=None, subtype_ids=subtype_ids, force=force)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _check_not_anonymized(self):
        if is_anonymizing(self.env):
            return
        anonymized = self.sudo().filtered('anonymized')
        if anonymized:
            raise UserError(_(
                '%s was anonymised after the retention period: it is kept, read-only, for the '
                'statistics and can no longer be changed.') % ', '.join(anonymized.mapped('name')))

    def _partners_without_access(self, partner_ids):
        """The partners, among partner_ids, none of whose users may read all of self."""
        refused = self.env['res.partner']
        for partner in self.env['res.partner'].sudo().browse(partner_ids):
            if not any(self._readable_by(user) for user in partner.user_ids):
                refused |= partner
        return refused

    def _readable_by(self, user):
        if user.id == SUPERUSER_ID:
            return True
        records = self.sudo(user)
        if not records.check_access_rights('read', raise_exception=False):
            return False
        return records.search_count([('id', 'in', self.ids)]) == len(self)

    @api.model
    def _prepare_employee_snapshot(self, employee):
        """What the interview copies from the employee at registration."""
        company = employee.company_id or self.env.user.company_id
        return {
            'department_id': employee.department_id.id,
            'job_id': employee.job_id.id,
            'manager_id': employee.parent_id.id,
            'company_id': company.id,
            'questionnaire_id': self.env['hr.exit.questionnaire'].get_default(company).id,
        }

    def _generate_answers(self):
        """One answer line per active question not answered yet; existing
        answers are never touched."""
        Answer = self.env['hr.exit.answer']
        for interview in self.filtered('questionnaire_id'):
            asked = interview.answer_ids.mapped('question_id')
            for question in interview.questionnaire_id.question_ids - asked:
                Answer.create({'interview_id': interview.id, 'question_id': question.id})

    def _schedule_interviewer_activity(self):
        self.ensure_one()
        activity_type = self.env.ref('hr_exit_interview.mail_activity_type_exit_interview')
        deadline = (self.interview_date and self.interview_date[:10]) or self.departure_date \
            or fields.Date.context_today(self)
        existing = self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        if existing:
            existing.write({'user_id': self.interviewer_id.id, 'date_deadline': deadline})
            return existing
        return self.env['mail.activity'].create({
            'res_model_id': self.env['ir.model']._get_id(self._name),
            'res_id': self.id,
            'activity_type_id': activity_type.id,
            'summary': _('Exit interview'),
            'user_id': self.interviewer_id.id or self.env.uid,
            'date_deadline': deadline,
        })

    def _close_interviewer_activities(self):
        activity_type = self.env.ref('hr_exit_interview.mail_activity_type_exit_interview')
        self.mapped('activity_ids').filtered(
            lambda a: a.activity_type_id == activity_type).unlink()

    def _is_anonymized(self):
        """Anonymised interviews keep no link to the employee."""
        return bool(self) and all(self.sudo().mapped('anonymized'))

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    @api.model
    def _retention_cutoff(self, company):
        """Departures before this date are past the company's retention period."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(today - relativedelta(months=company.exit_retention_months))

    @api.model
    def _past_retention_domain(self, company):
        cutoff = self._retention_cutoff(company)
        return [
            ('company_id', '=', company.id),
            ('anonymized', '=', False),
            '|', ('departure_date', '<', cutoff),
            '&', ('departure_date', '=', False), ('registration_date', '<', cutoff),
        ]

    def _is_past_retention(self):
        self.ensure_one()
        departure = self.departure_date or self.registration_date
        return bool(departure) and departure < self._retention_cutoff(self.company_id)

    @api.model
    def _cron_anonymize_expired(self):
        """Daily: anonymise, company by company, the interviews whose
        departure is older than the company's retention period."""
        anonymized = self.browse()
        for company in self.env['res.company'].sudo().search([]):
            expired = self.sudo().search(self._past_retention_domain(company))
            if expired:
                expired._anonymize()
                self.env['hr.exit.anonymization.log']._log_run(expired, 'cron')
                anonymized |= expired
        return anonymized

    def _prepare_anonymized_vals(self):
        """What the anonymisation writes on the interview: whatever points at the
        person goes; department, job, dates, reasons, scores and states stay, so
        that every statistic stays the same. The manager goes too: it names a
        person, and with the department and the date it would point at the
        leaver's team. The questionnaire link stops working."""
        return {
            'employee_id': False,
            'manager_id': False,
            'confidential_notes': False,
            'access_token': False,
            'access_token_expiry': False,
            'anonymized': True,
            'anonymized_date': fields.Datetime.now(),
        }

    def _anonymize(self):
        """Remove the person from the interviews, their answers and chatter.
        Run as superuser, once the caller has checked who asks."""
        interviews = self.filtered(lambda interview: not interview.anonymized).with_context(
            tracking_disable=True, **{ANONYMIZING: True})
        if not interviews:
            return interviews
        comments = interviews.mapped('answer_ids').filtered('text')
        given = comments.filtered(lambda answer: answer.text.strip())
        given.write({'text': False, 'text_removed': True})
        (comments - given).write({'text': False})
        interviews.write(interviews._prepare_anonymized_vals())
        env = interviews.env

        def linked():
            # a new list each time: ir.attachment's search adds to the one it gets
            return [('res_model', '=', self._name), ('res_id', 'in', interviews.ids)]
        messages = env['mail.message'].search([('model', '=', self._name),
                                               ('res_id', 'in', interviews.ids)])
        attachments = env['ir.attachment'].search(linked()) | messages.mapped('attachment_ids')
        env['mail.mail'].search([('exit_interview_id', 'in', interviews.ids)]).unlink()
        env['mail.activity'].search(linked()).unlink()
        env['mail.followers'].search(linked()).unlink()
        attachments.unlink()
        messages.unlink()
        return interviews

    # ------------------------------------------------------------------
    # Self-service questionnaire
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
            'access_token': new_access_token(),
            'access_token_expiry': fields.Datetime.to_string(now + timedelta(days=days)),
            'questionnaire_sent_date': fields.Datetime.to_string(now),
            'reminder_sent_date': False,
            'submitted_date': False,
        }

    def _revoke_access_token(self):
        links = self.sudo().filtered('access_token')
        if links:
            links.write({'access_token': False, 'access_token_expiry': False})

    def _format_link_expiry(self):
        self.ensure_one()
        expiry = self.sudo().access_token_expiry
        return expiry and fields.Date.to_string(
            fields.Datetime.context_timestamp(self, fields.Datetime.from_string(expiry))) or ''

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
        now = fields.Datetime.from_string(fields.Datetime.now())
        pending = self.sudo().search([
            ('state', 'in', OPEN_STATES),
            ('access_token', '!=', False),
            ('access_token_expiry', '>', fields.Datetime.to_string(now)),
            ('questionnaire_sent_date', '!=', False),
            ('reminder_sent_date', '=', False),
            ('submitted_date', '=', False),
        ])
        template = self.env.ref(
            'hr_exit_interview.mail_template_exit_interview_questionnaire_reminder')
        reminded = self.browse()
        for interview in pending:
            sent = fields.Datetime.from_string(interview.questionnaire_sent_date)
            if sent + timedelta(days=interview.company_id.exit_reminder_days) > now \
                    or not interview.leaver_email:
                continue
            interview._send_questionnaire_mail(template)
            interview.write({'reminder_sent_date': fields.Datetime.to_string(now)})
            interview.message_post(body=_('Questionnaire reminder e-mailed to %s.')
                                   % interview.leaver_email)
            reminded |= interview
        return reminded

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

    def _selfservice_sections(self):
        """The questions of the page, grouped by area, as plain values: the
        page gets nothing of the interview beyond what it shows."""
        self.ensure_one()
        sections = []
        for answer in self.answer_ids.sorted(
                lambda a: (a.category_sequence, a.category_id.id, a.sequence, a.id)):
            if not sections or sections[-1]['category_id'] != answer.category_id.id:
                sections.append({
                    'category_id': answer.category_id.id,
                    'name': answer.category_id.name or _('Other questions'),
                    'questions': [],
                })
            question = answer.question_id
            sections[-1]['questions'].append({
                'key': answer._selfservice_key(),
                'text': question.name or answer.question_text,
                'help': question.description or '',
                'type': answer.question_type,
                'mandatory': answer.mandatory,
                'scale': answer.question_type in ('rating', 'score'),
                # the question's own guidance may explain its scale otherwise
                'hint': not question.description and self._selfservice_hint(
                    answer.question_type) or '',
                'choices': self._selfservice_choices(answer),
            })
        return sections

    def _selfservice_hint(self, question_type):
        return {
            'rating': _('1 = very poor, 5 = very good'),
            'score': _('0 = not at all likely, 10 = extremely likely'),
        }.get(question_type, '')

    def _selfservice_choices(self, answer):
        """(value, label) of the radio buttons of an answer."""
        if answer.question_type == 'rating':
            return [(str(number), str(number)) for number in range(1, 6)]
        if answer.question_type == 'score':
            return [(str(number), str(number)) for number in range(0, 11)]
        if answer.question_type == 'yes_no':
            return [('yes', _('Yes')), ('no', _('No'))]
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
        self._generate_answers()
        errors, updates = {}, []
        for answer in self.answer_ids:
            key = answer._selfservice_key()
            try:
                values = answer._parse_submitted_value(form.get(key))
            except ValidationError as error:
                errors[key] = error.name
                continue
            if values:
                updates.append((answer, values))
        if not form.get('consent'):
            errors['consent'] = _('Tick this box to send your answers, or use "I do not want '
                                  'to take part" above.')
        if errors:
            return errors
        interview = self.with_context(exit_selfservice_reply=True)
        try:
            with self.env.cr.savepoint():
                for answer, values in updates:
                    answer.write(values)
                interview.write({'consent_given': True,
                                 'submitted_date': fields.Datetime.now()})
                interview._selfservice_close()
                interview._post_selfservice_note(_('The leaver sent their answers through the '
                                                   'online questionnaire.'))
        except (UserError, ValidationError) as error:
            return {'_form': error.name}
        return {}

    def _selfservice_close(self):
        """A complete questionnaire closes the interview when the company says
        so. Otherwise the interview keeps its state: a draft one stays to
        schedule, for the conversation that should follow."""
        if not self.company_id.exit_selfservice_closes \
                or self.answer_ids.filtered(lambda a: a.mandatory and not a.is_answered):
            return
        if self.state == 'draft':
            self.write({'state': 'scheduled'})
        self.action_done()

    def _selfservice_decline(self):
        """The leaver does not want to take part: the interview is declined."""
        self.ensure_one()
        interview = self.with_context(exit_selfservice_reply=True)
        interview.write({'consent_given': False, 'submitted_date': fields.Datetime.now()})
        interview.action_decline()
        interview._post_selfservice_note(_('The leaver declined the exit interview through the '
                                           'online questionnaire.'))

    def _post_selfservice_note(self, body):
        kwargs = {'body': body, 'subtype': 'mail.mt_note'}
        author = self._selfservice_author()
        if author:
            kwargs['author_id'] = author.id
        return self.message_post(**kwargs)

    # ------------------------------------------------------------------
    # Fields restricted to some groups: no searching, sorting or grouping
    # on them either (Odoo 11 only checks read and write).
    # ------------------------------------------------------------------

    def _check_restricted_fields(self, names):
        if self.env.uid == SUPERUSER_ID:
            return
        for name in names:
            field = self._fields.get(name)
            if field and field.groups and not self.user_has_groups(field.groups):
                raise AccessError(_('You are not allowed to search, sort or group exit '
                                    'interviews on "%s".') % field.string)

    @api.model
    def _where_calc(self, domain, active_test=True):
        self._check_restricted_fields(
            leaf[0].split('.')[0] for leaf in domain or []
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3
            and isinstance(leaf[0], str))
        return super(HrExitInterview, self)._where_calc(domain, active_test=active_test)

    @api.model
    def _generate_order_by(self, order_spec, query):
        if order_spec:
            self._check_restricted_fields(
                part.split()[0].strip('"') for part in order_spec.split(',') if part.strip())
        return super(HrExitInterview, self)._generate_order_by(order_spec, query)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
        orders = [part.split()[0] for part in (orderby or '').split(',') if part.strip()]
        self._check_restricted_fields(
            name.split(':')[0].strip() for name in list(fields or []) + groupbys + orders)
        return super(HrExitInterview, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
