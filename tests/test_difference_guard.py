"""The complement rule: figures that differ by fewer than N interviews from a
result the same reader was shown, or that a filter condition changes by
fewer than N, are hidden; ordinary use stays useful; the sets shown are kept
where nobody can read them, within the window."""
import random

from odoo.exceptions import AccessError, ValidationError

from ..reports.difference_guard import LazySet, head_difference, union
from ..reports.hr_exit_shown_set import digest_of
from .common import ExitInterviewCase, as_user, captured_queries, compile_report_assets

TOO_CLOSE = 'Hidden: too close to a result you have already seen'


class DifferenceCase(ExitInterviewCase):
    """Department Y: 9 departures from January to May 2022 (job A) and the
    one person, who left in June with job Y, rated everything 1 and would
    not recommend us (0); 6 more departures from September on. Department
    X: 12 departures from January to May 2022, in two teams of 6 (child
    departments). Department Z:
    one departure. Threshold N = 5."""

    @classmethod
    def setUpClass(cls):
        super(DifferenceCase, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        Department = cls.env['hr.department']
        cls.dep_y = Department.create({'name': 'Complement Y', 'company_id': cls.company.id})
        cls.dep_x = Department.create({'name': 'Complement X', 'company_id': cls.company.id})
        cls.team_1, cls.team_2 = [Department.create({
            'name': 'Complement X team %d' % number, 'parent_id': cls.dep_x.id,
            'company_id': cls.company.id}) for number in (1, 2)]
        cls.dep_z = Department.create({'name': 'Complement Z', 'company_id': cls.company.id})
        cls.job_a = cls.env['hr.job'].create({'name': 'Complement job A'})
        cls.job_y = cls.env['hr.job'].create({'name': 'Complement job Y'})
        for month in (1, 1, 2, 2, 3, 3, 4, 5, 5):
            cls._create_departure(cls.dep_y, '2022-%02d-10' % month, ratings=(4, 4),
                                  recommend=8, job_id=cls.job_a.id,
                                  departure_type='dismissal')
        cls.person = cls._create_departure(cls.dep_y, '2022-06-10', ratings=(1, 1), recommend=0,
                                           job_id=cls.job_y.id, departure_type='resignation',
                                           regretted=True)
        for month in (9, 9, 10, 11, 12, 12):
            cls._create_departure(cls.dep_y, '2022-%02d-10' % month, ratings=(4, 4),
                                  recommend=8, job_id=cls.job_a.id)
        for team in (cls.team_1, cls.team_2):
            for month in (1, 2, 3, 4, 5, 5):
                cls._create_departure(team, '2022-%02d-15' % month, ratings=(3, 3),
                                      recommend=7, job_id=cls.job_a.id)
        cls._create_departure(cls.dep_z, '2022-03-15', ratings=(2, 2), recommend=3,
                              departure_type='resignation', regretted=True)
        cls.Report = cls.env['hr.exit.interview.report']
        cls.AnswerReport = cls.env['hr.exit.answer.report']
        # the leaver's manager, a reader of the trend reports
        cls.leaver_manager = cls._create_user('complementmgr', [cls.group_report])

    @staticmethod
    def _months(first, last):
        return [('departure_month', '>=', '2022-%02d-01' % first),
                ('departure_month', '<=', '2022-%02d-01' % last)]

    def _total(self, user, domain, model=None, fields=('overall_score', 'recommend_score')):
        """The ungrouped figures of ``domain`` as ``user`` sees them."""
        model = as_user(self.Report if model is None else model, user)
        group, = model.read_group(domain, list(fields), [])
        return group

    def _stored(self, user):
        self.env.cr.execute('SELECT COUNT(*) FROM hr_exit_shown_set WHERE user_id = %s',
                            [user.id])
        return self.env.cr.fetchone()[0]


class TestComplementAttacks(DifferenceCase):
    """Each attack of issue #14, as a trend reader: the second figure,
    which would give the one person away by subtraction, is hidden."""

    def test_filter_leaving_out_one_job(self):
        held = [('department_id', '=', self.dep_y.id), ('state', '=', 'held')]
        whole = self._total(self.reporter, held)
        self.assertEqual(whole['__count'], 16)
        for variant in ([('job_id', '!=', self.job_y.id)],
                        [('job_id', 'not in', [self.job_y.id])],
                        ['!', ('job_id', '=', self.job_y.id)]):
            without = self._total(self.reporter, held + variant)
            self.assertEqual(without['__count'], 0, variant)
            self.assertFalse(without['overall_score'])
            self.assertFalse(without['recommend_score'])
        # the officer still sees both
        self.assertEqual(self._total(self.officer, held + [
            ('job_id', '!=', self.job_y.id)])['__count'], 15)

    def test_filter_refused_even_when_read_first(self):
        # no history yet: the filter alone removes one person from its group
        grouped = as_user(self.Report, self.reporter).read_group(
            [('department_id', '=', self.dep_y.id), ('job_id', '!=', self.job_y.id)],
            ['overall_score', 'department_id'], ['department_id'])
        self.assertFalse([group for group in grouped
                          if group['department_id'] and group['department_id'][0]
                          == self.dep_y.id])
        for group in grouped:
            self.assertNotEqual(group.get('department_id_count'), 15)

    def test_date_ranges_one_month_apart(self):
        domain = [('department_id', '=', self.dep_y.id)]
        first = self._total(self.reporter, domain + self._months(1, 6))
        self.assertEqual(first['__count'], 10)
        second = self._total(self.reporter, domain + self._months(1, 5))
        self.assertEqual(second['__count'], 0)
        self.assertFalse(second['overall_score'])
        # in the other order too, for another reader
        self.assertEqual(self._total(self.leaver_manager, domain + self._months(1, 5))[
            '__count'], 9)
        self.assertEqual(self._total(self.leaver_manager, domain + self._months(1, 6))[
            '__count'], 0)

    def test_two_departments_against_one(self):
        one = [('department_id', 'child_of', self.dep_x.id)]
        two = [('department_id', 'child_of', [self.dep_x.id, self.dep_z.id])]
        self.assertEqual(self._total(self.leaver_manager, one)['__count'], 12)
        self.assertEqual(self._total(self.leaver_manager, two)['__count'], 0)

    def test_graph_and_pivot_say_why(self):
        domain = [('department_id', '=', self.dep_y.id)]
        self._total(self.reporter, domain + self._months(1, 6))
        for lazy in (True, False):
            groups = as_user(self.Report, self.reporter).read_group(
                domain + self._months(1, 5), ['recommend_score', 'department_id'],
                ['department_id'], lazy=lazy, orderby='department_id desc')
            self.assertFalse([group for group in groups
                              if group['department_id'] and group['department_id'][0]
                              == self.dep_y.id])
            # the hidden group alone would be the same figures: no merged row either
            self.assertFalse(groups, lazy)

    def test_merged_row_says_too_close(self):
        both = [('department_id', 'in', [self.dep_y.id, self.team_1.id, self.team_2.id])]
        self._total(self.reporter, [('department_id', '=', self.dep_y.id)] + self._months(1, 6))
        groups = as_user(self.Report, self.reporter).read_group(
            both + self._months(1, 5), ['overall_score', 'department_id'], ['department_id'])
        labels = dict((group['department_id'][1], group['department_id_count'])
                      for group in groups)
        self.assertNotIn('Complement Y', labels)
        # Y (9) is too close; Y alone merged would be Y: a team joins it
        self.assertEqual(len(labels), 2, labels)
        merged = [label for label in labels if label.startswith('Hidden')]
        self.assertEqual(merged, [TOO_CLOSE])
        self.assertEqual(labels[TOO_CLOSE], 9 + 6)

    def test_ratings_per_area(self):
        domain = [('department_id', '=', self.dep_y.id)]
        Answers = as_user(self.AnswerReport, self.reporter)
        first = Answers.read_group(domain + self._months(1, 6), ['rating', 'category_id'],
                                   ['category_id'])
        self.assertTrue([group for group in first if group['category_id_count']])
        second = Answers.read_group(domain + self._months(1, 5), ['rating', 'category_id'],
                                    ['category_id'])
        self.assertFalse(second)
        total = self._total(self.reporter, domain + self._months(1, 5),
                            model=self.AnswerReport, fields=['rating', 'score'])
        self.assertFalse(total['rating'])
        # by area for one job less: refused at once
        self.assertFalse(Answers.read_group(
            domain + [('job_id', '!=', self.job_y.id)], ['rating', 'category_id'],
            ['category_id'], lazy=False))

    def test_pivot_cells_not_lazy(self):
        domain = [('department_id', '=', self.dep_y.id)]
        self._total(self.reporter, domain + self._months(1, 6))
        cells = as_user(self.Report, self.reporter).read_group(
            domain + self._months(1, 5), ['overall_score', 'department_id', 'voluntary'],
            ['department_id', 'voluntary'], lazy=False)
        self.assertFalse(cells)

    def test_officer_and_superuser_unaffected(self):
        domain = [('department_id', '=', self.dep_y.id)]
        for user in (self.officer, self.env.user):
            self.assertEqual(self._total(user, domain + self._months(1, 6))['__count'], 10)
            self.assertEqual(self._total(user, domain + self._months(1, 5))['__count'], 9)
            self.assertEqual(self._stored(user), 0)


class TestComplementUsefulness(DifferenceCase):
    """Ordinary use: nothing is hidden that no subtraction could reveal."""

    def test_department_and_its_two_teams(self):
        self.assertEqual(self._total(self.reporter, [
            ('department_id', 'child_of', self.dep_x.id)])['__count'], 12)
        for team in (self.team_1, self.team_2):
            self.assertEqual(self._total(self.reporter, [
                ('department_id', '=', team.id)])['__count'], 6)
        groups = as_user(self.Report, self.reporter).read_group(
            [('department_id', 'child_of', self.dep_x.id)], ['overall_score', 'department_id'],
            ['department_id'])
        self.assertEqual(sorted((group['department_id'][1], group['department_id_count'])
                                for group in groups),
                         [('Complement X / Complement X team 1', 6),
                          ('Complement X / Complement X team 2', 6)])

    def test_same_result_twice(self):
        domain = [('department_id', '=', self.dep_y.id)] + self._months(1, 6)
        for _time in range(2):
            self.assertEqual(self._total(self.reporter, domain)['__count'], 10)
            groups = as_user(self.Report, self.reporter).read_group(
                domain, ['overall_score', 'voluntary'], ['voluntary'])
            self.assertEqual(sorted(group['voluntary_count'] for group in groups), [10])
        self.assertEqual(self._stored(self.reporter), 1)

    def test_large_differences_are_shown(self):
        domain = [('department_id', '=', self.dep_y.id)]
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 6))['__count'], 10)
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 12))['__count'], 16)
        self.assertEqual(self._total(self.reporter, domain + self._months(7, 12))['__count'], 6)
        # January to March (6) differs from January to June (10) by 4: hidden
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 3))['__count'], 0)


