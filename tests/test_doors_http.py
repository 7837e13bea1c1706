"""The HTTP doors of Odoo around an exit interview, tried through a running
server by every user who may not read it, and by the public with only a
leaked questionnaire link: the portal chatter, the followers and avatar
routes, reports, /web/content, exports and malformed requests. Nothing may
answer a secret, and nothing may answer HTTP 500."""
import json

from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from .common import (NON_READERS, SECRET_ANSWER, SECRET_FILE, SECRET_MESSAGE, SECRET_NOTES,
                     DoorFixtures, ExitInterviewHttpCase, as_user)

# a 1x1 PNG: the author's picture, which outsiders must not get
PICTURE = ('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJ'
           'RU5ErkJggg==')
SECRETS = (SECRET_NOTES, SECRET_ANSWER, SECRET_MESSAGE, SECRET_FILE)
# The roles tried over HTTP: each kind of outsider, and the public (None).
HTTP_ROLES = (None, 'plain_user', 'portal_user', 'manager_user', 'leaver_user',
              'other_interviewer', 'reporter', 'foreign_officer')
QUIET = ('odoo.http', 'odoo.addons.web.controllers.main', 'odoo.addons.hr_exit_interview.models.ir_http', 'werkzeug',
         'odoo.addons.base.ir.ir_http', 'odoo.addons.mail.models.mail_template',
         'odoo.addons.hr_exit_interview.models.mail_template',
         'odoo.addons.mail.controllers.main')


