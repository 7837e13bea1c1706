"""Exit vs stay: the comparison of the trend report against figures
computed by hand.

Department A, first half of 2021, leadership (two 1-5 ratings per interview,
given equal, so an interview's mean is that rating):

    leavers  2 3 3 4    n = 4, mean 3.00, sample variance 2/3
    stayers  4 4 5 5 5  n = 5, mean 4.60, sample variance 0.30

    difference 3.00 - 4.60 = -1.60
    standard error sqrt(0.6667 / 4 + 0.30 / 5) = sqrt(0.22667) = 0.47610
    Welch-Satterthwaite df = 0.22667^2 / (0.16667^2 / 3 + 0.06^2 / 4) = 5.0572
    t(0.975; 5.0572) = 2.5618 (between 2.5706 at 5 and 2.4469 at 6)
    95 % interval -1.60 -/+ 2.5618 * 0.47610 = -2.8197 to -0.3803

Department B: two leavers (1, 1) and one stayer (5), under any threshold.
"""
from ..reports.welch import student_t_quantile, welch_interval
from .common import StayInterviewCase, as_user, captured_queries, compile_report_assets


class TestStayComparison(StayInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestStayComparison, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        Department = cls.env['hr.department']
        cls.dep_a = Department.create({'name': 'Stay A', 'company_id': cls.company.id})
        cls.dep_b = Department.create({'name': 'Stay B', 'company_id': cls.company.id})
        for day, rating in enumerate((2, 3, 3, 4)):
            cls._create_departure(cls.dep_a, '2021-03-%02d' % (day + 1), ratings=(rating, rating))
        for rating in (4, 4, 5, 5, 5):
            cls._create_stay(cls.dep_a, '2021-04-01', ratings=(rating, rating))
        for day in range(2):
            cls._create_departure(cls.dep_b, '2021-05-%02d' % (day + 1), ratings=(1, 1))
        cls._create_stay(cls.dep_b, '2021-04-01', ratings=(5, 5))
        # a stay interview not held yet and one of another period count for nothing
        cls._create_stay(cls.dep_a, '2020-04-01', ratings=(1, 1))
        pending = cls._create_stay(cls.dep_a, '2021-04-01', ratings=(1, 1))
        cls.env.cr.execute("UPDATE hr_exit_interview SET state = 'draft' WHERE id = %s",
                           (pending.id,))
        cls.company.exit_anonymity_threshold = 4
        cls.wizard_vals = {'date_from': '2021-01-01', 'date_to': '2021-06-30',
                           'granularity': 'quarter',
                           'department_ids': [(6, 0, cls.dep_a.ids)]}
        cls.report = cls.env.ref('hr_exit_interview.action_report_exit_trends')
        cls.Trends = cls.env['report.hr_exit_interview.report_exit_trends']
        compile_report_assets(cls.report, cls._wizard(cls.officer), cls.officer)

    @classmethod
    def _wizard(cls, user, **values):
        return as_user(cls.env['hr.exit.trend.wizard'], user).create(
            dict(cls.wizard_vals, **values))

    def _stay(self, user=None, **values):
        user = user or self.officer
        wizard = self._wizard(user, **values)
        return as_user(self.Trends, user).get_report_values(
            wizard.ids)['trends'][wizard.id]['stay']

    def _leadership(self, comparison):
        return [row for row in comparison['areas'] if row['name'] == 'Leadership']

    def test_t_quantiles_match_the_tables(self):
        for df, t in ((1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423)):
            self.assertAlmostEqual(student_t_quantile(0.975, df), t, places=4)
        interval = welch_interval(3.0, 2 / 3.0, 4, 4.6, 0.3, 5)
        self.assertAlmostEqual(interval['df'], 5.0572, places=4)
        self.assertAlmostEqual(interval['se'], 0.47610, places=5)

    def test_area_figures_against_the_hand_computed_ones(self):
        for user in (self.officer, self.reporter):
            row, = self._leadership(self._stay(user))
            self.assertEqual((row['exit_n'], row['stay_n']), (4, 5))
            self.assertAlmostEqual(row['exit_mean'], 3.0)
            self.assertAlmostEqual(row['stay_mean'], 4.6)
            self.assertAlmostEqual(row['diff'], -1.6)
            self.assertAlmostEqual(row['low'], -2.8197, places=4)
            self.assertAlmostEqual(row['high'], -0.3803, places=4)
            self.assertTrue(row['significant'])

    def test_per_question_and_per_department(self):
        comparison = self._stay()
        questions = dict((row['name'], row) for row in comparison['questions'])
        self.assertAlmostEqual(questions['Your manager?']['diff'], -1.6)
        self.assertAlmostEqual(questions['The management?']['low'], -2.8197, places=4)
        department, = comparison['departments']
        self.assertEqual(department['name'], 'Stay A')
        self.assertAlmostEqual(department['diff'], -1.6)

    def test_groups_under_the_threshold_are_hidden(self):
        both = {'department_ids': [(6, 0, (self.dep_a | self.dep_b).ids)]}
        # department B (2 leavers, 1 stayer) is hidden, and so is A: its
        # figures and the whole's would give B's. The stayers still work for
        # their managers: the threshold holds for HR officers too.
        for user in (self.reporter, self.officer):
            comparison = self._stay(user, **both)
            self.assertEqual(comparison['departments'], [])
            self.assertGreaterEqual(comparison['hidden'], 2)
        # a threshold above the 5 stayers hides the area itself
        self.company.exit_anonymity_threshold = 6
        for user in (self.reporter, self.officer):
            comparison = self._stay(user)
            self.assertEqual(self._leadership(comparison), [])
            self.assertTrue(comparison['hidden'])

    def test_the_section_in_the_report(self):
        html = as_user(self.report, self.reporter).render_qweb_html(
            self._wizard(self.reporter).ids)[0].decode()
        self.assertIn('Where leavers differ from those who stay', html)
        self.assertIn('-2.82 to -0.38', html)
        self.assertIn('Leadership', html)

    def test_the_analysis_has_a_population(self):
        domain = [('department_id', '=', self.dep_a.id), ('question_type', '=', 'rating'),
                  ('state', '=', 'held'), ('departure_month', '>=', '2021-01-01')]
        groups = as_user(self.env['hr.exit.answer.report'], self.officer).read_group(
            domain, ['rating', 'population'], ['population'])
        means = dict((group['population'], round(group['rating'], 2)) for group in groups)
        self.assertEqual(means, {'exit': 3.0, 'stay': 4.6})
        # a trend reader gets them under the rules of the analysis: without
        # the period, the stay interview of 2020 would be the only difference,
        # so the stayers of the period are hidden from them
        groups = as_user(self.env['hr.exit.answer.report'], self.reporter).read_group(
            domain, ['rating', 'population'], ['population'])
        self.assertNotIn('stay', [group['population'] for group in groups])

    def test_the_section_follows_the_complement_rule(self):
        self._stay(self.reporter)
        # the same areas over both departments: department B's 2 leavers and
        # 1 stayer are all that differ from what the reader has just seen
        both = {'department_ids': [(6, 0, (self.dep_a | self.dep_b).ids)]}
        self.assertEqual(self._leadership(self._stay(self.reporter, **both)), [])
        self.assertEqual(len(self._leadership(self._stay(self.officer, **both))), 1)

    def test_the_section_in_norwegian(self):
        self.env['res.lang'].load_lang('nb_NO')
        self.env['ir.module.module'].search(
            [('name', '=', 'hr_exit_interview')])._update_translations('nb_NO')
        self.officer.lang = 'nb_NO'
        wizard = self._wizard(self.officer)
        html = as_user(self.report.with_context(lang='nb_NO'), self.officer).render_qweb_html(
            wizard.ids)[0].decode()
        self.assertIn('Der de som slutter skiller seg fra dem som blir', html)
        self.assertIn('95 % intervall', html)
        self.assertNotIn('Where leavers differ', html)

    def test_no_stayer_no_leaver_answers_read(self):
        """Department B from May on: two leavers, no stay interview. The
        section is left out, and the leavers' answers are not aggregated
        for nothing."""
        with captured_queries(self.env.cr) as queries:
            stay = self._stay(date_from='2021-05-01', department_ids=[(6, 0, self.dep_b.ids)])
        self.assertIsNone(stay)
        self.assertFalse([query for query in queries if 'per_interview' in query])
        self.assertIsNotNone(self._stay(department_ids=[(6, 0, self.dep_b.ids)]))
