"""The leaver's consent: a recorded choice, required before an interview is
held, printed as recorded on the sheet."""
import importlib.util
import os

from odoo.exceptions import UserError
from odoo.modules import get_module_path
from odoo.tests.common import at_install, post_install

from .common import ExitInterviewCase, as_user


class TestConsent(ExitInterviewCase):

    def _scheduled(self):
        interview = self._create_interview()
        interview.action_schedule()
        self._answer(interview, self.q_rating, rating=4)
        self._answer(interview, self.q_score, score=9)
        return interview

    def test_held_requires_a_recorded_choice(self):
        interview = self._scheduled()
        self.assertFalse(interview.consent)
        with self.assertRaises(UserError) as error:
            as_user(interview, self.interviewer).action_done()
        self.assertIn('consents to the anonymous use', error.exception.name)
        self.assertIn(interview.name, error.exception.name)
        self.assertEqual(interview.state, 'scheduled')
        # unticking the old box is no refusal: still nothing recorded
        interview.consent_given = False
        with self.assertRaises(UserError):
            interview.action_done()
        as_user(interview, self.interviewer).write({'consent': 'refused'})
        as_user(interview, self.interviewer).action_done()
        self.assertEqual(interview.state, 'done')
        self.assertFalse(interview.consent_given)

    def test_missing_answers_are_named_before_the_consent(self):
        interview = self._create_interview()
        interview.action_schedule()
        with self.assertRaises(UserError) as error:
            interview.action_done()
        self.assertIn(self.q_rating.name, error.exception.name)

    def test_ticking_consent_given_records_it(self):
        interview = self._scheduled()
        as_user(interview, self.interviewer).write({'consent_given': True})
        self.assertEqual(interview.consent, 'given')
        interview.consent = 'refused'
        self.assertFalse(interview.consent_given)
        interview.consent = 'given'
        self.assertTrue(interview.consent_given)
        interview.action_done()
        self.assertEqual(interview.state, 'done')

    def test_migration_turns_a_ticked_consent_into_given(self):
        path = os.path.join(get_module_path('hr_exit_interview'), 'migrations', '11.0.1.2.0',
                            'post-migrate.py')
        spec = importlib.util.spec_from_file_location('post_migrate_11_0_1_2_0', path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        ticked, unticked = self._scheduled(), self._create_interview(employee=self.colleague)
        ticked.consent_given = True
        self.env.cr.execute('UPDATE hr_exit_interview SET consent = NULL WHERE id IN %s',
                            [(ticked.id, unticked.id)])
        script.migrate(self.env.cr, '11.0.1.1.0')
        (ticked | unticked).invalidate_cache()
        self.assertEqual(ticked.consent, 'given')
        self.assertFalse(unticked.consent)  # a refusal is never assumed


@at_install(False)
@post_install(True)
class TestConsentSheet(ExitInterviewCase):

    def test_sheet_prints_the_recorded_choice(self):
        report = self.env.ref('hr_exit_interview.action_report_exit_interview')
        interview = self._create_interview()
        for value, printed in ((False, 'Not recorded'), ('given', 'Given'),
                               ('refused', 'Refused')):
            interview.consent = value
            html = as_user(report, self.officer).render_qweb_html(interview.ids)[0].decode()
            cell = html[html.index('Consent to anonymous use'):][:500]
            self.assertIn(printed, cell, value)
            self.assertNotIn('>No<', cell[:cell.index('</td>')], value)
