"""Writes that would falsify a record, and searches that would read a field
by its order: tried by every role that may not do them, each in several
variants. A refused write raises and leaves the record as it was; a refused
search raises, or tells nothing (the order does not depend on the secret)."""
from odoo.exceptions import AccessError, UserError

from .common import ExitInterviewDoorCase, as_user

REFUSED = (AccessError, UserError)
# Everyone but the officers of the interview's company: they cannot even
# write the interview's ordinary fields.
OUTSIDERS = ('leaver_user', 'manager_user', 'foreign_officer', 'plain_user', 'reporter')
# ... and those who may write its ordinary fields, never what the system writes.
WRITERS = ('interviewer', 'officer', 'admin')
NOW = '2026-10-20 10:00:00'

# What only the action methods, the self-service page or the record rules'
# recomputation write on an interview; two variants or more per kind.
SYSTEM_WRITES = [
    {'state': 'done'},
    {'state': 'cancelled'},
    {'state': 'draft', 'interview_date': '2026-10-25 10:00:00'},
    {'date_done': NOW},
    {'submitted_date': NOW},
    {'registration_date': '2020-01-01'},
    {'questionnaire_sent_date': NOW},
    {'reminder_sent_date': NOW},
    {'invitation_sent': True},
    {'anonymized_date': NOW},
    {'employee_user_id': False},
    {'manager_user_id': False},
    {'department_manager_user_id': False},
    {'overall_score': 1.0},
    {'recommend_score': 0},
    {'voluntary': False},
    {'preventable': True},
]
SYSTEM_FIELDS = sorted(set(name for vals in SYSTEM_WRITES for name in vals) | {'name'})
# Officer-only fields: the link itself (a known token would be a door).
OFFICER_SYSTEM_WRITES = [
    {'questionnaire_token': 'a-token-chosen-by-hand'},
    {'questionnaire_token_expiry': '2099-01-01 00:00:00'},
]
# What an answer line copies from its question, and where it belongs.
ANSWER_SNAPSHOT_WRITES = [
    {'mandatory': False},
    {'question_type': 'text'},
    {'question_text': 'Another question'},
    {'is_recommend': True},
    {'category_sequence': 99},
]
ANSWER_FIELDS = ['interview_id', 'question_id', 'mandatory', 'question_type', 'question_text',
                 'is_recommend', 'category_sequence', 'rating', 'score']


