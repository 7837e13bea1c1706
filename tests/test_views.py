"""What the views promise beyond what a browser click shows: the kanban
columns in lifecycle order, the analysis periods stopping at today, one
Configuration menu, and the Anonymise button only where it will not be
refused."""
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tools.safe_eval import safe_eval

from .common import ExitInterviewCase, as_user


class TestViews(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestViews, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()

    def _filter_domain(self, view_xmlid, name, today):
        """The domain of filter ``name`` of a search view, evaluated as the
        server evaluates it (e.g. in a saved favourite) on the day ``today``."""
        arch = etree.fromstring(self.env.ref(view_xmlid).arch)
        node = arch.xpath('//filter[@name="%s"]' % name)[0]
        return safe_eval(node.get('domain'), {
            'context_today': lambda: today, 'relativedelta': relativedelta,
            'uid': self.env.uid, 'time': None, 'datetime': None})

    def test_this_quarter_spans_the_calendar_quarter_of_any_day(self):
        expected = {
            date(2026, 1, 1): ('2026-01-01', '2026-04-01'),
            date(2026, 3, 31): ('2026-01-01', '2026-04-01'),
            date(2026, 5, 15): ('2026-04-01', '2026-07-01'),
            date(2026, 9, 30): ('2026-07-01', '2026-10-01'),
            date(2026, 10, 1): ('2026-10-01', '2027-01-01'),
            date(2026, 12, 31): ('2026-10-01', '2027-01-01'),
        }
        for today, (start, end) in expected.items():
            domain = self._filter_domain('hr_exit_interview.view_hr_exit_interview_search',
                                         'this_quarter', today)
            self.assertEqual(domain, [('departure_date', '>=', start),
                                      ('departure_date', '<', end)], today)

    def test_kanban_columns_follow_the_lifecycle_and_fold_closed_ones(self):
        self._create_interview()  # to schedule: the other columns are empty
        groups = as_user(self.env['hr.exit.interview'], self.officer).read_group(
            [('employee_id', '=', self.leaver.id)], ['state'], ['state'])
        self.assertEqual([group['state'] for group in groups],
                         ['draft', 'scheduled', 'done', 'declined', 'cancelled'])
        self.assertEqual([group['__fold'] for group in groups],
                         [False, False, False, True, True])
        self.assertEqual([group['state_count'] for group in groups], [1, 0, 0, 0, 0])

    def test_analysis_periods_stop_today_and_planned_departures_are_apart(self):
        today = fields.Date.from_string(fields.Date.context_today(self.env.user))
        past = self._create_departure(self.dep_sales, fields.Date.to_string(
            today - relativedelta(days=1)))
        planned = self._create_departure(self.dep_rd, fields.Date.to_string(
            today + relativedelta(days=1)), state='scheduled')
        Report = self.env['hr.exit.interview.report']
        view = 'hr_exit_interview.view_hr_exit_interview_report_search'
        by_filter = {}
        for name in ('this_quarter', 'this_year', 'last_12_months', 'planned'):
            domain = self._filter_domain(view, name, today)
            by_filter[name] = set(Report.search(domain).ids) & {past.id, planned.id}
        self.assertEqual(by_filter['last_12_months'], {past.id})
        self.assertNotIn(planned.id, by_filter['this_quarter'])
        self.assertEqual(by_filter['planned'], {planned.id})
        self.assertNotIn(planned.id, by_filter['this_year'])

    def test_one_configuration_menu_in_the_employees_app(self):
        root = self.env.ref('hr.menu_hr_root')
        for user in (self.admin, self.officer):
            menus = as_user(self.env['ir.ui.menu'], user).search([('id', 'child_of', root.id)])
            names = menus.mapped('name')
            self.assertLessEqual(names.count('Configuration'), 1, user.login)
        config = as_user(self.env['ir.ui.menu'], self.admin).search(
            [('id', 'child_of', self.env.ref('hr.menu_human_resources_configuration').id)])
        self.assertIn(self.env.ref('hr_exit_interview.menu_hr_exit_questionnaire'), config)

    def test_anonymise_is_offered_only_past_the_retention_period(self):
        recent = self._create_interview(departure_date=fields.Date.context_today(self.env.user))
        self.assertFalse(recent.can_anonymize)
        old = self._create_interview(self.colleague, departure_date='2001-01-31')
        self.assertTrue(old.can_anonymize)
        as_user(old, self.admin).action_anonymize()
        self.assertFalse(old.can_anonymize)

    def test_every_wizard_field_explains_itself(self):
        """Each field a wizard shows has a tooltip."""
        wizards = self.env['ir.model'].search([
            ('transient', '=', True), ('model', '=like', 'hr.exit.%')]).mapped('model')
        self.assertTrue(wizards)
        for model_name in wizards:
            Model = as_user(self.env[model_name], self.admin)
            arch = etree.fromstring(Model.fields_view_get(view_type='form')['arch'])
            for node in arch.iter('field'):
                if node.get('invisible') == '1' or node.get('help') \
                        or node.getparent().tag == 'tree':
                    continue
                field = Model._fields[node.get('name')]
                self.assertTrue(field.help, '%s.%s' % (model_name, field.name))

    def test_every_period_filter_of_the_analyses_stops_today(self):
        """Whatever analysis view: This Quarter, This Year and Last 12 Months
        leave planned departures out; Planned departures shows them."""
        views = self.env['ir.ui.view'].search([
            ('type', '=', 'search'), ('model', '=like', 'hr.exit.%report')])
        views = views.filtered(lambda view: view.xml_id.startswith('hr_exit_interview.')
                               and 'planned' in self.env[view.model]._fields)
        self.assertGreaterEqual(len(views), 2)
        today = fields.Date.from_string(fields.Date.context_today(self.env.user))
        for view in views:
            for name in ('this_quarter', 'this_year', 'last_12_months'):
                domain = self._filter_domain(view.xml_id, name, today)
                self.assertIn(('planned', '=', False), domain, (view.xml_id, name))
            self.assertEqual(self._filter_domain(view.xml_id, 'planned', today),
                             [('planned', '=', True)], view.xml_id)

    def test_an_analysis_filter_that_matches_nothing_shows_an_empty_analysis(self):
        """A trend reader's filter that no departure matches (no interview
        held online yet, say) is an empty pivot, not a server error."""
        for model in ('hr.exit.interview.report', 'hr.exit.answer.report'):
            Report = as_user(self.env[model], self.reporter)
            for groupby in (['department_id'], ['departure_month:quarter', 'department_id']):
                groups = Report.read_group([('department_id', '=', self.dep_rd.id),
                                            ('department_id', '!=', self.dep_rd.id)],
                                           ['department_id', 'departure_month'], groupby,
                                           lazy=False)
                self.assertEqual(groups, [], (model, groupby))