class TestComplementWindow(DifferenceCase):
    """What is remembered, for how long, and who may read it."""

    def test_window_in_days(self):
        domain = [('department_id', '=', self.dep_y.id)]
        self._total(self.reporter, domain + self._months(1, 6))
        self.assertEqual(self._stored(self.reporter), 1)
        self.env.cr.execute("UPDATE hr_exit_shown_set SET shown_at = shown_at - interval "
                            "'31 days' WHERE user_id = %s", [self.reporter.id])
        # outside the 30 days: forgotten, the figure is shown
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 5))['__count'], 9)
        # and the write pruned the old set
        self.env.cr.execute('SELECT size FROM hr_exit_shown_set WHERE user_id = %s',
                            [self.reporter.id])
        self.assertEqual(self.env.cr.fetchall(), [(9,)])

    def test_history_kept_in_the_process_follows_the_table(self):
        """The index of the reader's history kept by the server process is
        rebuilt as soon as the stored sets change, even when only the times
        they were shown do."""
        domain = [('department_id', '=', self.dep_y.id)]
        for _time in range(2):  # stored, then read back and kept
            self.assertEqual(self._total(self.reporter, domain + self._months(1, 6))['__count'],
                             10)
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 5))['__count'], 0)
        self.env.cr.execute("UPDATE hr_exit_shown_set SET shown_at = shown_at - interval "
                            "'31 days' WHERE user_id = %s", [self.reporter.id])
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 5))['__count'], 9)

    def test_window_in_results(self):
        self.company.exit_difference_sets = 2
        domain = [('department_id', '=', self.dep_y.id)]
        self._total(self.reporter, domain + self._months(1, 6))
        self._total(self.reporter, domain + self._months(1, 12))
        self._total(self.reporter, [('department_id', 'child_of', self.dep_x.id)])
        self.assertEqual(self._stored(self.reporter), 2)
        # the first result is forgotten: the last two are still protected
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 5))['__count'], 9)
        self.assertEqual(self._total(self.reporter, domain + self._months(1, 11))['__count'], 0)

    def test_cron_prunes_every_user(self):
        domain = [('department_id', '=', self.dep_y.id)] + self._months(1, 6)
        for user in (self.reporter, self.leaver_manager):
            self._total(user, domain)
        self.env.cr.execute("UPDATE hr_exit_shown_set SET shown_at = shown_at - interval "
                            "'40 days' WHERE user_id = %s", [self.reporter.id])
        self.env['hr.exit.shown.set']._cron_prune()
        self.assertEqual(self._stored(self.reporter), 0)
        self.assertEqual(self._stored(self.leaver_manager), 1)

    def test_window_settings_are_checked(self):
        for field in ('exit_difference_days', 'exit_difference_sets'):
            with self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.company.write({field: 0})

    def test_nobody_reads_the_table(self):
        self._total(self.reporter, [('department_id', '=', self.dep_y.id)] + self._months(1, 6))
        Shown = self.env['hr.exit.shown.set']
        for user in (self.officer, self.admin, self.reporter, self.leaver_manager,
                     self.plain_user):
            records = as_user(Shown, user)
            for attempt in (lambda: records.search_read([]),
                            lambda: records.read_group([], ['size'], ['user_id']),
                            lambda: records.search([]).export_data(['size']),
                            lambda: records.search_count([]),
                            lambda: records.create({'user_id': user.id, 'kind': 'x',
                                                    'size': 1, 'digest': 'x',
                                                    'shown_at': '2022-01-01 00:00:00'})):
                with self.assertRaises(AccessError):
                    attempt()
        self.assertFalse(self.env['ir.ui.menu'].search([
            ('action', 'like', 'hr.exit.shown.set')]))

    def test_no_names_stored(self):
        self._total(self.reporter, [('department_id', '=', self.dep_y.id)] + self._months(1, 6))
        self.env.cr.execute("""SELECT column_name FROM information_schema.columns
                                WHERE table_name = 'hr_exit_shown_set'""")
        self.assertEqual(sorted(row[0] for row in self.env.cr.fetchall()),
                         ['digest', 'head', 'id', 'kind', 'members', 'shown_at', 'size',
                          'user_id'])
        self.env.cr.execute('SELECT kind, size, members FROM hr_exit_shown_set '
                            'WHERE user_id = %s', [self.reporter.id])
        kind, size, members = self.env.cr.fetchone()
        self.assertEqual((kind, size), ('hr.exit.interview.report', 10))
        self.assertIn(self.person.id, members)
        self.assertNotIn(self.person.employee_id.name, str(members))