class TestDoorsWrite(ExitInterviewDoorCase):

    def assertRefused(self, records, fields, call, msg):
        """call() raises a clear error, and records keep their values;
        records may be a list of (records, fields) pairs, fields then None."""
        targets = records if fields is None else [(records, fields)]

        def snapshot():
            self.env.cache.invalidate()
            return [target.sudo().read(names) for target, names in targets]
        before = snapshot()
        with self.refused(msg):
            call()
        self.assertEqual(snapshot(), before, msg)

    def _users(self, roles):
        return [(role, getattr(self, role)) for role in roles]

    # ------------------------------------------------------------------
    # Interviews: state, workflow dates, rule columns, stored results
    # ------------------------------------------------------------------

    def test_system_fields_of_an_interview_are_written_by_nobody(self):
        for role, user in self._users(WRITERS + OUTSIDERS):
            for vals in SYSTEM_WRITES:
                self.assertRefused(
                    self.interview, SYSTEM_FIELDS + ['interview_date'],
                    lambda: as_user(self.interview, user).write(vals), '%s %s' % (role, vals))

    def test_link_fields_are_set_by_their_actions_only(self):
        for role, user in self._users(('officer', 'admin')):
            for vals in OFFICER_SYSTEM_WRITES:
                self.assertRefused(
                    self.interview, ['questionnaire_token', 'questionnaire_token_expiry'],
                    lambda: as_user(self.interview, user).write(vals), '%s %s' % (role, vals))

    def test_held_interview_is_not_reopened_by_a_write(self):
        for role, user in self._users(WRITERS):
            for vals in ({'state': 'scheduled'}, {'state': 'draft'},
                         {'date_done': False}):
                self.assertRefused(
                    self.held, ['state', 'date_done'],
                    lambda: as_user(self.held, user).write(vals), '%s %s' % (role, vals))

    def test_interview_is_not_created_with_system_fields(self):
        values = [
            {'state': 'done', 'date_done': NOW},
            {'state': 'scheduled'},
            {'registration_date': '2019-05-01'},
            {'submitted_date': NOW},
            {'manager_user_id': self.other_interviewer.id},
            {'name': 'EXIT/FORGED/0001'},
        ]
        Interview = self.env['hr.exit.interview']
        for role, user in self._users(('officer', 'admin')):
            for extra in values:
                vals = dict(employee_id=self.spare_employee().id, departure_date='2026-11-30',
                            interviewer_id=self.interviewer.id, **extra)
                count = Interview.search_count([])
                with self.refused('%s %s' % (role, extra)):
                    as_user(Interview, user).create(vals)
                self.assertEqual(Interview.search_count([]), count)

    def spare_employee(self):
        return self.env['hr.employee'].create({'name': 'Spare Leaver',
                                               'company_id': self.company.id})

    def test_action_methods_still_set_the_workflow(self):
        """What the guard leaves to the actions, done by the roles that may."""
        interview = self._create_interview(employee=self.spare_employee())
        as_user(interview, self.officer).action_schedule()
        self.assertEqual(interview.state, 'scheduled')
        as_user(interview.answer_ids.filtered(lambda a: a.question_id == self.q_rating),
                self.interviewer).write({'rating_choice': '4'})
        as_user(interview, self.interviewer).write({
            'answer_ids': [(1, answer.id, {'score': 8}) if answer.question_id == self.q_score
                           else (4, answer.id) for answer in interview.answer_ids],
            'interview_date': '2026-10-21 09:00:00', 'consent_given': True})
        as_user(interview, self.interviewer).action_done()
        self.assertEqual(interview.state, 'done')
        self.assertTrue(interview.date_done)
        self.assertEqual(interview.overall_score, 4.0)
        self.assertEqual(interview.recommend_score, 8)
        tracked = interview.message_ids.filtered(lambda m: m.tracking_value_ids.filtered(
            lambda t: t.field == 'state' and t.new_value_char == 'Held'))
        self.assertEqual(tracked.author_id, self.interviewer.partner_id)
        other = self._create_interview(employee=self.spare_employee())
        as_user(other, self.officer).action_cancel()
        as_user(other, self.officer).action_reset_draft()
        self.assertEqual(other.state, 'draft')

    # ------------------------------------------------------------------
    # Company of an interview, an action, a questionnaire
    # ------------------------------------------------------------------

    def test_interview_stays_in_its_employee_company(self):
        child = self.env['res.company'].create({'name': 'Fjord Sales AS',
                                                'parent_id': self.company.id})
        both = self._create_user('twocompanies', [self.group_officer])
        both.write({'company_ids': [(4, self.other_company.id), (4, child.id)]})
        for role, user in (('officer', self.officer), ('admin', self.admin),
                           ('officer of two companies', both)):
            for company in (self.other_company, child):
                self.assertRefused(
                    self.interview, ['company_id'],
                    lambda: as_user(self.interview, user).write({'company_id': company.id}),
                    '%s -> %s' % (role, company.name))
        for role, user in self._users(('interviewer',) + OUTSIDERS):
            self.assertRefused(
                self.interview, ['company_id'],
                lambda: as_user(self.interview, user).write({'company_id': child.id}), role)
        # Created elsewhere than the employee's company: refused too.
        with self.refused('create in a company under the current one'):
            as_user(self.env['hr.exit.interview'], both).create({
                'employee_id': self.spare_employee().id, 'company_id': child.id,
                'departure_date': '2026-11-30'})
        # Nor linked to another company's questionnaire or department.
        foreign_department = self.env['hr.department'].create({
            'name': 'Fjord Sales', 'company_id': self.other_company.id})
        foreign_questionnaire = self.env['hr.exit.questionnaire'].create({
            'name': 'Fjord questions', 'company_id': self.other_company.id})
        for vals in ({'department_id': foreign_department.id},
                     {'questionnaire_id': foreign_questionnaire.id}):
            self.assertRefused(self.interview, list(vals), lambda: as_user(
                self.interview, self.officer).write(vals), str(vals))
        # The same company again (a client sending the form back) is no move.
        as_user(self.interview, self.officer).write({'company_id': self.company.id})

    def test_actions_and_questionnaires_stay_in_reach(self):
        action = self.env['hr.exit.action'].create({'name': 'Better onboarding'})
        for role, user in self._users(('officer', 'admin')):
            self.assertRefused(
                action, ['company_id'],
                lambda: as_user(action, user).write({'company_id': self.other_company.id}), role)
            count = self.env['hr.exit.action'].search_count([])
            with self.refused(role):
                as_user(self.env['hr.exit.action'], user).create({
                    'name': 'Elsewhere', 'company_id': self.other_company.id})
            self.assertEqual(self.env['hr.exit.action'].search_count([]), count)
        for role, user in self._users(('interviewer', 'reporter', 'plain_user')):
            self.assertRefused(action, ['company_id', 'state'], lambda: as_user(
                action, user).write({'company_id': self.other_company.id}), role)
        self.assertRefused(
            self.questionnaire, ['company_id'], lambda: as_user(self.questionnaire, self.admin)
            .write({'company_id': self.other_company.id}), 'admin')
        # Nor is a question moved into another company's questionnaire.
        foreign_questionnaire = self.env['hr.exit.questionnaire'].create({
            'name': 'Fjord questionnaire', 'company_id': self.other_company.id})
        question = self.env['hr.exit.question'].create({
            'questionnaire_id': self.questionnaire.id, 'name': 'Moved?',
            'category_id': self.q_rating.category_id.id})
        for call in (lambda: as_user(question, self.admin).write(
                         {'questionnaire_id': foreign_questionnaire.id}),
                     lambda: as_user(self.env['hr.exit.question'], self.admin).create({
                         'questionnaire_id': foreign_questionnaire.id, 'name': 'Planted',
                         'category_id': self.q_rating.category_id.id})):
            self.assertRefused(foreign_questionnaire | self.questionnaire, ['question_ids'],
                               call, 'question into another company')
        # Another company's interview is not linked to an action either.
        for command in ([(4, self.foreign_interview.id)], [(6, 0, [self.foreign_interview.id])]):
            self.assertRefused(action, ['interview_ids'], lambda: as_user(action, self.officer)
                               .write({'interview_ids': command}), str(command))

    # ------------------------------------------------------------------
    # Answers: moved, relabelled, duplicated, changed after the interview
    # ------------------------------------------------------------------

    def _rating(self, interview):
        return interview.answer_ids.filtered(lambda a: a.question_id == self.q_rating)

    def test_answer_is_not_moved_to_another_interview(self):
        answer = self._rating(self.interview)
        answer.rating = 5
        answers = self.interview.answer_ids | self.interview_other.answer_ids \
            | self.foreign_interview.answer_ids
        for role, user in self._users(WRITERS):
            for target in (self.interview_other, self.foreign_interview, self.held):
                self.assertRefused(
                    answers, ANSWER_FIELDS,
                    lambda: as_user(answer, user).write({'interview_id': target.id}),
                    '%s -> %s' % (role, target.name))

    def test_answers_are_not_moved_through_the_interview(self):
        """One2many commands on the interview: link (4), replace (6) and
        update (1) another interview's lines."""
        own = self.interview.answer_ids
        foreign = self._rating(self.interview_other)
        answers = own | self.interview_other.answer_ids
        commands = [
            [(4, foreign.id)],
            [(6, 0, own.ids + foreign.ids)],
            [(1, foreign.id, {'interview_id': self.interview.id})],
            [(1, own[:1].id, {'interview_id': self.interview_other.id})],
        ]
        for role, user in self._users(WRITERS):
            for command in commands:
                self.assertRefused(
                    [(answers, ANSWER_FIELDS), (self.interview | self.interview_other,
                                                ['overall_score', 'recommend_score'])], None,
                    lambda: as_user(self.interview, user).write({'answer_ids': command}),
                    '%s %s' % (role, command))
                self.assertEqual(self.interview.answer_ids, own)
                self.assertEqual(foreign.interview_id, self.interview_other)

    def test_answer_keeps_what_was_asked(self):
        answer = self._rating(self.interview)
        for role, user in self._users(WRITERS):
            for vals in ANSWER_SNAPSHOT_WRITES + [{'question_id': self.q_text.id}]:
                self.assertRefused(answer, ANSWER_FIELDS,
                                   lambda: as_user(answer, user).write(vals),
                                   '%s %s' % (role, vals))
            self.assertRefused(
                answer, ANSWER_FIELDS, lambda: as_user(self.interview, user).write(
                    {'answer_ids': [(1, answer.id, {'mandatory': False})]}), role)

    def test_no_second_line_for_a_question(self):
        """A duplicate or foreign line would count in the scores."""
        foreign_question = self.env['hr.exit.question'].create({
            'questionnaire_id': self._create_report_questionnaire().id,
            'name': 'Not asked here', 'question_type': 'rating',
            'category_id': self.q_rating.category_id.id})
        Answer = self.env['hr.exit.answer']
        variants = [
            {'question_id': self.q_rating.id, 'rating': 1},
            {'question_id': foreign_question.id, 'rating': 1},
            {'question_text': 'Free line', 'question_type': 'rating', 'rating': 1},
        ]
        for role, user in self._users(WRITERS):
            for vals in variants:
                before = self.interview.answer_ids
                with self.refused('%s %s' % (role, vals)):
                    as_user(Answer, user).create(dict(vals, interview_id=self.interview.id))
                with self.refused('%s %s' % (role, vals)):
                    as_user(self.interview, user).write({'answer_ids': [(0, 0, vals)]})
                self.interview.invalidate_cache()
                self.assertEqual(self.interview.answer_ids, before)
            with self.refused(role):
                as_user(Answer, user).create({
                    'interview_id': self.interview.id, 'question_id': self.q_rating.id,
                    'mandatory': False})

    def test_answers_of_a_held_interview_are_final(self):
        answer = self._rating(self.held)
        for role, user in self._users(WRITERS):
            for call in (lambda: as_user(answer, user).write({'rating': 1}),
                         lambda: as_user(answer, user).write({'rating_choice': '2'}),
                         lambda: as_user(answer, user).unlink(),
                         lambda: as_user(self.held, user).write(
                             {'answer_ids': [(2, answer.id)]})):
                self.assertRefused([(answer, ANSWER_FIELDS), (self.held, ['overall_score'])],
                                   None, call, role)
                self.assertEqual(answer.exists().rating, 4, role)
                self.assertEqual(self.held.overall_score, 4.0, role)

    def test_outsiders_write_no_answer(self):
        answer = self._rating(self.interview)
        for role, user in self._users(OUTSIDERS + ('other_interviewer',)):
            for vals in ({'rating': 1}, {'interview_id': self.interview_other.id}):
                self.assertRefused(answer, ANSWER_FIELDS,
                                   lambda: as_user(answer, user).write(vals),
                                   '%s %s' % (role, vals))

    # ------------------------------------------------------------------
    # The departure wizard and the employee
    # ------------------------------------------------------------------

    def test_departure_wizard_writes_nothing_for_others(self):
        employee = self.colleague
        fields = ['departure_date', 'departure_type', 'departure_reason_id',
                  'archive_on_departure']
        interviews = self.env['hr.exit.interview'].search_count([])
        for role, plan in (('foreign_officer', True), ('foreign_officer', False),
                           ('interviewer', True), ('plain_user', False), ('reporter', True),
                           ('manager_user', True), ('leaver_user', False)):
            def confirm():
                wizard = as_user(self.env['hr.exit.departure.wizard'],
                                 getattr(self, role)).create({
                                     'employee_id': employee.id, 'departure_date': '2026-12-01',
                                     'departure_type': 'dismissal', 'plan_interview': plan,
                                     'archive_on_departure': True,
                                     'interviewer_id': self.foreign_officer.id})
                wizard.action_confirm()
            self.assertRefused(employee, fields, confirm, '%s plan=%s' % (role, plan))
        self.assertEqual(self.env['hr.exit.interview'].search_count([]), interviews)
        # Nor an interview for them, through the employee or directly.
        for call in (lambda: as_user(employee, self.foreign_officer).write({
                         'exit_interview_ids': [(0, 0, {'departure_date': '2026-12-01'})]}),
                     lambda: as_user(self.env['hr.exit.interview'], self.foreign_officer)
                     .create({'employee_id': employee.id, 'departure_date': '2026-12-01'})):
            with self.refused('interview for another company\'s employee'):
                call()
            self.assertEqual(self.env['hr.exit.interview'].search_count([]), interviews)
        for vals in ({'departure_date': '2027-01-01'}, {'archive_on_departure': True}):
            self.assertRefused(employee, fields, lambda: as_user(
                employee, self.foreign_officer).write(vals), str(vals))


