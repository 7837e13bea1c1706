"""The trend report e-mailed to its subscribers: who manages the
subscriptions, who may receive them, and that each recipient gets the
figures their own rights and threshold allow, in a mail nobody else reads."""
import base64
from contextlib import contextmanager

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import config

from .common import ExitInterviewCase, as_user


@contextmanager
def html_instead_of_pdf():
    """Odoo's own test mode of the PDF renderer: the HTML it would print,
    whose figures a test can read."""
    previous = dict(config.options)
    config.options.update(test_enable=True, test_report_directory=False)
    try:
        yield
    finally:
        config.options.clear()
        config.options.update(previous)


class TestReportSubscription(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestReportSubscription, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        Department = cls.env['hr.department']
        cls.deps = [Department.create({'name': 'Subscribed %s' % letter,
                                       'company_id': cls.company.id}) for letter in 'ABC']
        # last month: A 6 departures, B 1, C 2; a comment from each interview of A
        last_month = fields.Date.from_string(fields.Date.context_today(cls.env['res.users'])
                                             ).replace(day=1) - relativedelta(months=1)
        for department, count in zip(cls.deps, (6, 1, 2)):
            for day in range(1, count + 1):
                cls._create_departure(
                    department, fields.Date.to_string(last_month.replace(day=day)),
                    ratings=(4, 4), text='SECRET-COMMENT-%s-%d' % (department.name[-1], day))
        cls.company.write({'exit_anonymity_threshold': 3, 'exit_comment_threshold': 3})
        cls.Subscription = cls.env['hr.exit.report.subscription']
        cls.reporter2 = cls._create_user('reporter2', [cls.group_report])

    def _subscription(self, user=None, **values):
        vals = {'name': 'Board', 'frequency': 'quarterly', 'months': 3,
                'user_ids': [(6, 0, [self.reporter.id])],
                'department_ids': [(6, 0, [department.id for department in self.deps])]}
        vals.update(values)
        return as_user(self.Subscription, user or self.officer).create(vals)

    def _sent(self, subscription):
        return self.env['mail.mail'].sudo().search([
            ('model', '=', 'hr.exit.report.subscription'), ('res_id', '=', subscription.id)])

    def test_cron_mails_each_recipient_the_figures_they_may_see(self):
        subscription = self._subscription(
            user_ids=[(6, 0, [self.reporter.id, self.officer.id])],
            next_date=fields.Date.context_today(self.Subscription))
        with html_instead_of_pdf():
            self.Subscription._cron_send_subscriptions()
        mails = self._sent(subscription)
        self.assertEqual(len(mails), 2)
        by_partner = dict((mail.recipient_ids.id, mail) for mail in mails)
        reporter_copy = by_partner[self.reporter.partner_id.id].attachment_ids.sudo()
        officer_copy = by_partner[self.officer.partner_id.id].attachment_ids.sudo()
        reporter_html = base64.b64decode(reporter_copy.datas).decode()
        officer_html = base64.b64decode(officer_copy.datas).decode()
        # threshold 3: B (1) and C (2) merged, A (6) shown; comments for officers only
        departments = reporter_html.split('o_exit_departments')[1]
        self.assertIn('Subscribed A', departments)
        self.assertNotIn('Subscribed B', departments)
        self.assertIn('Other departments (2)', departments)
        self.assertNotIn('SECRET-COMMENT', reporter_html)
        self.assertIn('Subscribed B', officer_html.split('o_exit_departments')[1])
        self.assertIn('SECRET-COMMENT-A', officer_html)
        # the next report in a quarter
        today = fields.Date.from_string(fields.Date.context_today(self.Subscription))
        self.assertEqual(subscription.next_date,
                         fields.Date.to_string(today + relativedelta(months=3)))
        self.assertEqual(subscription.last_date, fields.Date.to_string(today))

    def test_not_due_is_not_sent(self):
        subscription = self._subscription()  # next month by default
        with html_instead_of_pdf():
            self.Subscription._cron_send_subscriptions()
        self.assertFalse(self._sent(subscription))

    def test_the_threshold_of_the_recipient_applies(self):
        subscription = self._subscription(next_date=fields.Date.context_today(self.Subscription))
        # 9 departures: nothing to show
        self.company.write({'exit_anonymity_threshold': 10, 'exit_comment_threshold': 10})
        with html_instead_of_pdf():
            subscription.action_send_now()
        html = base64.b64decode(
            self._sent(subscription).attachment_ids.sudo().datas).decode()
        self.assertIn('o_exit_hidden_all', html)
        self.assertNotIn('o_exit_departments', html)

    def test_recipients_must_read_the_trend_report(self):
        for user in (self.plain_user, self.interviewer, self.manager_user, self.foreign_officer):
            with self.assertRaises(ValidationError, msg=user.login) as refusal:
                self._subscription(user_ids=[(6, 0, [user.id])])
            self.assertIn('may not', str(refusal.exception))
            self.assertIn(user.name, str(refusal.exception))
        subscription = self._subscription()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            subscription.write({'user_ids': [(4, self.plain_user.id)]})
        self.env.cr.execute('SELECT user_id FROM hr_exit_report_subscription_user_rel '
                            'WHERE subscription_id = %s', [subscription.id])
        self.assertEqual(self.env.cr.fetchall(), [(self.reporter.id,)])

    def test_trend_readers_cannot_manage_subscriptions(self):
        subscription = self._subscription()
        for user in (self.reporter, self.interviewer, self.plain_user, self.manager_user):
            with self.assertRaises(AccessError, msg=user.login):
                self._subscription(user=user)
            with self.assertRaises(AccessError, msg=user.login):
                as_user(subscription, user).write({'user_ids': [(4, self.reporter2.id)]})
            with self.assertRaises(AccessError, msg=user.login):
                as_user(subscription, user).read(['user_ids'])
            with self.assertRaises(AccessError, msg=user.login):
                as_user(subscription, user).action_send_now()
        self.assertFalse(as_user(self.Subscription, self.foreign_officer).search([]))
        with self.assertRaises(AccessError):
            as_user(self.Subscription, self.reporter)._cron_send_subscriptions()

    def test_the_mail_and_its_report_are_not_readable_by_others(self):
        subscription = self._subscription(
            user_ids=[(6, 0, [self.reporter.id, self.reporter2.id, self.officer.id])])
        with html_instead_of_pdf():
            subscription.action_send_now()
        mails = self._sent(subscription)
        attachments = mails.mapped('attachment_ids')
        self.assertEqual(len(attachments), 3)
        for user in (self.reporter, self.reporter2, self.plain_user, self.interviewer,
                     self.manager_user):
            self.assertFalse(as_user(self.env['mail.mail'], user).search(
                [('id', 'in', mails.ids)]), user.login)
            with self.assertRaises(AccessError, msg=user.login):
                as_user(attachments, user).read(['datas'])
            self.assertFalse(as_user(self.env['ir.attachment'], user).search(
                [('id', 'in', attachments.ids)]), user.login)
        # HR officers read the reports sent, as they manage the subscription
        self.assertEqual(len(as_user(attachments, self.officer).read(['name'])), 3)
