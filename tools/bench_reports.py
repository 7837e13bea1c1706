#!/usr/bin/env python3
"""Benchmark of the exit interview analysis and trend report.

    .runtime/venv/bin/python tools/bench_reports.py --db NAME [--scale 20000]

Creates the database NAME when it does not exist (the addon without demo
data). Then, in a child process and through the ORM in committed batches, it
generates SCALE departures over the last 5 years in 50 departments (with 40
active employees each): each departure has its archived employee and its
exit interview with 25 answer lines, filled in for held interviews. A
database that already holds generated departures is extended up to SCALE.

The parent process, which generated nothing, then prints:
  - the trend report (5 years by quarter) rendered as HTML and as PDF;
  - read_group of the analysis by department x quarter, and the same figures
    from one plain SQL query, with the ratio;
  - the memory of a report render;
  - the number of SQL queries of a render at 2,000 departures and at SCALE.

Not part of the test suite. Targets: HTML <= 3 s, PDF <= 15 s, read_group
<= 0.5 s and <= 5x plain SQL, render <= 500 MB, query count independent of
the number of departures.
"""
import argparse
import os
import random
import subprocess
import sys
import threading
import time
import tracemalloc
from datetime import date, timedelta

import psutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = os.path.join(ROOT, '.runtime')
# The environment of tools/env.sh: wkhtmltopdf with patched Qt first, and the
# modules of Debian's lessc (report stylesheets are compiled on first use).
os.environ['PATH'] = os.pathsep.join([os.path.join(RUNTIME, 'wkhtmltox', 'bin'),
                                      os.path.join(RUNTIME, 'venv', 'bin'),
                                      os.environ.get('PATH', '')])
os.environ['NODE_PATH'] = os.pathsep.join(
    ['/usr/share/nodejs'] + [path for path in [os.environ.get('NODE_PATH')] if path])

import odoo  # noqa: E402  (after PATH: Odoo looks wkhtmltopdf up when imported)
from odoo import SUPERUSER_ID, api  # noqa: E402

DEPARTMENTS = 50
YEARS = 5
ANSWERS_PER_INTERVIEW = 25
STAFF_PER_DEPARTMENT = 40
BATCH = 200
QUERY_CHECKPOINT = 2000
PREFIX = 'Bench'
CONTEXT = {'tracking_disable': True, 'mail_create_nolog': True,
           'mail_create_nosubscribe': True, 'mail_notrack': True,
           'exit_departure_registered': True, 'no_reset_password': True}
STATES = [('done', 80), ('declined', 8), ('draft', 5), ('cancelled', 7)]
TEXTS = ['More feedback from my manager would have helped.',
         'Salary did not follow the market.',
         'Great colleagues, but too much overtime.',
         'I missed a clear career path.']


def say(message, *args):
    sys.stdout.write((message % args if args else message) + '\n')
    sys.stdout.flush()


def database_exists(name):
    with odoo.sql_db.db_connect('postgres').cursor() as cr:
        cr.execute('SELECT 1 FROM pg_database WHERE datname = %s', [name])
        return bool(cr.fetchone())


def create_database(name):
    say('Creating database %s with hr_exit_interview (no demo data)...', name)
    subprocess.check_call([os.path.join(ROOT, 'bin', 'odoo'), '-d', name, '-i', 'hr_exit_interview',
                           '--without-demo=all', '--stop-after-init', '--no-http',
                           '--log-level=warn'])