class TestDoorsSearch(ExitInterviewDoorCase):
    """Searching, sorting and grouping by a field one may not read."""

    EMPLOYEE_FIELDS = ('departure_date', 'departure_type', 'departure_reason_id',
                       'archive_on_departure')

    def _positions(self, user, order, secret):
        """Where the secret employees come, in the user's list sorted by order."""
        found = as_user(self.env['hr.employee'], user).search(
            [('id', 'in', (self.secret_leavers | self.foreign_leavers).ids)], order=order)
        return [employee.id for employee in found if employee in secret]

    def test_other_company_officer_learns_nothing_by_sorting(self):
        """Bisection: if the order of two employees depended on their hidden
        departure, sorting both ways would tell it."""
        user = self.foreign_officer
        for name in self.EMPLOYEE_FIELDS:
            ascending = self._positions(user, '%s asc, id' % name, self.secret_leavers)
            descending = self._positions(user, '%s desc, id' % name, self.secret_leavers)
            self.assertEqual(ascending, descending, name)
            first = [as_user(self.env['hr.employee'], user).search(
                [('id', 'in', self.secret_leavers.ids)], order='%s %s' % (name, direction),
                limit=1) for direction in ('asc', 'desc')]
            self.assertEqual(first[0], first[1], name)
            groups = as_user(self.env['hr.employee'], user).read_group(
                [('id', 'in', self.secret_leavers.ids)], [name], [name],
                orderby='%s desc' % name)
            self.assertFalse([group for group in groups if group[name]], name)
        # Their own company's departures still sort as they should.
        own = self._positions(user, 'departure_date asc, id', self.foreign_leavers)
        self.assertEqual(own, self.foreign_leavers.sorted('departure_date').ids)
        self.assertEqual(self._positions(user, 'departure_date desc, id', self.foreign_leavers),
                         list(reversed(own)))

    def test_those_who_may_not_read_may_not_sort_search_or_group(self):
        """The documented outcome: an AccessError, whatever the door."""
        Employee = self.env['hr.employee']
        target = self.secret_leavers[:1]
        for role in ('plain_user', 'interviewer', 'reporter', 'manager_user', 'leaver_user'):
            user = getattr(self, role)
            for name in self.EMPLOYEE_FIELDS:
                calls = [
                    lambda: as_user(Employee, user).search([], order='%s desc' % name),
                    lambda: as_user(Employee, user).search([('id', '=', target.id)],
                                                           order='"%s"' % name),
                    lambda: as_user(Employee, user).read_group([], ['name'], [name]),
                    lambda: as_user(Employee, user).read_group(
                        [], ['department_id'], ['department_id'], orderby=name),
                    lambda: as_user(Employee, user).search(['!', (name, '=', False)]),
                    lambda: as_user(Employee, user).search(
                        [('id', '=', target.id), '|', (name, '!=', False), (name, '=', False)]),
                    lambda: as_user(Employee, user).search_count([('parent_id.%s' % name, '!=',
                                                                   False)]),
                    lambda: as_user(self.env['res.users'], user).search(
                        [('employee_ids.%s' % name, '!=', False)]),
                ]
                for number, call in enumerate(calls):
                    with self.refused('%s %s #%d' % (role, name, number), AccessError):
                        call()

    def test_paths_into_restricted_fields_of_other_models(self):
        secret = 'DOOR-SECRET-NOTE'
        cases = [
            ('hr.exit.answer', 'interview_id.confidential_notes', ('interviewer',)),
            ('hr.exit.answer', 'interview_id.questionnaire_token', ('interviewer',)),
            ('hr.employee', 'exit_interview_ids.confidential_notes',
             ('interviewer', 'hr_user', 'plain_user')),
            ('hr.employee', 'exit_interview_ids.name', ('interviewer', 'hr_user')),
            ('hr.exit.action', 'interview_ids.confidential_notes', ('reporter',)),
            ('hr.exit.action', 'interview_ids', ('reporter',)),
            ('hr.exit.interview', 'confidential_notes', ('interviewer',)),
            ('hr.exit.interview', 'employee_id.departure_reason_id.name', ('interviewer',)),
        ]
        for model, path, roles in cases:
            for role in roles:
                Model = as_user(self.env[model], getattr(self, role))
                msg = '%s %s %s' % (model, path, role)
                with self.refused(msg, AccessError):
                    Model.search([(path, 'ilike', secret)])
                with self.refused(msg, AccessError):
                    Model.search(['!', (path, '=', False)])
                if '.' not in path:
                    with self.refused(msg, AccessError):
                        Model.search([], order=path)
        # Whoever may read them keeps every door.
        self.assertEqual(as_user(self.env['hr.exit.answer'], self.officer).search(
            [('interview_id.confidential_notes', 'ilike', secret)]).mapped('interview_id'),
            self.interview)
        self.assertEqual(as_user(self.env['hr.employee'], self.officer).search(
            [('exit_interview_ids.confidential_notes', 'ilike', secret)]), self.leaver)

    def test_interview_refusal_names_the_field(self):
        Interview = as_user(self.env['hr.exit.interview'], self.interviewer)
        for call in (lambda: Interview.search([], order='confidential_notes'),
                     lambda: Interview.read_group([], ['state'], ['questionnaire_token']),
                     lambda: Interview.search([('questionnaire_url', '!=', False)])):
            with self.assertRaises(AccessError) as caught:
                call()
            self.assertIn('Exit Interview', caught.exception.name)
