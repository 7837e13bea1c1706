"""End to end in a real browser: Debian's Chromium, headless, driven by
Playwright. The leaver opens the link on a phone, answers with the keyboard
only and sends; then an HR officer opens the interview in the web client."""
from playwright.sync_api import sync_playwright

from odoo.tests.common import at_install, post_install

from .common import ExitInterviewHttpCase

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
]
PHONE = {'width': 390, 'height': 844}


def tab_to(test, page, selector, limit=80):
    """Press Tab until the element matching selector has the focus."""
    for _press in range(limit):
        page.keyboard.press('Tab')
        if page.evaluate('(selector) => document.activeElement.matches(selector)', selector):
            return
    test.fail('%s cannot be reached with the Tab key' % selector)


XSS = '<script>window.exitXss = 1</script><img src="x" onerror="window.exitXss = 2">'


# Over HTTP: once the registry is complete (Odoo's own runner).
@at_install(False)
@post_install(True)
class TestSelfServiceBrowser(ExitInterviewHttpCase):

    @classmethod
    def setUpClass(cls):
        super(TestSelfServiceBrowser, cls).setUpClass()
        cls._setup_linked_interview()

    def _tab_to(self, page, selector):
        tab_to(self, page, selector)

    def _radio(self, page, question, steps):
        """Tab into a group of radio buttons, tick the first, then move with
        the arrow keys, which tick as they go."""
        self._tab_to(page, 'input[name="%s"]' % self._key(question))
        page.keyboard.press('Space')
        for _step in range(steps):
            page.keyboard.press('ArrowRight')

    def test_leaver_answers_with_the_keyboard_and_hr_sees_it_escaped(self):
        self._keep_test_changes()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                self._answer_on_a_phone(browser)
                self._check_in_the_backend(browser)
            finally:
                browser.close()

    def _answer_on_a_phone(self, browser):
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        context.add_cookies([{'name': 'session_id', 'value': self.session.sid,
                              'url': self.url('/')}])
        page = context.new_page()
        page.goto(self.url(self.path))
        page.wait_for_load_state('networkidle')
        self.assertIn('Your exit questionnaire', page.inner_text('h1'))
        # fits the phone: nothing wider than the screen
        self.assertLessEqual(page.evaluate('document.documentElement.scrollWidth'),
                             PHONE['width'])
        # every question is labelled: a fieldset with its legend, or a label
        unlabelled = page.evaluate('''() => Array.from(
            document.querySelectorAll('.o_exit_form input:not([type=hidden]), .o_exit_form textarea')
        ).filter(el => !(el.closest('label') || document.querySelector('label[for="' + el.id + '"]'))
        ).length''')
        self.assertEqual(unlabelled, 0)

        # In page order: reasons (yes/no, choice), leadership (1-5), suggestions (0-10, text).
        self._radio(page, self.q_yes_no, 1)        # yes -> no
        self._radio(page, self.q_choice, 1)        # Pay -> Manager
        self._radio(page, self.q_rating, 3)        # 1 -> 4
        self._radio(page, self.q_score, 9)         # 0 -> 9
        self._tab_to(page, '#' + self._key(self.q_text))
        page.keyboard.type(XSS)
        self._tab_to(page, '#consent')
        page.keyboard.press('Space')
        self._tab_to(page, 'button.o_exit_submit')
        with page.expect_navigation():
            page.keyboard.press('Enter')
        page.wait_for_load_state('networkidle')
        self.assertIn('Your answers have been received.', page.inner_text('main'))
        context.close()

        self.env.cache.invalidate()
        interview = self.interview
        self.assertEqual(interview.state, 'done')
        self.assertTrue(interview.consent_given)
        self.assertEqual(self._answer(interview, self.q_yes_no).yes_no, 'no')
        self.assertEqual(self._answer(interview, self.q_choice).option_id.name, 'Manager')
        self.assertEqual(self._answer(interview, self.q_rating).rating, 4)
        self.assertEqual(self._answer(interview, self.q_score).score, 9)
        self.assertEqual(self._answer(interview, self.q_text).text, XSS)

    def _check_in_the_backend(self, browser):
        self.authenticate(self.officer)
        context = browser.new_context(viewport={'width': 1366, 'height': 900})
        context.add_cookies([{'name': 'session_id', 'value': self.session.sid,
                              'url': self.url('/')}])
        # the bus would keep a request open on the test cursor for nothing
        context.route('**/longpolling/**', lambda route: route.abort())
        page = context.new_page()
        page.goto(self.url('/web#id=%d&model=hr.exit.interview&view_type=form'
                           % self.interview.id))
        page.wait_for_selector('.o_form_view .o_field_one2many td', timeout=60000)
        page.wait_for_load_state('networkidle')
        form = page.inner_text('.o_form_view')
        self.assertIn(self.leaver.name, form)
        self.assertIn('Answered online', form)
        self.assertIn(XSS, form)  # shown as the text it is
        self.assertIsNone(page.evaluate('window.exitXss === undefined ? null : window.exitXss'))
        self.assertEqual(page.locator('.o_form_view img[src="x"]').count(), 0)
        context.close()