class Generator(object):
    """Departures, interviews and answers, through the ORM, in batches."""

    def __init__(self, env):
        self.env = env(context=dict(env.context, **CONTEXT))
        self.random = random.Random(42)
        self.today = date.today()

    def setup(self):
        env = self.env
        company = env.ref('base.main_company')
        Department = env['hr.department']
        self.departments = Department.search([('name', '=like', PREFIX + ' %')], order='id')
        for number in range(len(self.departments), DEPARTMENTS):
            self.departments |= Department.create({'name': '%s %02d' % (PREFIX, number + 1),
                                                   'company_id': company.id})
        self.questionnaire = env['hr.exit.questionnaire'].search(
            [('name', '=', PREFIX + ' questionnaire')], limit=1) or self._create_questionnaire()
        self.questions = self.questionnaire.question_ids.sorted('sequence')
        self.reasons = env['hr.exit.reason'].search([])
        self.users = dict((role, self._user(role, group)) for role, group in (
            ('officer', 'hr_exit_interview.group_exit_officer'),
            ('reporter', 'hr_exit_interview.group_exit_report')))
        self._create_staff()
        env.cr.commit()

    def _create_questionnaire(self):
        categories = self.env['hr.exit.category'].search([], order='sequence')
        lines, sequence = [], 0
        for category in categories:
            for number in range(3):
                sequence += 1
                lines.append((0, 0, {'name': '%s rating %d' % (category.code, number + 1),
                                     'category_id': category.id, 'question_type': 'rating',
                                     'sequence': sequence}))
        extra = [('Would you recommend us as an employer?', 'score', True),
                 ('Would you work here again?', 'yes_no', False),
                 ('What should we change?', 'text', False),
                 ('What should we keep?', 'text', False)]
        for name, kind, recommend in extra:
            sequence += 1
            lines.append((0, 0, {'name': name, 'category_id': categories[-1].id,
                                 'question_type': kind, 'is_recommend': recommend,
                                 'sequence': sequence}))
        assert len(lines) == ANSWERS_PER_INTERVIEW, len(lines)
        return self.env['hr.exit.questionnaire'].create({
            'name': PREFIX + ' questionnaire', 'question_ids': lines})

    def _user(self, role, group):
        login = 'bench_%s' % role
        user = self.env['res.users'].search([('login', '=', login)])
        if not user:
            user = self.env['res.users'].create({
                'name': 'Bench %s' % role.capitalize(), 'login': login,
                'groups_id': [(6, 0, [self.env.ref('base.group_user').id,
                                      self.env.ref(group).id])]})
        return user

    def _create_staff(self):
        Employee = self.env['hr.employee']
        existing = Employee.search_count([('name', '=like', PREFIX + ' staff %')])
        if existing:
            return
        say('Creating %d active employees...', DEPARTMENTS * STAFF_PER_DEPARTMENT)
        staff = Employee
        for department in self.departments:
            for number in range(STAFF_PER_DEPARTMENT):
                staff |= Employee.create({'name': '%s staff %s %d' % (PREFIX, department.name,
                                                                     number),
                                          'department_id': department.id})
        # No hiring date in Odoo 11: the report takes the creation of the record.
        self.env.cr.execute("UPDATE hr_employee SET create_date = %s WHERE id IN %s",
                            [self.today - timedelta(days=365 * (YEARS + 3)), tuple(staff.ids)])

    def count(self):
        return self.env['hr.exit.interview'].search_count(
            [('department_id', 'in', self.departments.ids)])

    def generate(self, target):
        done = self.count()
        if done >= target:
            return done
        say('Generating departures %d to %d through the ORM (batches of %d)...',
            done + 1, target, BATCH)
        started, first = time.time(), done
        while done < target:
            for _number in range(min(BATCH, target - done)):
                self._departure()
                done += 1
            self.env.cr.commit()
            rate = (done - first) / (time.time() - started)
            say('  %d departures, %.1f per second, %.0f s to go', done, rate,
                (target - done) / rate)
        return done

    def _departure(self):
        rnd = self.random
        departure = self.today - timedelta(days=rnd.randrange(365 * YEARS))
        registration = departure - timedelta(days=rnd.randrange(10, 60))
        department = rnd.choice(self.departments)
        state = rnd.choices([s for s, _w in STATES], [w for _s, w in STATES])[0]
        employee = self.env['hr.employee'].create({
            'name': '%s leaver' % PREFIX, 'department_id': department.id,
            'departure_date': str(departure), 'active': state == 'draft'})
        vals = {
            'employee_id': employee.id,
            'departure_date': str(departure),
            'registration_date': str(registration),
            'departure_type': rnd.choice(['resignation', 'resignation', 'dismissal',
                                          'end_of_contract', 'retirement']),
            'primary_reason_id': rnd.choice(self.reasons).id,
            'regretted': rnd.random() < 0.3,
            'questionnaire_id': self.questionnaire.id,
        }
        # Scheduling prepares the answer lines: every interview has them, the
        # held ones are filled in.
        vals['answer_ids'] = [(0, 0, self._answer_vals(question) if state == 'done'
                               else {'question_id': question.id})
                              for question in self.questions]
        if state == 'done':
            vals['interview_date'] = '%s 10:00:00' % (registration + timedelta(
                days=rnd.randrange(3, 40)))
        interview = self.env['hr.exit.interview'].create(vals)
        if state != 'draft':
            interview.write({'state': state})
        return interview

    def _answer_vals(self, question):
        rnd, vals = self.random, {'question_id': question.id}
        if question.question_type == 'rating':
            vals['rating'] = rnd.choice([1, 2, 3, 3, 4, 4, 4, 5, 5])
        elif question.question_type == 'score':
            vals['score'] = rnd.randrange(11)
        elif question.question_type == 'yes_no':
            vals['yes_no'] = rnd.choice(['yes', 'no'])
        elif question.question_type == 'text' and rnd.random() < 0.4:
            vals['text'] = rnd.choice(TEXTS)
        return vals


