"""Employment start and tenure at exit: where they come from and who sees them."""
from odoo.exceptions import AccessError, ValidationError

from .common import ExitInterviewCase, as_user


class TestEmploymentStart(ExitInterviewCase):

    def _contracts_table(self):
        """A contracts table like hr_contract's, which this database lacks: the
        addon reads contracts from the table, so the test needs no hr_contract."""
        self.assertNotIn('hr.contract', self.env.registry,
                         'this test builds its own hr_contract table')
        self.env.cr.execute("""
            CREATE TABLE hr_contract (id serial PRIMARY KEY, employee_id integer,
                                      date_start date, state varchar)""")

    def _add_contract(self, employee, date_start, state='open'):
        self.env.cr.execute(
            "INSERT INTO hr_contract (employee_id, date_start, state) VALUES (%s, %s, %s)",
            (employee.id, date_start, state))

    def test_tenure_counts_whole_months(self):
        self.leaver.employment_start_date = '2024-03-15'
        interview = self._create_interview(departure_date='2025-03-14')
        self.assertEqual(interview.employment_start_date, '2024-03-15')
        self.assertEqual(interview.tenure_months, 11, 'one day short of a year is month 11')
        interview.departure_date = '2025-03-15'
        self.assertEqual(interview.tenure_months, 12)
        interview.departure_date = '2027-01-31'
        self.assertEqual(interview.tenure_months, 34)
        interview.departure_date = '2024-04-01'
        self.assertEqual(interview.tenure_months, 0, 'leaving in the first month is 0, not unknown')
        self.assertEqual(self.env['hr.exit.interview'].search_count(
            [('id', '=', interview.id), ('tenure_months', '<', 12)]), 1)

    def test_no_start_means_no_tenure_never_the_creation_date(self):
        self.assertFalse(self.leaver.employment_start_date)
        interview = self._create_interview()
        self.assertFalse(interview.employment_start_date)
        self.assertFalse(interview.tenure_months)
        self.assertEqual(
            self.env['hr.exit.interview'].search_count(
                [('id', '=', interview.id), ('tenure_months', '!=', False)]), 0)

    def test_first_contract_fills_the_start(self):
        self._contracts_table()
        self._add_contract(self.leaver, '2019-05-01', state='cancel')
        self._add_contract(self.leaver, '2020-02-01', state='close')
        self._add_contract(self.leaver, '2022-01-01')
        self._add_contract(self.colleague, '2021-06-01')
        self.colleague.employment_start_date = '2018-01-01'
        interview = self._create_interview(departure_date='2026-02-01')
        self.assertEqual(self.leaver.employment_start_date, '2020-02-01',
                         'the first contract that was not cancelled')
        self.assertEqual(interview.tenure_months, 72)
        self.env['hr.employee']._exit_fill_employment_start()
        self.assertEqual(self.colleague.employment_start_date, '2018-01-01',
                         'a start entered by HR is never replaced by a contract')

    def test_the_daily_run_fills_starts_from_contracts(self):
        self._contracts_table()
        self._add_contract(self.manager, '2015-09-01')
        self.env['hr.employee']._cron_archive_departed_employees()
        self.assertEqual(self.manager.employment_start_date, '2015-09-01')

    def test_start_entered_later_reaches_the_interview(self):
        interview = self._create_interview(departure_date='2026-10-31')
        held_elsewhere = self._create_interview(
            employee=self.colleague, departure_date='2026-10-31', employment_start_date='2020-01-01')
        as_user(self.leaver, self.hr_user).write({'employment_start_date': '2025-10-31'})
        self.assertEqual(interview.tenure_months, 12)
        self.colleague.employment_start_date = '2010-01-01'
        self.assertEqual(held_elsewhere.employment_start_date, '2020-01-01',
                         "an officer's date on the interview is kept")

    def test_start_after_departure_is_refused(self):
        interview = self._create_interview(departure_date='2026-10-31')
        with self.assertRaises(ValidationError):
            as_user(interview, self.officer).write({'employment_start_date': '2026-11-01'})
        self.leaver.departure_date = '2026-10-31'
        with self.assertRaises(ValidationError):
            self.leaver.employment_start_date = '2027-01-01'

    def test_who_reads_the_employment_start(self):
        self.leaver.employment_start_date = '2021-04-01'
        for user in (self.officer, self.hr_user):
            self.assertEqual(as_user(self.leaver, user).employment_start_date, '2021-04-01')
        for user in (self.plain_user, self.manager_user, self.reporter, self.leaver_user):
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.leaver, user).read(['employment_start_date'])
            with self.assertRaises(AccessError, msg=user.login):
                as_user(self.leaver, user).write({'employment_start_date': '2000-01-01'})
        self.assertEqual(self.leaver.employment_start_date, '2021-04-01')
