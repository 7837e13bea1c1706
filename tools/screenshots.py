"""Take the README's screenshots of the self-service questionnaire and the
conduct screen.

Against a running server with the demo data (it changes that database: use a
scratch one), for example:

    ODOO_DB=hrx_shots ODOO_HTTP_PORT=8071 make run        # in one terminal
    .runtime/venv/bin/python tools/screenshots.py --url http://localhost:8071 --db hrx_shots

It logs in as admin, sends the questionnaire of a demo interview that is not
held yet, opens the link on a phone-sized screen, answers and sends, then
opens the interview in the web client; then it opens the conduct screen of
another open interview and records a few answers with the keyboard
(``--only conduct`` takes that one alone). Chromium is Debian's, driven by
Playwright, as in the browser tests.
"""
import argparse
import os

import requests
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXTS = [
    'More say in how the team plans its work.',
    'The people, and the freedom to try new things.',
]


class Odoo(object):
    """Just enough JSON-RPC to prepare the screenshots."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip('/')
        self.http = requests.Session()
        self.call('/web/session/authenticate', db=db, login=login, password=password)

    def call(self, path, **params):
        response = self.http.post(self.url + path, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': params}, timeout=120)
        response.raise_for_status()
        body = response.json()
        if body.get('error'):
            raise RuntimeError(body['error'].get('data', {}).get('message') or body['error'])
        return body['result']

    def model(self, model, method, *args, **kwargs):
        return self.call('/web/dataset/call_kw', model=model, method=method, args=list(args),
                         kwargs=kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--url', default='http://localhost:8069')
    parser.add_argument('--db', default='hr_exit_demo')
    parser.add_argument('--login', default='admin')
    parser.add_argument('--password', default='admin')
    parser.add_argument('--out', default=os.path.join(ROOT, 'static', 'description'))
    parser.add_argument('--chromium', default='/usr/bin/chromium')
    parser.add_argument('--only', choices=['selfservice', 'conduct'])
    args = parser.parse_args()

    odoo = Odoo(args.url, args.db, args.login, args.password)
    if args.only != 'conduct':
        selfservice_screenshots(odoo, args)
    if args.only != 'selfservice':
        conduct_screenshot(odoo, args)
    print('screenshots written to %s' % args.out)


def conduct_screenshot(odoo, args):
    """The conduct screen of a scheduled interview, the consent and the
    first questions answered with the keyboard."""
    interviews = odoo.model('hr.exit.interview', 'search_read',
                            [('state', '=', 'scheduled')], ['name'],
                            order='departure_date desc', limit=1)
    if not interviews:
        raise SystemExit('No scheduled exit interview in %s.' % args.db)
    interview_id = interviews[0]['id']
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        desktop = browser.new_context(viewport={'width': 1280, 'height': 1000})
        desktop.add_cookies([{'name': 'session_id', 'value': odoo.http.cookies['session_id'],
                              'url': args.url}])
        page = desktop.new_page()
        page.goto('%s/exit-interview/conduct/%d' % (args.url, interview_id))
        page.wait_for_load_state('networkidle')
        page.focus('input[name="consent"]')
        # the first questions as an interviewer answers them: one key each,
        # a comment typed and Tab
        keys = {'consent': 'y', 'choice': '2', 'rating': '4', 'score': '8', 'yes_no': 'y'}
        types = page.evaluate('() => Array.from(document.querySelectorAll('
                              '".o_exit_conduct .o_exit_question"), q => q.dataset.type)')
        for number, kind in enumerate(types[:7]):
            if kind == 'text':
                page.keyboard.type(TEXTS[number % len(TEXTS)])
                page.keyboard.press('Tab')
            else:
                page.keyboard.press(keys[kind])
        page.wait_for_timeout(1500)
        page.wait_for_function(
            "document.querySelector('.o_exit_save_status').textContent === 'Saved'")
        page.evaluate('() => window.scrollTo(0, 0)')
        page.screenshot(path=os.path.join(args.out, 'conduct_screen.png'))
        # the 1-5 buttons of the second area
        page.evaluate('() => window.scrollTo(0, window.scrollY + document.querySelectorAll('
                      '".o_exit_section")[1].getBoundingClientRect().top - 16)')
        page.screenshot(path=os.path.join(args.out, 'conduct_screen_ratings.png'))
        browser.close()


def selfservice_screenshots(odoo, args):
    """The leaver's page on a phone, and the interview afterwards."""
    interviews = odoo.model('hr.exit.interview', 'search_read',
                           [('state', 'in', ['draft', 'scheduled'])], ['name'],
                           order='departure_date desc', limit=1)
    if not interviews:
        raise SystemExit('No exit interview to schedule or scheduled in %s.' % args.db)
    interview_id = interviews[0]['id']
    odoo.model('hr.exit.interview', 'action_send_questionnaire', [interview_id])
    url = odoo.model('hr.exit.interview', 'read', [interview_id],
                     ['questionnaire_url'])[0]['questionnaire_url']
    path = url[url.index('/exit-interview/'):]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        phone = browser.new_page(viewport={'width': 390, 'height': 844}, is_mobile=True,
                                 has_touch=True, device_scale_factor=2)
        phone.goto(args.url + path)
        phone.wait_for_load_state('networkidle')
        phone.screenshot(path=os.path.join(args.out, 'selfservice_phone_top.png'))
        # a few answers ticked, as the leaver would be doing
        for number, group in enumerate(phone.query_selector_all('.o_exit_choices')):
            radios = group.query_selector_all('input[type=radio]')
            radios[min(len(radios) - 1, 2 + number % 3)].check()
        for number, area in enumerate(phone.query_selector_all('.o_exit_form textarea')):
            area.fill(TEXTS[number % len(TEXTS)])
        # from the end of the first area into the second one
        phone.evaluate('() => window.scrollTo(0, window.scrollY + document.querySelectorAll('
                       '".o_exit_section")[1].getBoundingClientRect().top - 300)')
        phone.screenshot(path=os.path.join(args.out, 'selfservice_phone.png'))
        phone.check('#consent')
        with phone.expect_navigation():
            phone.click('button.o_exit_submit')

        desktop = browser.new_context(viewport={'width': 1366, 'height': 1000})
        desktop.add_cookies([{'name': 'session_id', 'value': odoo.http.cookies['session_id'],
                              'url': args.url}])
        desktop.route('**/longpolling/**', lambda route: route.abort())
        page = desktop.new_page()
        page.goto('%s/web#id=%d&model=hr.exit.interview&view_type=form'
                  % (args.url, interview_id))
        page.wait_for_selector('.o_form_view .o_field_one2many td', timeout=60000)
        page.wait_for_load_state('networkidle')
        page.screenshot(path=os.path.join(args.out, 'selfservice_backend.png'))
        browser.close()


if __name__ == '__main__':
    main()
