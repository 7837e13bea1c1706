"""Who may reach an exit interview, and through which door.

Every check runs as a real user (``as_user``) inside a savepoint that is
rolled back afterwards, so that what one role may write or delete does not
change what the next role sees. The expected verdicts are tables: one line per
role, one letter per operation.

One file for every door on purpose, so that a reviewer sees the whole access
matrix in one place; hence its length.
"""
from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ExitInterviewCase, as_user

VERDICTS = {
    'A': 'allowed',
    'D': 'AccessError',
    'H': 'hidden',      # the call succeeds, but a record rule leaves the record out
    'E': 'empty',       # the call succeeds, the value is not shown
}
ROLES = ('officer', 'admin', 'interviewer', 'other_interviewer', 'reporter', 'plain_user',
         'hr_user', 'manager_user', 'dept_head_user', 'leaver_user', 'foreign_officer')

# create, read, write, unlink, search, read_group, name_search, export_data
RECORD_OPERATIONS = ('create', 'read', 'write', 'unlink', 'search', 'read_group',
                     'name_search', 'export')
NO_ACCESS = 'DDDDDDDD'
OTHER_COMPANY = 'DDDDHHHD'
READ_ONLY = 'DADDAAAA'
FULL = 'AAAAAAAA'

INTERVIEW_TABLE = {
    'officer': 'AAADAAAA',          # officers do not delete interviews
    'admin': FULL,
    'interviewer': 'DAADAAAA',      # their own interview, neither created nor deleted by them
    'other_interviewer': 'DDDDHHHD',
    'reporter': NO_ACCESS,
    'plain_user': NO_ACCESS,
    'hr_user': NO_ACCESS,
    'manager_user': NO_ACCESS,
    'dept_head_user': NO_ACCESS,
    'leaver_user': NO_ACCESS,
    'foreign_officer': OTHER_COMPANY,
}
ANSWER_TABLE = dict(INTERVIEW_TABLE, officer=FULL, interviewer='AAADAAAA')
# Questionnaires and questions: configured by administrators, read by whoever
# holds interviews; the rest as for interviews.
QUESTIONNAIRE_TABLE = dict(INTERVIEW_TABLE, officer=READ_ONLY, interviewer=READ_ONLY,
                           other_interviewer=READ_ONLY)
# Reasons and areas are a taxonomy shared by all companies; trend readers need them.
TAXONOMY_TABLE = dict(QUESTIONNAIRE_TABLE, reporter=READ_ONLY, foreign_officer=READ_ONLY)

# model: table, fixture, values to create one, fields to read, a field to group by
CONFIGURATION_MATRICES = {
    'hr.exit.questionnaire': (QUESTIONNAIRE_TABLE, 'm_questionnaire',
                              {'name': 'Another questionnaire'}, ['name', 'question_ids'],
                              'company_id'),
    'hr.exit.question': (QUESTIONNAIRE_TABLE, 'm_question', {'name': 'Another question'},
                         ['name', 'question_type'], 'category_id'),
    'hr.exit.reason': (TAXONOMY_TABLE, 'm_reason', {'name': 'Another reason'},
                       ['name', 'reason_type', 'preventable'], 'reason_type'),
    'hr.exit.category': (TAXONOMY_TABLE, 'm_category', {'name': 'Another area', 'code': 'another'},
                         ['name', 'code'], 'code'),
}

# read, search, read_group, export_data of what hangs on the interview
CHATTER_OPERATIONS = ('read', 'search', 'read_group', 'export')
CHATTER_TABLE = dict((role, 'DHHD') for role in ROLES)
CHATTER_TABLE.update(officer='AAAA', admin='AAAA', interviewer='AAAA')

# The leaver's employee record: read each exit field, search, group and export.
EMPLOYEE_OPERATIONS = ('read departure_date', 'read departure_type', 'read departure_reason_id',
                       'read exit_interview_count', 'read exit_interview_ids',
                       'search by departure_reason_id', 'group by departure_type',
                       'export departure_reason_id')
EMPLOYEE_TABLE = dict((role, 'DDDDDDDD') for role in ROLES)
EMPLOYEE_TABLE.update(officer='AAAAAAAA', admin='AAAAAAAA', hr_user='ADDDDDDD',
                      foreign_officer='EEEEEHHE')


