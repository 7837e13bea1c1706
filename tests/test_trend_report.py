"""The trend report against a small dataset computed by hand.

First half of 2021, two departments, 20 departures (and a withdrawn one):

    department A: 12 departures, B: 8
    reasons now:    pay 12 (60 %), relocation 5 (25 %), redundancy 3 (15 %)
    reasons before (second half of 2020, 20 departures): 4 / 6 / 10
    held 16, declined 2, not held yet 2; regretted 5
    leadership rating: Q1 4.00 (8 interviews), Q2 2.50 (8 interviews)
    recommendation: Q1 9 9 10 10 7 8 3 5 (eNPS +25), Q2 10 7 8 0 0 6 2 4 (eNPS -50)
    employment start: 2019 for the staff; two held interviews of A (1 Feb and
    1 May) six months after their start, the other held ones years after
    headcount (employed at any time in the half-year, by employment start):
        A 24 (not: one who started in July, one who left in 2020, one
        without employment start), B 15 of whom one left on 31 March
    turnover A 12/24 = 50.0 %, B 8/15 = 53.3 %, all 20/39 = 51.3 %
    regretted turnover A 3/24 = 12.5 %, B 2/15 = 13.3 %, all 5/39 = 12.8 %
    first-year exits A 2 of 10 of known tenure, B 0 of 6, all 2 of 16
"""
import re

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install
from odoo.tools import config

from ..reports.report_exit_trends import two_proportion_z
from ..reports.trend_statistics import benjamini_hochberg, t_p_value, welch_t
from .common import ExitInterviewCase, as_user, compile_report_assets, ensure_http_server



