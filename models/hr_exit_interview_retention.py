from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_exit_confidential_mixin import check_scheduler
from .hr_exit_interview import ANONYMIZING, is_anonymizing


class HrExitInterviewRetention(models.Model):
    """The retention period and the anonymisation: once the departure is older
    than the company's retention period, whatever points at the person is
    removed and the interview stays, read-only, for the statistics."""

    _inherit = 'hr.exit.interview'

    anonymized = fields.Boolean(
        string='Anonymised', readonly=True, copy=False, index=True,
        help='The retention period has passed: what pointed at the person was removed and the '
             'interview is kept, read-only, for the statistics.')
    anonymized_date = fields.Datetime(string='Anonymised on', readonly=True, copy=False)
    can_anonymize = fields.Boolean(
        compute='_compute_can_anonymize',
        help='Not anonymised yet and the departure is older than the retention period: the '
             '"Anonymise" action is offered only where it would not be refused.')

    @api.depends('anonymized', 'departure_date', 'registration_date',
                 'company_id.exit_retention_months')
    def _compute_can_anonymize(self):
        for interview in self:
            interview.can_anonymize = not interview.anonymized \
                and interview._is_past_retention()

    @api.multi
    def write(self, vals):
        if not is_anonymizing(self.env):
            self._check_not_anonymized()
            if {'anonymized', 'anonymized_date'} & set(vals):
                raise UserError(_('Use the "Anonymise" action to anonymise an exit interview.'))
        return super(HrExitInterviewRetention, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_not_anonymized()
        return super(HrExitInterviewRetention, self).unlink()

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

    def _check_not_anonymized(self):
        if is_anonymizing(self.env):
            return
        anonymized = self.sudo().filtered('anonymized')
        if anonymized:
            raise UserError(_(
                '%s was anonymised after the retention period: it is kept, read-only, for the '
                'statistics and can no longer be changed.') % ', '.join(anonymized.mapped('name')))

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
        check_scheduler(self.env)
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
            'questionnaire_token': False,
            'questionnaire_token_expiry': False,
            'anonymized': True,
            'anonymized_date': fields.Datetime.now(),
        }

    def _keep_departure_month(self):
        """The exact departure date, with the department and the job, points
        back at the archived employee: only its month is kept, the granularity
        of every report (the analysis views know the month only)."""
        self.env.cr.execute(
            "UPDATE hr_exit_interview SET departure_date = date_trunc('month', departure_date) "
            "WHERE id IN %s AND departure_date IS NOT NULL", (tuple(self.ids),))
        self.invalidate_cache(['departure_date'], self.ids)

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
        interviews._keep_departure_month()
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
