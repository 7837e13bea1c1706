"""The doors of Odoo around an exit interview, tried by every user who may not
read it: template rendering, the mail side channels, followers and
notifications, attachment links, the leaver's contact and the manager
exclusion. Each test asserts that a concrete secret (a marker written in the
notes, an answer, the chatter, a file, the questionnaire token) never comes
back, and that refused writes leave the record unchanged."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import at_install, post_install

from .common import (NON_READERS, SECRET_ANSWER, SECRET_FILE, SECRET_MESSAGE, SECRET_NOTES,
                     DoorFixtures, ExitInterviewCase, as_user)

REFUSED = (AccessError, UserError)


def attempt(call):
    """What ``call`` returns, as text, or '' when it is refused."""
    try:
        return '%s' % (call(),)
    except REFUSED:
        return ''


@at_install(False)
@post_install(True)
class TestDoorsTemplates(DoorFixtures, ExitInterviewCase):
    """Class 1: code that evaluates templates on a record."""

    @classmethod
    def setUpClass(cls):
        super(TestDoorsTemplates, cls).setUpClass()
        cls._setup_doors()
        cls.template = cls.env.ref('hr_exit_interview.mail_template_exit_interview_questionnaire')

    def _expressions(self, user):
        """(model, id, template text, secret) tried by ``user``: the record
        itself with sudo(), an answer, and the record's own environment from
        a record of another model the user may read."""
        interview, answer = self.secret, self.secret_answer
        return [
            ('hr.exit.interview', interview.id, '${object.sudo().confidential_notes}',
             SECRET_NOTES),
            ('hr.exit.interview', interview.id, '${object.sudo().questionnaire_token}',
             self.token),
            ('hr.exit.interview', interview.id, '${(object|attr("sudo"))().confidential_notes}',
             SECRET_NOTES),
            ('hr.exit.answer', answer.id, '${object.sudo().text}', SECRET_ANSWER),
            ('hr.exit.action', self.secret_action.id,
             '${object.sudo().interview_ids.confidential_notes}', SECRET_NOTES),
            ('res.users', user.id,
             '${user.env["hr.exit.interview"].sudo().browse(%d).confidential_notes}'
             % interview.id, SECRET_NOTES),
            ('res.partner', user.partner_id.id,
             '${object.env.cr.execute("SELECT confidential_notes FROM hr_exit_interview") '
             'or object.env.cr.fetchall()}', SECRET_NOTES),
            ('res.partner', user.partner_id.id,
             '${object.with_env(object.env(user=1)).env["hr.exit.answer"].browse(%d).text}'
             % answer.id, SECRET_ANSWER),
        ]

    def test_render_template_never_returns_a_secret(self):
        # the interviewer reads the interview, but neither its notes nor its token
        for name in NON_READERS + ('interviewer',):
            user = self.role(name)
            Template = as_user(self.env['mail.template'], user)
            for model, res_id, text, secret in self._expressions(user):
                if name == 'interviewer' and secret == SECRET_ANSWER:
                    continue  # the interviewer's own interview's answers are theirs to read
                for ids in (res_id, [res_id]):
                    result = attempt(lambda: Template.render_template(text, model, ids))
                    self.assertNotIn(secret, result, '%s rendered %s' % (name, text))

    def test_rendering_on_an_unreadable_record_is_refused(self):
        for name in NON_READERS:
            Template = as_user(self.env['mail.template'], self.role(name))
            for model, res_id in (('hr.exit.interview', self.secret.id),
                                  ('hr.exit.answer', self.secret_answer.id)):
                with self.assertRaises(AccessError, msg=name):
                    Template.render_template('${object.id}', model, [res_id])

    def test_stored_templates_render_nothing_for_non_readers(self):
        for name in NON_READERS:
            template = as_user(self.template, self.role(name))
            values = attempt(lambda: template.generate_email(
                self.secret.id, fields=['body_html', 'email_to']))
            self.assertNotIn(self.token, values, name)
            self.assertNotIn(self.secret.leaver_email, values, name)

    def test_the_mass_mail_composer_renders_as_its_caller(self):
        for name in ('plain_user', 'interviewer', 'reporter'):
            user = self.role(name)
            composer = as_user(self.env['mail.compose.message'], user).with_context(
                active_ids=[user.partner_id.id]).create({
                    'composition_mode': 'mass_mail', 'model': 'res.partner',
                    'subject': 'x', 'body': '<p>${object.env["hr.exit.interview"].sudo()'
                                            '.browse(%d).confidential_notes}</p>' % self.secret.id})
            result = attempt(lambda: composer.render_message([user.partner_id.id]))
            self.assertNotIn(SECRET_NOTES, result, name)

    def test_officers_still_render_their_templates(self):
        values = as_user(self.template, self.officer).generate_email(
            self.secret.id, fields=['body_html', 'email_to'])
        self.assertIn(self.token, values['body_html'])
        self.assertEqual(values['email_to'], self.secret.leaver_email)

    def test_exit_templates_are_written_by_exit_administrators_only(self):
        before = self.template.email_cc
        for name in ('plain_user', 'hr_user', 'interviewer', 'officer', 'reporter'):
            user = self.role(name)
            with self.assertRaises(AccessError, msg=name):
                as_user(self.template, user).write({'email_cc': 'spy@example.com'})
            with self.assertRaises(AccessError, msg=name):
                as_user(self.env['mail.template'], user).create({
                    'name': 'Spy', 'model_id': self.env.ref(
                        'hr_exit_interview.model_hr_exit_interview').id,
                    'email_cc': 'spy@example.com'})
            with self.assertRaises(AccessError, msg=name):
                as_user(self.env['ir.translation'], user).create({
                    'type': 'model', 'name': 'mail.template,email_cc', 'lang': 'en_US',
                    'res_id': self.template.id, 'src': '', 'value': 'spy@example.com'})
        own = as_user(self.env['mail.template'], self.plain_user).create({
            'name': 'Mine', 'model_id': self.env.ref('base.model_res_partner').id})
        with self.assertRaises(AccessError):
            own.write({'model_id': self.env.ref('hr_exit_interview.model_hr_exit_answer').id})
        self.template.invalidate_cache()
        self.assertEqual(self.template.email_cc, before)
        as_user(self.template, self.admin).write({'email_cc': 'hr-archive@example.com'})
        self.assertEqual(self.template.email_cc, 'hr-archive@example.com')


@at_install(False)
@post_install(True)
class TestDoorsMail(DoorFixtures, ExitInterviewCase):
    """Classes 3 and 4: notifications, the queue, the composer, followers."""

    @classmethod
    def setUpClass(cls):
        super(TestDoorsMail, cls).setUpClass()
        cls._setup_doors()

    def test_notifications_and_queued_mails_stay_hidden(self):
        notifications = self.env['mail.notification'].search(
            [('mail_message_id', '=', self.secret_message.id)])
        self.assertTrue(notifications, 'the fixture notifies the officer')
        for name in NON_READERS:
            Notification = as_user(self.env['mail.notification'], self.role(name))
            if not Notification.check_access_rights('read', raise_exception=False):
                continue
            self.assertFalse(Notification.search([('id', 'in', notifications.ids)]), name)
            self.assertFalse(Notification.search(
                [('mail_message_id.body', 'ilike', SECRET_MESSAGE)]), name)
            self.assertEqual(attempt(lambda: Notification.browse(notifications.ids).read(
                ['mail_message_id'])), '', name)
            Mail = as_user(self.env['mail.mail'], self.role(name))
            found = Mail.search([('body_html', 'ilike', SECRET_MESSAGE)])
            self.assertFalse(found, name)
        self.assertTrue(as_user(self.env['mail.notification'], self.officer).search(
            [('id', 'in', notifications.ids)]))

    def test_composer_does_not_name_an_unreadable_interview(self):
        leaver = self.leaver.name
        for name in NON_READERS:
            Composer = as_user(self.env['mail.compose.message'], self.role(name))
            for context in ({'default_parent_id': self.secret_message.id},
                            {'default_model': 'hr.exit.interview',
                             'default_res_id': self.secret.id},
                            {'active_model': 'hr.exit.interview', 'active_id': self.secret.id}):
                values = attempt(lambda: Composer.with_context(**context).default_get(
                    ['record_name', 'subject', 'partner_ids', 'model', 'res_id']))
                self.assertNotIn(leaver, values, '%s %s' % (name, context))

    def test_a_replaced_interviewer_stops_following_and_the_new_one_follows(self):
        interview = self.secret
        as_user(interview, self.officer).write({'interviewer_id': self.other_interviewer.id})
        followers = interview.message_partner_ids
        self.assertNotIn(self.interviewer.partner_id, followers)
        self.assertIn(self.other_interviewer.partner_id, followers)
        message = as_user(interview, self.officer).message_post(
            body='After the change', message_type='comment', subtype='mail.mt_comment')
        self.assertNotIn(self.interviewer.partner_id, message.sudo().needaction_partner_ids)
        self.assertIn(self.other_interviewer.partner_id, message.sudo().needaction_partner_ids)

    def test_an_interviewer_made_head_of_the_department_is_no_longer_notified(self):
        interviewer_employee = self.env['hr.employee'].create({
            'name': 'Interviewer Employee', 'user_id': self.interviewer.id,
            'company_id': self.company.id})
        self.dep_sales.manager_id = interviewer_employee
        self.assertFalse(self.secret._readable_by(self.interviewer))
        message = as_user(self.secret, self.officer).message_post(
            body='After the promotion', message_type='comment', subtype='mail.mt_comment')
        self.assertNotIn(self.interviewer.partner_id, message.sudo().needaction_partner_ids)
        self.assertNotIn(self.interviewer.partner_id, self.secret.message_partner_ids)
        mails = self.env['mail.mail'].search([('mail_message_id', '=', message.id)])
        self.assertNotIn(self.interviewer.partner_id, mails.mapped('recipient_ids'))

    def test_a_follower_without_access_is_not_notified(self):
        # a follower row written around the checks (an import, an older version)
        self.env['mail.followers'].create({
            'res_model': 'hr.exit.interview', 'res_id': self.secret.id,
            'partner_id': self.plain_user.partner_id.id,
            'subtype_ids': [(6, 0, self.env.ref('mail.mt_comment').ids)]})
        message = as_user(self.secret, self.officer).message_post(
            body='Later', message_type='comment', subtype='mail.mt_comment')
        self.assertNotIn(self.plain_user.partner_id, message.sudo().needaction_partner_ids)
        self.assertNotIn(self.plain_user.partner_id, self.secret.message_partner_ids)

    def test_attachments_get_no_public_link_and_old_links_stop(self):
        for name in ('interviewer',) + NON_READERS:
            with self.assertRaises(AccessError, msg=name):
                as_user(self.secret_file, self.role(name)).generate_access_token()
        self.assertFalse(self.secret_file.access_token)
        # a link made before (or by an officer) opens nothing without the right to read
        token = as_user(self.secret_file, self.officer).generate_access_token()
        IrHttp = self.env['ir.http']
        for user in (self.plain_user, self.env.ref("base.public_user")):
            status, _headers, content = IrHttp.binary_content(
                model='ir.attachment', id=self.secret_file.id, access_token=token,
                env=self.env(user=user.id))
            self.assertEqual(status, 403)
            self.assertNotIn(SECRET_FILE, '%s' % (content,))

    def test_leaver_email_is_for_officers(self):
        for name in ('interviewer',) + NON_READERS:
            self.assertEqual(attempt(lambda: as_user(self.secret, self.role(name)).read(
                ['leaver_email'])), '', name)
        self.assertEqual(as_user(self.secret, self.officer).leaver_email,
                         self.leaver.address_home_id.email or self.leaver.work_email)

    def test_the_current_manager_cannot_be_the_interviewer(self):
        new_manager = self.env['hr.employee'].create({
            'name': 'New Manager', 'user_id': self.other_interviewer.id,
            'company_id': self.company.id})
        self.leaver.parent_id = new_manager
        with self.assertRaises(ValidationError), self.cr.savepoint():
            as_user(self.secret, self.officer).write({'interviewer_id': self.other_interviewer.id})
        self.secret.invalidate_cache()
        self.assertEqual(self.secret.interviewer_id, self.interviewer)
        # a current manager who was the interviewer before does not read it either
        self.leaver.parent_id = self.manager
        self.secret.write({'interviewer_id': self.other_interviewer.id})
        self.assertTrue(self.secret._readable_by(self.other_interviewer))
        self.leaver.parent_id = new_manager
        self.assertFalse(self.secret._readable_by(self.other_interviewer))

    def test_scheduled_jobs_refuse_other_callers(self):
        """Any employee may start a cron's server action in Odoo 11: the jobs
        that anonymise and e-mail links refuse whoever is not the scheduler."""
        jobs = ('hr_exit_interview.ir_cron_exit_questionnaire_reminder',
                'hr_exit_interview.ir_cron_anonymize_exit_interviews')
        sent = self.secret.reminder_sent_date
        for name in ('plain_user', 'interviewer', 'officer', 'reporter'):
            for job in jobs:
                action = self.env.ref(job).ir_actions_server_id
                with self.assertRaises(AccessError, msg='%s %s' % (name, job)):
                    as_user(action, self.role(name)).run()
        self.assertEqual(self.secret.reminder_sent_date, sent)