class TestTrendReport(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestTrendReport, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        ref = cls.env.ref
        cls.pay = ref('hr_exit_interview.exit_reason_pay_benefits')
        cls.relocation = ref('hr_exit_interview.exit_reason_relocation')
        cls.redundancy = ref('hr_exit_interview.exit_reason_redundancy')
        Department = cls.env['hr.department']
        cls.dep_a = Department.create({'name': 'Trend A', 'company_id': cls.company.id})
        cls.dep_b = Department.create({'name': 'Trend B', 'company_id': cls.company.id})
        cls._create_fixture()
        cls.wizard_vals = {
            'date_from': '2021-01-15', 'date_to': '2021-06-10', 'granularity': 'quarter',
            'department_ids': [(6, 0, (cls.dep_a | cls.dep_b).ids)]}
        cls.wizard = cls._wizard(cls.officer)
        cls.report = ref('hr_exit_interview.action_report_exit_trends')
        cls.Trends = cls.env['report.hr_exit_interview.report_exit_trends']
        compile_report_assets(cls.report, cls.wizard, cls.officer)

    @classmethod
    def _create_fixture(cls):
        a, b = cls.dep_a, cls.dep_b
        pay, rel, red = cls.pay, cls.relocation, cls.redundancy
        held_q1 = [(a, pay), (a, pay), (a, pay), (a, pay), (a, rel), (a, red), (b, pay), (b, rel)]
        held_q2 = [(a, pay), (a, pay), (a, pay), (a, rel), (b, pay), (b, pay), (b, rel), (b, red)]
        recommend = {1: [9, 9, 10, 10, 7, 8, 3, 5], 2: [10, 7, 8, 0, 0, 6, 2, 4]}
        days = [10] * 7 + [14] + [20] * 8
        regretted = [(1, 0), (1, 1), (1, 2), (2, 4), (2, 5)]
        texts = ['Comment %d' % n for n in range(1, 10)] + ['<b>Loud</b> & clear']
        number = 0
        for quarter, held in ((1, held_q1), (2, held_q2)):
            for index, (department, reason) in enumerate(held):
                ratings = (4, 4) if quarter == 1 else ((2, 2) if index < 4 else (3, 3))
                start = '2015-01-01'
                if number in (0, 8):  # A, six months after their start
                    start = '2020-%02d-01' % (8 if number == 0 else 11)
                cls._create_departure(
                    department, '2021-%02d-%02d' % (quarter * 3 - 1, index + 1),
                    employment_start_date=start,
                    primary_reason_id=reason.id, days=days[number], ratings=ratings,
                    recommend=recommend[quarter][index],
                    regretted=(quarter, index) in regretted,
                    text=texts[number] if number < len(texts) else None)
                number += 1
        for department, reason, date, state in (
                (a, red, '2021-03-10', 'declined'), (a, pay, '2021-05-10', 'draft'),
                (b, pay, '2021-06-10', 'declined'), (b, rel, '2021-01-10', 'draft'),
                (a, pay, '2021-02-10', 'cancelled')):
            cls._create_departure(department, date, state=state, primary_reason_id=reason.id)
        # the previous half-year: 4 / 6 / 10
        for count, reason in ((4, pay), (6, rel), (10, red)):
            for day in range(count):
                cls._create_departure(a, '2020-%02d-%02d' % (7 + day % 6, day + 1),
                                      primary_reason_id=reason.id)
        # headcount
        Employee = cls.env['hr.employee'].with_context(exit_departure_registered=True)
        staff = Employee
        for department, count in ((a, 24), (b, 15)):
            for n in range(count):
                staff |= Employee.create({'name': '%s staff %d' % (department.name, n),
                                          'department_id': department.id,
                                          'employment_start_date': '2019-01-01',
                                          'company_id': cls.company.id})
        staff[-1].write({'departure_date': '2021-03-31', 'active': False})
        # not in the headcount of the first half of 2021
        for name, start, departure in (('July starter', '2021-07-01', False),
                                       ('Left in 2020', '2019-01-01', '2020-12-31'),
                                       ('No start', False, False)):
            Employee.create({'name': name, 'department_id': a.id, 'company_id': cls.company.id,
                             'employment_start_date': start, 'departure_date': departure,
                             'active': not departure})

    @classmethod
    def _wizard(cls, user, **values):
        """A wizard of the user's own: a wizard is readable by its creator only."""
        return as_user(cls.env['hr.exit.trend.wizard'], user).create(dict(cls.wizard_vals, **values))

    def _trends(self, user=None, **values):
        user = user or self.officer
        wizard = self._wizard(user, **values)
        return as_user(self.Trends, user).get_report_values(wizard.ids)['trends'][wizard.id]

    def _html(self, user=None, **values):
        user = user or self.officer
        wizard = self._wizard(user, **values)
        return as_user(self.report, user).render_qweb_html(wizard.ids)[0].decode()

    # -- the wizard -----------------------------------------------------

    def test_period_is_widened_to_whole_months(self):
        start, end = self.wizard.get_period()
        self.assertEqual((str(start), str(end)), ('2021-01-01', '2021-06-30'))
        scope = self._trends()['scope']
        self.assertEqual([label for _period, label in scope['periods']], ['Q1 2021', 'Q2 2021'])
        self.assertEqual((str(scope['previous_start']), str(scope['previous_end'])),
                         ('2020-07-01', '2020-12-31'))

    def test_defaults_trend_readers_can_be_shown(self):
        """HR officers start from the last 12 months by quarter; other trend
        readers from three years by year, periods that reach the threshold."""
        Wizard = self.env['hr.exit.trend.wizard']
        fields_ = ['date_from', 'date_to', 'granularity']
        officer = as_user(Wizard, self.officer).default_get(fields_)
        reader = as_user(Wizard, self.reporter).default_get(fields_)
        self.assertEqual((officer['granularity'], reader['granularity']), ('quarter', 'year'))
        months = [(int(d['date_to'][:4]) - int(d['date_from'][:4])) * 12
                  + int(d['date_to'][5:7]) - int(d['date_from'][5:7]) for d in (officer, reader)]
        self.assertEqual(months, [11, 35])

    def test_dates_in_the_wrong_order_are_refused(self):
        wizard = self._wizard(self.reporter, date_from='2021-06-01', date_to='2021-01-31')
        for method in (wizard.action_print, wizard.action_preview):
            with self.assertRaises(UserError):
                method()
        with self.assertRaises(UserError):
            as_user(self.report, self.reporter).render_qweb_html(wizard.ids)

    def test_print_and_preview_actions(self):
        wizard = self._wizard(self.reporter)
        pdf, html = wizard.action_print(), wizard.action_preview()
        self.assertEqual(pdf['report_name'], 'hr_exit_interview.report_exit_trends')
        self.assertEqual(pdf['report_type'], 'qweb-pdf')
        self.assertEqual(html['report_type'], 'qweb-html')
        self.assertEqual(html['context']['active_ids'], wizard.ids)

    def test_empty_period_says_there_is_no_data(self):
        html = self._html(date_from='2010-01-01', date_to='2010-06-30')
        self.assertIn('o_exit_no_data', html)
        self.assertIn('No data.', html)
        self.assertNotIn('o_exit_headline', html)

    def test_only_report_users(self):
        for user in (self.plain_user, self.interviewer, self.manager_user):
            with self.assertRaises(AccessError, msg=user.login):
                self._html(user=user)
        self.assertIn('o_exit_headline', self._html(user=self.reporter))

    # -- the figures ------------------------------------------------------

    def test_headline(self):
        headline = self._trends()['headline']
        self.assertEqual((headline['exits'], headline['held'], headline['declined']),
                         (20, 16, 2))
        self.assertAlmostEqual(headline['voluntary_share'], 17 / 20.0)
        self.assertAlmostEqual(headline['regretted_share'], 5 / 20.0)
        self.assertAlmostEqual(headline['preventable_share'], 12 / 20.0)
        self.assertAlmostEqual(headline['response_rate'], 16 / 18.0)
        self.assertAlmostEqual(headline['median_days'], 17.0)

    def test_no_jit_compilation_for_the_report_queries(self):
        """PostgreSQL's JIT costs the report's short grouped queries more than
        it saves (a five-year report at 100,000 departures: about 1.5 s with
        it, 1 s without): the render switches it off for its transaction."""
        cr = self.env.cr
        has_jit = cr._cnx.server_version >= 110000
        if has_jit:
            cr.execute('SET LOCAL jit = on')
        # before PostgreSQL 11 there is no JIT, and the report must not ask for it
        self.assertEqual(self._trends()['headline']['exits'], 20)
        if has_jit:
            cr.execute('SHOW jit')
            self.assertEqual(cr.fetchone()[0], 'off')

    def test_ratings_per_area_for_officers_of_the_company_only(self):
        """The ratings per interview and area are figures of single interviews:
        officers of the interview's company read them, nobody else."""
        Area = self.env['hr.exit.interview.area']
        rows = Area.search([])
        self.assertTrue(rows)
        self.assertEqual(as_user(Area, self.officer).search([]), rows)
        self.assertFalse(as_user(Area, self.foreign_officer).search([('id', 'in', rows.ids)]))
        self.assertFalse(as_user(Area, self.foreign_officer).read_group(
            [('id', 'in', rows.ids)], ['rating_sum', 'category_id'], ['category_id']))
        for user in (self.interviewer, self.reporter, self.plain_user):
            with self.assertRaises(AccessError):
                as_user(Area, user).search([])
            with self.assertRaises(AccessError):
                as_user(rows[:1], user).read(['rating_sum'])

    def test_turnover(self):
        turnover = self._trends()['turnover']
        rows = dict((row['name'], row) for row in turnover['rows'])
        a, b, total = rows['Trend A'], rows['Trend B'], turnover['total']
        self.assertEqual([(row['exits'], row['headcount']) for row in (a, b, total)],
                         [(12, 24), (8, 15), (20, 39)])
        self.assertAlmostEqual(a['rate'], 0.5)
        self.assertAlmostEqual(b['rate'], 8 / 15.0)
        self.assertAlmostEqual(total['rate'], 20 / 39.0)
        self.assertAlmostEqual(a['regretted_rate'], 3 / 24.0)
        self.assertAlmostEqual(b['regretted_rate'], 2 / 15.0)
        self.assertAlmostEqual(total['regretted_rate'], 5 / 39.0)
        self.assertEqual([(row['first_year'], row['tenure_known']) for row in (a, b, total)],
                         [(2, 10), (0, 6), (2, 16)])
        self.assertAlmostEqual(total['first_year_share'], 0.125)
        self.assertEqual(turnover['unknown'], 1)
        html = self._html()
        for text in ('51.3 %', '53.3 %', '12.8 %', '2 (12.5 %)', 'no employment start'):
            self.assertIn(text, html)

    def test_turnover_without_employment_history_is_not_available(self):
        """Employees imported at go-live without an employment start: no
        headcount, "n/a", never a rate of thousands of per cent."""
        self.env['hr.employee'].with_context(active_test=False).search([
            ('department_id', 'in', (self.dep_a | self.dep_b).ids)]).write(
            {'employment_start_date': False})
        turnover = self._trends()['turnover']
        self.assertEqual([row['rate'] for row in turnover['rows']], [None, None])
        self.assertIsNone(turnover['total']['rate'])
        self.assertEqual(turnover['unknown'], 41)
        self.assertIn('n/a', self._html().split('o_exit_turnover')[1])
        self.assertFalse([finding for finding in self._trends()['findings']
                          if 'Turnover' in finding])

    def test_reasons_and_significance(self):
        reasons = self._trends()['reasons']
        rows = dict((row['name'], row) for row in reasons['rows'])
        pay, relocation, redundancy = (rows[self.pay.name], rows[self.relocation.name],
                                       rows[self.redundancy.name])
        self.assertEqual((pay['exits'], pay['exits_before']), (12, 4))
        self.assertAlmostEqual(pay['share'], 0.6)
        self.assertAlmostEqual(pay['share_before'], 0.2)
        self.assertEqual((pay['reason_type'], pay['preventable']), ('voluntary', True))
        self.assertEqual(pay['trend'], 'up')
        self.assertAlmostEqual(pay['z'], 2.582, places=3)
        self.assertEqual(relocation['trend'], 'stable')
        self.assertEqual(redundancy['trend'], 'down')
        self.assertEqual(redundancy['reason_type'], 'involuntary')

    def test_changes_control_the_false_discovery_rate(self):
        """Three tests in the fixture (the areas have no previous ratings):
        p = 0.00982 (pay, z 2.582), 0.01812 (redundancy, z -2.363), 0.7233
        (relocation, z -0.354); adjusted: min(0.00982 * 3 / 1, 0.01812 * 3 / 2)
        = 0.02719 for both, 0.7233 * 3 / 3 for relocation."""
        trends = self._trends()
        self.assertEqual(trends['tests'], 3)
        rows = dict((row['name'], row) for row in trends['reasons']['rows'])
        self.assertAlmostEqual(rows[self.pay.name]['p'], 0.00982, places=5)
        self.assertAlmostEqual(rows[self.redundancy.name]['p'], 0.01812, places=5)
        for name, adjusted in ((self.pay.name, 0.02719), (self.redundancy.name, 0.02719),
                               (self.relocation.name, 0.7233)):
            self.assertAlmostEqual(rows[name]['p_adjusted'], adjusted, places=4)
        self.assertIsNone(trends['scores']['areas'][0]['p'])
        html = self._html()
        self.assertIn('Benjamini-Hochberg', html)
        self.assertIn('3 tests in this report', html)

    def test_benjamini_hochberg_by_hand(self):
        """Ten tests, five under 5 % unadjusted; adjusted (p * 10 / rank, then
        the minimum from the largest rank down) only two stay under 5 %."""
        p_values = [0.042, 0.001, 0.216, 0.039, 0.008, 0.06, 0.074, 0.205, 0.212, 0.041]
        adjusted = benjamini_hochberg(p_values)
        expected = [0.084, 0.01, 0.216, 0.084, 0.04, 0.1, 0.074 * 10 / 7, 0.216, 0.216, 0.084]
        for value, hand in zip(adjusted, expected):
            self.assertAlmostEqual(value, hand)
        self.assertEqual([p <= 0.05 for p in adjusted].count(True), 2)
        self.assertEqual(benjamini_hochberg([]), [])

    def test_welch_test_by_hand(self):
        """4 4 5 5 5 against 2 2 3 3 3: means 4.6 and 2.6, variances 0.3,
        t = 2 / sqrt(0.06 + 0.06) = 5.774 with 8 degrees of freedom."""
        t, freedom = welch_t((5, 23, 107), (5, 13, 35))
        self.assertAlmostEqual(t, 5.7735, places=4)
        self.assertAlmostEqual(freedom, 8.0)
        self.assertAlmostEqual(t_p_value(t, freedom), 0.000417, places=5)
        self.assertAlmostEqual(t_p_value(2.0, 10), 0.0734, places=4)
        self.assertIsNone(welch_t((4, 16, 64), (5, 13, 35)))  # too few interviews
        self.assertIsNone(welch_t((5, 20, 80), (5, 10, 20)))  # no spread at all

    def test_two_proportion_test(self):
        self.assertAlmostEqual(two_proportion_z(12, 20, 4, 20), 2.582, places=3)
        self.assertAlmostEqual(two_proportion_z(5, 20, 6, 20), -0.354, places=3)
        # small numbers never make a trend
        self.assertIsNone(two_proportion_z(3, 3, 0, 3))
        self.assertIsNone(two_proportion_z(4, 40, 0, 40))
        self.assertIsNone(two_proportion_z(5, 10, 0, 0))

    def test_scores_per_area_and_chart(self):
        scores = self._trends()['scores']
        leadership, = [area for area in scores['areas'] if area['name'] == 'Leadership']
        self.assertEqual([cell['average'] for cell in leadership['cells']], [4.0, 2.5])
        self.assertEqual([cell['interviews'] for cell in leadership['cells']], [8, 8])
        serie, = scores['chart']['series']
        self.assertEqual(serie['name'], 'Leadership')
        self.assertEqual(len(serie['points']), 2)
        self.assertEqual(len(serie['lines']), 1)

    def test_enps_per_period(self):
        enps = self._trends()['enps']
        self.assertEqual([(row['label'], row['answers'], row['enps']) for row in enps],
                         [('Q1 2021', 8, 25), ('Q2 2021', 8, -50)])

    def test_department_comparison(self):
        rows = dict((row['name'], row) for row in self._trends()['departments']['rows'])
        a, b = rows['Trend A'], rows['Trend B']
        self.assertEqual((a['exits'], b['exits']), (12, 8))
        self.assertAlmostEqual(a['voluntary_share'], 10 / 12.0)
        self.assertAlmostEqual(a['regretted_share'], 3 / 12.0)
        self.assertAlmostEqual(a['preventable_share'], 8 / 12.0)
        self.assertAlmostEqual(a['response_rate'], 10 / 11.0)
        self.assertAlmostEqual(a['score'], 3.2)
        self.assertAlmostEqual(b['score'], 20 / 6.0)
        self.assertEqual((a['enps'], b['enps']), (40, -100))

    def test_every_figure_carries_its_n(self):
        trends = self._trends()
        headline = trends['headline']
        self.assertEqual((headline['exits'], headline['response_n'], headline['held']),
                         (20, 18, 16))
        rows = dict((row['name'], row) for row in trends['departments']['rows'])
        self.assertEqual((rows['Trend A']['response_n'], rows['Trend A']['score_n'],
                          rows['Trend A']['enps_n']), (11, 10, 10))
        self.assertEqual((rows['Trend B']['score_n'], rows['Trend B']['enps_n']), (6, 6))
        html = self._html()
        # the quarters' eNPS rest on 8 answers: shaded as small samples
        self.assertEqual([row['small'] for row in trends['enps']], [True, True])
        self.assertIn('o_exit_small', html)
        self.assertIn('n=8', html)
        self.assertIn('too few to read as a trend', html)

    def test_distributions_per_question(self):
        """Your manager?: 8 x 4 (Q1), 4 x 2 and 4 x 3 (Q2). Recommend us?: 0 0 2
        3 4 5 6 7 7 8 8 9 9 10 10 10."""
        rows = dict((row['name'], row) for row in self._trends()['distributions']['rows'])
        self.assertEqual(sorted(rows), ['Recommend us?', 'The management?', 'Your manager?'])
        manager = rows['Your manager?']
        self.assertEqual(manager['interviews'], 16)
        self.assertEqual([(segment['label'], segment['count']) for segment in
                          manager['segments']], [('1', 0), ('2', 4), ('3', 4), ('4', 8), ('5', 0)])
        self.assertEqual([round(rect['width'], 2) for rect in manager['chart']['rects']],
                         [75.0, 75.0, 150.0])
        recommend = dict((segment['label'], segment['count'])
                         for segment in rows['Recommend us?']['segments'])
        self.assertEqual(recommend, {'0': 2, '1': 0, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1,
                                     '7': 2, '8': 2, '9': 2, '10': 3})
        self.assertIn('o_exit_distributions', self._html())

    def test_distributions_apply_the_threshold(self):
        """Threshold 5: the ratings 2 and 3 (4 each) merge into one segment of 8;
        every score is chosen fewer than 5 times: one merged segment of 16."""
        self.company.exit_anonymity_threshold = 5
        rows = dict((row['name'], row) for row in
                    self._trends(user=self.reporter)['distributions']['rows'])
        manager = rows['Your manager?']
        self.assertEqual([(segment['label'], segment['count']) for segment in
                          manager['segments']],
                         [('1', 0), ('4', 8), ('5', 0), ('Other answers (2)', 8)])
        self.assertEqual([(segment['label'], segment['count']) for segment in
                          rows['Recommend us?']['segments']],
                         [('1', 0), ('Other answers (10)', 16)])
        self.company.write({'exit_anonymity_threshold': 17, 'exit_comment_threshold': 17})
        html = self._html(user=self.reporter, date_from='2021-01-01', date_to='2021-12-31')
        self.assertNotIn('o_exit_distributions', html)  # 20 departures, 16 held

    def test_heatmap(self):
        """Leadership: A 6 interviews at 4 and 4 at 2 = 3.20 (n=10), B 2 at 4
        and 4 at 3 = 3.33 (n=6), all 3.25 (n=16)."""
        heatmap = self._trends()['heatmap']
        self.assertEqual(heatmap['areas'], ['Leadership'])
        cells = dict((row['name'], row['cells'][0]) for row in heatmap['rows'])
        self.assertAlmostEqual(cells['Trend A']['average'], 3.2)
        self.assertAlmostEqual(cells['Trend B']['average'], 20 / 6.0)
        self.assertEqual((cells['Trend A']['interviews'], cells['Trend B']['interviews']),
                         (10, 6))
        total = heatmap['total']['cells'][0]
        self.assertEqual((total['average'], total['interviews']), (3.25, 16))
        self.assertTrue(cells['Trend B']['small'])
        # a little above the middle of the scale (3): a light blue
        self.assertEqual(cells['Trend A']['colour'], '#F5F9FC')
        self.assertIn('background-color: #F5F9FC', self._html())

    def test_heatmap_suppresses_cells_the_total_gives_away(self):
        """Threshold 7: B (6 interviews) is hidden, and A with it, or the total
        of 16 would give B away; both departments have 7 exits or more."""
        self.company.exit_anonymity_threshold = 7
        trends = self._trends(user=self.reporter)
        self.assertEqual(len(trends['departments']['rows']), 2)
        heatmap = trends['heatmap']
        self.assertEqual([row['cells'][0]['average'] for row in heatmap['rows']], [None, None])
        self.assertEqual(heatmap['total']['cells'][0]['average'], 3.25)
        self.assertEqual(heatmap['hidden'], 2)
        html = self._html(user=self.reporter).split('o_exit_heatmap')[1].split('</table>')[0]
        self.assertNotIn('3.20', html)
        self.assertNotIn('3.33', html)
        self.assertIn('3.25', html)

    def test_key_findings(self):
        findings = self._trends()['findings']
        self.assertEqual(findings, [
            'The most frequent reason for leaving is %s: 12 of 20 departures (60.0 %%).'
            % self.pay.name,
            'The share of %s rose from 20.0 %% to 60.0 %% of departures, a significant change.'
            % self.pay.name,
            'The lowest-scoring area is Leadership: 3.25 of 5 (16 interviews).',
            'Turnover is above the average of 51.3 % in Trend B (53.3 %).',
        ])
        html = self._html()
        self.assertIn('Key findings', html)
        self.assertLess(html.index('Key findings'), html.index('Headline'))

    def test_key_findings_in_norwegian(self):
        self.env['res.lang'].load_lang('nb_NO')
        self.env['ir.module.module'].search(
            [('name', '=', 'hr_exit_interview')])._update_translations('nb_NO')
        self.officer.lang = 'nb_NO'
        findings = as_user(self.Trends.with_context(lang='nb_NO'), self.officer)\
            .get_report_values(self._wizard(self.officer).ids)
        trend = list(findings['trends'].values())[0]
        self.assertTrue(trend['findings'][0].startswith('Den vanligste årsaken til å slutte'))
        self.assertIn('60,0 %', trend['findings'][0])
        self.assertIn('3,25', trend['findings'][2])
        self.assertIn('53,3 %', trend['findings'][3])
        self.assertEqual(findings['pct'](0.516), '51,6 %')

    def test_turnover_finding_names_the_three_highest(self):
        turnover = {'total': {'rate': 0.1}, 'rows': [
            {'name': 'D%d' % n, 'rate': 0.1 + n / 100.0, 'exits': 10} for n in range(6)]}
        self.assertEqual(
            self.Trends._finding_turnover({'threshold': 5}, turnover),
            'Turnover is above the average of 10.0 % in 5 departments, the highest in '
            'D5 (15.0 %), D4 (14.0 %), D3 (13.0 %).')
        # a department of fewer exits than the threshold is never named
        turnover['rows'][5]['exits'] = 4
        self.assertNotIn('D5', self.Trends._finding_turnover({'threshold': 5}, turnover))

    def test_findings_never_from_a_suppressed_group(self):
        """Threshold 9: every department and reason is merged, no quarter
        reaches 9 interviews: no sentence names a department or a reason."""
        self.company.exit_anonymity_threshold = 9
        findings = self._trends(user=self.reporter)['findings']
        text = ' '.join(findings)
        for name in ('Trend A', 'Trend B', self.pay.name, self.relocation.name):
            self.assertNotIn(name, text)

    def test_sections_are_numbered_in_order(self):
        """Sections are numbered 1, 2, 3... in the order of SECTIONS, whichever
        are printed (sections of other parts of the addon included); the
        comments are one of them, before the actions."""
        html = self._html()
        headings = re.findall(r'<h3>\s*(\d+)\. ([^<]+)</h3>', html)
        self.assertEqual([int(number) for number, _title in headings],
                         list(range(1, len(headings) + 1)))
        titles = [title.strip() for _number, title in headings]
        mine = ['Key findings', 'Headline', 'Turnover per department', 'Why they leave',
                'Average score per area', 'How they answered', 'Scores by department and area',
                'Would they recommend us? (eNPS)', 'Departments compared', 'Comments',
                'Improvement actions']
        self.assertEqual([title for title in titles if title in mine], mine)
        self.assertEqual(titles[-2:], ['Comments', 'Improvement actions'])
        self.assertIn('Confidential - contains verbatim comments', html)
        reporter = self._html(user=self.reporter)
        reporter_titles = [title.strip() for _number, title in
                           re.findall(r'<h3>\s*(\d+)\. ([^<]+)</h3>', reporter)]
        self.assertNotIn('Comments', reporter_titles)
        self.assertEqual(reporter_titles[-1], 'Improvement actions')
        self.assertNotIn('verbatim', reporter)
        self.assertIn('Confidential', reporter)

    def test_comparison_hidden_when_the_previous_period_is_empty(self):
        html = self._html(date_from='2020-07-01', date_to='2020-12-31')  # before: nothing
        self.assertNotIn('o_exit_previous', html)
        self.assertNotIn('o_exit_change', html)
        self.assertIn('o_exit_no_compare', html)
        self.assertNotIn('Too few to compare', html)

    def test_no_chart_without_a_figure_to_draw(self):
        """Threshold 9 for officers too: no quarter has 9 rated interviews,
        the chart of the scores is not drawn (not an empty one)."""
        self.company.exit_anonymity_threshold = 9
        scores = self._trends()['scores']
        self.assertFalse(scores['chart'])
        self.assertEqual([cell['average'] for cell in scores['areas'][0]['cells']], [4.0, 2.5])
        html = self._html()
        self.assertNotIn('<svg class="o_exit_chart"', html)
        self.assertIn('o_exit_no_chart', html)

    def test_actions_open_and_overdue(self):
        Action = self.env['hr.exit.action']
        Action.create({'name': 'Late one', 'date_deadline': '2020-01-01'})
        Action.create({'name': 'Future one', 'date_deadline': '2099-01-01',
                       'department_id': self.dep_a.id})
        Action.create({'name': 'Other department', 'department_id': self.dep_sales.id})
        Action.create({'name': 'Finished', 'state': 'done'})
        actions = self._trends(user=self.reporter)['actions']
        self.assertEqual([row['name'] for row in actions['rows']], ['Late one', 'Future one'])
        self.assertEqual(actions['overdue'], 1)
        html = self._html(user=self.reporter)
        self.assertIn('Late one', html)
        self.assertIn('(overdue)', html)
        self.assertNotIn('Finished', html)

    def test_html_shows_the_figures(self):
        html = self._html()
        for text in ('<td class="text-right o_exit_exits">20</td>',
                     '<td class="text-right o_exit_voluntary">85.0 %</td>',
                     '<td class="text-right o_exit_regretted">25.0 %</td>',
                     '<td class="text-right o_exit_response">88.9 %</td>',
                     '<td class="text-right o_exit_median">17.0</td>',
                     '60.0 %', '20.0 %', '50.0 %', '51.3 %', 'Q1 2021', '4.00', '2.50',
                     '+25', '-50', '+40', '-100', 'Rising', 'Falling', 'No significant change'):
            self.assertTrue(text in html, text)
        self.assertIn('<svg class="o_exit_chart"', html)
        self.assertIn('<polyline', html)
        # comments: officers, escaped, the latest five of an area with ten
        self.assertIn('&lt;b&gt;Loud&lt;/b&gt; &amp; clear', html)
        self.assertIn('Comment 9', html)
        self.assertNotIn('Comment 1<', html)

    # wkhtmltopdf fetches the stylesheets from an Odoo server. While the
    # addon installs, the server of Odoo's own runner waits for the registry
    # this test would hold: render once the registry is complete, and ask
    # this process's own server, whatever answers on web.base.url.
    @at_install(False)
    @post_install(True)
    def test_pdf(self):
        # The setup installs wkhtmltopdf: its absence is a failure, not a skip.
        self.assertIn(self.env['ir.actions.report'].get_wkhtmltopdf_state(), ('ok', 'upgrade'))
        self.env['ir.config_parameter'].sudo().set_param(
            'report.url', 'http://127.0.0.1:%d' % ensure_http_server())
        # This Odoo 11 returns HTML while tests run, unless a report
        # directory is set (later 11.0 versions read force_report_rendering).
        options = dict(config.options, test_report_directory=config.get('data_dir'))
        with odoo.tools.misc.mute_logger('odoo.addons.base.ir.ir_actions_report'):
            previous = config.options
            config.options = options
            try:
                pdf, kind = as_user(self.report.with_context(force_report_rendering=True),
                                    self.reporter).render_qweb_pdf(self._wizard(self.reporter).ids)
            finally:
                config.options = previous
        self.assertEqual(kind, 'pdf')
        self.assertTrue(pdf.startswith(b'%PDF'))

    # -- the threshold ----------------------------------------------------

    def test_reporter_sees_no_comment(self):
        html = self._html(user=self.reporter)
        self.assertNotIn('Comment 9', html)
        self.assertNotIn('Loud', html)
        self.assertEqual(self._trends(user=self.reporter)['comments'], [])

    def test_comments_need_enough_interviews(self):
        self.company.exit_comment_threshold = 11
        self.assertEqual(self._trends()['comments'], [])

    def test_reporter_with_threshold_four(self):
        self.company.exit_anonymity_threshold = 4
        trends = self._trends(user=self.reporter)
        rows = dict((row['name'], row) for row in trends['reasons']['rows'])
        self.assertEqual(sorted(rows), sorted([self.pay.name, 'Other reasons (2)']))
        other = rows['Other reasons (2)']
        self.assertEqual((other['exits'], other['exits_before']), (8, 16))
        self.assertEqual(other['trend'], 'down')
        self.assertEqual(trends['reasons']['hidden'], 2)
        self.assertEqual([row['enps'] for row in trends['enps']], [25, -50])
        self.assertIn('Other reasons (2)', self._html(user=self.reporter))

    def test_reporter_with_threshold_nine(self):
        self.company.exit_anonymity_threshold = 9
        trends = self._trends(user=self.reporter)
        self.assertEqual([(row['name'], row['exits']) for row in trends['departments']['rows']],
                         [('Other departments (2)', 20)])
        self.assertEqual([row['name'] for row in trends['turnover']['rows']],
                         ['Other departments (2)'])
        self.assertEqual([row['enps'] for row in trends['enps']], [None, None])
        leadership, = trends['scores']['areas']
        self.assertEqual([cell['average'] for cell in leadership['cells']], [None, None])
        self.assertEqual([row['name'] for row in trends['reasons']['rows']],
                         ['Other reasons (3)'])
        html = self._html(user=self.reporter)
        self.assertNotIn('Trend A', html.split('o_exit_turnover')[1])
        self.assertIn('are not shown on their own', html)
        # one merged row of every reason is no table: a sentence says why
        self.assertIn('o_exit_reasons_all_hidden', html)
        self.assertNotIn('Other reasons (3)', html)
        # the officer still sees everything
        officer = self._trends()
        self.assertEqual(len(officer['departments']['rows']), 2)
        self.assertEqual([row['enps'] for row in officer['enps']], [25, -50])

    def test_too_few_departures_hides_everything(self):
        self.company.write({'exit_anonymity_threshold': 21, 'exit_comment_threshold': 21})
        html = self._html(user=self.reporter)
        self.assertIn('o_exit_hidden_all', html)
        self.assertNotIn('o_exit_headline', html)
        self.assertIn('o_exit_headline', self._html())

    def _area_rows(self):
        """(interview, area, ratings, sum) of hr.exit.interview.area, and the
        same figures computed from the answers."""
        self.env.cr.execute('SELECT interview_id, category_id, rating_count, rating_sum '
                            'FROM hr_exit_interview_area ORDER BY 1, 2')
        stored = self.env.cr.fetchall()
        self.env.cr.execute("""SELECT interview_id, category_id, COUNT(*), SUM(rating)
                                 FROM hr_exit_answer
                                WHERE question_type = 'rating' AND rating IS NOT NULL
                                GROUP BY 1, 2 ORDER BY 1, 2""")
        return stored, self.env.cr.fetchall()

    def test_ratings_per_area_follow_the_answers(self):
        """The score per area reads the ratings per interview and area: they
        say what the answers say after an answer is given, changed, emptied
        or deleted, and the report's figures move with them."""
        stored, answers = self._area_rows()
        self.assertEqual(stored, answers)
        self.assertTrue(stored)
        interview = self._create_departure(self.dep_a, '2021-05-20', state='draft',
                                           ratings=(4, 2))
        rated = interview.answer_ids.filtered(lambda answer: answer.rating)
        self.assertEqual(len(rated), 2)
        rows = [row for row in self._area_rows()[0] if row[0] == interview.id]
        self.assertEqual([row[2:] for row in rows], [(2, 6)])
        rated[0].write({'rating': 1})
        rated[1].write({'rating': False})
        stored, answers = self._area_rows()
        self.assertEqual(stored, answers)
        self.assertIn((interview.id, rated[0].category_id.id, 1, 1), stored)
        rated[0].unlink()
        stored, answers = self._area_rows()
        self.assertEqual(stored, answers)
        self.assertFalse([row for row in stored if row[0] == interview.id])
        # held: its ratings count in the report's second quarter (3 interviews of 8 before)
        self._answer(interview, rated[1].question_id, rating=5)
        interview.write({'state': 'done'})
        leadership, = self._trends()['scores']['areas']
        self.assertEqual(leadership['cells'][1]['interviews'], 9)
        self.assertEqual(*self._area_rows())

    def test_queries_do_not_grow_with_interviews(self):
        def count_queries():
            self.env.cache.invalidate()
            before = self.env.cr.sql_log_count
            self._html(user=self.reporter)
            return self.env.cr.sql_log_count - before
        for _warm_up in range(3):  # templates compiled, assets bundled, caches filled
            first = count_queries()
        for day in range(1, 11):
            self._create_departure(self.dep_a, '2021-04-%02d' % day, ratings=(1, 1),
                                   recommend=3, primary_reason_id=self.pay.id)
        # the first print of the new figures stores their sets (complement
        # rule) and the next reads them back, as the first prints of the old
        # ones did during the warm-up
        for _print in range(2):
            count_queries()
        self.assertEqual(count_queries(), first)

    def test_refused_consent_leaves_the_answers_out(self):
        """A leaver who refused the anonymous use of their answers still
        counts as a departure, held; their ratings, recommendation and
        comment count nowhere."""
        answer = self.env['hr.exit.answer'].search([('text', '=', '<b>Loud</b> & clear')])
        interview = answer.interview_id   # the latest comment, in Q2
        interview.consent = 'refused'
        self.company.exit_comment_threshold = 9  # the nine comments left are shown
        trends = self._trends()
        leadership, = [area for area in trends['scores']['areas'] if area['name'] == 'Leadership']
        self.assertEqual([cell['interviews'] for cell in leadership['cells']], [8, 7])
        self.assertEqual([row['answers'] for row in trends['enps']], [8, 7])
        texts = [text for area in trends['comments'] for text in area['texts']]
        self.assertNotIn('<b>Loud</b> & clear', texts)
        self.assertIn('Comment 5', texts)  # the next one moves up
        rows = dict((row['name'], row) for row in trends['departments']['rows'])
        self.assertEqual(rows['Trend A']['exits'] + rows['Trend B']['exits'], 20)
        # the analysis views: the departure without its scores, none of its answers
        report = self.env['hr.exit.interview.report'].browse(interview.id)
        self.assertEqual(report.state, 'held')
        self.assertFalse(report.overall_score)
        self.assertFalse(report.recommend_answered)
        Answers = self.env['hr.exit.answer.report']
        self.assertFalse(Answers.search_count([('id', 'in', interview.answer_ids.ids)]))
        other = answer.search([('text', '=', 'Comment 5')]).interview_id
        self.assertTrue(Answers.search_count([('id', 'in', other.answer_ids.ids)]))
