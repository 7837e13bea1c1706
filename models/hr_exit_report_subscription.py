import base64
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_exit_confidential_mixin import check_scheduler

_logger = logging.getLogger(__name__)

REPORT_GROUP = 'hr_exit_interview.group_exit_report'
TREND_REPORT = 'hr_exit_interview.action_report_exit_trends'
FREQUENCIES = [('monthly', 'Monthly'), ('quarterly', 'Quarterly')]
FREQUENCY_MONTHS = {'monthly': 1, 'quarterly': 3}


class HrExitReportSubscription(models.Model):
    """The trend report e-mailed as a PDF to chosen readers every month or
    quarter, so that nobody prints it by hand.

    Each recipient gets the report as they would print it themselves: it is
    rendered with their own rights, so the anonymity threshold of their
    company applies and the comments reach HR officers only. Only users who
    may read the trend report can be recipients. Subscriptions are managed by
    HR officers; the PDFs sent stay attached to the subscription, which
    nobody but HR officers reads."""

    _name = 'hr.exit.report.subscription'
    _description = 'Exit Interview Trend Report Subscription'
    _order = 'next_date, id'

    def _default_next_date(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(today.replace(day=1) + relativedelta(months=1))

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    user_ids = fields.Many2many(
        'res.users', 'hr_exit_report_subscription_user_rel', 'subscription_id', 'user_id',
        string='Recipients', required=True,
        domain=lambda self: [('groups_id', 'in', self.env.ref(REPORT_GROUP).ids)],
        help='Users who may read the trend report. Each gets the report as they would print '
             'it: groups under the anonymity threshold of their company are hidden.')
    frequency = fields.Selection(FREQUENCIES, required=True, default='quarterly')
    months = fields.Integer(string='Months Covered', required=True, default=12,
                            help='The report covers this many whole months up to the end of '
                                 'the month before it is sent.')
    granularity = fields.Selection([('month', 'Month'), ('quarter', 'Quarter'),
                                    ('year', 'Year')], required=True, default='quarter')
    department_ids = fields.Many2many('hr.department', string='Departments',
                                      help='Leave empty for every department.')
    next_date = fields.Date(string='Next Report', required=True,
                            default=lambda self: self._default_next_date())
    last_date = fields.Date(string='Last Sent', readonly=True, copy=False)

    @api.constrains('user_ids', 'company_id')
    def _check_recipients(self):
        """A recipient must be a trend report reader of the company: the cron
        would otherwise mail figures to someone who may not print them."""
        group = self.env.ref(REPORT_GROUP)
        # the groups and companies of other users, read to check them only
        for subscription in self.sudo():
            refused = subscription.user_ids.filtered(
                lambda user: group not in user.groups_id
                or subscription.company_id not in user.company_ids)
            if refused:
                raise ValidationError(_(
                    'Only users who may read the exit interview trend report of %(company)s '
                    'can receive it: %(users)s may not.') % {
                    'company': subscription.company_id.name,
                    'users': ', '.join(refused.mapped('name'))})

    @api.constrains('months')
    def _check_months(self):
        for subscription in self:
            if not 1 <= subscription.months <= 60:
                raise ValidationError(_('A subscribed report covers 1 to 60 months.'))

    @api.multi
    def action_send_now(self):
        """Send the report of every subscription to its recipients now,
        without moving the next date."""
        self.check_access_rights('write')
        self.check_access_rule('write')
        for subscription in self.sudo():
            subscription._send_report()
        return True

    @api.model
    def _cron_send_subscriptions(self):
        """Send the subscriptions due and move them to their next date."""
        check_scheduler(self.env)
        today = fields.Date.context_today(self)
        for subscription in self.sudo().search([('next_date', '<=', today)]):
            subscription._send_report()
            next_date = fields.Date.from_string(subscription.next_date)
            step = relativedelta(months=FREQUENCY_MONTHS[subscription.frequency])
            while fields.Date.to_string(next_date) <= today:
                next_date += step
            subscription.write({'next_date': fields.Date.to_string(next_date)})

    @api.multi
    def _report_period(self):
        """(first day, last day) of the months covered: up to the end of the
        month before the report is sent."""
        self.ensure_one()
        today = fields.Date.from_string(fields.Date.context_today(self))
        end = today.replace(day=1) - relativedelta(days=1)
        start = end.replace(day=1) - relativedelta(months=self.months - 1)
        return start, end

    @api.multi
    def _send_report(self):
        """One e-mail per recipient, with the report rendered as that user."""
        self.ensure_one()
        group = self.env.ref(REPORT_GROUP)
        mails = self.env['mail.mail']
        for user in self.user_ids:
            if group not in user.groups_id or self.company_id not in user.company_ids:
                _logger.warning('Trend report subscription %s: user %s may no longer read the '
                                'report, not sent.', self.id, user.id)
                continue
            mails |= self.with_context(lang=user.lang)._send_report_to(user)
        self.write({'last_date': fields.Date.context_today(self)})
        return mails

    @api.multi
    def _send_report_to(self, user):
        """Render the report as ``user`` and queue it to them, attached to
        this subscription (readable by HR officers only)."""
        start, end = self._report_period()
        wizard = self.env['hr.exit.trend.wizard'].sudo(user).create({
            'company_id': self.company_id.id,
            'department_ids': [(6, 0, self.department_ids.ids)],
            'date_from': fields.Date.to_string(start),
            'date_to': fields.Date.to_string(end),
            'granularity': self.granularity,
        })
        report = self.env.ref(TREND_REPORT).sudo(user).with_context(lang=user.lang)
        content, kind = report.render_qweb_pdf(wizard.ids)
        if not content:
            raise UserError(_('The trend report could not be rendered.'))
        label = '%s - %s' % (fields.Date.to_string(start)[:7], fields.Date.to_string(end)[:7])
        attachment = self.env['ir.attachment'].sudo().create({
            'name': _('Exit interview trends %s.%s') % (label, kind),
            'datas_fname': _('Exit interview trends %s.%s') % (label, kind),
            'datas': base64.b64encode(content),
            'mimetype': 'application/pdf' if kind == 'pdf' else 'text/html',
            'res_model': self._name,
            'res_id': self.id,
        })
        return self.env['mail.mail'].sudo().create({
            'subject': _('Exit interview trends: %s (%s)') % (self.name, label),
            'body_html': '<p>%s</p><p>%s</p>' % (
                _('The exit interview trend report of %s is attached.') % self.company_id.name,
                _('It is confidential: do not forward it.')),
            'email_from': self.company_id.email or self.env.user.email or False,
            'recipient_ids': [(4, user.partner_id.id)],
            'attachment_ids': [(4, attachment.id)],
            'model': self._name,
            'res_id': self.id,
            'auto_delete': True,
        })