class TrendPrints(object):
    """Prints of the trend report of the first half of 2022, by quarter."""

    @classmethod
    def _setup_trend_report(cls, departments):
        cls.report = cls.env.ref('hr_exit_interview.action_report_exit_trends')
        cls.Trends = cls.env['report.hr_exit_interview.report_exit_trends']
        compile_report_assets(cls.report, cls._wizard(cls.officer, departments), cls.officer)

    @classmethod
    def _wizard(cls, user, departments):
        return as_user(cls.env['hr.exit.trend.wizard'], user).create({
            'date_from': '2022-01-01', 'date_to': '2022-06-30', 'granularity': 'quarter',
            'department_ids': [(6, 0, departments.ids)]})

    def _trends(self, user, departments):
        wizard = self._wizard(user, departments)
        return as_user(self.Trends, user).get_report_values(wizard.ids)['trends'][wizard.id]


class TestComplementTrendReport(TrendPrints, DifferenceCase):
    """The trend report: the leaver's manager prints one team, then the
    team with the department of one leaver."""

    @classmethod
    def setUpClass(cls):
        super(TestComplementTrendReport, cls).setUpClass()
        cls._setup_trend_report(cls.team_1)

    def test_one_more_department_of_one_leaver(self):
        first = self._trends(self.leaver_manager, self.team_1)
        self.assertEqual(first['headline']['exits'], 6)
        self.assertFalse(first['headline']['hidden'])
        second = self._trends(self.leaver_manager, self.team_1 | self.dep_z)
        self.assertTrue(second['headline']['too_close'])
        self.assertNotIn('departments', second)
        self.assertNotIn('reasons', second)
        html = as_user(self.report, self.leaver_manager).render_qweb_html(
            self._wizard(self.leaver_manager, self.team_1 | self.dep_z).ids)[0].decode()
        self.assertTrue('Hidden: too close to a result you have already seen' in html)
        self.assertFalse('o_exit_headline' in html)

    def test_report_and_pivot_are_one_history(self):
        # the pivot showed the team; the report of the team and Z is refused
        self.assertEqual(self._total(self.leaver_manager, [
            ('department_id', '=', self.team_1.id)] + self._months(1, 6))['__count'], 6)
        self.assertTrue(self._trends(self.leaver_manager, self.team_1 | self.dep_z)[
            'headline']['too_close'])

    def test_same_report_printed_twice(self):
        """The second print shows exactly what the first showed: only the
        answers of one question are hidden, in both, being too close to the
        ratings of a quarter shown in the same report."""
        prints = []
        for _time in range(2):
            trends = self._trends(self.leaver_manager, self.dep_y | self.team_1 | self.team_2)
            self.assertFalse(trends['headline']['hidden'])
            self.assertEqual(trends['headline']['exits'], 22)
            self.assertEqual(sorted((row['name'], row['exits'])
                                    for row in trends['departments']['rows']),
                             [('Complement X / Complement X team 1', 6),
                              ('Complement X / Complement X team 2', 6),
                              ('Complement Y', 10)])
            prints.append((trends['scope']['too_close'], [
                [cell and cell['average'] for cell in area['cells']]
                for area in trends['scores']['areas']],
                [[(segment['label'], segment['count']) for segment in row['segments']]
                 for row in (trends['distributions'] or {}).get('rows', [])]))
        self.assertEqual(prints[0], prints[1])

    def test_officer_prints_both(self):
        for departments in (self.team_1, self.team_1 | self.dep_z):
            trends = self._trends(self.officer, departments)
            self.assertFalse(trends['headline']['hidden'])
        self.assertEqual(self._stored(self.officer), 0)


