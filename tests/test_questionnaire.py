"""Questionnaires: the shipped one and one default per company."""
from odoo.exceptions import ValidationError

from .common import ExitInterviewCase


class TestQuestionnaire(ExitInterviewCase):

    def test_seven_areas_shipped(self):
        codes = self.env['hr.exit.category'].search([]).mapped('code')
        self.assertEqual(set(codes) & {'reasons', 'environment', 'leadership', 'tasks', 'career',
                                       'compensation', 'suggestions'},
                         {'reasons', 'environment', 'leadership', 'tasks', 'career',
                          'compensation', 'suggestions'})

    def test_default_questionnaire_covers_every_area(self):
        default = self.env['hr.exit.questionnaire'].get_default(self.company)
        self.assertEqual(default, self.env.ref('hr_exit_interview.exit_questionnaire_default'))
        per_area = {}
        for question in default.question_ids:
            per_area.setdefault(question.category_id.code, 0)
            per_area[question.category_id.code] += 1
        self.assertEqual(len(per_area), 7)
        self.assertEqual(len(default.question_ids.filtered('is_recommend')), 1)
        self.assertTrue(default.question_ids.filtered(lambda q: q.question_type == 'yes_no'))

    def test_one_default_per_company(self):
        default = self.env.ref('hr_exit_interview.exit_questionnaire_default')
        self.questionnaire.is_default = True
        self.assertFalse(default.is_default)
        self.assertEqual(self.env['hr.exit.questionnaire'].get_default(self.company),
                         self.questionnaire)
        other = self.env['hr.exit.questionnaire'].create({
            'name': 'Other company', 'company_id': self.other_company.id, 'is_default': True})
        self.assertTrue(self.questionnaire.is_default)
        self.assertTrue(other.is_default)
        with self.assertRaises(ValidationError):
            self.env.cr.execute('UPDATE hr_exit_questionnaire SET is_default = true WHERE id = %s',
                                (default.id,))
            default.invalidate_cache()
            default._check_one_default_per_company()

    def test_recommend_question_must_be_a_score(self):
        with self.assertRaises(ValidationError):
            self.q_text.is_recommend = True

    def test_reason_taxonomy(self):
        Reason = self.env['hr.exit.reason']
        self.assertEqual(len(Reason.search([('reason_type', '=', 'voluntary')])), 10)
        self.assertEqual(len(Reason.search([('reason_type', '=', 'involuntary')])), 4)
        self.assertTrue(self.reason_pay.preventable)
        self.assertFalse(self.env.ref('hr_exit_interview.exit_reason_retirement').preventable)