class Bench(object):

    def __init__(self, env):
        self.env = env
        self.report = env.ref('hr_exit_interview.action_report_exit_trends')

    def user(self, role):
        return self.env['res.users'].search([('login', '=', 'bench_%s' % role)])

    def _wizard(self, user):
        today = date.today()
        return self.env['hr.exit.trend.wizard'].sudo(user).create({
            'date_from': str(today.replace(day=1) - timedelta(days=365 * YEARS)),
            'date_to': str(today), 'granularity': 'quarter'})

    def render_html(self, user):
        wizard = self._wizard(user)
        return self.report.sudo(user).render_qweb_html(wizard.ids)[0]

    def render_pdf(self, user):
        wizard = self._wizard(user)
        pdf, kind = self.report.sudo(user).render_qweb_pdf(wizard.ids)
        assert kind == 'pdf' and pdf.startswith(b'%PDF'), 'no PDF produced'
        return pdf

    @staticmethod
    def timed(function, repeat=3):
        """Best time of ``repeat`` runs (the first one warms the caches)."""
        times = []
        for _run in range(repeat):
            started = time.time()
            function()
            times.append(time.time() - started)
        return min(times)

    def query_count(self, user):
        """Queries of one HTML render, once templates are compiled and the
        registry caches are warm (the first two renders fill them)."""
        for _warm_up in range(2):
            self.render_html(user)
        self.env.cache.invalidate()
        before = self.env.cr.sql_log_count
        self.render_html(user)
        return self.env.cr.sql_log_count - before

    def read_group_vs_sql(self, user):
        Report = self.env['hr.exit.interview.report'].sudo(user)

        def read_group():
            return Report.read_group(
                [], ['department_id', 'departure_month', 'overall_score', 'recommend_score'],
                ['department_id', 'departure_month:quarter'], lazy=False)

        def plain_sql():
            self.env.cr.execute("""
                SELECT department_id, date_trunc('quarter', departure_month), COUNT(*),
                       AVG(overall_score), AVG(recommend_score)
                  FROM hr_exit_interview_report
                 GROUP BY 1, 2""")
            return self.env.cr.fetchall()

        groups = read_group()
        rows = plain_sql()
        return self.timed(read_group, 5), self.timed(plain_sql, 5), len(groups), len(rows)

    def memory(self, user):
        """(Python peak of the renders, RSS growth of this process, its RSS,
        peak RSS of wkhtmltopdf) for one HTML and one PDF render."""
        process = psutil.Process()
        sampler = ChildSampler(process)
        rss_before = process.memory_info().rss
        tracemalloc.start()
        sampler.start()
        self.render_html(user)
        self.render_pdf(user)
        sampler.stop()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = process.memory_info().rss
        return peak, rss_after - rss_before, rss_after, sampler.peak


class ChildSampler(threading.Thread):
    """Highest RSS of the child processes (wkhtmltopdf), sampled every 10 ms."""

    def __init__(self, process):
        super(ChildSampler, self).__init__(daemon=True)
        self.process, self.peak, self.running = process, 0, True

    def run(self):
        while self.running:
            for child in self.process.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                except psutil.Error:
                    pass
            time.sleep(0.01)

    def stop(self):
        self.running = False
        self.join()


