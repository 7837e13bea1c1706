"""The analysis models and the improvement actions, tried as an attacker
would: the doors that could single out one person or reveal a hidden group,
per role, with the concrete secret each one would give away.

One job, four departments of 6, 5, 2 and 1 departures, one month each; the
threshold is 5. The department of one departure is the secret: its
leaver is not eligible for rehire.
"""
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from .common import ExitInterviewCase, as_user

MODELS = ('hr.exit.interview.report', 'hr.exit.answer.report')


class TestAnalysisDoors(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestAnalysisDoors, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        cls.secret_job = cls.env['hr.job'].create({'name': 'Analysis doors job'})
        Department = cls.env['hr.department']
        cls.sizes = [('Doors Large', 6, '2021-01'), ('Doors Medium', 5, '2021-02'),
                     ('Doors Pair', 2, '2021-03'), ('Doors Secret', 1, '2021-04')]
        cls.by_department = {}
        for name, size, month in cls.sizes:
            department = Department.create({'name': name, 'company_id': cls.company.id})
            interviews = cls.env['hr.exit.interview']
            for day in range(1, size + 1):
                interviews |= cls._create_departure(
                    department, '%s-%02d' % (month, day), ratings=(4, 3), recommend=8,
                    job_id=cls.secret_job.id,
                    rehire_eligible='no' if name == 'Doors Secret' else 'yes')
            cls.by_department[name] = (department, interviews)
        cls.secret_department, cls.secret_interview = cls.by_department['Doors Secret']
        cls.domain = [('job_id', '=', cls.secret_job.id)]
        # A trend reader who holds interviews too, and a department head with
        # the trend reports: the roles for whom the threshold applies.
        cls.reporter_interviewer = cls._create_user(
            'reportinterviewer', [cls.group_report, cls.group_interviewer])
        cls.dept_head_user.groups_id = [(4, cls.group_report.id)]
        cls.threshold_roles = (cls.reporter, cls.reporter_interviewer, cls.dept_head_user)

    @staticmethod
    def _leaves(domain):
        return set(repr(tuple(term)) for term in domain
                   if expression.is_leaf(term) and not expression.is_operator(term))

    def _interviews(self, model, domain):
        """The interviews of the rows of ``domain``, as an officer finds them."""
        rows = as_user(self.env[model], self.officer).search(domain)
        if model == MODELS[0]:
            return set(rows.ids)
        return set(self.env['hr.exit.answer'].browse(rows.ids).mapped('interview_id').ids)

    def test_merged_row_names_no_hidden_group(self):
        """The hidden groups' keys never come back, whatever the grouping,
        the model or the role; the merged row still selects exactly them."""
        for user in self.threshold_roles:
            for model in MODELS:
                groupbys = ['department_id', 'departure_month', 'departure_month:month',
                            'departure_quarter']
                if model == MODELS[0]:
                    groupbys.append('rehire_eligible')
                for groupby in groupbys:
                    context = '%s %s %s' % (user.login, model, groupby)
                    groups = as_user(self.env[model], user).read_group(
                        self.domain, [groupby.split(':')[0]], [groupby])
                    merged = [group for group in groups if group.get('__anonymity_hidden')]
                    shown = [group for group in groups if not group.get('__anonymity_hidden')]
                    self.assertEqual(len(merged), 1, context)
                    allowed = self._leaves(self.domain)
                    for group in shown:
                        allowed |= self._leaves(group['__domain'])
                    self.assertLessEqual(self._leaves(merged[0]['__domain']), allowed, context)
                    self.assertNotIn(str(self.secret_department.id), ' '.join(
                        repr(term) for term in merged[0]['__domain']
                        if expression.is_leaf(term) and term[0] == 'department_id'), context)
                    # behind the merged row, for an officer: exactly the hidden groups
                    hidden = self._interviews(model, self.domain)
                    for group in shown:
                        hidden -= self._interviews(model, group['__domain'])
                    self.assertIn(self.secret_interview.id, hidden, context)
                    self.assertEqual(self._interviews(model, merged[0]['__domain']), hidden,
                                     context)

    def test_empty_result_is_an_empty_answer(self):
        """A filter that matches nothing (the pivot with "Online
        Questionnaire" before anyone answered online) gives an empty total,
        not a server error, to every role."""
        nothing = self.domain + [('job_id', '!=', self.secret_job.id)]
        for user in self.threshold_roles + (self.officer,):
            for model in MODELS:
                for groupby in ([], ['department_id']):
                    groups = as_user(self.env[model], user).read_group(
                        nothing, ['department_id'], groupby)
                    self.assertFalse(sum(group.get('__count', group.get(
                        'department_id_count', 0)) or 0 for group in groups),
                        '%s %s %s' % (user.login, model, groupby))

    def test_ungrouped_result_has_no_row_id(self):
        for user in self.threshold_roles + (self.officer, self.admin):
            for model in MODELS:
                for domain in (self.domain, self.domain + [
                        ('department_id', '=', self.secret_department.id)]):
                    total, = as_user(self.env[model], user).read_group(
                        domain, ['department_id'], [])
                    self.assertNotIn('id', total, '%s %s' % (user.login, model))
                    self.assertNotIn(self.secret_interview.id, [
                        value for key, value in total.items() if key != '__count'
                        and isinstance(value, int) and not isinstance(value, bool)])

    def test_hidden_total_has_the_shape_of_a_total(self):
        """The pivot and graph views read a hidden total like any total: the
        same keys as the officer's total, so the web client draws an empty
        analysis; but the count is 0 and every figure False, while the
        officer gets the real ones for the same filter."""
        secret = [('department_id', '=', self.secret_department.id)]
        for model in MODELS + ('hr.exit.theme.report',):
            real, = as_user(self.env[model], self.officer).read_group(secret, [], [])
            self.assertNotIn('__anonymity_hidden', real, model)
            if model != 'hr.exit.theme.report':  # the fixture writes no comment
                self.assertGreater(real['__count'], 0, model)
            for user in self.threshold_roles:
                context = '%s %s' % (user.login, model)
                Report = as_user(self.env[model], user)
                total, = Report.read_group(secret, [], [], lazy=False)
                self.assertEqual(set(total), set(real) | {
                    '__anonymity_hidden', '__anonymity_reason'}, context)
                self.assertIs(total['__anonymity_hidden'], True, context)
                self.assertEqual(total['__anonymity_reason'], 'threshold', context)
                self.assertEqual(total['__count'], 0, context)
                for name in set(real) - {'__count'}:
                    self.assertIs(total[name], False, '%s %s' % (context, name))
                # and no group under it: the levels agree
                for groupby in (['department_id'], ['departure_quarter'],
                                ['department_id', 'departure_month:year']):
                    self.assertEqual(Report.read_group(
                        secret, [name.split(':')[0] for name in groupby], groupby,
                        lazy=False), [],
                        '%s %s' % (context, groupby))

    def test_grouping_by_a_row_is_refused_clearly(self):
        for user in self.threshold_roles + (self.officer,):
            for model in MODELS:
                for groupby in (['id'], ['department_id', 'id'], ['display_name'],
                                ['interview_id'], ['leaver_user_id'], ['id:day']):
                    with self.assertRaises(UserError, msg='%s %s %s' % (
                            user.login, model, groupby)):
                        as_user(self.env[model], user).read_group(
                            self.domain, ['department_id'], groupby, lazy=False)

    def test_rows_are_refused_by_every_path(self):
        row_ids = {MODELS[0]: self.secret_interview.ids,
                   MODELS[1]: as_user(self.env['hr.exit.answer.report'], self.officer).search(
                       [('department_id', '=', self.secret_department.id)]).ids}
        for user in self.threshold_roles:
            for model in MODELS:
                rows = as_user(self.env[model], user).browse(row_ids[model])
                Model = as_user(self.env[model], user)
                attempts = [
                    ('read', lambda: rows.read(['rehire_eligible' if model == MODELS[0]
                                                else 'rating'])),
                    ('name_get', rows.name_get),
                    ('export', lambda: rows.export_data(['department_id', 'departure_month'])),
                    ('field', lambda: rows[0].departure_month),
                    ('exists', rows.exists),
                    ('metadata', rows.get_metadata),
                    ('search', lambda: Model.search(self.domain)),
                    ('search_count', lambda: Model.search_count(self.domain)),
                    ('search_read', lambda: Model.search_read(self.domain, ['department_id'])),
                    ('name_search', lambda: Model.name_search('', self.domain)),
                    ('id filter', lambda: Model.read_group(
                        [('id', 'in', row_ids[model])], ['department_id'], [])),
                    ('id path', lambda: Model.read_group(
                        ['|', ('id.id', '=', row_ids[model][0]), ('id', '=', 0)],
                        ['department_id'], ['department_id'])),
                ]
                for name, attempt in attempts:
                    with self.assertRaises(AccessError, msg='%s %s %s' % (
                            user.login, model, name)):
                        attempt()
                    self.env.cache.invalidate()


class TestAnalysisLeaver(ExitInterviewCase):
    """Nobody reads the analysis of their own departure, whatever their role:
    an officer leaving would otherwise find their rehire verdict there."""

    @classmethod
    def setUpClass(cls):
        super(TestAnalysisLeaver, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        cls.department = cls.env['hr.department'].create(
            {'name': 'Leaving HR', 'company_id': cls.company.id})
        for day in range(1, 6):
            cls._create_departure(cls.department, '2022-03-%02d' % day, ratings=(4, 4),
                                  rehire_eligible='yes')
        cls.own = {}
        roles = (('officerleaving', cls.group_officer), ('adminleaving', cls.group_admin),
                 ('reporterleaving', cls.group_report))
        for login, group in roles:
            user = cls._create_user(login, [group])
            employee = cls.env['hr.employee'].create({
                'name': login.capitalize(), 'user_id': user.id,
                'department_id': cls.department.id, 'company_id': cls.company.id})
            interview = cls._create_interview(
                employee, department_id=cls.department.id, departure_date='2022-03-20',
                questionnaire_id=cls.report_questionnaire.id, rehire_eligible='no',
                interviewer_id=cls.officer.id)
            interview._generate_answers()
            for answer in interview.answer_ids.filtered(
                    lambda a: a.question_type == 'rating'):
                answer.rating = 1
            interview.write({'state': 'done'})
            cls.own[user] = interview
        cls.domain = [('department_id', '=', cls.department.id)]

    def test_own_rows_never_come_back(self):
        """Each leaving user finds the five departures and the other leaving
        users (two "not eligible for rehire", under the threshold for a trend
        reader), never their own."""
        others = len(self.own) - 1
        for user, interview in self.own.items():
            officer = user.has_group('hr_exit_interview.group_exit_officer')
            Report = as_user(self.env['hr.exit.interview.report'], user)
            Answers = as_user(self.env['hr.exit.answer.report'], user)
            total, = Report.read_group(self.domain, ['department_id'], [])
            self.assertEqual(total['__count'], 5 + others, user.login)
            answers, = Answers.read_group(self.domain + [('question_type', '=', 'rating')],
                                          ['rating'], [])
            self.assertEqual(answers['__count'], 2 * (5 + others), user.login)
            verdict, = Report.read_group(self.domain + [('rehire_eligible', '=', 'no')],
                                         ['department_id'], [])
            self.assertEqual(verdict['__count'], others if officer else 0, user.login)
            if not officer:
                continue
            self.assertNotIn(interview.id, Report.search(self.domain).ids, user.login)
            self.assertEqual(Report.search_count(self.domain + [
                ('rehire_eligible', '=', 'no')]), others, user.login)
            self.assertEqual(Answers.search_count(self.domain + [('rating', '=', 1)]),
                             2 * others, user.login)
            with self.assertRaises(AccessError, msg=user.login):
                Report.browse(interview.id).read(['rehire_eligible'])
            own_answers = interview.answer_ids.filtered('rating')
            with self.assertRaises(AccessError, msg=user.login):
                Answers.browse(own_answers.ids).read(['rating'])

    def test_own_departure_left_out_of_the_trend_report(self):
        for user in self.own:
            wizard = as_user(self.env['hr.exit.trend.wizard'], user).create({
                'date_from': '2022-01-01', 'date_to': '2022-12-31',
                'department_ids': [(6, 0, self.department.ids)]})
            Trends = as_user(self.env['report.hr_exit_interview.report_exit_trends'], user)
            scope = Trends._get_scope(wizard)
            departments = Trends._query_departments(scope, scope['start'], scope['end'])
            self.assertEqual(sum(row['exits'] for row in departments), 5 + len(self.own) - 1,
                             user.login)


class TestAnonymityThreshold(ExitInterviewCase):
    """One threshold, one meaning: the strictest of the companies whose data
    the figures may contain. A parent company at 5, its subsidiary at 10."""

    @classmethod
    def setUpClass(cls):
        super(TestAnonymityThreshold, cls).setUpClass()
        cls.report_questionnaire = cls._create_report_questionnaire()
        cls.company.exit_anonymity_threshold = 5
        cls.subsidiary = cls.env['res.company'].create({
            'name': 'Fjord Subsidiary AS', 'parent_id': cls.company.id,
            'exit_anonymity_threshold': 10, 'exit_comment_threshold': 10})
        cls.reporter_both = cls._create_user('reporterboth', [cls.group_report])
        cls.reporter_both.company_ids = [(4, cls.subsidiary.id)]
        cls.reporter_sub = cls._create_user('reportersub', [cls.group_report],
                                            company=cls.subsidiary)
        cls.departments = {}
        for company in (cls.company, cls.subsidiary):
            department = cls.env['hr.department'].create(
                {'name': 'Seven of %s' % company.name, 'company_id': company.id})
            employee = cls.env['hr.employee'].create(
                {'name': 'Leaver of %s' % company.name, 'company_id': company.id})
            for day in range(1, 8):
                cls._create_interview(
                    employee, department_id=department.id, company_id=company.id,
                    departure_date='2024-05-%02d' % day, state='done',
                    questionnaire_id=cls.report_questionnaire.id)
            cls.departments[company] = department

    def _count(self, user, company, filter_company):
        domain = [('department_id', '=', self.departments[company].id)]
        if filter_company:
            domain.append(('company_id', '=', filter_company.id))
        return as_user(self.env['hr.exit.interview.report'], user).read_group(
            domain, ['department_id'], [])[0]['__count']

    def test_one_function(self):
        Report = self.env['hr.exit.interview.report']
        self.assertEqual(as_user(Report, self.reporter_both)._anonymity_threshold(), 10)
        self.assertEqual(as_user(Report, self.reporter_both)._anonymity_threshold(self.company), 5)
        self.assertEqual(as_user(Report, self.reporter_both)._anonymity_threshold(
            self.subsidiary), 10)
        self.assertEqual(as_user(Report, self.reporter_sub)._anonymity_threshold(), 10)
        # a company out of reach does not lower it
        self.assertEqual(as_user(Report, self.reporter_sub)._anonymity_threshold(self.company), 10)
        self.company.write({'exit_anonymity_threshold': 12, 'exit_comment_threshold': 12})
        self.assertEqual(as_user(Report, self.reporter_both)._anonymity_threshold(), 12)

    def test_pivot_and_trend_report_agree(self):
        """Seven departures: shown under the parent's 5, hidden under the
        subsidiary's 10, in the pivot and in the trend report alike."""
        Trends = self.env['report.hr_exit_interview.report_exit_trends']
        for user, company, filter_company, shown in (
                (self.reporter_both, self.company, self.company, True),
                (self.reporter_both, self.company, None, False),
                (self.reporter_both, self.subsidiary, self.subsidiary, False),
                (self.reporter_sub, self.subsidiary, self.subsidiary, False),
                (self.reporter_sub, self.subsidiary, None, False)):
            context = '%s %s %s' % (user.login, company.name, filter_company)
            self.assertEqual(self._count(user, company, filter_company), 7 if shown else 0,
                             context)
            if filter_company is None:
                continue
            wizard = as_user(self.env['hr.exit.trend.wizard'], user).create({
                'date_from': '2024-01-01', 'date_to': '2024-12-31', 'company_id': company.id,
                'department_ids': [(6, 0, self.departments[company].ids)]})
            trends = as_user(Trends, user)._get_trends(wizard)
            self.assertEqual(trends['scope']['threshold'],
                             10 if company == self.subsidiary else 5, context)
            self.assertEqual(trends['headline']['hidden'], not shown, context)


class TestActionDoors(ExitInterviewCase):
    """Trend readers follow improvement actions without learning which
    interviews led to them."""

    @classmethod
    def setUpClass(cls):
        super(TestActionDoors, cls).setUpClass()
        cls.interview = cls._create_interview(confidential_notes='DOOR-SECRET-7731')
        cls.linked = cls.env['hr.exit.action'].create(
            {'name': 'Linked action', 'interview_ids': [(6, 0, cls.interview.ids)]})
        cls.unlinked = cls.env['hr.exit.action'].create({'name': 'Unlinked action'})
        cls.reporter_interviewer = cls._create_user(
            'reportinterviewer', [cls.group_report, cls.group_interviewer])

    def test_no_search_through_interviews(self):
        domains = [
            [('interview_ids', '=', self.interview.id)],
            [('interview_ids', 'in', self.interview.ids)],
            [('interview_ids', '!=', False)],
            [('interview_ids.confidential_notes', 'ilike', 'DOOR-SECRET')],
            [('interview_ids.employee_id', '=', self.leaver.id)],
            ['|', ('name', '=', 'x'), ('interview_ids', '=', self.interview.id)],
            [('department_id.member_ids.departure_date', '!=', False)],
        ]
        for user in (self.reporter, self.reporter_interviewer):
            Action = as_user(self.env['hr.exit.action'], user)
            for domain in domains:
                context = '%s %s' % (user.login, domain)
                for attempt in (lambda: Action.search(domain),
                                lambda: Action.search_count(domain),
                                lambda: Action.search_read(domain, ['name']),
                                lambda: Action.name_search('', domain),
                                lambda: Action.read_group(domain, ['state'], ['state'])):
                    with self.assertRaises(AccessError, msg=context):
                        attempt()
            for spec in ('interview_ids', 'interview_ids desc'):
                with self.assertRaises(AccessError, msg=spec):
                    Action.search([], order=spec)
            with self.assertRaises(AccessError):
                Action.read_group([], ['state'], ['state'], orderby='interview_ids')
            with self.assertRaises(AccessError):
                as_user(self.linked, user).export_data(['interview_ids/id'])
            # what they may do still works
            self.assertEqual(Action.search([('id', 'in', (self.linked | self.unlinked).ids)],
                                           order='name').mapped('name'),
                             ['Linked action', 'Unlinked action'])

    def test_officer_still_filters_on_interviews(self):
        Action = as_user(self.env['hr.exit.action'], self.officer)
        self.assertEqual(Action.search([('interview_ids', '=', self.interview.id)]),
                         self.linked)


class TestPeriodFilter(ExitInterviewCase):
    """A filter on a range of months reads an index, on both analysis views:
    the expression of the month is immutable and indexed."""

    def test_month_range_uses_the_index(self):
        cr = self.env.cr
        cr.execute('SET LOCAL enable_seqscan = off')
        for view in ('hr_exit_interview_report', 'hr_exit_answer_report'):
            cr.execute("EXPLAIN SELECT COUNT(*) FROM %s WHERE departure_month >= %%s "
                       "AND departure_month <= %%s AND state = %%s" % view,
                       ['2021-01-01', '2021-12-01', 'held'])
            plan = '\n'.join(row[0] for row in cr.fetchall())
            self.assertIn('hr_exit_interview_analysis_period_index', plan, view)
            # the range itself is an index condition, not a filter on every row
            conditions = '\n'.join(line for line in plan.splitlines() if 'Index Cond' in line)
            self.assertIn("date_trunc('month'::text, (departure_date)::timestamp without "
                          "time zone)", conditions, view)
        cr.execute('RESET enable_seqscan')
