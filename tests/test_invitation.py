"""The invitation e-mail, in the leaver's language."""
from unittest.mock import patch

from odoo.addons.base.ir.ir_mail_server import MailDeliveryException
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import ExitInterviewCase, as_user


class TestInvitation(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestInvitation, cls).setUpClass()
        cls.env['res.lang'].load_lang('nb_NO')
        cls.env['ir.module.module'].search(
            [('name', '=', 'hr_exit_interview')])._update_translations('nb_NO')
        cls.template = cls.env.ref('hr_exit_interview.mail_template_exit_interview_invitation')
        cls.interview = cls._create_interview()

    def _render(self):
        return self.template.generate_email(
            self.interview.id, fields=['subject', 'body_html', 'email_to', 'lang'])

    def test_english_invitation(self):
        self.leaver_user.lang = 'en_US'
        mail = self._render()
        self.assertEqual(mail['email_to'], self.leaver.work_email)
        self.assertTrue(mail['email_to'])
        self.assertIn('exit interview', mail['subject'])
        self.assertIn(self.company.name, mail['subject'])
        self.assertIn(self.leaver.name, mail['body_html'])
        self.assertIn(self.interviewer.name, mail['body_html'])
        self.assertIn('never', mail['body_html'])  # never used against you

    def test_norwegian_invitation(self):
        self.leaver_user.lang = 'nb_NO'
        mail = self._render()
        self.assertEqual(mail['lang'], 'nb_NO')
        self.assertIn('sluttsamtale', mail['subject'].lower())
        self.assertIn(self.leaver.name, mail['body_html'])
        self.assertNotIn('Dear', mail['body_html'])

    def test_private_address_after_departure(self):
        private = self.env['res.partner'].create({'name': 'Ola Home', 'email': 'ola@home.example'})
        self.leaver.address_home_id = private
        self.interview.departure_date = '2099-12-31'  # still employed: work address
        self.assertEqual(self.interview.leaver_email, self.leaver.work_email)
        self.interview.departure_date = '2020-01-01'
        self.assertEqual(self.interview.leaver_email, 'ola@home.example')

    def _send(self, interview=None):
        """What the "Send Invitation" button and the composer do, as an officer."""
        interview = as_user(interview or self.interview, self.officer)
        action = interview.action_send_invitation()
        self.assertEqual(action['context']['default_template_id'], self.template.id)
        composer = as_user(self.env['mail.compose.message'], self.officer).with_context(
            action['context']).create({})
        composer.onchange_template_id_wrapper()
        composer.send_mail()
        return composer

    def test_invitation_goes_to_the_employees_own_partner(self):
        partners = self.env['res.partner'].with_context(active_test=False).search_count([])
        composer = self._send()
        self.assertEqual(composer.partner_ids, self.leaver_user.partner_id)
        message = self.interview.invitation_message_id
        self.assertEqual(message.partner_ids, self.leaver_user.partner_id)
        # no contact was made up from the address
        self.assertEqual(self.env['res.partner'].with_context(active_test=False).search_count(
            []), partners)
        self.assertFalse(self.env['res.partner'].search(
            [('name', '=', self.leaver.work_email)]))
        # after the last day: the private address, when it has an e-mail
        private = self.env['res.partner'].create({'name': 'Ola Home',
                                                  'email': 'ola@home.example'})
        self.leaver.address_home_id = private
        self.interview.departure_date = '2020-01-01'
        self.assertEqual(as_user(self.interview, self.officer).invitation_partner_id, private)
        self.interview.departure_date = '2099-12-31'
        self.assertEqual(self.interview.invitation_partner_id, self.leaver_user.partner_id)

    def test_no_partner_is_a_clear_refusal(self):
        employee = self.env['hr.employee'].create({
            'name': 'Work Mail Only', 'work_email': 'work.only@example.com',
            'company_id': self.company.id})
        interview = self._create_interview(employee=employee)
        partners = self.env['res.partner'].with_context(active_test=False).search_count([])
        with self.assertRaises(UserError) as error:
            self._send(interview)
        self.assertIn('Work Mail Only', error.exception.name)
        self.assertIn('no contact', error.exception.name)
        # nor through the composer directly
        action_context = dict(self.interview.action_send_invitation()['context'],
                              default_res_id=interview.id)
        composer = self.env['mail.compose.message'].with_context(action_context).create({})
        with self.assertRaises(UserError):
            composer.onchange_template_id_wrapper()
        self.assertEqual(self.env['res.partner'].with_context(active_test=False).search_count(
            []), partners)
        self.assertEqual(interview.invitation_state, 'none')
        self.assertFalse(interview.invitation_sent)

    def test_invitation_sent_only_when_the_mail_went_out(self):
        self.assertEqual(self.interview.invitation_state, 'none')
        self._send()
        # the test mail server accepts everything: the e-mail went out
        self.assertEqual(self.interview.invitation_state, 'sent')
        self.assertTrue(self.interview.invitation_sent)

    def test_failed_mail_is_shown_as_failed(self):
        def refuse(*args, **kwargs):
            raise MailDeliveryException('Delivery refused', 'Mailbox unavailable')

        with patch.object(type(self.env['ir.mail_server']), 'send_email', refuse), \
                mute_logger('odoo.addons.mail.models.mail_mail'):
            self._send()
        self.assertEqual(self.interview.invitation_state, 'failed')
        self.assertFalse(self.interview.invitation_sent)
        # queued, then sent by the mail queue
        notifications = self.interview.invitation_message_id.notification_ids
        notifications.write({'email_status': 'ready'})
        self.assertEqual(self.interview.invitation_state, 'queued')
        self.assertFalse(self.interview.invitation_sent)
        notifications.write({'email_status': 'sent'})
        self.assertEqual(self.interview.invitation_state, 'sent')
        self.assertTrue(self.interview.invitation_sent)
        # nobody marks it by hand
        with self.assertRaises(AccessError):
            as_user(self.interview, self.officer).write({'invitation_sent': False})

    def test_only_officers_read_the_leavers_contact(self):
        private = self.env['res.partner'].create({'name': 'Secret Home Address',
                                                  'email': 'secret@home.example'})
        self.leaver.address_home_id = private
        self.interview.departure_date = '2020-01-01'
        self.assertEqual(as_user(self.interview, self.officer).invitation_partner_id, private)
        # the interviewer reads the interview, not the leaver's private contact
        with self.assertRaises(AccessError):
            as_user(self.interview, self.interviewer).read(['invitation_partner_id'])
        view = as_user(self.env['hr.exit.interview'], self.interviewer).fields_view_get(
            view_type='form')
        self.assertNotIn('invitation_partner_id', view['fields'])
        for user in (self.reporter, self.manager_user, self.plain_user, self.leaver_user):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.interview, user).read(['invitation_partner_id'])
        # the delivery state is no secret to who reads the interview
        self.assertEqual(as_user(self.interview, self.interviewer).invitation_state, 'none')