@at_install(False)
@post_install(True)
class TestDoorsHttp(DoorFixtures, ExitInterviewHttpCase):

    @classmethod
    def setUpClass(cls):
        super(TestDoorsHttp, cls).setUpClass()
        cls._setup_doors()

    def login(self, name):
        if name:
            self.authenticate(self.role(name))

    def json_call(self, path, params):
        self._keep_test_changes()
        response = self.opener.post(self.url(path), timeout=60, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': params})
        self.env.cache.invalidate()
        return response

    def assertClean(self, response, what):
        """No secret, no token and no server error in the answer."""
        self.assertLess(response.status_code, 500, '%s: %s' % (what, response.text[:300]))
        for secret in SECRETS + (self.token,):
            self.assertNotIn(secret, response.text, what)

    def csrf(self):
        return self.csrf_of(self.url_open('/web/login'))

    # ------------------------------------------------------------------
    # The questionnaire token is no portal key (class 2)
    # ------------------------------------------------------------------

    def test_the_token_field_is_not_the_portal_key(self):
        Interview = self.env['hr.exit.interview']
        self.assertNotIn('access_token', Interview._fields)
        self.assertNotEqual(Interview._mail_post_token_field, 'questionnaire_token')

    @mute_logger(*QUIET)
    def test_portal_chatter_refuses_the_link_token(self):
        for name in (None, 'plain_user', 'portal_user'):
            self.login(name)
            for model, res_id in (('hr.exit.interview', self.secret.id),
                                  ('hr.exit.action', self.secret_action.id)):
                for path in ('/mail/chatter_fetch', '/mail/chatter_init'):
                    for token in (self.token, 'x' * 43, ''):
                        response = self.json_call(path, {
                            'res_model': model, 'res_id': res_id, 'token': token})
                        self.assertClean(response, '%s %s %s' % (name, path, model))
                        self.assertNotIn('"messages"', response.text)

    @mute_logger(*QUIET)
    def test_portal_chatter_post_with_the_link_token_posts_nothing(self):
        count = len(self.secret.sudo().message_ids)
        for name in (None, 'plain_user'):
            self.login(name)
            for token in (self.token, 'revoked-' + self.token[8:]):
                response = self.url_open('/mail/chatter_post', data={
                    'csrf_token': self.csrf(), 'res_model': 'hr.exit.interview',
                    'res_id': self.secret.id, 'message': 'Posted through the portal',
                    'token': token})
                self.assertClean(response, name)
        self.assertEqual(len(self.secret.sudo().message_ids), count)

    @mute_logger(*QUIET)
    def test_a_revoked_link_opens_no_chatter_and_no_error(self):
        self.secret.action_revoke_link()
        for path in ('/mail/chatter_fetch', '/mail/chatter_init'):
            response = self.json_call(path, {'res_model': 'hr.exit.interview',
                                             'res_id': self.secret.id, 'token': self.token})
            self.assertClean(response, path)
            self.assertNotIn('TypeError', response.text)

    @mute_logger(*QUIET)
    def test_chatter_domain_cannot_read_other_records(self):
        """A dotted domain on the messages of a record the caller may read
        runs as superuser when a token is given: it must not run at all."""
        self.login('plain_user')
        partner = self.plain_user.partner_id
        probe = [('author_id.user_ids.employee_ids.exit_interview_ids.confidential_notes',
                  'ilike', SECRET_NOTES[:5])]
        for domain in (probe, [('model', '=', 'hr.exit.interview')],
                       [('body', 'ilike', SECRET_MESSAGE)]):
            response = self.json_call('/mail/chatter_fetch', {
                'res_model': 'res.partner', 'res_id': partner.id, 'domain': domain,
                'token': 'not-a-token'})
            self.assertClean(response, domain)

    # ------------------------------------------------------------------
    # Mail routes (class 3)
    # ------------------------------------------------------------------

    @mute_logger(*QUIET)
    def test_followers_route_checks_the_followed_document(self):
        followers = self.env['mail.followers'].search([
            ('res_model', '=', 'hr.exit.interview'), ('res_id', '=', self.secret.id)])
        self.assertTrue(followers)
        for name in NON_READERS:
            self.login(name)
            for res_model in ('hr.exit.interview', 'res.partner', 'res.users'):
                response = self.json_call('/mail/read_followers', {
                    'follower_ids': followers.ids, 'res_model': res_model})
                self.assertClean(response, '%s %s' % (name, res_model))
                self.assertNotIn(self.officer.partner_id.email, response.text)
                self.assertNotIn(self.interviewer.name, response.text)

    @mute_logger(*QUIET)
    def test_avatar_route_shows_nothing_of_an_unreadable_interview(self):
        author = self.secret_message.author_id
        author.image = PICTURE
        blank = None
        for name in HTTP_ROLES:
            self.login(name)
            for model, res_id in (('hr.exit.interview', self.secret.id),
                                  ('hr.exit.answer', self.secret_answer.id)):
                response = self.url_open('/mail/%s/%d/avatar/%d' % (model, res_id, author.id))
                self.assertEqual(response.status_code, 200)
                blank = blank or response.content
                self.assertEqual(response.content, blank, '%s %s' % (name, model))
        self.login('officer')
        shown = self.url_open('/mail/hr.exit.interview/%d/avatar/%d' % (self.secret.id, author.id))
        self.assertNotEqual(shown.content, blank)

    # ------------------------------------------------------------------
    # Clear refusals (class 9)
    # ------------------------------------------------------------------

    @mute_logger(*QUIET)
    def test_reports_answer_a_clean_refusal(self):
        wizard = self.env['hr.exit.trend.wizard'].create({
            'date_from': '2026-01-01', 'date_to': '2026-12-31',
            'company_id': self.other_company.id})
        for name in HTTP_ROLES + ('interviewer',):
            self.login(name)
            for converter in ('html', 'pdf'):
                for path in ('/report/%s/hr_exit_interview.report_exit_interview/%d'
                             % (converter, self.secret.id),
                             '/report/%s/hr_exit_interview.report_exit_trends/%d'
                             % (converter, wizard.id)):
                    self._keep_test_changes()
                    response = self.opener.get(self.url(path), timeout=60,
                                               allow_redirects=False)
                    self.assertClean(response, '%s %s' % (name, path))
                    self.assertIn(response.status_code, (302, 303, 400, 403, 404),
                                  '%s %s' % (name, path))

    @mute_logger(*QUIET)
    def test_trend_report_of_another_company_is_refused(self):
        wizard = as_user(self.env['hr.exit.trend.wizard'], self.officer).create({
            'date_from': '2026-01-01', 'date_to': '2026-12-31',
            'company_id': self.other_company.id})
        self.login('officer')
        response = self.url_open('/report/html/hr_exit_interview.report_exit_trends/%d'
                                 % wizard.id)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(self.other_company.name, response.text)

    @mute_logger(*QUIET)
    def test_web_content_on_text_fields_is_refused_cleanly(self):
        for name in HTTP_ROLES + ('interviewer',):
            self.login(name)
            for model, res_id, field in (
                    ('hr.exit.interview', self.secret.id, 'confidential_notes'),
                    ('hr.exit.interview', self.secret.id, 'questionnaire_token'),
                    ('hr.exit.answer', self.secret_answer.id, 'text'),
                    ('ir.attachment', self.secret_file.id, 'datas')):
                if name == 'interviewer' and field in ('text', 'datas'):
                    continue  # their own interview's comment and files
                for route in ('/web/content', '/web/image'):
                    response = self.url_open('%s?model=%s&id=%d&field=%s' % (
                        route, model, res_id, field))
                    self.assertClean(response, '%s %s %s' % (name, route, field))

    @mute_logger(*QUIET)
    def test_export_of_a_confidential_field_is_refused_cleanly(self):
        for name in ('interviewer', 'plain_user', 'reporter'):
            self.login(name)
            for model, res_id, field in (
                    ('hr.exit.interview', self.secret.id, 'confidential_notes'),
                    ('hr.exit.interview', self.secret.id, 'answer_ids/text'),
                    ('hr.exit.answer', self.secret_answer.id, 'text')):
                if name == 'interviewer' and field != 'confidential_notes':
                    continue
                for fmt in ('csv', 'xls'):
                    response = self.url_open('/web/export/%s' % fmt, data={
                        'csrf_token': self.csrf(), 'token': 'door',
                        'data': json.dumps({
                            'model': model, 'fields': [{'name': field, 'label': field}],
                            'ids': [res_id], 'domain': [], 'import_compat': False})})
                    self.assertClean(response, '%s %s %s' % (name, fmt, field))

    @mute_logger(*QUIET)
    def test_json_bodies_on_the_questionnaire_page_are_refused_cleanly(self):
        path = self.url('/exit-interview/' + self.token)
        bodies = ['{"jsonrpc": "2.0", "method": "call", "params": {}}',
                  '{"jsonrpc": "2.0", "method": "call", "params": {"consent": "on"}}',
                  '{"params": {"token": "%s"}}' % self.token, '{not json', '',
                  # valid JSON, but no JSON-RPC object: Odoo itself fails reading it
                  '[1, 2]', '"consent"', '42', '{"params": [1]}', '{"params": "x"}']
        for body in bodies:
            self._keep_test_changes()
            response = self.opener.post(path, data=body, timeout=60,
                                        headers={'Content-Type': 'application/json'})
            self.assertLess(response.status_code, 500, body)
            self.assertNotIn(SECRET_NOTES, response.text)
            self.assertNotIn('Traceback', response.text)
            decline = self.opener.post(path + '/decline', data=body, timeout=60,
                                       headers={'Content-Type': 'application/json'})
            self.assertLess(decline.status_code, 500, body)
        self.assertEqual(self.secret.state, 'scheduled')

    # ------------------------------------------------------------------
    # Generic routes: they run as the caller (reviewed in the inventory)
    # ------------------------------------------------------------------

    @mute_logger(*QUIET)
    def test_generic_routes_answer_with_the_callers_rights(self):
        Thread = self.env['mail.thread']
        follow = '/mail/follow'
        params = {'model': 'hr.exit.interview', 'res_id': str(self.secret.id)}
        token = Thread._generate_notification_token(follow, params)
        for name in ('plain_user', 'other_interviewer', 'reporter'):
            self.login(name)
            calls = [
                ('/web/dataset/search_read', {
                    'model': 'hr.exit.interview', 'fields': ['name'],
                    'domain': [('confidential_notes', 'ilike', SECRET_NOTES[:5])]}),
                ('/web/dataset/call_kw', {
                    'model': 'hr.exit.answer', 'method': 'read',
                    'args': [self.secret_answer.ids, ['text']], 'kwargs': {}}),
                ('/web/dataset/call_kw', {
                    'model': 'hr.exit.interview', 'method': 'message_get_suggested_recipients',
                    'args': [self.secret.ids], 'kwargs': {}}),
                ('/web/action/run', {'action_id': self.env.ref(
                    'hr_exit_interview.ir_cron_anonymize_exit_interviews').ir_actions_server_id.id}),
                ('/mail/chat_history', {'uuid': 'x', 'last_id': False}),
            ]
            for path, call_params in calls:
                self.assertClean(self.json_call(path, call_params), '%s %s' % (name, path))
            for path in ('/web_editor/field/html?model=hr.exit.answer&res_id=%d&field=text'
                         % self.secret_answer.id,
                         '/mail/view?message_id=%d' % self.secret_message.id,
                         '/mail/view?model=hr.exit.interview&res_id=%d' % self.secret.id,
                         '/mail/new?model=hr.exit.interview&res_id=%d&action_id=' % self.secret.id,
                         '/mail/assign?model=hr.exit.interview&res_id=%d&token=x' % self.secret.id,
                         '/mail/unfollow?model=hr.exit.interview&res_id=%d&token=x'
                         % self.secret.id,
                         '/web/binary/image?model=hr.exit.answer&id=%d&field=text'
                         % self.secret_answer.id,
                         '/base_import/set_file',
                         '%s?model=hr.exit.interview&res_id=%d&token=%s'
                         % (follow, self.secret.id, token)):
                self.assertClean(self.url_open(path), '%s %s' % (name, path))
            self.assertNotIn(self.role(name).partner_id, self.secret.message_partner_ids)
        pivot = self.url_open('/web/pivot/export_xls', data={
            'csrf_token': self.csrf(), 'token': 'door', 'data': '{}'})
        self.assertClean(pivot, 'pivot export')
