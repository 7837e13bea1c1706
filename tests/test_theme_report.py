"""Comment themes in the analysis and in the trend report, per role, on a
dataset counted by hand.

First half of 2021 (25 held interviews with a comment) against the second
half of 2020 (25); the comment threshold is 10, the anonymity threshold 5:

    now:    12 "salary ... underpaid" (pay), 6 "flexible working hours"
            (working hours), 3 "workload" (workload), 1 "moving abroad"
            (relocation), 3 without a theme
    before: 2 "salary was too low" (pay), 23 "good colleagues" (colleagues)

The pay share goes from 2/25 to 12/25 (z = 3.15): rising. "underpaid" is new.
"""
from odoo.exceptions import AccessError

from ..reports.log_odds import weighted_log_odds
from ..reports.report_exit_trends import two_proportion_z
from .common import ExitInterviewCase, as_user, compile_report_assets

SECRET_QUOTE = 'I am moving abroad with my partner.'


class TestThemeReport(ExitInterviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestThemeReport, cls).setUpClass()
        cls.company.write({'exit_anonymity_threshold': 5, 'exit_comment_threshold': 10})
        cls.department = cls.env['hr.department'].create(
            {'name': 'Themes Dept', 'company_id': cls.company.id})
        cls.report_questionnaire = cls._create_report_questionnaire()
        # Only this dataset's comments: removing the department filter must not
        # add a few demo comments to a theme (the complement rule would hide it).
        cls.env.cr.execute('DELETE FROM hr_exit_answer_theme_tag')
        now = (['The salary was too low and I was underpaid (%d).' % n for n in range(12)]
               + ['I need flexible working hours.'] * 6
               + ['The workload was too high.'] * 3 + [SECRET_QUOTE]
               + ['Nothing more to add.'] * 3)
        before = ['The salary was too low.'] * 2 + ['Good colleagues.'] * 23
        for month, texts in (('2021-03', now), ('2020-09', before)):
            for day, text in enumerate(texts, 1):
                cls._create_departure(cls.department, '%s-%02d' % (month, day), ratings=(4, 4),
                                      recommend=8, text=text)
        ref = cls.env.ref
        for key in ('pay', 'working_hours', 'workload', 'relocation', 'colleagues'):
            setattr(cls, key, ref('hr_exit_interview.exit_theme_%s' % key))
        cls.wizard_vals = {'date_from': '2021-01-01', 'date_to': '2021-06-30',
                           'granularity': 'quarter',
                           'department_ids': [(6, 0, cls.department.ids)]}
        cls.report = ref('hr_exit_interview.action_report_exit_trends')
        cls.Trends = cls.env['report.hr_exit_interview.report_exit_trends']
        compile_report_assets(cls.report, cls._wizard(cls.officer), cls.officer)

    @classmethod
    def _wizard(cls, user):
        return as_user(cls.env['hr.exit.trend.wizard'], user).create(dict(cls.wizard_vals))

    def _themes(self, user):
        wizard = self._wizard(user)
        return as_user(self.Trends, user).get_report_values(wizard.ids)['trends'][
            wizard.id]['themes']

    @staticmethod
    def _rows(themes):
        return dict((row['name'], row) for area in themes['areas'] for row in area['rows'])

    def _analysis(self, user, groupby='theme_id'):
        groups = as_user(self.env['hr.exit.theme.report'], user).read_group(
            [('department_id', '=', self.department.id)], [groupby], [groupby])
        return dict((group[groupby][0], group['theme_id_count' if groupby == 'theme_id'
                                              else groupby + '_count'])
                    for group in groups if group[groupby] and group[groupby][0])

    def test_log_odds_against_hand_computation(self):
        """Monroe et al.: a: 10 now, 2 before; b: 2 now, 10 before; prior
        0.5 x counts: a_w = 6, a0 = 12. delta = log(16/8) - log(8/16) =
        1.3863, variance = 1/16 + 1/8, z = 3.2015."""
        scores = weighted_log_odds({'a': 10, 'b': 2}, {'a': 2, 'b': 10})
        self.assertAlmostEqual(scores['a'][0], 1.386294, places=5)
        self.assertAlmostEqual(scores['a'][1], 3.201510, places=5)
        self.assertAlmostEqual(scores['b'][1], -3.201510, places=5)
        # the totals given for a part of the words count as the whole
        part = weighted_log_odds({'a': 10}, {'a': 2}, totals=(12, 12))
        self.assertAlmostEqual(part['a'][1], 3.201510, places=5)

    def test_officer_sees_every_theme_of_two_interviews_and_quotes(self):
        themes = self._themes(self.officer)
        self.assertEqual((themes['commenters'], themes['commenters_before']), (25, 25))
        rows = self._rows(themes)
        pay = rows[self.pay.name]
        self.assertEqual((pay['interviews'], pay['interviews_before']), (12, 2))
        self.assertAlmostEqual(pay['share'], 0.48)
        self.assertAlmostEqual(pay['z'], two_proportion_z(12, 25, 2, 25))
        self.assertEqual(pay['trend'], 'up')
        self.assertEqual(pay['quotes'], ['The salary was too low and I was underpaid (11).',
                                         'The salary was too low and I was underpaid (10).'])
        self.assertEqual(rows[self.workload.name]['interviews'], 3)
        hours = rows[self.working_hours.name]
        self.assertEqual((hours['interviews'], hours['interviews_before']), (6, 0))
        self.assertNotIn(self.relocation.name, rows, 'a theme of one interview')
        words = [word['word'] for area in themes['areas'] for word in area['words']]
        self.assertIn('underpaid', words)

    def test_trend_reader_sees_threshold_themes_only_and_no_quote(self):
        """The reader sees pay (12 of 25 interviews), nothing of 6, 3 or 1
        interviews, no previous figure under 10 (2 before), no quote."""
        themes = self._themes(self.reporter)
        rows = self._rows(themes)
        self.assertEqual(set(rows), {self.pay.name})
        pay = rows[self.pay.name]
        self.assertEqual(pay['interviews'], 12)
        self.assertIsNone(pay['interviews_before'])
        self.assertEqual(pay['trend'], 'unknown')
        self.assertEqual(pay['quotes'], [])
        for area in themes['areas']:
            for word in area['words']:
                self.assertGreaterEqual(word['interviews'], 10)
        html = as_user(self.report, self.reporter).render_qweb_html(
            self._wizard(self.reporter).ids)[0].decode()
        self.assertIn('What leavers write', html)
        self.assertIn(self.pay.name, html)
        for secret in (SECRET_QUOTE, 'underpaid (', self.relocation.name, self.workload.name):
            self.assertNotIn(secret, html)

    def test_theme_dropped_when_its_complement_is_small(self):
        """With 25 interviews with comments, a theme of 20 would leave 5
        without it: a small group by difference, so it is not shown."""
        scope = {'officer': False}
        shown = self.Trends._shown_themes(scope, {'a': 20, 'b': 12, 'c': 25}, 25, 10)
        self.assertEqual(shown, {'b', 'c'})

    def test_comments_under_the_threshold_hide_the_section(self):
        self.company.exit_comment_threshold = 30
        themes = self._themes(self.reporter)
        self.assertTrue(themes.get('too_few'))
        self.assertFalse(themes['areas'])
        self.assertTrue(self._rows(self._themes(self.officer)))

    def test_analysis_applies_the_comment_threshold(self):
        """In the pivot, the officer sees every theme; the trend reader no
        group of fewer than 10 interviews (the comment threshold, not the
        anonymity threshold of 5: working hours has 6)."""
        officer = self._analysis(self.officer)
        self.assertEqual(officer[self.pay.id], 14)
        self.assertEqual(officer[self.relocation.id], 1)
        self.assertEqual(officer[self.working_hours.id], 6)
        reader = self._analysis(self.reporter)
        self.assertIn(self.colleagues.id, reader)
        for theme in (self.relocation, self.workload, self.working_hours):
            self.assertNotIn(theme.id, reader)
        for count in reader.values():
            self.assertGreaterEqual(count, 10)
        with self.assertRaises(AccessError):
            as_user(self.env['hr.exit.theme.report'], self.reporter).search([])

    def test_leaver_manager_and_employees_shut_out(self):
        for user in (self.manager_user, self.plain_user, self.interviewer):
            with self.assertRaises(AccessError):
                as_user(self.env['hr.exit.theme.report'], user).read_group(
                    [], ['theme_id'], ['theme_id'])
            with self.assertRaises(AccessError):
                as_user(self.env['hr.exit.answer.theme.tag'], user).search([])

    def test_leaver_never_counts_in_own_figures(self):
        """The leaver, made an officer, finds none of their own comments in
        the analysis (every departure of this dataset is theirs)."""
        self.leaver_user.groups_id = [(4, self.group_officer.id)]
        self.assertEqual(self._analysis(self.leaver_user), {})