def generate(db, target):
    """Child process: generate departures up to ``target`` and exit."""
    registry = odoo.registry(db)
    with api.Environment.manage(), registry.cursor() as cr:
        generator = Generator(api.Environment(cr, SUPERUSER_ID, {}))
        generator.setup()
        generator.generate(target)


def measure(db, scale, checkpoints, generated):
    """Parent process (which never generated anything, so that its memory is
    that of a server): every figure at ``scale``, query counts at each of
    ``checkpoints`` (measured earlier) and at ``scale``."""
    registry = odoo.registry(db)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        bench = Bench(env)
        reporter, officer = bench.user('reporter'), bench.user('officer')
        total = env['hr.exit.interview'].search_count([('department_id.name', '=like',
                                                        PREFIX + ' %')])
        answers = env['hr.exit.answer'].search_count([])
        say('')
        say('Data: %d departures in %d departments over %d years, %d answers '
            '(generated through the ORM in this run: %.0f s)', total, DEPARTMENTS, YEARS,
            answers, generated)
        results = []
        for label, user in (('HR officer', officer), ('trend report user', reporter)):
            html = bench.timed(lambda user=user: bench.render_html(user))
            results.append(('Trend report HTML (%s)' % label, html, 3.0, 's'))
        pdf = bench.timed(lambda: bench.render_pdf(reporter), 2)
        results.append(('Trend report PDF (trend report user)', pdf, 15.0, 's'))
        for label, user in (('HR officer', officer), ('trend report user', reporter)):
            grouped, sql, groups, rows = bench.read_group_vs_sql(user)
            results.append(('read_group department x quarter (%s, %d groups)' % (label, groups),
                            grouped, 0.5, 's'))
            results.append(('  plain SQL, same figures (%d rows)' % rows, sql, None, 's'))
            results.append(('  ratio read_group / SQL', grouped / sql, 5.0, 'x'))
        peak, rss_delta, rss, child = bench.memory(reporter)
        results.append(('Render HTML + PDF: Python peak (tracemalloc)', peak / 2.0 ** 20, 500,
                        'MB'))
        results.append(('  RSS growth of the server process', rss_delta / 2.0 ** 20, None, 'MB'))
        results.append(('  RSS of the server process after', rss / 2.0 ** 20, 500, 'MB'))
        results.append(('  peak RSS of wkhtmltopdf', child / 2.0 ** 20, 500, 'MB'))
        counts = dict(checkpoints, **{str(total): bench.query_count(reporter)})
        env.cr.rollback()
    say('')
    for name, value, target, unit in results:
        verdict = '' if target is None else ('  ok' if value <= target else '  OVER TARGET')
        say('%-60s %9.3f %-2s%s', name, value, unit,
            verdict + ('' if target is None else ' (target <= %g %s)' % (target, unit)))
    say('')
    for number in sorted(counts, key=int):
        say('SQL queries of a trend report render at %6s departures: %d', number, counts[number])
    if len(counts) > 1:
        say('  %s', 'the same: the number of queries does not depend on the departures'
            if len(set(counts.values())) == 1 else 'NOT THE SAME')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', required=True, help='database (created when missing)')
    parser.add_argument('--scale', type=int, default=20000, help='departures (default 20000)')
    parser.add_argument('--generate-only', action='store_true', help=argparse.SUPPRESS)
    args = parser.parse_args()

    odoo.tools.config.parse_config(['-c', os.path.join(RUNTIME, 'odoo.conf'), '-d', args.db,
                                    '--log-level=warn'])
    if args.generate_only:
        generate(args.db, args.scale)
        return
    if not database_exists(args.db):
        create_database(args.db)
    checkpoints, generated = {}, 0.0
    for step in sorted(set([min(QUERY_CHECKPOINT, args.scale), args.scale])):
        started = time.time()
        subprocess.check_call([sys.executable, os.path.abspath(__file__), '--db', args.db,
                               '--scale', str(step), '--generate-only'])
        generated += time.time() - started
        if step != args.scale:
            registry = odoo.registry(args.db)
            with api.Environment.manage(), registry.cursor() as cr:
                bench = Bench(api.Environment(cr, SUPERUSER_ID, {}))
                checkpoints[str(step)] = bench.query_count(bench.user('reporter'))
    measure(args.db, args.scale, checkpoints, generated)


if __name__ == '__main__':
    main()
