"""The invitation e-mail, in the leaver's language."""
from odoo.exceptions import UserError

from .common import ExitInterviewCase


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

    def test_send_invitation_needs_an_address(self):
        action = self.interview.action_send_invitation()
        self.assertEqual(action['context']['default_template_id'], self.template.id)
        composer = self.env['mail.compose.message'].with_context(action['context']).create({})
        composer.onchange_template_id_wrapper()
        composer.send_mail()
        self.assertTrue(self.interview.invitation_sent)
        self.leaver.work_email = False
        with self.assertRaises(UserError):
            self.interview.action_send_invitation()
