"""Comment themes: the shipped taxonomy measured on labelled comments, the
negation rule, tagging on save in the leaver's language, the officers'
corrections, the recompute, and who sees what."""
import logging
import os

from odoo.exceptions import AccessError, ValidationError

from .common import ExitInterviewCase, as_user

_logger = logging.getLogger(__name__)
DATA = os.path.join(os.path.dirname(__file__), 'data')
MIN_PRECISION = 0.85
MIN_RECALL = 0.75


def read_fixture(name):
    """``[(expected theme keys, comment)]`` of a labelled fixture file."""
    rows = []
    with open(os.path.join(DATA, name), encoding='utf-8') as handle:
        for line in handle:
            if not line.strip() or line.startswith('#'):
                continue
            keys, text = line.split(' | ', 1)
            keys = set() if keys.strip() == '-' else set(
                key.strip() for key in keys.split(','))
            rows.append((keys, text.strip()))
    return rows


class TestThemeTagger(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestThemeTagger, cls).setUpClass()
        cls.tagger = cls.env['hr.exit.theme']._tagger()

    def theme(self, key):
        return self.env.ref('hr_exit_interview.exit_theme_%s' % key)

    def tags(self, text, lang):
        keys = dict((self.theme(key).id, key) for key in self.shipped_keys())
        return set(keys[theme_id] for theme_id in self.tagger.tag(text, lang))

    def shipped_keys(self):
        data = self.env['ir.model.data'].search([
            ('module', '=', 'hr_exit_interview'), ('model', '=', 'hr.exit.theme')])
        return [name[len('exit_theme_'):] for name in data.mapped('name')]

    def test_fixture_precision_and_recall(self):
        """The shipped themes find what leavers write about, in both
        languages, on comments written for this test: precision at least
        0.85 and recall at least 0.75 per language."""
        covered = set()
        total = 0
        for lang, name in (('en_US', 'theme_comments_en.txt'), ('nb_NO', 'theme_comments_nb.txt')):
            found = expected_count = right = 0
            rows = read_fixture(name)
            total += len(rows)
            for expected, text in rows:
                got = self.tags(text, lang)
                covered |= expected
                found += len(got)
                expected_count += len(expected)
                right += len(got & expected)
            precision, recall = float(right) / found, float(right) / expected_count
            _logger.info('comment themes %s: %d comments, precision %.3f, recall %.3f',
                         lang, len(rows), precision, recall)
            self.assertGreaterEqual(precision, MIN_PRECISION, lang)
            self.assertGreaterEqual(recall, MIN_RECALL, lang)
        self.assertGreaterEqual(total, 150)
        self.assertEqual(covered, set(self.shipped_keys()),
                         'every shipped theme is in the labelled comments')

    def test_stems_and_compounds(self):
        """Every form of a word counts: lønn, lønna, lønnen, lønnsnivå;
        salary, salaries."""
        for text in ('Lønn.', 'Lønna var lav.', 'Lønnen var lav.', 'Lønnsnivået var lavt.'):
            self.assertEqual(self.tags(text, 'nb_NO'), {'pay'}, text)
        for text in ('The salary.', 'Salaries are low here.'):
            self.assertEqual(self.tags(text, 'en_US'), {'pay'}, text)

    def test_negation_rule(self):
        """A negation alone keeps the theme (its absence is the complaint); a
        negated problem clears the themes around it, up to the end of the
        clause."""
        self.assertEqual(self.tags('Not enough recognition.', 'en_US'), {'recognition'})
        self.assertEqual(self.tags('No problem with my manager.', 'en_US'), set())
        self.assertEqual(self.tags('My manager was never an issue.', 'en_US'), set())
        self.assertEqual(self.tags('No problem with my manager, but the salary was low.',
                                   'en_US'), {'pay'})
        self.assertEqual(self.tags('For lite anerkjennelse.', 'nb_NO'), {'recognition'})
        self.assertEqual(self.tags('Ikke noe problem med lederen.', 'nb_NO'), set())
        self.assertEqual(self.tags('Ingenting å utsette på lønna, men arbeidsmengden var for '
                                   'stor.', 'nb_NO'), {'workload'})

    def test_language_decides_the_stemmer(self):
        """A comment is read in its language: the Norwegian terms do not tag
        an English comment, and a comment without a known language is read in
        the language its words tell."""
        self.assertEqual(self.tags('Lønna var for lav.', 'en_US'), set())
        self.assertEqual(self.tags('Lønna var for lav og arbeidsmengden for stor.', 'de_DE'),
                         {'pay', 'workload'})


