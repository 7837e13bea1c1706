"""The public questionnaire against hostile input: control characters, requests
larger than a questionnaire needs, and nothing of an oversized request echoed."""
from odoo.exceptions import ValidationError
from odoo.tests.common import at_install, post_install

from ..controllers.main import MAX_REQUEST_BYTES
from .common import ExitInterviewHttpCase, as_user

TYPED = 'Kind colleagues, slow tools.'


@at_install(False)
@post_install(True)
class TestSelfServiceLimits(ExitInterviewHttpCase):

    @classmethod
    def setUpClass(cls):
        super(TestSelfServiceLimits, cls).setUpClass()
        cls._setup_linked_interview()

    def _complete_form(self):
        """A form that would be accepted as it is, with the page's CSRF token."""
        page = self.url_open(self.path)
        self.assertEqual(page.status_code, 200)
        return {
            'csrf_token': self.csrf_of(page),
            self._key(self.q_rating): '3',
            self._key(self.q_score): '8',
            self._key(self.q_text): TYPED,
            'consent': '1',
        }

    def _assert_untouched(self):
        interview = self.interview
        self.assertFalse(interview.submitted_date)
        self.assertFalse(interview.answer_ids.filtered('is_answered'))
        self.assertEqual(interview.state, 'draft')

    def test_control_characters_in_a_comment_are_refused_with_the_form(self):
        text = self._key(self.q_text)
        for char in ('\x00', '\x01', '\x08', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\x9f'):
            form = self._complete_form()
            form[text] = 'Kind colleagues,%s slow tools.' % char
            response = self.url_open(self.path, data=form)
            self.assertEqual(response.status_code, 200, repr(char))
            page = response.text
            self.assertIn('Your answers have not been sent yet.', page, repr(char))
            self.assertIn('invisible control characters', page, repr(char))
            self.assertIn('id="%s_error"' % text, page, repr(char))
            # shown back without the character, ready to be sent again
            self.assertIn('Kind colleagues, slow tools.</textarea>', page, repr(char))
            self.assertNotIn(char, page.split('<body', 1)[1], repr(char))
            self._assert_untouched()

    def test_tabs_and_line_breaks_stay_welcome(self):
        form = self._complete_form()
        form[self._key(self.q_text)] = 'First:\tpay.\r\nSecond:\ttools.'
        response = self.url_open(self.path, data=form)
        self.assertIn('Your answers have been received.', response.text)
        answer = self._answer(self.interview, self.q_text)
        self.assertEqual(answer.text, 'First:\tpay.\nSecond:\ttools.')

    def test_control_characters_in_other_answers_are_refused(self):
        cases = [(self.q_rating, '3\x00', 'Choose a number from 1 to 5.'),
                 (self.q_score, '\x008', 'Choose a number from 0 to 10.'),
                 (self.q_yes_no, 'yes\x00', 'Answer yes or no.'),
                 (self.q_choice, '%d\x00' % self.q_choice.option_ids[0].id,
                  'Choose one of the options shown.')]
        for question, value, message in cases:
            form = self._complete_form()
            form[self._key(question)] = value
            response = self.url_open(self.path, data=form)
            self.assertEqual(response.status_code, 200, question.name)
            self.assertIn(message, response.text, question.name)
            self._assert_untouched()

    def test_nul_written_elsewhere_is_a_clear_error(self):
        # The same rule for answers typed in the back office.
        answer = self._answer(self.interview, self.q_text)
        with self.assertRaises(ValidationError):
            as_user(answer, self.interviewer).write({'text': 'a\x00b'})
        self.assertFalse(answer.text)

    def test_oversized_request_gets_413_and_is_not_echoed(self):
        marker = 'Q7zX'
        for size in (MAX_REQUEST_BYTES + 1024, 20 * 1024 * 1024):
            form = self._complete_form()
            form[self._key(self.q_text)] = marker * (size // len(marker))
            response = self.url_open(self.path, data=form)
            self.assertEqual(response.status_code, 413, size)
            self.assertIn('Answers too long', response.text)
            self.assertIn('Nothing was saved.', response.text)
            self.assertIn('%d KB' % (MAX_REQUEST_BYTES // 1024), response.text)
            self.assertNotIn(marker * 4, response.text)
            self.assertLess(len(response.content), 64 * 1024)
            self._assert_untouched()
        # the form still works afterwards
        response = self.url_open(self.path, data=self._complete_form())
        self.assertIn('Your answers have been received.', response.text)

    def test_oversized_decline_changes_nothing(self):
        form = self._complete_form()
        form['padding'] = 'p' * (MAX_REQUEST_BYTES + 1)
        response = self.url_open(self.path + '/decline', data=form)
        self.assertEqual(response.status_code, 413)
        self.assertNotIn('ppppppppp', response.text)
        self.assertEqual(self.interview.state, 'draft')
        self.assertFalse(self.interview.submitted_date)

    def test_oversized_request_with_a_bad_link_gets_the_neutral_404(self):
        form = self._complete_form()
        form['padding'] = 'p' * (MAX_REQUEST_BYTES + 1)
        response = self.url_open('/exit-interview/' + 'A' * 43, data=form)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn('ppppppppp', response.text)

    def test_refused_long_answer_is_not_sent_back(self):
        # Under the request cap but over the answer's limit: the error, not the text.
        form = self._complete_form()
        form[self._key(self.q_text)] = 'Q7zX' * 2000
        response = self.url_open(self.path, data=form)
        self.assertEqual(response.status_code, 200)
        self.assertIn('the limit is 5000', response.text)
        self.assertNotIn('Q7zXQ7zX', response.text)
        # the other answers typed are shown again
        self.assertIn('name="%s" value="3" checked="checked"' % self._key(self.q_rating),
                      response.text)
        self._assert_untouched()
