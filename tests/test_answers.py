"""Answers: values checked against the question, history kept."""
from odoo.exceptions import UserError, ValidationError

from .common import ExitInterviewCase


class TestAnswers(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestAnswers, cls).setUpClass()
        cls.interview = cls._create_interview()
        cls.interview.action_schedule()

    def _line(self, question):
        return self.interview.answer_ids.filtered(lambda a: a.question_id == question)

    def test_out_of_range_values_are_refused_and_nothing_changes(self):
        rating = self._answer(self.interview, self.q_rating, rating=3)
        score = self._answer(self.interview, self.q_score, score=7)
        for line, values in ((rating, {'rating': 0}), (rating, {'rating': 6}),
                             (score, {'score': 11}), (score, {'score': -1}),
                             (rating, {'text': 'great'}), (rating, {'score': 5}),
                             (score, {'yes_no': 'yes'})):
            with self.assertRaises(ValidationError, msg=str(values)):
                line.write(values)
        rating.invalidate_cache()
        self.assertEqual((rating.rating, rating.text, rating.score), (3, False, False))
        self.assertEqual(score.score, 7)
        self.assertFalse(score.yes_no)

    def test_bad_create_is_refused(self):
        Answer = self.env['hr.exit.answer']
        count = Answer.search_count([])
        with self.assertRaises(ValidationError):
            Answer.create({'interview_id': self.interview.id, 'question_id': self.q_rating.id,
                           'rating': 6})
        self.assertEqual(Answer.search_count([]), count)

    def test_choice_must_belong_to_the_question(self):
        foreign = self.env['hr.exit.question.option'].create({
            'question_id': self.q_choice.copy({'name': 'Another'}).id, 'name': 'Elsewhere'})
        line = self._line(self.q_choice)
        with self.assertRaises(ValidationError):
            line.option_id = foreign
        line.option_id = self.q_choice.option_ids[0]
        self.assertTrue(line.is_answered)

    def test_choice_fields_mirror_numbers(self):
        line = self._line(self.q_rating)
        line.rating_choice = '5'
        self.assertEqual(line.rating, 5)
        score = self._line(self.q_score)
        score.score_choice = '0'
        self.assertEqual(score.score, 0)
        self.assertTrue(score.is_answered)
        self.assertEqual(score.score_choice, '0')

    def test_question_text_survives_questionnaire_edit(self):
        line = self._line(self.q_rating)
        self.q_rating.write({'name': 'Rewritten question', 'mandatory': False})
        self.assertEqual(line.question_text, 'How was the leadership?')
        self.assertTrue(line.mandatory)
        self.assertEqual(line.category_id, self.env.ref('hr_exit_interview.exit_category_leadership'))

    def test_answered_question_cannot_be_deleted_but_archived(self):
        with self.assertRaises(UserError):
            self.q_text.unlink()
        with self.assertRaises(UserError):
            self.questionnaire.unlink()
        self.q_text.active = False
        self.assertTrue(self._line(self.q_text).exists())
        unused = self.env['hr.exit.question'].create({
            'questionnaire_id': self.questionnaire.id, 'name': 'Unused',
            'category_id': self.q_text.category_id.id, 'question_type': 'text'})
        unused.unlink()
        self.assertFalse(unused.exists())

    def test_text_limited(self):
        with self.assertRaises(ValidationError):
            self._line(self.q_text).text = 'x' * 5001
        self._line(self.q_text).text = '<script>alert(1)</script>'
        self.assertEqual(self._line(self.q_text).text, '<script>alert(1)</script>')