class TestThemeTagging(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestThemeTagging, cls).setUpClass()
        ref = cls.env.ref
        cls.pay = ref('hr_exit_interview.exit_theme_pay')
        cls.workload = ref('hr_exit_interview.exit_theme_workload')
        cls.recognition = ref('hr_exit_interview.exit_theme_recognition')
        cls.interview = cls._create_interview()
        cls.interview._generate_answers()
        cls.answer = cls.interview.answer_ids.filtered(lambda a: a.question_id == cls.q_text)

    def themes(self, answer=None):
        return as_user(answer or self.answer, self.officer).theme_ids

    def test_tagged_when_saved_in_leaver_language(self):
        """The comment is tagged as it is saved, in the leaver's language."""
        self.leaver_user.lang = 'en_US'
        self._answer(self.interview, self.q_text, text='The salary was too low.')
        self.assertEqual(self.themes(), self.pay)
        self.env['res.lang'].load_lang('nb_NO')
        self.leaver_user.lang = 'nb_NO'
        other = self._create_interview(self.colleague)
        other._generate_answers()
        answer = other.answer_ids.filtered(lambda a: a.question_id == self.q_text)
        self.leaver_user.lang = 'nb_NO'
        self.colleague.user_id = self.leaver_user
        self._answer(other, self.q_text, text='Arbeidsmengden var for stor.')
        self.assertEqual(self.themes(answer), self.workload)
        self.assertEqual(as_user(answer, self.officer).theme_lang, 'nb_NO')
        self._answer(other, self.q_text, text='')
        self.assertFalse(self.themes(answer))

    def test_anonymisation_keeps_the_themes(self):
        """The comment goes, what was counted of it stays (as the scores do)."""
        self._answer(self.interview, self.q_text, text='The salary was too low.')
        self.interview.sudo()._anonymize()
        self.assertFalse(self.answer.text)
        self.assertEqual(self.themes(), self.pay)

    def test_confidential_notes_never_tagged(self):
        """The notes are no comment: nothing of them reaches the themes."""
        self.interview.confidential_notes = 'Salary and workload and recognition.'
        self.assertFalse(self.env['hr.exit.answer.theme.tag'].search(
            [('answer_id.interview_id', '=', self.interview.id)]))

    def test_correction_survives_recompute(self):
        """A theme removed by an officer stays removed, one added stays
        added, when an administrator tags every comment again; the tags of
        a closed interview can be corrected."""
        self._answer(self.interview, self.q_text, text='The salary was too low.')
        self._fill_mandatory(self.interview)
        self.interview.action_schedule()
        self.interview.action_done()
        as_user(self.answer, self.officer).write({'theme_ids': [(6, 0, self.recognition.ids)]})
        self.assertEqual(self.themes(), self.recognition)
        count = as_user(self.env['hr.exit.answer'], self.admin)._recompute_themes(batch_size=1)
        self.assertGreaterEqual(count, 1)
        self.assertEqual(self.themes(), self.recognition)
        as_user(self.pay, self.admin).action_recompute_tags()
        self.assertEqual(self.themes(), self.recognition)

    def test_recompute_for_administrators_only(self):
        for user in (self.officer, self.interviewer, self.reporter):
            with self.assertRaises(AccessError):
                as_user(self.env['hr.exit.answer'], user)._recompute_themes()

    def test_roles_and_tags(self):
        """Only officers see and correct the themes of a comment; the
        interviewer fills in the comment without seeing them; nobody else
        reaches the tags."""
        self._answer(self.interview, self.q_text, text='The salary was too low.')
        with self.assertRaises(AccessError):
            as_user(self.answer, self.interviewer).read(['theme_ids'])
        with self.assertRaises(AccessError):
            as_user(self.answer, self.interviewer).write(
                {'theme_ids': [(6, 0, self.workload.ids)]})
        for user in (self.interviewer, self.reporter, self.manager_user, self.plain_user,
                     self.leaver_user, self.hr_user):
            with self.assertRaises(AccessError):
                as_user(self.env['hr.exit.answer.theme.tag'], user).search([])
        tags = as_user(self.env['hr.exit.answer.theme.tag'], self.foreign_officer).search(
            [('answer_id', '=', self.answer.id)])
        self.assertFalse(tags, 'another company\'s officer')

    def test_taxonomy_rights(self):
        """Trend readers read the themes; only exit administrators change them."""
        self.assertTrue(as_user(self.env['hr.exit.theme'], self.reporter).search([]))
        for user in (self.officer, self.reporter):
            with self.assertRaises(AccessError):
                as_user(self.pay, user).write({'name': 'Money'})
        as_user(self.pay, self.admin).write({'name': 'Money'})
        with self.assertRaises(AccessError):
            as_user(self.env['hr.exit.theme'], self.plain_user).search([])

    def test_changed_keywords_tag_again(self):
        """A new term counts for the comments tagged after it, and for all
        comments after the recompute."""
        self._answer(self.interview, self.q_text, text='The canteen food was awful.')
        self.assertFalse(self.themes())
        keyword = self.pay.keyword_ids.filtered(lambda k: k.lang == 'en_US')
        as_user(keyword, self.admin).write({'terms': keyword.terms + '\ncanteen'})
        as_user(self.env['hr.exit.theme'], self.admin).action_recompute_tags()
        self.assertEqual(self.themes(), self.pay)

    def test_empty_keywords_refused(self):
        with self.assertRaises(ValidationError):
            self.pay.keyword_ids[0].write({'terms': '# nothing\n'})
