"""What keeps the cost of a read independent of the number of interviews:
record rules that carry no list of interview ids, and indexes on the foreign
keys a delete or a join walks."""
from .common import ExitInterviewCase, as_user

# Models whose records hang on an exit interview by model name and id.
ATTACHED_MODELS = ('mail.message', 'ir.attachment', 'mail.activity', 'mail.followers')


class TestScaling(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestScaling, cls).setUpClass()
        cls.interview = cls._create_interview(interviewer_id=cls.interviewer.id)
        cls.interview.action_schedule()

    def _rule_sql(self, model, user):
        """The WHERE clause and parameters the read rules add for user."""
        clauses, params, _tables = as_user(self.env['ir.rule'], user).domain_get(model, 'read')
        return ' AND '.join(clauses), params

    def test_rules_carry_no_list_of_interviews(self):
        """The SQL of every rule reaching an interview is the same with one
        interview or with several more: no id list fetched beforehand."""
        users = (self.officer, self.interviewer, self.other_interviewer, self.plain_user,
                 self.reporter, self.leaver_user)
        models = ('hr.exit.interview', 'hr.exit.answer') + ATTACHED_MODELS
        before = dict(((model, user), self._rule_sql(model, user))
                      for model in models for user in users)
        for employee in (self.colleague, self.dept_head):
            self._create_interview(employee=employee,
                                   interviewer_id=self.interviewer.id).action_schedule()
        for model in models:
            for user in users:
                with self.subTest(model=model, user=user.login):
                    self.assertEqual(self._rule_sql(model, user), before[model, user])

    def test_answers_of_an_interview_through_the_join(self):
        """The answers are still filtered by the interview's rules, now joined."""
        answers = self.interview.answer_ids
        self.assertTrue(answers)
        self.assertEqual(as_user(self.interview, self.interviewer).answer_ids, answers)
        Answer = self.env['hr.exit.answer']
        self.assertEqual(as_user(Answer, self.interviewer).search([('id', 'in', answers.ids)]),
                         answers)
        self.assertFalse(as_user(Answer, self.other_interviewer).search([('id', 'in', answers.ids)]))
        self.assertFalse(as_user(Answer, self.foreign_officer).search([('id', 'in', answers.ids)]))

    def test_chatter_of_others_for_users_without_interviews(self):
        """A user who may read no interview at all gets the plain model term
        of the partial index; they still read the chatter of other records."""
        note = self.leaver.message_post(body='Welcome back', message_type='comment')
        Message = as_user(self.env['mail.message'], self.plain_user)
        self.assertIn(note, Message.search([('id', '=', note.id)]))
        self.assertFalse(Message.search([('model', '=', 'hr.exit.interview'),
                                         ('res_id', '=', self.interview.id)]))
        for model in ATTACHED_MODELS:
            Model = self.env[model]
            column = Model._exit_interview_model_field
            with self.subTest(model=model):
                clause, params = self._rule_sql(model, self.plain_user)
                self.assertNotIn('SELECT', clause.upper())
                self.assertEqual(params, ['hr.exit.interview'])
                self.env.cr.execute(
                    'SELECT indexdef FROM pg_indexes WHERE indexname = %s',
                    ['%s_not_exit_interview_index' % Model._table])
                definition = self.env.cr.fetchone()
                self.assertTrue(definition, 'no partial index on %s' % Model._table)
                self.assertIn(column, definition[0])
                self.assertIn('hr.exit.interview', definition[0])

    def test_foreign_keys_of_the_addon_are_indexed(self):
        """Every stored many-to-one column the addon defines has an index
        starting with it, and so have both columns of its many-to-many tables."""
        columns = set()
        for model in self.env.registry.values():
            if not model._auto or model._transient:   # wizards: emptied every day
                continue
            for field in model._fields.values():
                if getattr(field, '_module', None) != 'hr_exit_interview' or not field.store \
                        or field.name in ('create_uid', 'write_uid'):
                    continue
                if field.type == 'many2one':
                    columns.add((model._table, field.name))
                elif field.type == 'many2many':
                    columns.update([(field.relation, field.column1),
                                    (field.relation, field.column2)])
        self.assertIn(('hr_exit_answer', 'option_id'), columns)
        self.env.cr.execute("""
            SELECT t.relname, a.attname
              FROM pg_index i
              JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]""")
        indexed = set(self.env.cr.fetchall())
        self.assertEqual(sorted(columns - indexed), [])