class TestComplementCheapPath(DifferenceCase):
    """The shortcuts that keep the rule cheap never let a close set through:
    a set is compared by its number and first interviews before its members
    are read, and the members of a group are read only when needed."""

    def _guard(self, user, threshold=5):
        return as_user(self.Report, user)._difference_guard_new(threshold)

    def test_first_interviews_never_miss_a_close_set(self):
        chooser = random.Random(14)
        reader = self._create_user('complementcheap', [self.group_report])
        checked = 0
        for _pair in range(400):
            threshold = chooser.choice([5, 5, 7, 25])
            base = sorted(chooser.sample(range(1, 400), chooser.randrange(threshold, 60)))
            other = set(base)
            for _change in range(chooser.randrange(0, threshold + 3)):
                if other and chooser.random() < 0.5:
                    other.discard(chooser.choice(sorted(other)))
                else:
                    other.add(chooser.randrange(1, 400))
            other = sorted(other)
            guard = self._guard(reader, threshold)
            guard.remember([base])
            loaded = []

            def load(values=other):
                loaded.append(True)
                lazy.values = list(values)
            lazy = LazySet(len(other), digest_of(other), other[:guard.head_size], load)
            difference = len(set(base).symmetric_difference(other))
            expected = len(other) >= threshold and 0 < difference < threshold
            self.assertEqual(guard.close(lazy), expected, (base, other, threshold))
            checked += expected
            if abs(len(base) - len(other)) >= threshold or difference == 0:
                self.assertFalse(loaded, 'members read although the sizes tell')
        self.assertGreater(checked, 50)

    def test_union_of_groups_keeps_its_first_interviews(self):
        parts = [[3, 9, 40], [1, 2, 50, 60], [5]]
        lazy = [LazySet(len(part), digest_of(part), part[:2], None) for part in parts]
        for part, item in zip(parts, lazy):
            item.values = part
        together = union(lazy, disjoint=True, head_size=2)
        self.assertEqual((len(together), together[:2]), (8, [1, 2]))
        self.assertIsNone(together.values, 'the members of a union are read when used')
        self.assertEqual(list(together), [1, 2, 3, 5, 9, 40, 50, 60])
        self.assertEqual(together.digest, digest_of([1, 2, 3, 5, 9, 40, 50, 60]))
        self.assertEqual(head_difference([1, 2, 3], [1, 4, 9]), 2)  # 2 and 3, up to 3
        self.assertEqual(head_difference([1, 2, 3], [4, 5, 9]), 3)  # up to 3: 1, 2, 3

    def test_digest_is_the_database_digest(self):
        groups = self.Report._anonymity_counts(
            [('department_id', 'in', [self.dep_y.id, self.dep_x.id])], ['department_id'],
            members=True)
        self.env.cr.execute("""SELECT department_id, array_agg(id ORDER BY id)
                                 FROM hr_exit_interview_report
                                WHERE department_id IN %s GROUP BY 1""",
                            [(self.dep_y.id, self.dep_x.id)])
        expected = dict(((department,), ids) for department, ids in self.env.cr.fetchall())
        self.assertEqual(len(expected), 1)  # X itself has none: its teams do
        for key, ids in expected.items():
            count, lazy = groups[(0, 1)][key]
            self.assertEqual((count, lazy.digest, lazy[:3]), (len(ids), digest_of(ids), ids[:3]))
            self.assertIsNone(lazy.values, 'digest and first interviews come without members')
            self.assertEqual(list(lazy), ids)

    def test_repeated_pivot_reads_no_members(self):
        """The second load of the same pivot, whose groups are far from one
        another (department X: its two teams of 6): one query for the
        groups' numbers, digests and first interviews, one to check that the
        history kept in the process is still the stored one, no member list
        read, nothing written."""
        Report = as_user(self.Report, self.reporter)
        domain = [('department_id', 'child_of', self.dep_x.id)]

        def pivot():
            for groupby in ([], ['department_id']):
                Report.read_group(domain, ['overall_score'] + groupby, groupby, lazy=False)

        pivot()  # its sets stored
        pivot()  # the history read again, and kept
        with captured_queries(self.env.cr) as queries:
            pivot()
        shown_sets = [query for query in queries if 'hr_exit_shown_set' in query]
        self.assertEqual(len(shown_sets), 2, shown_sets)  # once per read_group
        self.assertFalse([query for query in shown_sets if 'COUNT(*)' not in query],
                         'the history was read again, or written')
        groups = [query for query in queries if 'array_agg' in query]
        self.assertEqual(len(groups), 2)
        self.assertFalse([query for query in groups if ')[1:' not in query],
                         'a member list was read')


