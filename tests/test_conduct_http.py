"""The interviewer's conduct screen through Odoo's HTTP server: who may open
it, what it shows, saving as you go, and Finish."""
import json

from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from .common import ExitInterviewHttpCase, as_user

NOTES = 'CONDUCT-NOTES-4e1b-do-not-leak'
ANSWER = 'CONDUCT-ANSWER-8a6c-do-not-leak'
# Who may not conduct the interview: each gets the one 404 page.
OUTSIDERS = ('other_interviewer', 'manager_user', 'leaver_user', 'reporter', 'plain_user',
             'hr_user', 'dept_head_user', 'foreign_officer')


@at_install(False)
@post_install(True)
class TestConductHttp(ExitInterviewHttpCase):

    @classmethod
    def setUpClass(cls):
        super(TestConductHttp, cls).setUpClass()
        cls.interview = cls._create_interview(confidential_notes=NOTES)
        cls.interview.action_schedule()
        cls._answer(cls.interview, cls.q_text, text=ANSWER)
        cls.path = '/exit-interview/conduct/%d' % cls.interview.id

    def _open(self, user=None):
        self.authenticate(user or self.interviewer)
        return self.url_open(self.path)

    def _save(self, csrf, **fields):
        data = dict(fields, csrf_token=csrf, autosave='1')
        return self.url_open(self.path + '/save', data=data)

    def _csrf(self):
        response = self._open()
        self.assertEqual(response.status_code, 200)
        return self.csrf_of(response)

    def test_button_opens_the_screen(self):
        action = as_user(self.interview, self.interviewer).action_conduct()
        self.assertEqual(action['type'], 'ir.actions.act_url')
        self.assertEqual(action['url'], self.path)
        self.assertEqual(as_user(self.interview, self.officer).action_conduct()['url'], self.path)
        for role in ('other_interviewer', 'manager_user', 'leaver_user', 'reporter'):
            with self.assertRaises(AccessError, msg=role):
                as_user(self.interview, getattr(self, role)).action_conduct()

    def test_interviewer_and_officer_open_it(self):
        for user in (self.interviewer, self.officer):
            response = self._open(user)
            self.assertEqual(response.status_code, 200, user.login)
            self.assertIn(self.q_rating.name, response.text)
            self.assertIn(ANSWER, response.text)
            self.assertNotIn(NOTES, response.text)
            self.assertEqual(response.headers['Cache-Control'], 'no-store')

    def test_everyone_else_gets_a_404_and_changes_nothing(self):
        csrf = self._csrf()
        missing = '/exit-interview/conduct/%d' % (self.interview.id + 100000)
        for role in OUTSIDERS:
            self.authenticate(getattr(self, role))
            for path, data in ((self.path, None), (missing, None),
                               (self.path + '/save', {'csrf_token': csrf, 'autosave': '1',
                                                      self._key(self.q_rating): '1'}),
                               (self.path + '/finish', {'csrf_token': csrf, 'consent': 'refused'})):
                response = self.url_open(path, data=data)
                self.assertEqual(response.status_code, 404, '%s %s' % (role, path))
                self.assertIn('This page cannot be shown', response.text)
                secrets = [NOTES, ANSWER, self.q_rating.name]
                if role != 'leaver_user':  # the leaver's page names the leaver (logged in)
                    secrets.append(self.leaver.name)
                for secret in secrets:
                    self.assertNotIn(secret, response.text, role)
        self.assertFalse(self._answer(self.interview, self.q_rating).rating)
        self.assertFalse(self.interview.consent)
        self.assertEqual(self.interview.state, 'scheduled')
        # not logged in: the login page, as for the rest of the backend
        self.opener.cookies.clear()
        response = self.opener.get(self.url(self.path), allow_redirects=False, timeout=60)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn('/web/login', response.headers['Location'])

    def test_consent_first_then_one_widget_per_question(self):
        page = self._open().text
        consent = page.index('name="consent"')
        self.assertLess(consent, page.index('<h2>Leadership</h2>'))
        self.assertEqual(page.count('type="radio" name="consent"'), 2)
        # the shared rendering: the same widgets as the leaver's page
        self.assertEqual(page.count('type="radio" name="%s"' % self._key(self.q_rating)), 5)
        self.assertEqual(page.count('type="radio" name="%s"' % self._key(self.q_score)), 11)
        self.assertEqual(page.count('type="radio" name="%s"' % self._key(self.q_yes_no)), 2)
        self.assertEqual(page.count('type="radio" name="%s"' % self._key(self.q_choice)), 2)
        self.assertIn('<textarea class="form-control"', page)
        self.assertIn('data-save-url="%s/save"' % self.path, page)
        self.assertIn('/hr_exit_interview/static/src/js/questionnaire.js', page)
        # areas in questionnaire order
        positions = [page.index('<h2>%s</h2>' % area) for area in
                     ('Reasons for leaving', 'Leadership', 'Suggestions')]
        self.assertEqual(positions, sorted(positions))

    def test_each_answer_is_saved_as_it_is_given(self):
        csrf = self._csrf()
        rating, score = self._key(self.q_rating), self._key(self.q_score)
        response = self._save(csrf, **{rating: '4'})
        self.assertEqual(response.status_code, 200, response.text[-3000:])
        self.assertEqual(json.loads(response.text), {'errors': {}})
        self.assertEqual(self._answer(self.interview, self.q_rating).rating, 4)
        self._save(csrf, **{score: '0'})
        self._save(csrf, consent='given')
        self._save(csrf, **{self._key(self.q_choice): str(self.q_choice.option_ids[1].id)})
        self.assertEqual(self._answer(self.interview, self.q_score).score, 0)
        self.assertEqual(self.interview.consent, 'given')
        # a reload shows what was saved
        page = self._open().text
        self.assertIn('name="%s" value="4" checked="checked"' % rating, page)
        self.assertIn('name="%s" value="0" checked="checked"' % score, page)
        self.assertIn('name="consent" value="given" checked="checked"', page)
        self.assertIn('value="%d" checked="checked"' % self.q_choice.option_ids[1].id, page)
        # a bad value is refused with its message, and nothing changes
        response = self._save(csrf, **{rating: '9', score: '5'})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(json.loads(response.text)['errors'],
                         {rating: 'Choose a number from 1 to 5.'})
        self.assertEqual(self._answer(self.interview, self.q_rating).rating, 4)
        self.assertEqual(self._answer(self.interview, self.q_score).score, 0)
        # an answer can be taken back
        self._save(csrf, **{rating: ''})
        self.assertFalse(self._answer(self.interview, self.q_rating).is_answered)
        self._save(csrf, **{self._key(self.q_text): ''})
        self.assertFalse(self._answer(self.interview, self.q_text).text)

    def test_finish_lists_what_is_missing_then_marks_held(self):
        csrf = self._csrf()
        response = self.url_open(self.path + '/finish', data={
            'csrf_token': csrf, self._key(self.q_rating): '3'})
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn('The interview is not marked as held yet.', page)
        self.assertIn('href="#q_%s"' % self._key(self.q_score), page)
        self.assertIn('href="#q_consent"', page)
        self.assertNotIn('href="#q_%s"' % self._key(self.q_rating), page)
        self.assertEqual(self.interview.state, 'scheduled')
        # what was sent with it is saved all the same
        self.assertEqual(self._answer(self.interview, self.q_rating).rating, 3)
        self._keep_test_changes()
        response = self.opener.post(self.url(self.path + '/finish'), data={
            'csrf_token': csrf, self._key(self.q_score): '10', 'consent': 'refused'},
            allow_redirects=False, timeout=60)
        self.env.cache.invalidate()
        # back to the interview in the web client
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers['Location'].endswith(
            '/web#id=%d&model=hr.exit.interview&view_type=form' % self.interview.id))
        self.assertEqual(self.interview.state, 'done')
        self.assertEqual(self.interview.consent, 'refused')
        self.assertFalse(self.interview.consent_given)
        # held: the screen shows it, and takes no more answers
        page = self._open().text
        self.assertIn('This interview has been held', page)
        self.assertNotIn('type="radio"', page)
        response = self._save(csrf, **{self._key(self.q_rating): '1'})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(self._answer(self.interview, self.q_rating).rating, 3)

    def test_without_javascript_save_posts_the_whole_form(self):
        csrf = self._csrf()
        response = self.url_open(self.path + '/save', data={
            'csrf_token': csrf, self._key(self.q_rating): '2',
            self._key(self.q_yes_no): 'yes', 'consent': 'given'})
        self.assertEqual(response.status_code, 200)
        self.assertIn('Saved.', response.text)
        self.assertEqual(self._answer(self.interview, self.q_yes_no).yes_no, 'yes')
        self.assertEqual(self.interview.consent, 'given')
