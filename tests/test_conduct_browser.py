"""The conduct screen in a real browser (Debian's Chromium, headless, driven
by Playwright): the interviewer records the shipped questionnaire with the
keyboard only, one key per answer, each answer saved as it is given, then
finishes the interview."""
from playwright.sync_api import sync_playwright

from odoo.tests.common import at_install, post_install

from .common import ExitInterviewHttpCase
from .test_selfservice_browser import CHROMIUM, CHROMIUM_ARGS, tab_to

# The one key of each kind of question, and the value it records.
KEYS = {'consent': ('y', 'given'), 'yes_no': ('n', 'no'), 'rating': ('4', '4'),
        'score': ('9', '9')}
CHOICE_KEY = '2'  # the second option


@at_install(False)
@post_install(True)
class TestConductBrowser(ExitInterviewHttpCase):

    @classmethod
    def setUpClass(cls):
        super(TestConductBrowser, cls).setUpClass()
        cls.interview = cls._create_interview(
            questionnaire_id=cls.env.ref('hr_exit_interview.exit_questionnaire_default').id)
        cls.interview.action_schedule()

    def _tab_to(self, page, selector):
        tab_to(self, page, selector)

    def _focused(self, page):
        return page.evaluate('document.activeElement.name || document.activeElement.className')

    def test_interview_recorded_with_one_key_per_answer(self):
        self._keep_test_changes()
        self.authenticate(self.interviewer)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={'width': 1280, 'height': 900})
                context.add_cookies([{'name': 'session_id', 'value': self.session.sid,
                                      'url': self.url('/')}])
                context.route('**/longpolling/**', lambda route: route.abort())
                page = context.new_page()
                page.goto(self.url('/exit-interview/conduct/%d' % self.interview.id))
                page.wait_for_load_state('networkidle')
                expected = self._answer_everything(page)
                # the browser closed: a new page shows everything, saved as it was given
                page.close()
                page = context.new_page()
                page.goto(self.url('/exit-interview/conduct/%d' % self.interview.id))
                page.wait_for_load_state('networkidle')
                for name, value in expected.items():
                    if name.startswith('text:'):
                        self.assertEqual(page.input_value('textarea[name="%s"]' % name[5:]),
                                         value)
                    else:
                        self.assertTrue(page.is_checked('input[name="%s"][value="%s"]'
                                                        % (name, value)), name)
                self._tab_to(page, 'button.o_exit_finish')
                with page.expect_navigation():
                    page.keyboard.press('Enter')
                context.close()
            finally:
                browser.close()
        # read once the browser is gone, holding the cursor's lock: requests
        # and the test share one cursor, and a save sent as the page closed
        # may still be served
        self.cr.acquire()
        try:
            self._check_saved(expected)
        finally:
            self.cr.release()

    def _answer_everything(self, page):
        """Answer each question in page order: one key for a radio question
        (the focus then moves on by itself), a comment typed and Tab for a
        text. Returns {field name: value} of what should be saved."""
        questions = page.evaluate('''() => Array.from(
            document.querySelectorAll('.o_exit_conduct .o_exit_question')).map(q => ({
                type: q.getAttribute('data-type'),
                name: (q.querySelector('input[type=radio], textarea') || {}).name,
                second: (q.querySelectorAll('input[type=radio]')[1] || {}).value}))''')
        self.assertEqual(questions[0]['type'], 'consent')  # the consent comes first
        self.assertEqual(len([q for q in questions if q['type'] != 'text']), 14)
        self._tab_to(page, 'input[name="consent"]')
        expected, keys = {}, 0
        for question in questions:
            name = question['name']
            self.assertEqual(self._focused(page), name, 'the focus is not on %s' % name)
            if question['type'] == 'text':
                text = 'Comment on %s' % name
                page.keyboard.type(text)
                page.keyboard.press('Tab')
                expected['text:' + name] = text
                continue
            if question['type'] == 'choice':
                key, value = CHOICE_KEY, question['second']
            else:
                key, value = KEYS[question['type']]
            page.keyboard.press(key)
            keys += 1
            expected[name] = value
        self.assertEqual(keys, 14)
        self.assertEqual(self._focused(page), 'btn btn-primary btn-lg o_exit_finish')
        page.wait_for_load_state('networkidle')
        status = page.locator('.o_exit_save_status')
        for _wait in range(60):
            if status.inner_text() == 'Saved':
                break
            page.wait_for_timeout(500)
        self.assertEqual(status.inner_text(), 'Saved')
        page.wait_for_timeout(1500)  # the last comment's pause, then its save
        page.wait_for_load_state('networkidle')
        return expected

    def _check_saved(self, expected):
        """The interview is held with every answer as it was given."""
        self.env.cache.invalidate()
        interview = self.interview
        self.assertEqual(interview.state, 'done')
        self.assertEqual(interview.consent, expected['consent'])
        for answer in interview.answer_ids:
            key = answer._selfservice_key()
            if answer.question_type == 'text':
                self.assertEqual(answer.text, expected['text:' + key])
            else:
                self.assertEqual(answer._form_value(), expected[key], answer.question_text)