PAY = 'The salary was too low.'
PAY_AND_HOURS = 'The salary was too low and I need flexible working hours.'
HOURS = 'I need flexible working hours.'
NO_THEME = 'Nothing more to add.'


class TestComplementTrendThemes(TrendPrints, DifferenceCase):
    """The comment themes of the trend report ("What leavers write"), the
    comment threshold being the anonymity threshold, 5. In the first quarter
    of 2022, each departure with one comment: department A, 6 about pay and
    6 about working hours; B, one about pay and 5 of no theme; C, one about
    pay and 5 departures without a comment; D, 5 about pay and working
    hours, one about pay alone and 5 of no theme."""

    @classmethod
    def setUpClass(cls):
        super(TestComplementTrendThemes, cls).setUpClass()
        cls.company.exit_comment_threshold = 5
        Department = cls.env['hr.department']
        cls.dep_a, cls.dep_b, cls.dep_c, cls.dep_d = [Department.create({
            'name': 'Themes %s' % name, 'company_id': cls.company.id}) for name in 'ABCD']
        for department, texts in ((cls.dep_a, [PAY] * 6 + [HOURS] * 6),
                                  (cls.dep_b, [PAY] + [NO_THEME] * 5),
                                  (cls.dep_c, [PAY] + [None] * 5),
                                  (cls.dep_d, [PAY_AND_HOURS] * 5 + [PAY] + [NO_THEME] * 5)):
            for day, text in enumerate(texts, 1):
                cls._create_departure(department, '2022-02-%02d' % day, ratings=(4, 4),
                                      recommend=8, text=text)
        # E: 6 about colleagues in the previous period, 6 about pay in this
        # one; F: one about pay and 5 of no word
        cls.dep_e, cls.dep_f = [Department.create({
            'name': 'Themes %s' % name, 'company_id': cls.company.id}) for name in 'EF']
        for day in range(1, 7):
            cls._create_departure(cls.dep_e, '2021-08-%02d' % day, ratings=(4, 4),
                                  recommend=8, text='Good colleagues and a nice office.')
        for department, texts in ((cls.dep_e, [PAY] * 6), (cls.dep_f, [PAY] + ['No.'] * 5)):
            for day, text in enumerate(texts, 1):
                cls._create_departure(department, '2022-02-%02d' % day, ratings=(4, 4),
                                      recommend=8, text=text)
        cls.pay = cls.env.ref('hr_exit_interview.exit_theme_pay')
        cls.hours = cls.env.ref('hr_exit_interview.exit_theme_working_hours')
        cls._setup_trend_report(cls.dep_a)

    def _themes(self, user, departments):
        """The theme section of a print, with the report's count of figures
        too close to a result already seen."""
        trends = self._trends(user, departments)
        self.assertFalse(trends['headline']['hidden'])
        return trends['themes'], trends['scope']['too_close']

    @staticmethod
    def _rows(themes):
        return dict((row['name'], row['interviews'])
                    for area in themes['areas'] for row in area['rows'])

    def test_one_more_department_of_one_comment(self):
        """A, then A and C: C's one comment would be the difference of the
        interviews with comments (12, then 13) and of pay (6, then 7)."""
        first, _too_close = self._themes(self.reporter, self.dep_a)
        self.assertEqual(first['commenters'], 12)
        self.assertEqual(self._rows(first), {self.pay.name: 6, self.hours.name: 6})
        second, too_close = self._themes(self.reporter, self.dep_a | self.dep_c)
        self.assertTrue(second.get('too_close'))
        self.assertIsNone(second['commenters'])
        self.assertFalse(self._rows(second))
        self.assertGreaterEqual(too_close, 1)
        html = as_user(self.report, self.reporter).render_qweb_html(
            self._wizard(self.reporter, self.dep_a | self.dep_c).ids)[0].decode()
        self.assertIn('o_exit_themes_too_close', html)
        self.assertNotIn(self.pay.name, html)

    def test_one_more_comment_of_a_theme(self):
        """A, then A and B: 6 more interviews with comments may be shown,
        not pay (6, then 7); working hours is the same set again."""
        self._themes(self.reporter, self.dep_a)
        themes, too_close = self._themes(self.reporter, self.dep_a | self.dep_b)
        self.assertEqual(themes['commenters'], 18)
        self.assertEqual(self._rows(themes), {self.hours.name: 6})
        self.assertEqual(themes['hidden'], 1)
        self.assertGreaterEqual(too_close, 1)

    def test_same_report_printed_twice(self):
        """D: working hours (5) and pay (6) differ by one interview within
        the same report: one of them is hidden, the same one at every print
        (the set of a theme hidden is never remembered)."""
        prints = [self._themes(self.reporter, self.dep_d) for _time in range(3)]
        rows = [self._rows(themes) for themes, _too_close in prints]
        self.assertEqual(len(rows[0]), 1, rows[0])
        self.assertIn(rows[0], ({self.pay.name: 6}, {self.hours.name: 5}))
        self.assertEqual(rows[1], rows[0])
        self.assertEqual(rows[2], rows[0])
        self.assertEqual([(themes['commenters'], themes['hidden'], too_close)
                          for themes, too_close in prints], [(11, 1, 1)] * 3)

    @staticmethod
    def _words(themes):
        return dict((word['word'], word['interviews'])
                    for area in themes['areas'] for word in area['words'])

    def test_one_more_interview_of_a_new_word(self):
        """E, then E and F: the new word of pay's comments is used in 6
        interviews, then 7; the officer sees it both times."""
        for departments in (self.dep_e, self.dep_e | self.dep_f):
            themes, _too_close = self._themes(self.officer, departments)
            self.assertEqual(self._words(themes).get('salari'), 6 if departments == self.dep_e
                             else 7)
        first, _too_close = self._themes(self.reporter, self.dep_e)
        self.assertEqual(self._words(first).get('salari'), 6)
        second, too_close = self._themes(self.reporter, self.dep_e | self.dep_f)
        self.assertEqual(second['commenters'], 12)
        self.assertNotIn('salari', self._words(second))
        self.assertGreaterEqual(too_close, 1)

    def test_officer_sees_every_theme(self):
        """The prints of the tests above, twice: the officer sees every
        theme each time, and nothing of theirs is remembered, where the
        trend reader's themes of the same prints are hidden and kept."""
        for _time in range(2):
            for departments, expected in (
                    (self.dep_a, {self.pay.name: 6, self.hours.name: 6}),
                    (self.dep_a | self.dep_c, {self.pay.name: 7, self.hours.name: 6}),
                    (self.dep_a | self.dep_b, {self.pay.name: 7, self.hours.name: 6}),
                    (self.dep_d, {self.pay.name: 6, self.hours.name: 5})):
                themes, too_close = self._themes(self.officer, departments)
                self.assertFalse(themes.get('too_close'))
                self.assertEqual(self._rows(themes), expected)
                self.assertEqual((themes['hidden'], too_close), (0, 0))
                reader, _too_close = self._themes(self.reporter, departments)
                if departments != self.dep_a:
                    self.assertNotEqual(self._rows(reader), expected)
        self.assertEqual(self._stored(self.officer), 0)
        self.env.cr.execute("SELECT COUNT(*) FROM hr_exit_shown_set WHERE user_id = %s "
                            "AND kind = 'hr.exit.theme.report'", [self.reporter.id])
        self.assertTrue(self.env.cr.fetchone()[0])
