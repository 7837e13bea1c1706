"""The analysis views: rows that match the interviews, the anonymity
threshold inside read_group per role, the interview sheet and the
improvement actions' access."""
from odoo.exceptions import AccessError

from ..reports.hr_exit_anonymity_mixin import suppress_small_groups
from .common import ExitInterviewCase, as_user

Q1, Q2 = 'Q1 2021', 'Q2 2021'


class TestAnalysisViews(ExitInterviewCase):
    """Departments of 2, 4 (N-1), 5 (N) and 6 (N+1) departures in 2021, with
    the default anonymity threshold N = 5."""

    @classmethod
    def setUpClass(cls):
        super(TestAnalysisViews, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        Department = cls.env['hr.department']
        cls.d1, cls.d2, cls.d3, cls.d4 = [
            Department.create({'name': 'Analysis D%d' % n, 'company_id': cls.company.id})
            for n in range(1, 5)]
        cls.departments = cls.d1 | cls.d2 | cls.d3 | cls.d4
        cls.interviews = cls.env['hr.exit.interview']
        for day in (5, 6):
            cls.interviews |= cls._create_departure(cls.d1, '2021-01-%02d' % day, ratings=(4, 4))
        for day in range(1, 5):
            cls.interviews |= cls._create_departure(cls.d2, '2021-02-%02d' % day, ratings=(3, 4))
        # D3: ratings with blanks, a recommendation of 0 and one unanswered
        for ratings, recommend in (((4, 5), 10), ((3, 3), 0), ((5, 5), 7), ((), None),
                                   ((2,), 6)):
            cls.interviews |= cls._create_departure(cls.d3, '2021-03-15', ratings=ratings,
                                                    recommend=recommend)
        cls.interviews |= cls._create_departure(cls.d4, '2021-03-20', ratings=(5, 5))
        for day in range(1, 6):
            cls.interviews |= cls._create_departure(cls.d4, '2021-05-%02d' % day,
                                                    ratings=(5, 4))
        cls.domain = [('department_id', 'in', cls.departments.ids)]
        # Another company's departure, in the same year
        foreign_employee = cls.env['hr.employee'].create({
            'name': 'Foreign Leaver', 'company_id': cls.other_company.id})
        cls.foreign = cls.env['hr.exit.interview'].create({
            'employee_id': foreign_employee.id, 'departure_date': '2021-03-01',
            'company_id': cls.other_company.id})
        cls.Report = cls.env['hr.exit.interview.report']
        cls.AnswerReport = cls.env['hr.exit.answer.report']

    def _groups(self, user, groupby, model=None, domain=None, fields=None, lazy=True):
        model = as_user(self.Report if model is None else model, user)
        levels = [groupby] if isinstance(groupby, str) else groupby
        fields = (fields or []) + [level.split(':')[0] for level in levels]
        return model.read_group(self.domain + (domain or []), fields, levels, lazy=lazy)

    @staticmethod
    def _by_name(groups, field, count_key):
        return dict((group[field][1] if isinstance(group[field], tuple) else group[field],
                     group[count_key]) for group in groups)

    # -- the SQL views ------------------------------------------------

    def test_interview_rows_match_interviews(self):
        rows = as_user(self.Report, self.officer).search_read(self.domain)
        self.assertEqual(sorted(row['id'] for row in rows), sorted(self.interviews.ids))
        by_id = dict((row['id'], row) for row in rows)
        for interview in self.interviews:
            row = by_id[interview.id]
            self.assertEqual(row['department_id'][0], interview.department_id.id)
            self.assertEqual(row['company_id'][0], interview.company_id.id)
            self.assertEqual(row['departure_month'], interview.departure_date[:8] + '01')
            self.assertEqual(row['departure_year'], '2021')
            self.assertEqual(row['departure_quarter'],
                             '2021 Q%d' % ((int(interview.departure_date[5:7]) + 2) // 3))
            self.assertEqual(row['state'], 'held')
            self.assertEqual(row['voluntary'], interview.voluntary)
        self.assertNotIn('employee_id', self.Report._fields)
        self.assertNotIn('interviewer_id', self.Report._fields)

    def test_averages_skip_unanswered_and_count_zero(self):
        group, = self._groups(self.officer, 'department_id', domain=[
            ('department_id', '=', self.d3.id)],
            fields=['overall_score', 'recommend_score', 'promoter', 'detractor',
                    'recommend_answered'])
        self.assertEqual(group['department_id_count'], 5)
        self.assertAlmostEqual(group['overall_score'], (4.5 + 3 + 5 + 2) / 4.0)
        self.assertAlmostEqual(group['recommend_score'], (10 + 0 + 7 + 6) / 4.0)
        self.assertEqual((group['promoter'], group['detractor'], group['recommend_answered']),
                         (1, 2, 4))
        ratings, = self._groups(self.officer, 'department_id', model=self.AnswerReport,
                                domain=[('department_id', '=', self.d3.id),
                                        ('question_type', '=', 'rating')], fields=['rating'])
        self.assertEqual(ratings['department_id_count'], 7)
        self.assertAlmostEqual(ratings['rating'], 27 / 7.0)
        scores, = self._groups(self.officer, 'department_id', model=self.AnswerReport,
                               domain=[('department_id', '=', self.d3.id),
                                       ('question_type', '=', 'score')], fields=['score'])
        self.assertEqual(scores['department_id_count'], 4)
        self.assertAlmostEqual(scores['score'], 23 / 4.0)

    def test_states_and_days_to_interview(self):
        department = self.env['hr.department'].create({'name': 'States'})
        created = dict((state, self._create_departure(
            department, '2022-06-01', state=state, days=9)) for state in (
                'draft', 'declined', 'cancelled', 'done'))
        rows = as_user(self.Report, self.officer).search_read(
            [('department_id', '=', department.id)], ['state', 'days_to_interview'])
        states = dict((row['id'], row['state']) for row in rows)
        self.assertEqual(states, {created['draft'].id: 'pending',
                                  created['declined'].id: 'declined',
                                  created['cancelled'].id: 'cancelled',
                                  created['done'].id: 'held'})
        days = dict((row['state'], row['days_to_interview']) for row in rows)
        self.assertEqual(days['held'], 9)
        self.assertFalse(days['pending'])

    def test_sql_views_have_their_own_company_rule(self):
        self.assertEqual(as_user(self.Report, self.officer).search_count(
            [('id', '=', self.foreign.id)]), 0)
        foreign = as_user(self.Report, self.foreign_officer)
        self.assertEqual(foreign.search([]).ids, [self.foreign.id])
        total, = foreign.read_group([], ['department_id'], [])
        self.assertEqual(total['__count'], 1)

    def test_who_may_read_the_analysis(self):
        for user in (self.interviewer, self.plain_user, self.manager_user, self.leaver_user):
            for model in (self.Report, self.AnswerReport):
                with self.assertRaises(AccessError, msg='%s %s' % (user.login, model._name)):
                    as_user(model, user).read_group([], ['department_id'], ['department_id'])
        for user in (self.reporter, self.officer, self.admin):
            self.assertTrue(as_user(self.Report, user).read_group(
                self.domain, ['department_id'], ['department_id']))

    # -- the anonymity threshold ----------------------------------------

    def test_officer_sees_every_group(self):
        groups = self._groups(self.officer, 'department_id')
        self.assertEqual(self._by_name(groups, 'department_id', 'department_id_count'), {
            'Analysis D1': 2, 'Analysis D2': 4, 'Analysis D3': 5, 'Analysis D4': 6})

    def test_reporter_gets_small_groups_merged(self):
        groups = self._groups(self.reporter, 'department_id')
        counts = self._by_name(groups, 'department_id', 'department_id_count')
        hidden = 'Hidden: groups of fewer than 5 interviews'
        self.assertEqual(counts, {'Analysis D3': 5, 'Analysis D4': 6, hidden: 6})
        merged = groups[-1]
        self.assertEqual(merged['__anonymity_hidden'], 2)
        # the hidden groups' figures, together, and their domain
        self.assertEqual(as_user(self.Report, self.officer).search_count(merged['__domain']), 6)

    def test_threshold_at_n_minus_one_n_and_n_plus_one(self):
        for size, shown in ((4, False), (5, True), (6, True)):
            department = self.env['hr.department'].create({'name': 'Size %d' % size})
            for day in range(1, size + 1):
                self._create_departure(department, '2023-01-%02d' % day)
            total, = as_user(self.Report, self.reporter).read_group(
                [('department_id', '=', department.id)], ['department_id'], [])
            self.assertEqual(total['__count'], size if shown else 0, size)

    def test_a_page_of_groups_is_filtered_the_same_way(self):
        groups = as_user(self.Report, self.reporter).read_group(
            self.domain, ['department_id'], ['department_id'], limit=3)
        self.assertEqual(self._by_name(groups, 'department_id', 'department_id_count'),
                         {'Analysis D3': 5})
        groups = as_user(self.Report, self.reporter).read_group(
            self.domain, ['department_id'], ['department_id'], offset=2, limit=2)
        self.assertEqual(self._by_name(groups, 'department_id', 'department_id_count'),
                         {'Analysis D3': 5, 'Analysis D4': 6})

    def test_hidden_part_never_falls_below_the_threshold(self):
        # Without D1, D2 alone (4) is hidden: "total - shown" would give it
        # away, so the smallest group shown (D3) is hidden with it.
        groups = self._groups(self.reporter, 'department_id',
                              domain=[('department_id', '!=', self.d1.id)])
        counts = self._by_name(groups, 'department_id', 'department_id_count')
        self.assertEqual(counts, {'Analysis D4': 6,
                                  'Hidden: groups of fewer than 5 interviews': 9})
        total, = self._groups(self.reporter, [], domain=[('department_id', '!=', self.d1.id)])
        # the filter leaves out D1 alone (2): "all minus D1" is hidden too
        self.assertEqual(total['__count'], 0)
        total, = self._groups(self.officer, [], domain=[('department_id', '!=', self.d1.id)])
        self.assertEqual(total['__count'], 15)

    def test_ungrouped_total_below_threshold_is_empty(self):
        total, = self._groups(self.reporter, [], domain=[('department_id', '=', self.d2.id)],
                              fields=['overall_score'])
        self.assertEqual(total['__count'], 0)
        self.assertFalse(total['overall_score'])
        total, = self._groups(self.officer, [], domain=[('department_id', '=', self.d2.id)],
                              fields=['overall_score'])
        self.assertEqual(total['__count'], 4)
        self.assertAlmostEqual(total['overall_score'], 3.5)

    def test_lazy_false_multi_groupby(self):
        levels = ['department_id', 'departure_month:quarter']
        cells = dict(((group['department_id'][1], group['departure_month:quarter']),
                      group['__count'])
                     for group in self._groups(self.officer, levels, lazy=False))
        self.assertEqual(cells, {('Analysis D1', Q1): 2, ('Analysis D2', Q1): 4,
                                 ('Analysis D3', Q1): 5, ('Analysis D4', Q1): 1,
                                 ('Analysis D4', Q2): 5})
        # D4 Q2 (5) is hidden too: D4's total (6) minus it would give D4 Q1 (1).
        cells = dict(((group['department_id'][1], group['departure_month:quarter']),
                      group['__count'])
                     for group in self._groups(self.reporter, levels, lazy=False))
        self.assertEqual(cells, {('Analysis D3', Q1): 5})

    def test_every_cell_has_its_headers(self):
        """What the web client's pivot asks, row x column: no cell without its
        row and column, no group under the threshold."""
        rows = set(group['department_id'] for group in
                   self._groups(self.reporter, ['department_id'], lazy=False))
        cols = set(group['departure_month:quarter'] for group in
                   self._groups(self.reporter, ['departure_month:quarter'], lazy=False))
        for group in self._groups(self.reporter, ['department_id', 'departure_month:quarter'],
                                  lazy=False):
            self.assertIn(group['department_id'], rows)
            self.assertIn(group['departure_month:quarter'], cols)
            self.assertGreaterEqual(group['__count'], 5)

    def test_answer_report_counts_interviews_not_answers(self):
        groups = self._groups(self.reporter, 'department_id', model=self.AnswerReport,
                              domain=[('question_type', '=', 'rating')], fields=['rating'])
        counts = self._by_name(groups, 'department_id', 'department_id_count')
        # D2: 4 interviews but 8 rated answers: hidden; D4: 6 interviews.
        self.assertNotIn('Analysis D2', counts)
        self.assertNotIn('Analysis D3', counts)
        self.assertEqual(counts['Analysis D4'], 12)
        self.assertEqual(counts['Hidden: groups of fewer than 5 interviews'], 4 + 8 + 7)

    def test_raising_the_threshold_hides_more(self):
        self.company.exit_anonymity_threshold = 6
        counts = self._by_name(self._groups(self.reporter, 'department_id'),
                               'department_id', 'department_id_count')
        self.assertEqual(counts, {'Analysis D4': 6,
                                  'Hidden: groups of fewer than 6 interviews': 11})

    def test_rows_one_by_one_are_refused(self):
        report = as_user(self.Report, self.reporter)
        with self.assertRaises(AccessError):
            report.search([])
        with self.assertRaises(AccessError):
            report.search_count([])
        with self.assertRaises(AccessError):
            report.browse(self.interviews[0].id).read(['overall_score'])
        with self.assertRaises(AccessError):
            report.read_group([('id', '=', self.interviews[0].id)], ['department_id'], [])
        with self.assertRaises(AccessError):
            as_user(self.AnswerReport, self.reporter).search_read([])
        self.assertTrue(as_user(self.Report, self.officer).search_read(self.domain))

    def test_suppression_helper(self):
        counts = {'a': 2, 'b': 4, 'c': 5, 'd': 0}
        # a and b hidden (6 together), an empty group says nothing about anyone
        self.assertEqual(suppress_small_groups(counts, 5, [(list(counts), True)]), {'c', 'd'})
        counts = {'a': 2, 'c': 5, 'e': 9}
        # hidden part 2 < 5: the smallest shown group (c) goes with it
        self.assertEqual(suppress_small_groups(counts, 5, [(list(counts), True)]), {'e'})
        # groups that may share interviews: the hidden part is at least its largest group
        counts = {'a': 4, 'b': 4, 'c': 6}
        self.assertEqual(suppress_small_groups(counts, 5, [(list(counts), True)]), {'c'})
        self.assertEqual(suppress_small_groups(counts, 5, [(list(counts), False)]), set())


class TestInterviewSheet(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestInterviewSheet, cls).setUpClass()
        cls.interview = cls._create_interview()
        cls.interview.action_schedule()
        cls._answer(cls.interview, cls.q_rating, rating=2)
        cls._answer(cls.interview, cls.q_score, score=0)
        cls._answer(cls.interview, cls.q_text, text='<script>alert("x")</script> & more')
        cls.report = cls.env.ref('hr_exit_interview.action_report_exit_interview')

    def test_officer_prints_facts_and_answers_by_area(self):
        html = as_user(self.report, self.officer).render_qweb_html(self.interview.ids)[0].decode()
        for text in (self.interview.name, self.interview.employee_id.name, 'Leadership',
                     '2 / 5', '0 / 10', '&lt;script&gt;alert(', '&lt;/script&gt; &amp; more'):
            self.assertTrue(text in html, text)
        self.assertFalse('<script>alert' in html)
        self.assertLess(html.index('Leadership'), html.index('Suggestions'))

    def test_sheet_and_page_group_answers_alike(self):
        """The printed sheet and the questionnaire page show the same areas,
        in the same order, with the same questions in each."""
        values = as_user(self.env['report.hr_exit_interview.report_exit_interview'],
                         self.officer).get_report_values(self.interview.ids)
        sheet = [(name, answers.mapped('question_id'))
                 for name, answers in values['areas'][self.interview.id]]
        page = [(section['name'], self.interview.answer_ids.filtered(
                    lambda a, keys=[q['key'] for q in section['questions']]:
                    a._selfservice_key() in keys).mapped('question_id'))
                for section in self.interview._selfservice_form_values()['sections']]
        self.assertEqual(sheet, page)
        self.assertEqual([name for name, _questions in sheet],
                         ['Reasons for leaving', 'Leadership', 'Suggestions'])
        self.assertEqual(sheet[0][1], self.q_yes_no | self.q_choice)

    def test_refused_to_everyone_else(self):
        self.assertEqual(self.report.groups_id, self.group_officer)
        for user in (self.reporter, self.interviewer, self.manager_user, self.plain_user,
                     self.leaver_user):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.report, user).render_qweb_html(self.interview.ids)

    def test_other_company_refused(self):
        with self.assertRaises(AccessError):
            as_user(self.report, self.foreign_officer).render_qweb_html(self.interview.ids)


class TestImprovementActions(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestImprovementActions, cls).setUpClass()
        cls.interview = cls._create_interview()
        cls.action = cls.env['hr.exit.action'].create({
            'name': 'Review pay of account managers',
            'category_id': cls.env.ref('hr_exit_interview.exit_category_compensation').id,
            'department_id': cls.dep_sales.id,
            'user_id': cls.officer.id,
            'date_deadline': '2020-01-31',
            'interview_ids': [(6, 0, cls.interview.ids)],
        })
        cls.Action = cls.env['hr.exit.action']

    def test_officer_manages_actions(self):
        Action = as_user(self.Action, self.officer)
        action = Action.create({'name': 'Exit survey of team leads'})
        self.assertEqual(action.state, 'open')
        self.assertEqual(action.user_id, self.officer)
        action.write({'interview_ids': [(6, 0, self.interview.ids)]})
        action.action_start()
        self.assertEqual(action.state, 'in_progress')
        action.action_done()
        self.assertEqual(action.state, 'done')
        action.unlink()
        self.assertEqual(as_user(self.action, self.officer).interview_ids, self.interview)

    def test_report_group_reads_without_interviews(self):
        action = as_user(self.action, self.reporter)
        self.assertEqual(action.read(['name'])[0]['name'], 'Review pay of account managers')
        self.assertNotIn('interview_ids', as_user(self.Action, self.reporter).fields_get())
        with self.assertRaises(AccessError):
            action.read(['interview_ids'])
        with self.assertRaises(AccessError):
            action.write({'name': 'Changed'})
        with self.assertRaises(AccessError):
            as_user(self.Action, self.reporter).create({'name': 'New'})
        with self.assertRaises(AccessError):
            action.unlink()

    def test_no_access_without_exit_groups(self):
        for user in (self.plain_user, self.manager_user, self.interviewer, self.leaver_user):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.action, user).read(['name'])

    def test_other_company_cannot_see_it(self):
        self.assertFalse(as_user(self.Action, self.foreign_officer).search(
            [('id', '=', self.action.id)]))

    def test_overdue_and_filters(self):
        self.assertTrue(self.action.is_overdue)
        self.action.action_done()
        self.assertFalse(self.action.is_overdue)
        self.assertEqual(self.Action.fields_get(['state'])['state']['selection'], [
            ('open', 'Open'), ('in_progress', 'In Progress'), ('done', 'Done'),
            ('cancelled', 'Cancelled')])
        self.assertTrue(self.action.message_ids.mapped('tracking_value_ids'))
