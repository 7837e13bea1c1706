"""Every menu of the addon, and every filter and grouping of the search view
behind it, clicked in the web client by each role, in Debian's Chromium
(as in test_selfservice_browser.py). A filter whose domain the browser
cannot evaluate, or that the server refuses, breaks the list for the rest of
the session: any client error, console error or error dialog fails."""
from lxml import etree
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from odoo.tests.common import at_install, post_install

from .common import ExitInterviewHttpCase
from .test_selfservice_browser import CHROMIUM, CHROMIUM_ARGS

ADDON = 'hr_exit_interview'
ERROR_DIALOGS = '.o_dialog_error, .o_dialog_warning'
# How long the web client may stay busy after a click or a page load (ms).
SETTLE_TIMEOUT = 60000


@at_install(False)
@post_install(True)
class TestViewsBrowser(ExitInterviewHttpCase):

    @classmethod
    def setUpClass(cls):
        super(TestViewsBrowser, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        # Held, declined and planned departures: every filter and grouping
        # has groups to show.
        cls._create_departure(cls.dep_sales, '2026-02-15', ratings=(4, 2), recommend=9,
                              days=3, regretted=True)
        cls._create_departure(cls.dep_rd, '2026-05-31', state='declined')
        cls._create_departure(cls.dep_rd, '2099-01-31', state='draft')
        cls.env['hr.exit.action'].create({
            'name': 'Salary review', 'department_id': cls.dep_sales.id,
            'date_deadline': '2026-01-01'})

    # ------------------------------------------------------------------
    # What to click, read from the database
    # ------------------------------------------------------------------

    def _addon_menus(self, user):
        """The menus of the addon that user sees, with their actions: the
        roots are the addon's own menus wherever they hang, so that a menu
        added later is clicked too."""
        roots = self.env['ir.model.data'].search(
            [('module', '=', ADDON), ('model', '=', 'ir.ui.menu')]).mapped('res_id')
        Menu = self.env['ir.ui.menu'].sudo(user)
        menus = Menu.search([('id', 'child_of', roots)])
        # a menu is offered only under a visible parent: the search checks
        # each menu's own groups, the web client's menu tree its ancestors'
        visible = Menu.search([])

        def reachable(menu):
            while menu.parent_id:
                menu = menu.parent_id
                if menu not in visible:
                    return False
            return True

        return menus.filtered(lambda menu: menu.action and reachable(menu))

    def _search_items(self, user, action):
        """(filters, groupings) of the action's search view as user gets it:
        the strings of its filters, split as the web client shows them."""
        model = self.env[action.res_model].sudo(user)
        arch = model.fields_view_get(view_id=action.search_view_id.id,
                                     view_type='search')['arch']
        filters, groupings = [], []
        for node in etree.fromstring(arch).iter('filter'):
            if node.get('invisible') in ('1', 'True'):
                continue
            target = groupings if 'group_by' in (node.get('context') or '') else filters
            target.append(node.get('string') or node.get('help') or node.get('name'))
        return filters, groupings

    # ------------------------------------------------------------------
    # Browser
    # ------------------------------------------------------------------

    def _open_session(self, browser, user):
        self.authenticate(user)
        context = browser.new_context(viewport={'width': 1366, 'height': 900})
        context.add_cookies([{'name': 'session_id', 'value': self.session.sid,
                              'url': self.url('/')}])
        # the bus would keep a request open on the test cursor for nothing
        context.route('**/longpolling/**', lambda route: route.abort())
        page = context.new_page()
        page.set_default_timeout(SETTLE_TIMEOUT)
        errors = []
        page.on('pageerror', lambda exc: errors.append('page error: %s' % exc))
        page.on('console', lambda msg: msg.type == 'error'
                and 'longpolling' not in (msg.location or {}).get('url', '')
                and 'ERR_FAILED' not in msg.text
                and errors.append('console: %s' % msg.text))
        pending = []
        page.on('request', lambda request: pending.append(request))
        page.on('requestfinished', lambda request: request in pending
                and pending.remove(request))
        page.on('requestfailed', lambda request: request in pending
                and pending.remove(request))
        return context, page, errors, pending

    def _settle(self, page, pending):
        """Wait until no request is running, for a while."""
        quiet = 0
        for _tick in range(SETTLE_TIMEOUT // 50):
            page.wait_for_timeout(50)
            busy = [request for request in pending if 'longpolling' not in request.url]
            quiet = 0 if busy else quiet + 1
            if quiet >= 3:
                return
        self.fail('the web client is still busy: %s' % [r.url for r in pending])

    def _check(self, page, errors, where, failures):
        dialogs = page.locator(ERROR_DIALOGS)
        if dialogs.count():
            errors.append('dialog: %s' % dialogs.first.inner_text()[:500])
        if errors:
            failures.append('%s: %s' % (where, ' | '.join(errors)))
            del errors[:]
            return False
        return True

    def _click_item(self, page, pending, menu_class, text):
        """Open the dropdown of menu_class if closed, click its item text."""
        menu = page.locator('ul.%s' % menu_class)
        if not page.locator('.o_search_options').is_visible():
            page.locator('.o_searchview_more').click()
        if not menu.is_visible():
            page.locator('.o_search_options .o_dropdown:has(ul.%s) > button' % menu_class).click()
        item = menu.locator('li > a').filter(has_text=text)
        item = [index for index in range(item.count())
                if item.nth(index).inner_text().strip() == text]
        if not item:
            return False
        menu.locator('li > a').filter(has_text=text).nth(item[0]).click()
        self._settle(page, pending)
        return True

    def _open_menu(self, page, pending, menu):
        """Load the web client on menu's action, from scratch (a new address
        each time: the same one would only move to the anchor)."""
        self.loads += 1
        page.goto(self.url('/web?load=%d#menu_id=%d&action=%d' % (
            self.loads, menu.id, menu.action.id)))
        page.wait_for_selector('.o_view_manager_content > *, .modal-dialog')
        self._settle(page, pending)

    def _walk_role(self, browser, user, failures, skip=()):
        """Open every menu user sees (but those in skip) and apply each
        filter and grouping of its search view, one at a time. Returns the
        names of the menus opened."""
        context, page, errors, pending = self._open_session(browser, user)
        opened = []
        try:
            for menu in self._addon_menus(user).filtered(lambda m: m.name not in skip):
                action = menu.action
                where = '%s > %s' % (user.login, menu.complete_name)
                self._open_menu(page, pending, menu)
                opened.append(menu.name)
                if not self._check(page, errors, where, failures) \
                        or action._name != 'ir.actions.act_window' or action.target == 'new':
                    continue
                filters, groupings = self._search_items(user, action)
                for menu_class, items in (('o_filters_menu', filters),
                                          ('o_group_by_menu', groupings)):
                    for text in items:
                        step = '%s, "%s"' % (where, text)
                        try:
                            if not self._click_item(page, pending, menu_class, text):
                                failures.append('%s: not offered in the search view' % step)
                            # and off again: the next item starts from the same search
                            elif not self._check(page, errors, step + ' on', failures) or \
                                    not self._click_item(page, pending, menu_class, text) or \
                                    not self._check(page, errors, step + ' off', failures):
                                # an error dialog stops the web client: start again
                                self._open_menu(page, pending, menu)
                        except PlaywrightError as error:
                            failures.append('%s: %s' % (step, str(error).splitlines()[0]))
                            self._open_menu(page, pending, menu)
        finally:
            context.close()
        return opened

    def test_every_menu_filter_and_grouping_works_for_every_role(self):
        self._keep_test_changes()
        self.loads = 0
        failures = []
        opened = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for role in ('officer', 'interviewer', 'reporter'):
                    opened[role] = self._walk_role(browser, getattr(self, role), failures)
                # the administrator's own menus: configuration
                opened['admin'] = self._walk_role(browser, self.admin, failures,
                                                  skip=opened['officer'])
            finally:
                browser.close()
        self.assertEqual(failures, [])
        names = dict((role, set(menus)) for role, menus in opened.items())
        # Each role reached its own menus, and only those.
        self.assertIn('Interviews', names['interviewer'])
        self.assertNotIn('Exit Analysis', names['interviewer'])
        self.assertIn('Exit Analysis', names['reporter'])
        self.assertNotIn('Interviews', names['reporter'])
        self.assertTrue({'Interviews', 'Exit Analysis', 'Scores by Area',
                         'Improvement Actions'} <= names['officer'])
        self.assertTrue({'Questionnaires', 'Areas', 'Reasons for Leaving'} <= names['admin'])
        self.assertNotIn('Questionnaires', names['officer'])
