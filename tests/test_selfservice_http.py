"""The leaver's questionnaire page through Odoo's HTTP server: every path."""
import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from .common import ExitInterviewHttpCase, as_user

XSS = '<script>window.exitXss = 1</script><img src="x" onerror="window.exitXss = 2">'
NOTES = 'Confidential: the manager shouted at the team.'


# Over HTTP: once the registry is complete (Odoo's own runner).
@at_install(False)
@post_install(True)
class TestSelfServiceHttp(ExitInterviewHttpCase):

    @classmethod
    def setUpClass(cls):
        super(TestSelfServiceHttp, cls).setUpClass()
        cls._setup_linked_interview(confidential_notes=NOTES)
        # Another leaver with a link of their own, that nothing may reach.
        cls.other = cls._create_interview(employee=cls.colleague)
        cls.other.action_send_questionnaire()

    def _valid_form(self, csrf):
        return {
            'csrf_token': csrf,
            self._key(self.q_rating): '4',
            self._key(self.q_score): '0',
            self._key(self.q_yes_no): 'no',
            self._key(self.q_choice): str(self.q_choice.option_ids[1].id),
            self._key(self.q_text): 'More  feedback,\r\nplease.',
            'consent': '1',
        }

    def _open_form(self):
        response = self.url_open(self.path)
        self.assertEqual(response.status_code, 200)
        csrf = self.csrf_of(response)
        self.assertTrue(csrf)
        return response, csrf

    def _new_leaver(self, name):
        return self.env['hr.employee'].create({
            'name': name, 'work_email': '%s@example.com' % name.split()[0].lower(),
            'company_id': self.company.id})

    def _has_note(self, interview, text):
        return any(text in (message.body or '') for message in interview.message_ids)

    def _assert_nothing_saved(self):
        interview = self.interview
        self.assertFalse(interview.answer_ids.filtered('is_answered'))
        self.assertFalse(interview.submitted_date)
        self.assertFalse(interview.consent_given)
        self.assertEqual(interview.state, 'draft')

    # ------------------------------------------------------------------
    # GET
    # ------------------------------------------------------------------

    def _database_state(self):
        """What a request could have written: rows and last changes of the
        interviews, their answers and everything the chatter and mail keep."""
        state = {}
        for table in ('hr_exit_interview', 'hr_exit_answer', 'mail_message', 'mail_mail',
                      'mail_followers', 'mail_activity', 'mail_tracking_value', 'ir_attachment'):
            dated = table not in ('mail_followers',)
            self.env.cr.execute('SELECT count(*), max(id)%s FROM %s' % (
                dated and ', max(write_date)' or '', table))
            state[table] = self.env.cr.fetchone()
        return state

    def test_get_writes_nothing(self):
        """Mail link scanners open links: a GET of the page (form, receipt or
        refusal) leaves the database as it was. A question added after the
        link was sent is not turned into an answer line by opening it."""
        self.env['hr.exit.question'].create({
            'questionnaire_id': self.questionnaire.id, 'name': 'Added after the link was sent',
            'category_id': self.q_rating.category_id.id, 'question_type': 'rating'})
        asked = self.interview.answer_ids
        self.url_open(self.path)  # the first page of a run may compile the assets
        before = self._database_state()
        response = self.url_open(self.path)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.q_rating.name, response.text)
        self.assertFalse('Added after the link was sent' in response.text,
                         'opening the page created an answer line')
        self.assertEqual(self._database_state(), before)
        self.interview.invalidate_cache()
        self.assertEqual(self.interview.answer_ids, asked)
        # an unknown token, and the receipt after a reply: no write either
        self.assertEqual(self.url_open('/exit-interview/' + 'x' * 43).status_code, 404)
        self.interview._selfservice_decline()
        before = self._database_state()
        self.assertEqual(self.url_open(self.path).status_code, 200)
        self.assertEqual(self._database_state(), before)

    def test_get_shows_the_questionnaire(self):
        response, _csrf = self._open_form()
        page = response.text
        for question in (self.q_rating, self.q_score, self.q_yes_no, self.q_choice, self.q_text):
            self.assertIn(question.name, page)
            self.assertIn('name="%s"' % self._key(question), page)
        # grouped by area, one heading per area
        for area in ('Leadership', 'Reasons for leaving', 'Suggestions'):
            self.assertEqual(page.count('<h2>%s</h2>' % area), 1, area)
        # the right input per type
        rating, score = self._key(self.q_rating), self._key(self.q_score)
        self.assertEqual(page.count('type="radio" name="%s"' % rating), 5)
        self.assertEqual(page.count('type="radio" name="%s"' % score), 11)
        self.assertIn('name="%s" value="0"' % score, page)
        self.assertEqual(page.count('type="radio" name="%s"' % self._key(self.q_yes_no)), 2)
        for option in self.q_choice.option_ids:
            self.assertIn('value="%d"' % option.id, page)
        self.assertIn('maxlength="5000" id="%s" name="%s"></textarea>'
                      % ((self._key(self.q_text),) * 2), page)
        # accessible structure, mandatory questions marked, consent, decline
        self.assertEqual(page.count('<fieldset'), 5)  # 4 radio questions + consent
        self.assertEqual(page.count('<legend'), 5)
        self.assertEqual(page.count('(answer required)'), 3)  # rating, score, consent
        self.assertIn('type="checkbox" name="consent"', page)
        self.assertIn('action="%s/decline"' % self.path, page)
        self.assertIn('I do not want to take part', page)
        self.assertIn('How your answers are handled', page)
        self.assertIn(self.company.name, page)
        self.assertIn('name="viewport"', page)
        # the company logo, in the portal's layout, and the public user gets it
        logo = re.search(r'<a href="/" class="navbar-brand logo">\s*<span[^>]*><img src="([^"]+)"',
                         page)
        self.assertTrue(logo)
        image = self.url_open(logo.group(1).replace('&amp;', '&'))
        self.assertEqual(image.status_code, 200)
        self.assertTrue(image.headers['Content-Type'].startswith('image/'))
        self.assertIn('<html lang="en-US"', page)
        self.assertEqual(response.headers['Cache-Control'], 'no-store')
        self.assertEqual(response.headers['Referrer-Policy'], 'no-referrer')

    def test_page_reveals_nothing_else(self):
        page = self._open_form()[0].text
        for secret in (NOTES, self.other.questionnaire_token, self.colleague.name, self.manager.name,
                       self.interviewer.name, self.leaver.name, self.interview.name):
            self.assertNotIn(secret, page)

    def test_page_in_the_leavers_language(self):
        self.env['res.lang'].load_lang('nb_NO')
        self.leaver_user.partner_id.lang = 'nb_NO'
        self.q_rating.with_context(lang='nb_NO').name = 'Hvordan var ledelsen?'
        page = self._open_form()[0].text
        self.assertIn('<html lang="nb-NO"', page)
        self.assertIn('Hvordan var ledelsen?', page)
        self.assertNotIn(self.q_rating.name, page)

    def _yes_no_labels(self, page):
        """The labels shown beside the two radio buttons of the yes/no question."""
        pattern = r'name="%s" value="(yes|no)"[^>]*>\s*<span>([^<]*)</span>' % self._key(self.q_yes_no)
        return dict(re.findall(pattern, page))

    def test_yes_no_in_the_leavers_language(self):
        """The addon's own words for Yes/No, even where another installed
        module translates the same English word differently."""
        self.env['res.lang'].load_lang('nb_NO')
        for module in ('web', 'hr_exit_interview'):   # web's "Yes" first, as in a database
            self.env['ir.module.module'].search(   # where nb_NO came before the addon
                [('name', '=', module)])._update_translations('nb_NO')
        self.assertEqual(self._yes_no_labels(self._open_form()[0].text),
                         {'yes': 'Yes', 'no': 'No'})
        self.leaver_user.partner_id.lang = 'nb_NO'
        page = self._open_form()[0].text
        self.assertIn('<html lang="nb-NO"', page)
        self.assertEqual(self._yes_no_labels(page), {'yes': 'Ja', 'no': 'Nei'})

    # ------------------------------------------------------------------
    # POST
    # ------------------------------------------------------------------

    def test_post_saves_everything_and_thanks(self):
        _response, csrf = self._open_form()
        self.assertEqual(self.interview.state, 'draft')
        response = self.url_open(self.path, data=self._valid_form(csrf))
        self.assertEqual(response.status_code, 200)
        self.assertIn('Your answers have been received.', response.text)
        interview = self.interview
        self.assertEqual(self._answer(interview, self.q_rating).rating, 4)
        self.assertEqual(self._answer(interview, self.q_score).score, 0)  # 0 is an answer
        self.assertEqual(self._answer(interview, self.q_yes_no).yes_no, 'no')
        self.assertEqual(self._answer(interview, self.q_choice).option_id,
                         self.q_choice.option_ids[1])
        self.assertEqual(self._answer(interview, self.q_text).text, 'More  feedback,\nplease.')
        self.assertTrue(interview.consent_given)
        self.assertTrue(interview.submitted_date)
        self.assertEqual(interview.recommend_score, 0)
        # complete, and the company lets the online answers close it
        self.assertEqual(interview.state, 'done')
        self.assertEqual(interview.questionnaire_state, 'answered')
        self.assertTrue(self._has_note(interview, 'sent their answers'))
        # the link now only shows the receipt
        self.assertEqual(interview.questionnaire_token, self.token)
        again = self.url_open(self.path)
        self.assertIn('already received', again.text)
        self.assertNotIn('<form', again.text)

    def test_post_without_closing_when_a_conversation_follows(self):
        self.company.exit_selfservice_closes = False
        self.interview.action_schedule()
        _response, csrf = self._open_form()
        response = self.url_open(self.path, data=self._valid_form(csrf))
        self.assertIn('Your answers have been received.', response.text)
        self.assertEqual(self.interview.state, 'scheduled')
        self.assertTrue(self.interview.submitted_date)

    def test_draft_stays_to_schedule_when_a_conversation_follows(self):
        self.company.exit_selfservice_closes = False
        _response, csrf = self._open_form()
        self.url_open(self.path, data=self._valid_form(csrf))
        self.assertEqual(self.interview.state, 'draft')
        self.assertTrue(self._answer(self.interview, self.q_rating).is_answered)

    def test_each_kind_of_error_comes_back_with_the_typed_answers(self):
        _response, csrf = self._open_form()
        rating, score = self._key(self.q_rating), self._key(self.q_score)
        yes_no, choice, text = (self._key(self.q_yes_no), self._key(self.q_choice),
                                self._key(self.q_text))
        foreign_option = self.env['hr.exit.question.option'].search(
            [('question_id', '!=', self.q_choice.id)], limit=1)
        cases = [
            ('mandatory answer missing', rating, '', 'This question needs an answer.'),
            ('rating above 5', rating, '6', 'Choose a number from 1 to 5.'),
            ('rating below 1', rating, '0', 'Choose a number from 1 to 5.'),
            ('score above 10', score, '11', 'Choose a number from 0 to 10.'),
            ('score not a number', score, '7.5', 'Choose a number from 0 to 10.'),
            ('score negative', score, '-1', 'Choose a number from 0 to 10.'),
            ('yes/no not yes or no', yes_no, 'maybe', 'Answer yes or no.'),
            ('choice of another question', choice, str(foreign_option.id),
             'Choose one of the options shown.'),
            ('choice not a number', choice, 'Pay', 'Choose one of the options shown.'),
            ('text too long', text, 'x' * 5001, 'the limit is 5000'),
            ('no consent', 'consent', '', 'Tick this box to send your answers'),
        ]
        for label, field, value, message in cases:
            form = self._valid_form(csrf)
            form[text] = XSS
            form[field] = value
            response = self.url_open(self.path, data=form)
            page = response.text
            self.assertEqual(response.status_code, 200, label)
            self.assertIn('Your answers have not been sent yet.', page, label)
            self.assertIn(message, page, label)
            # the message stands next to the faulty field, and only there
            self.assertEqual(page.count('class="help-block o_exit_error"'), 1, label)
            self.assertIn('id="%s_error"' % field, page, label)
            self.assertIn('href="#q_%s"' % field, page, label)
            # what was typed comes back, escaped
            if field != rating:
                self.assertIn('name="%s" value="4" checked="checked"' % rating, page, label)
            if field != 'consent':
                self.assertIn('name="consent" value="1" id="consent" checked="checked"', page,
                              label)
            if field != text:
                self.assertIn('&lt;script&gt;window.exitXss = 1&lt;/script&gt;', page, label)
            self.assertNotIn('<script>window.exitXss', page, label)
            self._assert_nothing_saved()

    def test_several_errors_at_once_each_next_to_its_field(self):
        _response, csrf = self._open_form()
        form = {'csrf_token': csrf, self._key(self.q_score): '12'}
        page = self.url_open(self.path, data=form).text
        for field in (self._key(self.q_rating), self._key(self.q_score), 'consent'):
            self.assertIn('id="%s_error"' % field, page)
        self.assertEqual(page.count('class="help-block o_exit_error"'), 3)
        self._assert_nothing_saved()

    def test_replay_and_double_submit_change_nothing(self):
        _response, csrf = self._open_form()
        form = self._valid_form(csrf)
        first = self.url_open(self.path, data=form)
        self.assertIn('Your answers have been received.', first.text)
        submitted = self.interview.submitted_date
        messages = len(self.interview.message_ids)
        other = dict(form, **{self._key(self.q_rating): '1', self._key(self.q_text): 'Changed'})
        for data in (form, other):
            response = self.url_open(self.path, data=data)
            self.assertEqual(response.status_code, 200)
            self.assertIn('Your answers were already received', response.text)
            self.assertIn('nothing was changed', response.text)
        self.assertEqual(self._answer(self.interview, self.q_rating).rating, 4)
        self.assertEqual(self._answer(self.interview, self.q_text).text, 'More  feedback,\nplease.')
        self.assertEqual(self.interview.submitted_date, submitted)
        self.assertEqual(len(self.interview.message_ids), messages)

    def test_unknown_field_names_are_ignored(self):
        _response, csrf = self._open_form()
        other_key = self._key(self.q_rating, self.other)
        form = dict(self._valid_form(csrf), confidential_notes='overwritten', state='cancelled',
                    employee_id=str(self.colleague.id), **{other_key: '1', 'answer_0': '3'})
        response = self.url_open(self.path, data=form)
        self.assertIn('Your answers have been received.', response.text)
        self.assertEqual(self.interview.confidential_notes, NOTES)
        self.assertEqual(self.interview.employee_id, self.leaver)
        self.assertEqual(self.interview.state, 'done')
        self.assertFalse(self.other.answer_ids.filtered('is_answered'))
        self.assertFalse(self.other.submitted_date)

    def test_decline_comes_after_the_questions_and_is_confirmed(self):
        page = self._open_form()[0].text
        # after the questions and the send button, as a link to a confirmation
        self.assertLess(page.index('o_exit_submit'), page.index('I do not want to take part'))
        self.assertIn('<form method="get" class="o_exit_decline" action="%s/decline"' % self.path,
                      page)
        response = self.url_open(self.path + '/decline')
        self.assertEqual(response.status_code, 200)
        self.assertIn('Do you want to tell us that you do not want to take part', response.text)
        self.assertIn('href="%s"' % self.path, response.text)  # the way back
        self.assertEqual(self.interview.state, 'draft')  # asking wrote nothing
        self.assertFalse(self.interview.submitted_date)
        csrf = self.csrf_of(response)
        response = self.url_open(self.path + '/decline', data={'csrf_token': csrf,
                                                               'decline': '1'})
        self.assertIn('You will not be asked about an exit interview again.', response.text)
        self.assertEqual(self.interview.state, 'declined')

    def test_officer_reopens_a_declined_questionnaire(self):
        _response, csrf = self._open_form()
        self.url_open(self.path + '/decline', data={'csrf_token': csrf})
        self.assertEqual(self.interview.questionnaire_state, 'declined')
        for user in (self.interviewer, self.manager_user, self.reporter):
            with self.assertRaises(AccessError):
                as_user(self.interview, user).action_reopen_questionnaire()
        as_user(self.interview, self.officer).action_reopen_questionnaire()
        interview = self.interview
        self.assertEqual(interview.state, 'draft')
        self.assertEqual(interview.questionnaire_state, 'waiting')
        self.assertTrue(self._has_note(interview, 'reopened after the leaver declined'))
        # the same link shows the questionnaire again and takes the answers
        response, csrf = self._open_form()
        self.assertIn(self.q_rating.name, response.text)
        response = self.url_open(self.path, data=self._valid_form(csrf))
        self.assertIn('Your answers have been received.', response.text)
        self.assertEqual(interview.state, 'done')
        # only a questionnaire declined online is reopened
        with self.assertRaises(UserError):
            as_user(interview, self.officer).action_reopen_questionnaire()

    def test_decline_posted_from_the_confirmation(self):
        _response, csrf = self._open_form()
        response = self.url_open(self.path + '/decline', data={'csrf_token': csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn('You will not be asked about an exit interview again.', response.text)
        interview = self.interview
        self.assertEqual(interview.state, 'declined')
        self.assertFalse(interview.consent_given)
        self.assertEqual(interview.questionnaire_state, 'declined')
        self.assertTrue(self._has_note(interview, 'declined the exit interview'))
        # afterwards: a receipt, and answers are not taken any more
        self.assertIn('that you do not want to take part', self.url_open(self.path).text)
        response = self.url_open(self.path, data=self._valid_form(csrf))
        self.assertIn('that you do not want to take part', response.text)
        self.assertFalse(interview.answer_ids.filtered('is_answered'))
        self.assertEqual(interview.state, 'declined')

    # ------------------------------------------------------------------
    # Hostile and stale requests
    # ------------------------------------------------------------------

    def test_bad_tokens_get_one_neutral_page(self):
        _response, csrf = self._open_form()
        expired = self._create_interview(employee=self._new_leaver('Expired Leaver'))
        expired.action_send_questionnaire()
        expired.questionnaire_token_expiry = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=1))
        revoked = self._create_interview(employee=self._new_leaver('Revoked Leaver'))
        revoked.action_send_questionnaire()
        revoked_token = revoked.questionnaire_token
        revoked.action_revoke_link()
        closed = self._create_interview(employee=self._new_leaver('Cancelled Leaver'))
        closed.action_send_questionnaire()
        closed_token = closed.questionnaire_token
        closed.action_cancel()
        tokens = [
            'A' * 43,                                # unknown, well formed
            self.token[:-1] + ('A' if self.token[-1] != 'A' else 'B'),  # one character off
            self.token[:42],                         # truncated
            'short',                                 # malformed
            'x' * 300,                               # malformed, long
            self.token.lower() if self.token.lower() != self.token else self.token.upper(),
            '%27%20OR%201=1--',                      # SQL-ish
            expired.questionnaire_token,                    # expired
            revoked_token,                           # revoked by an officer
            closed_token,                            # revoked when the interview was cancelled
        ]
        bodies = set()
        for token in tokens:
            for method, path, data in (('GET', '/exit-interview/' + token, None),
                                       ('POST', '/exit-interview/' + token,
                                        dict(self._valid_form(csrf))),
                                       ('POST decline', '/exit-interview/%s/decline' % token,
                                        {'csrf_token': csrf})):
                response = self.url_open(path, data=data)
                self.assertEqual(response.status_code, 404, '%s %s' % (method, token))
                self.assertIn('This link does not work', response.text)
                bodies.add(response.text)
        self.assertEqual(len(bodies), 1, 'every bad link must get the very same page')
        # none of them changed anything
        self.assertEqual(expired.state, 'draft')
        self.assertFalse(expired.submitted_date)
        self.assertEqual(revoked.state, 'draft')
        self._assert_nothing_saved()

    @mute_logger('odoo.http')
    def test_post_without_csrf_token_is_refused(self):
        self._open_form()
        form = self._valid_form(None)
        del form['csrf_token']
        for data in (form, dict(form, csrf_token='0123456789abcdefo')):
            response = self.url_open(self.path, data=data)
            self.assertEqual(response.status_code, 400)
            response = self.url_open(self.path + '/decline', data=dict(data, decline='1'))
            self.assertEqual(response.status_code, 400)
        self._assert_nothing_saved()

    @mute_logger('odoo.http')
    def test_csrf_token_of_another_session_is_refused(self):
        _response, csrf = self._open_form()
        self.opener.cookies.clear()
        response = self.url_open(self.path, data=self._valid_form(csrf))
        self.assertEqual(response.status_code, 400)
        self._assert_nothing_saved()

    def test_script_in_answers_is_stored_as_text_and_escaped(self):
        _response, csrf = self._open_form()
        form = dict(self._valid_form(csrf), **{self._key(self.q_text): XSS})
        response = self.url_open(self.path, data=form)
        self.assertIn('Your answers have been received.', response.text)
        answer = self._answer(self.interview, self.q_text)
        self.assertEqual(answer.read(['text'])[0]['text'], XSS)
        # the backend shows it in a plain-text field, which the web client escapes
        Answer = self.env['hr.exit.answer']
        for view in ('view_hr_exit_answer_tree', 'view_hr_exit_answer_form'):
            view_id = self.env.ref('hr_exit_interview.' + view).id
            description = as_user(Answer, self.officer).fields_view_get(view_id=view_id)
            self.assertEqual(description['fields']['text']['type'], 'text')
            self.assertNotIn('widget="html"', description['arch'])
        # and nothing in the chatter carries it
        for message in self.interview.message_ids:
            self.assertNotIn('exitXss', message.body or '')
