"""A stay round's private link through Odoo's HTTP server: the same page as
the leavers', in its stay wording, and an anonymous reply."""
from odoo.tests.common import at_install, post_install

from .common import ExitInterviewHttpCase, StayInterviewCase

SECRET_HTTP = 'STAY-HTTP-3c1d-keep-me-away-from-my-manager'


@at_install(False)
@post_install(True)
class TestStayHttp(ExitInterviewHttpCase, StayInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestStayHttp, cls).setUpClass()
        cls.stay_round = cls._launch_stay_round(anonymous=True)
        cls.interview = cls.env['hr.exit.interview'].search([
            ('stay_round_id', '=', cls.stay_round.id), ('employee_id', '=', cls.stayer.id)])
        cls.path = '/exit-interview/' + cls.interview.questionnaire_token

    def test_anonymous_reply_through_the_page(self):
        page = self.url_open(self.path)
        self.assertEqual(page.status_code, 200)
        self.assertIn('Your stay questionnaire', page.text)
        self.assertIn('This round is anonymous', page.text)
        self.assertNotIn('exit interview at', page.text)
        form = {'csrf_token': self.csrf_of(page), 'consent': '1',
                self._key(self.q_rating): '2', self._key(self.q_score): '7',
                self._key(self.q_text): SECRET_HTTP}
        reply = self.url_open(self.path, data=form)
        self.assertEqual(reply.status_code, 200)
        self.assertNotIn('name="csrf_token"', reply.text)
        self.assertFalse(self.interview.answer_ids)
        self.assertTrue(self.interview.submitted_date)
        answer_set = self.env['hr.exit.answer'].search([('text', '=', SECRET_HTTP)]).interview_id
        self.assertTrue(answer_set.stay_anonymous)
        self.assertFalse(answer_set.employee_id)
        # the link now shows the receipt, never the answers
        again = self.url_open(self.path)
        self.assertEqual(again.status_code, 200)
        self.assertNotIn(SECRET_HTTP, again.text)
        self.assertNotIn('name="csrf_token"', again.text)