class TestSecurity(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestSecurity, cls).setUpClass()
        cls.interview = cls._create_interview(confidential_notes='Wants to come back one day.')
        cls.interview.action_schedule()
        # The head of R&D's case: a leaver of R&D, reporting to nobody directly.
        cls.interview_rd = cls._create_interview(employee=cls.colleague,
                                                 interviewer_id=cls.other_interviewer.id)
        cls.interview_rd.action_schedule()
        cls.spare = cls.env['hr.employee'].create({
            'name': 'Per Spare', 'department_id': cls.dep_sales.id,
            'company_id': cls.company.id})
        cls.m_questionnaire = cls.env['hr.exit.questionnaire'].create({
            'name': 'Matrix questionnaire', 'company_id': cls.company.id})
        cls.m_question = cls.env['hr.exit.question'].create({
            'questionnaire_id': cls.m_questionnaire.id, 'name': 'Matrix question',
            'category_id': cls.env.ref('hr_exit_interview.exit_category_tasks').id})
        cls.m_reason = cls.env['hr.exit.reason'].create({'name': 'Matrix reason'})
        cls.m_category = cls.env['hr.exit.category'].create({'name': 'Matrix area',
                                                             'code': 'matrix'})
        cls.chatter = cls._build_chatter(cls.interview)
        cls.chatter_rd = cls._build_chatter(cls.interview_rd)
        cls.leaver.sudo().write({'departure_date': '2026-10-31', 'departure_type': 'resignation',
                                 'departure_reason_id': cls.reason_pay.id})

    @classmethod
    def _build_chatter(cls, interview):
        """A message, an attachment, an activity and a follower on the interview.
        The message is the worst case: written by the leaver to their managers,
        whom mail's own rules let read what they wrote or received."""
        employee = interview.employee_id
        readers = (cls.manager_user | cls.dept_head_user | cls.leaver_user).mapped('partner_id')
        message = cls.env['mail.message'].create({
            'model': interview._name, 'res_id': interview.id, 'message_type': 'email',
            'body': '<p>%s: my manager never listened.</p>' % employee.name,
            'author_id': employee.user_id.partner_id.id or cls.leaver_user.partner_id.id,
            'partner_ids': [(6, 0, readers.ids)],
            'needaction_partner_ids': [(6, 0, readers.ids)],
        })
        attachment = cls.env['ir.attachment'].create({
            'name': 'notes.txt', 'datas_fname': 'notes.txt', 'datas': 'bm90ZXM=',
            'res_model': interview._name, 'res_id': interview.id, 'public': True,
        })
        return {
            'mail.message': (message, ['body'], 'model'),
            'ir.attachment': (attachment, ['name'], 'res_model'),
            'mail.activity': (interview.activity_ids[:1], ['res_name'], 'res_model'),
            'mail.followers': (interview.message_follower_ids.filtered(
                lambda f: f.partner_id == interview.interviewer_id.partner_id),
                ['partner_id'], 'res_model'),
        }

    # ------------------------------------------------------------------
    # The checking machinery
    # ------------------------------------------------------------------

    @contextmanager
    def _rolled_back(self):
        self.env.cr.execute('SAVEPOINT security_check')
        try:
            yield
        finally:
            self.env.cr.execute('ROLLBACK TO SAVEPOINT security_check')
            self.env.clear()

    def _verdict(self, call):
        """Run call() in a savepoint; its verdict letter, or the unexpected error."""
        with self._rolled_back():
            try:
                return call()
            except AccessError:
                return 'D'
            except Exception as error:  # pylint: disable=broad-except
                return '%s: %s' % (type(error).__name__, error)

    def _assert_table(self, table, operations, check):
        for role in ROLES:
            user = getattr(self, role)
            for operation, letter in zip(operations, table[role]):
                with self.subTest(role=role, operation=operation):
                    got = self._verdict(lambda: check(role, user, operation))
                    self.assertEqual(
                        VERDICTS.get(got, got), VERDICTS[letter],
                        '%s, %s: expected %s, got %s' % (
                            role, operation, VERDICTS[letter], VERDICTS.get(got, got)))

    def _record_check(self, spec):
        """check(role, user, operation) for one model of the record matrix."""
        def check(role, user, operation):
            target = spec['target'](role)
            Model = as_user(self.env[target._name], user)
            record = as_user(target, user)
            if operation == 'create':
                Model.create(spec['create']())
            elif operation == 'read':
                record.read(spec['fields'])
            elif operation == 'write':
                record.write(spec['write'])
            elif operation == 'unlink':
                record.unlink()
            elif operation == 'export':
                record.export_data(spec['fields'])
            else:
                return self._found(Model, target, operation, spec.get('groupby'))
            return 'A'
        return check

    def _found(self, Model, target, operation, groupby):
        """'A' if the search, grouping or name search returns target, 'H' if not."""
        if operation == 'search':
            found = Model.search([('id', '=', target.id)]).ids
        elif operation == 'read_group':
            groups = Model.read_group([('id', '=', target.id)], [groupby], [groupby])
            found = [target.id] if sum(g[groupby + '_count'] for g in groups) else []
        else:
            name = target.sudo()[target._rec_name]
            found = [pair[0] for pair in Model.name_search(name, limit=None)]
        return 'A' if target.id in found else 'H'

    def _interview_for(self, role):
        return self.interview_rd if role == 'dept_head_user' else self.interview

    def _chatter_for(self, role):
        return self.chatter_rd if role == 'dept_head_user' else self.chatter

    # ------------------------------------------------------------------
    # The matrices
    # ------------------------------------------------------------------

    def test_interview_matrix(self):
        self._assert_table(INTERVIEW_TABLE, RECORD_OPERATIONS, self._record_check({
            'target': self._interview_for,
            'create': lambda: {'employee_id': self.spare.id, 'departure_date': '2026-11-30',
                               'interviewer_id': self.interviewer.id},
            'fields': ['name', 'employee_id', 'primary_reason_id'],
            'write': {'interview_date': '2026-10-21 09:00:00'},
            'groupby': 'state',
        }))

    def test_answer_matrix(self):
        def target(role):
            return self._interview_for(role).answer_ids.filtered(
                lambda answer: answer.question_id == self.q_rating)
        self._assert_table(ANSWER_TABLE, RECORD_OPERATIONS, self._record_check({
            'target': target,
            # a question added after the interview was scheduled: it has no line yet
            'create': lambda: {'interview_id': self.interview.id, 'question_id': self.env[
                'hr.exit.question'].create({
                    'questionnaire_id': self.questionnaire.id, 'name': 'Added later',
                    'category_id': self.q_text.category_id.id, 'question_type': 'text'}).id},
            'fields': ['question_text', 'rating', 'text'],
            'write': {'rating': 2},
            'groupby': 'category_id',
        }))

    def _assert_configuration_matrix(self, model):
        table, target, values, read_fields, groupby = CONFIGURATION_MATRICES[model]
        # values that only exist once the fixtures are built
        values = dict(values, **{
            'hr.exit.questionnaire': {'company_id': self.company.id},
            'hr.exit.question': {'questionnaire_id': self.m_questionnaire.id,
                                 'category_id': self.m_question.category_id.id},
        }.get(model, {}))
        self._assert_table(table, RECORD_OPERATIONS, self._record_check({
            'target': lambda role: getattr(self, target),
            'create': lambda: values,
            'fields': read_fields,
            'write': {'description': 'Changed'},
            'groupby': groupby,
        }))

    def test_questionnaire_matrix(self):
        self._assert_configuration_matrix('hr.exit.questionnaire')

    def test_question_matrix(self):
        self._assert_configuration_matrix('hr.exit.question')

    def test_reason_matrix(self):
        self._assert_configuration_matrix('hr.exit.reason')

    def test_category_matrix(self):
        self._assert_configuration_matrix('hr.exit.category')

    def test_chatter_matrix(self):
        """Messages, attachments, activities and followers of the interview."""
        for model in ('mail.message', 'ir.attachment', 'mail.activity', 'mail.followers'):
            def check(role, user, operation, model=model):
                record, read_fields, groupby = self._chatter_for(role)[model]
                self.assertTrue(record, 'no %s to check' % model)
                if operation == 'read':
                    as_user(record, user).read(read_fields)
                elif operation == 'export':
                    as_user(record, user).export_data(read_fields)
                else:
                    return self._found(as_user(self.env[model], user), record, operation, groupby)
                return 'A'
            with self.subTest(model=model):
                self._assert_table(CHATTER_TABLE, CHATTER_OPERATIONS, check)

    def test_employee_exit_fields_matrix(self):
        """What this addon adds on the employee, including through search,
        grouping and export, for the leaver's own record."""
        def check(role, user, operation):
            employee = as_user(self.leaver, user)
            verb, name = operation.split(' ')[0], operation.split(' ')[-1]
            if verb == 'read':
                value = employee.read([name])[0][name]
            elif verb == 'export':
                value = employee.export_data([name + '/id'])['datas'][0][0]
            elif verb == 'search':
                return 'A' if employee.search([(name, '=', self.reason_pay.id),
                                               ('id', '=', self.leaver.id)]) else 'H'
            else:
                groups = employee.read_group([('id', '=', self.leaver.id)], [name], [name])
                return 'A' if groups else 'H'
            return 'A' if value else 'E'
        self._assert_table(EMPLOYEE_TABLE, EMPLOYEE_OPERATIONS, check)

    # ------------------------------------------------------------------
    # Confidential notes and tracking
    # ------------------------------------------------------------------

    def test_confidential_notes_for_officers_only(self):
        self.assertEqual(as_user(self.interview, self.officer).confidential_notes,
                         'Wants to come back one day.')
        with self.assertRaises(AccessError):
            as_user(self.interview, self.interviewer).read(['confidential_notes'])
        with self.assertRaises(AccessError):
            as_user(self.interview, self.interviewer).write({'confidential_notes': 'Mine'})
        self.assertNotIn('confidential_notes',
                         as_user(self.env['hr.exit.interview'], self.interviewer).fields_get())

    def test_restricted_interview_fields_not_searchable_through_the_answers(self):
        """interview_id is joined when answers are searched (auto_join): the
        interview's restricted fields stay out of reach through that path,
        whatever the operator, while officers still search on them."""
        notes = 'interview_id.confidential_notes'
        for user in (self.interviewer, self.reporter, self.plain_user):
            Answer = as_user(self.env['hr.exit.answer'], user)
            for domain in ([(notes, 'ilike', 'come back')], [(notes, '!=', False)],
                           ['|', ('id', '=', 0), (notes, '=', False)],
                           [('interview_id.questionnaire_token', '!=', False)]):
                with self.subTest(user=user.login, domain=domain), \
                        self.assertRaises(AccessError):
                    Answer.search(domain)
            with self.subTest(user=user.login, what='search_count'), \
                    self.assertRaises(AccessError):
                Answer.search_count([(notes, 'ilike', 'come back')])
        found = as_user(self.env['hr.exit.answer'], self.officer).search([(notes, 'ilike', 'come back')])
        self.assertEqual(found, self.interview.answer_ids)
        # an unrestricted field of the interview stays searchable through the join
        self.assertEqual(as_user(self.env['hr.exit.answer'], self.interviewer).search(
            [('interview_id.name', '=', self.interview.name)]), self.interview.answer_ids)

    def test_confidential_notes_never_reach_the_chatter(self):
        as_user(self.interview, self.officer).write({'confidential_notes': 'Salary was the issue.'})
        tracked = self.interview.message_ids.mapped('tracking_value_ids')
        self.assertTrue(tracked, 'the state change should have been tracked')
        self.assertNotIn('confidential_notes', tracked.mapped('field'))
        bodies = ' '.join(self.interview.message_ids.mapped('body'))
        self.assertNotIn('Salary was the issue', bodies)
        # What interviewers get of the chatter: no note either.
        formatted = as_user(self.interview.message_ids, self.interviewer).message_format()
        self.assertNotIn('Salary was the issue', str(formatted))

    def test_tracking_values_only_through_readable_messages(self):
        tracking = self.interview.message_ids.mapped('tracking_value_ids')[:1]
        self.assertTrue(tracking)
        for user in (self.manager_user, self.leaver_user, self.interviewer, self.officer):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(tracking, user).read(['new_value_char'])
        message = tracking.mail_message_id
        self.assertTrue(as_user(message, self.interviewer).message_format()[0]['tracking_value_ids'])
        with self.assertRaises(AccessError):
            as_user(message, self.manager_user).message_format()

    def test_outgoing_mail_of_an_interview(self):
        mail = self.env['mail.mail'].create({
            'model': self.interview._name, 'res_id': self.interview.id,
            'subject': 'Your exit interview', 'body_html': '<p>Dear Ola Leaver</p>',
            'email_to': 'ola.leaver@example.com'})
        for user in (self.manager_user, self.leaver_user, self.other_interviewer,
                     self.foreign_officer):
            self.assertFalse(as_user(self.env['mail.mail'], user).search([('id', '=', mail.id)]),
                             user.login)
            with self.assertRaises(AccessError, msg=user.login):
                as_user(mail, user).read(['body_html'])
        self.assertEqual(as_user(self.env['mail.mail'], self.officer).search(
            [('id', '=', mail.id)]), mail)

    def test_questionnaire_link_in_the_mail_queue_for_officers_only(self):
        """The link is the key to the leaver's questionnaire: until the e-mail
        is sent, the queue must not show it to anyone but officers."""
        as_user(self.interview, self.officer).action_send_questionnaire()
        token = self.interview.questionnaire_token
        domain = [('body_html', 'ilike', token)]
        mail = self.env['mail.mail'].search(domain)
        self.assertEqual(len(mail), 1)
        for user in (self.interviewer, self.plain_user, self.manager_user, self.leaver_user,
                     self.hr_user, self.reporter, self.foreign_officer):
            Mail = as_user(self.env['mail.mail'], user)
            self.assertFalse(Mail.search(domain), user.login)
            self.assertFalse(Mail.read_group(domain, ['state'], ['state']), user.login)
            with self.assertRaises(AccessError, msg=user.login):
                as_user(mail, user).read(['body_html'])
            with self.assertRaises(AccessError, msg=user.login):
                as_user(mail, user).write({'email_to': 'someone.else@example.com'})
        for user in (self.officer, self.admin):
            self.assertEqual(as_user(self.env['mail.mail'], user).search(domain), mail)

    def test_grouped_chatter_gives_nothing_away(self):
        """read_group goes around mail's own checks: the record rule must not."""
        domain = [('model', '=', 'hr.exit.interview')]
        for user in (self.manager_user, self.leaver_user, self.plain_user, self.reporter):
            groups = as_user(self.env['mail.message'], user).read_group(
                domain, ['record_name'], ['record_name'])
            self.assertFalse(groups, user.login)
            self.assertFalse(as_user(self.env['mail.activity'], user).read_group(
                [('res_model', '=', 'hr.exit.interview')], ['res_name'], ['res_name']),
                user.login)
        names = [group['record_name'] for group in as_user(self.env['mail.message'], self.officer).read_group(
            domain, ['record_name'], ['record_name'])]
        self.assertIn(self.interview.display_name, names)

    # ------------------------------------------------------------------
    # Interviewers
    # ------------------------------------------------------------------

    def test_interviewer_cannot_reach_another_interview_by_id(self):
        other = as_user(self.interview_rd, self.interviewer)
        with self.assertRaises(AccessError):
            other.read(['name'])
        with self.assertRaises(AccessError):
            other.write({'interview_date': '2026-10-22 10:00:00'})
        with self.assertRaises(AccessError):
            other.answer_ids.read(['text'])

    def test_interviewer_cannot_change_who_and_where(self):
        interview = as_user(self.interview, self.interviewer)
        for vals in ({'employee_id': self.spare.id},
                     {'interviewer_id': self.other_interviewer.id},
                     {'company_id': self.other_company.id},
                     {'department_id': self.dep_rd.id},
                     {'manager_id': False}):
            with self.assertRaises(AccessError, msg=str(vals)):
                interview.write(vals)
        interview.write({'interview_date': '2026-10-23 14:00:00', 'consent_given': True})
        self.assertTrue(self.interview.consent_given)

    def test_interviewer_must_be_an_interviewer(self):
        with self.assertRaises(ValidationError):
            self._create_interview(employee=self.spare, interviewer_id=self.plain_user.id)

    def test_leaver_and_manager_cannot_interview(self):
        (self.leaver_user | self.manager_user | self.dept_head_user).write(
            {'groups_id': [(4, self.group_interviewer.id)]})
        with self.assertRaises(ValidationError):
            self.interview.write({'interviewer_id': self.leaver_user.id})
        with self.assertRaises(ValidationError):
            self.interview.write({'interviewer_id': self.manager_user.id})
        with self.assertRaises(ValidationError):
            self.interview_rd.write({'interviewer_id': self.dept_head_user.id})
        # An HR officer who manages the leaver may hold the interview.
        self.manager_user.write({'groups_id': [(4, self.group_officer.id)]})
        self.interview.write({'interviewer_id': self.manager_user.id})
        self.assertEqual(self.interview.interviewer_id, self.manager_user)

    def test_new_department_head_loses_the_interviews_of_the_department(self):
        interviewer_employee = self.env['hr.employee'].create({
            'name': 'Ivar Interviewer', 'user_id': self.other_interviewer.id,
            'company_id': self.company.id})
        self.assertTrue(as_user(self.interview_rd, self.other_interviewer).read(['name']))
        self.dep_rd.manager_id = interviewer_employee
        with self.assertRaises(AccessError):
            as_user(self.interview_rd, self.other_interviewer).read(['name'])
        self.assertFalse(as_user(self.env['hr.exit.interview'], self.other_interviewer).search(
            [('id', '=', self.interview_rd.id)]))
        self.assertFalse(as_user(self.env['hr.exit.answer'], self.other_interviewer).search(
            [('interview_id', '=', self.interview_rd.id)]))
        self.assertTrue(as_user(self.interview_rd, self.officer).read(['name']))

    # ------------------------------------------------------------------
    # Managers, leavers, HR officers of Odoo
    # ------------------------------------------------------------------

    def test_manager_who_is_an_officer_may_read(self):
        with self.assertRaises(AccessError):
            as_user(self.interview, self.manager_user).read(['name'])
        self.manager_user.write({'groups_id': [(4, self.group_officer.id)]})
        self.assertTrue(as_user(self.interview, self.manager_user).read(['name']))

    def test_nobody_reads_their_own_exit_interview(self):
        self.leaver_user.write({'groups_id': [(4, self.group_admin.id)]})
        Interview = as_user(self.env['hr.exit.interview'], self.leaver_user)
        self.assertFalse(Interview.search([('id', '=', self.interview.id)]))
        self.assertFalse(as_user(self.env['hr.exit.answer'], self.leaver_user).search(
            [('interview_id', '=', self.interview.id)]))
        with self.assertRaises(AccessError):
            as_user(self.interview, self.leaver_user).read(['name'])
        self.assertFalse(as_user(self.env['mail.message'], self.leaver_user).search(
            [('model', '=', 'hr.exit.interview'), ('res_id', '=', self.interview.id)]))
        # ... while the other interviews stay theirs to manage.
        self.assertEqual(Interview.search([('id', '=', self.interview_rd.id)]),
                         self.interview_rd)

    def test_odoo_hr_officer_gets_no_exit_access_by_default(self):
        exit_groups = self.group_interviewer | self.group_officer | self.group_admin \
            | self.group_report
        self.assertFalse(exit_groups & self.hr_user.groups_id)
        hr_manager = self._create_user('hrmanager', [self.env.ref('hr.group_hr_manager')])
        self.assertIn(self.group_admin, hr_manager.groups_id)

    def test_foreign_officer_cannot_register_a_departure_here(self):
        with self.assertRaises(AccessError):
            as_user(self.leaver, self.foreign_officer).write({'departure_type': 'dismissal'})
        self.assertEqual(self.leaver.departure_type, 'resignation')

    # ------------------------------------------------------------------
    # Followers and activities
    # ------------------------------------------------------------------

    def test_only_readers_follow(self):
        interview = as_user(self.interview, self.officer)
        with self.assertRaises(UserError):
            interview.message_subscribe(partner_ids=[self.manager_user.partner_id.id])
        outsider = self.env['res.partner'].create({'name': 'Outside Partner',
                                                   'email': 'outside@example.com'})
        with self.assertRaises(UserError):
            interview.message_subscribe(partner_ids=[outsider.id])
        channel = self.env['mail.channel'].create({'name': 'Sales team'})
        with self.assertRaises(UserError):
            interview.message_subscribe(channel_ids=[channel.id])
        interview.message_subscribe(partner_ids=[self.admin.partner_id.id])
        self.assertIn(self.admin.partner_id, self.interview.message_partner_ids)

    def test_automatic_subscriptions_of_others_are_dropped(self):
        self.interview.message_post(body='Thanks for the talk', message_type='email',
                                    author_id=self.leaver_user.partner_id.id)
        self.assertNotIn(self.leaver_user.partner_id, self.interview.message_partner_ids)

    def test_activity_for_someone_who_cannot_read_is_refused(self):
        with self.assertRaises(UserError):
            as_user(self.env['mail.activity'], self.officer).create({
                'res_model_id': self.env['ir.model']._get_id('hr.exit.interview'),
                'res_id': self.interview.id, 'user_id': self.manager_user.id,
                'summary': 'Talk to HR'})

    # ------------------------------------------------------------------
    # Recomputation does not depend on who triggers it
    # ------------------------------------------------------------------

    def test_editing_a_reason_recomputes_every_company(self):
        foreign = self._create_interview(
            employee=self.env['hr.employee'].create({
                'name': 'Fjord Leaver', 'company_id': self.other_company.id}),
            interviewer_id=self.foreign_officer.id, primary_reason_id=self.m_reason.id)
        self.assertEqual(foreign.company_id, self.other_company)
        self.assertFalse(foreign.preventable)
        as_user(self.m_reason, self.admin).write({'preventable': True, 'reason_type': 'involuntary'})
        self.assertTrue(foreign.preventable)
        self.assertFalse(foreign.voluntary)
