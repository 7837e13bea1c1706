#!/usr/bin/env python3
"""Benchmark of the exit interview addon at 2,000, 20,000 and 100,000 departures.

    make bench                                   # the three scales
    make bench BENCH_SCALES=2000                 # a quick run
    .runtime/venv/bin/python tools/bench.py --scales 2000 20000 --runs 5

Databases (prefix BENCH_DB, default hrx_bench) are kept between runs:

  <prefix>_base     the addon without demo data, 50 departments of 40 staff,
                    10 interviewers, an officer, a trend report user, a user
                    without exit interview rights, a 25-question questionnaire
                    and SEED departures written through the ORM (each with its
                    employee, interview, 25 answers and chatter);
  <prefix>_<N>      a copy of the base grown to N departures by the SQL
                    generator: each new departure clones every row of one seed
                    departure (employee, resource, interview, answers, messages,
                    tracking values, followers) with a new department and dates;
  <prefix>_orm_2000 the base grown to 2,000 departures through the ORM only.
                    When 2,000 is measured, the generator's database is
                    compared with it (shape of every column, key aggregates):
                    the generator writes what the ORM writes.

A database made with other addon code is updated (-u) before it is used.

Each scale is measured in its own process (so that its memory is that of a
server which generated nothing): every figure is the median of RUNS runs after
two warm-up runs, with the SQL queries of one run counted:

  - form load (read of the interview as the form view asks, its answers as
    the embedded list asks, the chatter messages, followers and activities)
    as HR officer, interviewer and superuser;
  - the analysis pivot as the web client loads it (the read_group of each
    row x column prefix, lazy=False) against one SQL query of the same cells;
  - the trend report (5 years by quarter) as HTML and PDF;
  - the 30 latest messages (search + read) for a user without exit interview
    rights, an interviewer and the superuser;
  - comment themes: 100,000 comments tagged by the tagger alone (CPU time of
    one core), and every comment of the database tagged again in batches;
  - memory: RSS of the measuring process and peak RSS of wkhtmltopdf.

One table is printed at the end.
"""
import argparse
import contextlib
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta

import psutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = os.path.join(ROOT, '.runtime')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
# The environment of tools/env.sh: wkhtmltopdf with patched Qt first, and the
# modules of Debian's lessc (report stylesheets are compiled on first use).
os.environ['PATH'] = os.pathsep.join([os.path.join(RUNTIME, 'wkhtmltox', 'bin'),
                                      os.path.join(RUNTIME, 'venv', 'bin'),
                                      os.environ.get('PATH', '')])
os.environ['NODE_PATH'] = os.pathsep.join(
    ['/usr/share/nodejs'] + [path for path in [os.environ.get('NODE_PATH')] if path])

import odoo  # noqa: E402  (after PATH: Odoo looks wkhtmltopdf up when imported)
from odoo import SUPERUSER_ID, api  # noqa: E402

import pgtool  # noqa: E402

DEFAULT_SCALES = (2000, 20000, 100000)
ORM_SCALE = 2000
SEED = 250
DEPARTMENTS = 50
YEARS = 5
ANSWERS_PER_INTERVIEW = 25
STAFF_PER_DEPARTMENT = 40
INTERVIEWERS = 10
BATCH = 100
CLONE_BATCH = 20000
TAG_COMMENTS = 100000
PREFIX = 'Bench'
INTERVIEW = 'hr.exit.interview'
CODE_PARAMETER = 'hr_exit_interview.bench_code'
# What a registration through the back end writes, chatter included; only the
# creator's subscription is left out (one follower per interview is kept by
# the leaver's interviewer below).
CONTEXT = {'mail_create_nosubscribe': True, 'exit_departure_registered': True,
           'no_reset_password': True}
STATES = [('done', 80), ('declined', 8), ('draft', 5), ('cancelled', 7)]
TEXTS = ['More feedback from my manager would have helped.',
         'Salary did not follow the market.',
         'Great colleagues, but too much overtime.',
         'I missed a clear career path.']
NOTES = ['Interview held in the small meeting room.',
         'The leaver asked for a copy of the reference letter.',
         'Follow-up with the department head agreed.']


def say(message, *args):
    sys.stderr.write((message % args if args else message) + '\n')
    sys.stderr.flush()


def addon_code():
    """A digest of the addon's sources: a cached database made with other
    code is updated before use."""
    digest = hashlib.sha1()
    for folder in ('models', 'reports', 'security', 'views', 'data', 'wizards', 'controllers'):
        for base, _dirs, files in sorted(os.walk(os.path.join(ROOT, folder))):
            for name in sorted(files):
                if name.endswith(('.py', '.xml', '.csv')):
                    with open(os.path.join(base, name), 'rb') as handle:
                        digest.update(name.encode() + handle.read())
    with open(os.path.join(ROOT, '__manifest__.py'), 'rb') as handle:
        digest.update(handle.read())
    return digest.hexdigest()[:12]


def odoo_cmd(*args):
    subprocess.check_call([os.path.join(ROOT, 'bin', 'odoo')] + list(args)
                          + ['--stop-after-init', '--no-http', '--log-level=warn'])


def child(*args):
    """Run this script again in a fresh process (generation and measures)."""
    subprocess.check_call([sys.executable, os.path.abspath(__file__)] + list(args))


@contextlib.contextmanager
def environment(db):
    """A superuser environment on db; the cursor is closed (not committed)
    at the end."""
    with api.Environment.manage():
        cr = odoo.registry(db).cursor()
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
        finally:
            cr.close()


# ----------------------------------------------------------------------
# Databases
# ----------------------------------------------------------------------

def stored_code(db):
    with environment(db) as env:
        env.cr.execute('SELECT value FROM ir_config_parameter WHERE key = %s',
                       [CODE_PARAMETER])
        row = env.cr.fetchone()
        return row and row[0]


def mark_code(db, code):
    with environment(db) as env:
        env['ir.config_parameter'].set_param(CODE_PARAMETER, code)
        env.cr.commit()


def copy_database(source, target):
    """A copy of source with its filestore; this process's connections to
    source are closed first (PostgreSQL copies idle databases only)."""
    odoo.sql_db.close_all()
    pgtool.copy(source, target)


def ensure_current(db, code):
    """Update the addon in a cached database made with other code."""
    if stored_code(db) != code:
        say('Updating hr_exit_interview in %s (the addon changed)...', db)
        odoo_cmd('-d', db, '-u', 'hr_exit_interview')
        mark_code(db, code)


def ensure_base(prefix, code):
    base = prefix + '_base'
    if not pgtool.exists(base):
        building = base + '_build'
        if not pgtool.exists(building):   # else left over by an interrupted run: go on
            say('Creating %s: hr_exit_interview without demo data...', base)
            odoo_cmd('-d', building, '-i', 'hr_exit_interview', '--without-demo=all')
        child('--orm', building, '--scale', str(SEED))
        mark_code(building, code)
        copy_database(building, base)
        pgtool.drop(building)
    ensure_current(base, code)
    return base


def ensure_scale(prefix, base, scale, code, orm=False):
    """The database of ``scale`` departures (a copy of the base, grown)."""
    db = '%s_%s%d' % (prefix, 'orm_' if orm else '', scale)
    if not pgtool.exists(db):
        say('Copying %s to %s...', base, db)
        copy_database(base, db)
    ensure_current(db, code)
    child('--orm' if orm else '--sql', db, '--scale', str(scale))
    return db


# ----------------------------------------------------------------------
# Generation through the ORM: the seeds, and the reference at 2,000
# ----------------------------------------------------------------------

class OrmGenerator(object):
    """Departures, interviews, answers and chatter, through the ORM."""

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
        self.officer = self._user('officer', 'hr_exit_interview.group_exit_officer')
        self._user('reporter', 'hr_exit_interview.group_exit_report')
        self._user('plain', 'base.group_user')
        self.interviewers = env['res.users']
        for number in range(INTERVIEWERS):
            self.interviewers |= self._user('interviewer_%02d' % (number + 1),
                                            'hr_exit_interview.group_exit_interviewer')
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
                'name': 'Bench %s' % role.replace('_', ' ').capitalize(), 'login': login,
                'notification_type': 'inbox', 'email': '%s@bench.example.com' % login,
                'groups_id': [(6, 0, [self.env.ref('base.group_user').id,
                                      self.env.ref(group).id])]})
        return user

    def _create_staff(self):
        Employee = self.env['hr.employee'].with_context(mail_create_nolog=True)
        if Employee.search_count([('name', '=like', PREFIX + ' staff %')]):
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

    def generate(self, target):
        done = count_departures(self.env.cr)
        if done >= target:
            return
        say('Generating departures %d to %d through the ORM...', done + 1, target)
        started, first = time.time(), done
        while done < target:
            for _number in range(min(BATCH, target - done)):
                self._departure()
                done += 1
            self.env.cr.commit()
            rate = (done - first) / (time.time() - started)
            say('  %d departures, %.1f per second, %.0f s to go', done, rate,
                (target - done) / rate)

    def _departure(self):
        rnd = self.random
        departure = self.today - timedelta(days=rnd.randrange(365 * YEARS))
        registration = departure - timedelta(days=rnd.randrange(10, 60))
        department = rnd.choice(self.departments)
        state = rnd.choices([s for s, _w in STATES], [w for _s, w in STATES])[0]
        employee = self.env['hr.employee'].with_context(mail_create_nolog=True).create({
            'name': '%s leaver' % PREFIX, 'department_id': department.id,
            'departure_date': str(departure), 'active': state == 'draft'})
        interviewer = rnd.choice(self.interviewers)
        departure_type = rnd.choice(['resignation', 'resignation', 'dismissal',
                                     'end_of_contract', 'retirement'])
        vals = {
            'employee_id': employee.id,
            'departure_date': str(departure),
            'registration_date': str(registration),
            'departure_type': departure_type,
            # a reason that fits the type, as the form offers it
            'primary_reason_id': rnd.choice(
                self.reasons._fit_departure_type(departure_type)).id,
            'regretted': rnd.random() < 0.3,
            'questionnaire_id': self.questionnaire.id,
            'interviewer_id': interviewer.id,
        }
        vals['answer_ids'] = [(0, 0, self._answer_vals(question) if state == 'done'
                               else {'question_id': question.id})
                              for question in self.questions]
        if state == 'done':
            vals['interview_date'] = '%s 10:00:00' % (registration + timedelta(
                days=rnd.randrange(3, 40)))
        interview = self.env[INTERVIEW].create(vals)
        interview.message_subscribe(partner_ids=interviewer.partner_id.ids)
        if state != 'draft':
            interview.write({'state': state})
        if state == 'done':
            interview.sudo(self.officer).message_post(
                body=rnd.choice(NOTES), message_type='comment', subtype='mail.mt_note')
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


def count_departures(cr):
    cr.execute("""SELECT COUNT(*) FROM hr_exit_interview i
                    JOIN hr_department d ON d.id = i.department_id
                   WHERE d.name LIKE %s""", [PREFIX + ' %'])
    return cr.fetchone()[0]


# ----------------------------------------------------------------------
# Generation in SQL: clones of the seed departures
# ----------------------------------------------------------------------

class SqlGenerator(object):
    """Grows a database to N departures with INSERT ... SELECT: each new
    departure copies every column of one seed departure's rows (so that it
    holds what the ORM writes), with new ids, a random department, departure
    date and interviewer-independent dates shifted along."""

    def __init__(self, cr):
        self.cr = cr

    def columns(self, table):
        self.cr.execute("""SELECT column_name, data_type FROM information_schema.columns
                            WHERE table_schema = 'public' AND table_name = %s
                            ORDER BY ordinal_position""", [table])
        return self.cr.fetchall()

    def copy_rows(self, table, source, overrides):
        """INSERT INTO table SELECT every column from ``source`` (aliased s),
        with the SQL expressions of ``overrides`` in place of some columns."""
        names = [name for name, _type in self.columns(table)]
        select = ', '.join(overrides.get(name, 's.%s' % name) for name in names)
        self.cr.execute('INSERT INTO %s (%s) SELECT %s FROM %s' % (
            table, ', '.join(names), select, source))
        return self.cr.rowcount

    def shifted(self, table, alias='s', days='p.shift'):
        """Overrides moving the business dates of a row by ``days``."""
        moved = {
            'hr_exit_interview': ('departure_date', 'registration_date', 'interview_date',
                                  'date_done'),
            'hr_employee': ('departure_date',),
        }.get(table, ())
        result = {}
        for name, kind in self.columns(table):
            if name in moved:
                unit = '' if kind == 'date' else " * interval '1 day'"
                result[name] = '%s.%s + %s%s' % (alias, name, days, unit)
        return result

    def generate(self, target):
        cr = self.cr
        done = count_departures(cr)
        if done >= target:
            return
        say('Generating departures %d to %d in SQL (clones of %d ORM seeds)...',
            done + 1, target, SEED)
        started = time.time()
        cr.execute('SELECT setseed(%s)', [(done % 1000) / 1000.0])
        cr.execute("""CREATE TEMP TABLE bench_seed AS
                      SELECT row_number() OVER (ORDER BY i.id) - 1 AS n, i.id AS interview_id,
                             i.employee_id, e.resource_id, i.departure_date
                        FROM hr_exit_interview i
                        JOIN hr_employee e ON e.id = i.employee_id
                        JOIN hr_department d ON d.id = i.department_id
                       WHERE d.name LIKE %s ORDER BY i.id LIMIT %s""", [PREFIX + ' %', SEED])
        cr.execute("""CREATE TEMP TABLE bench_department AS
                      SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, company_id
                        FROM hr_department WHERE name LIKE %s""", [PREFIX + ' %'])
        cr.execute('SELECT COUNT(*) FROM bench_seed')
        seeds = cr.fetchone()[0]
        cr.execute('SELECT COUNT(*) FROM bench_department')
        departments = cr.fetchone()[0]
        while done < target:
            step = min(CLONE_BATCH, target - done)
            self._batch(step, seeds, departments)
            cr.commit()
            done += step
            say('  %d departures, %.0f per second', done, done / (time.time() - started))
        cr.execute('ANALYZE')
        cr.commit()

    def _batch(self, step, seeds, departments):
        cr = self.cr
        today = date.today()
        cr.execute('DROP TABLE IF EXISTS bench_plan')
        cr.execute("""
            CREATE TEMP TABLE bench_plan AS
            SELECT s.*, dep.id AS department_id, dep.company_id,
                   (p.departure - s.departure_date) AS shift,
                   nextval('resource_resource_id_seq') AS new_resource_id,
                   nextval('hr_employee_id_seq') AS new_employee_id,
                   nextval('hr_exit_interview_id_seq') AS new_interview_id
              FROM (SELECT g, floor(random() * %s)::int AS seed_n,
                           floor(random() * %s)::int AS department_n,
                           %s - floor(random() * %s)::int AS departure
                      FROM generate_series(1, %s) g) p
              JOIN bench_seed s ON s.n = p.seed_n
              JOIN bench_department dep ON dep.n = p.department_n""",
                   [seeds, departments, today, 365 * YEARS, step])
        self.copy_rows('resource_resource', 'resource_resource s JOIN bench_plan p '
                       'ON p.resource_id = s.id', {'id': 'p.new_resource_id'})
        self.copy_rows('hr_employee', 'hr_employee s JOIN bench_plan p ON p.employee_id = s.id',
                       dict(self.shifted('hr_employee'), id='p.new_employee_id',
                            resource_id='p.new_resource_id', department_id='p.department_id'))
        self.copy_rows('hr_exit_interview',
                       'hr_exit_interview s JOIN bench_plan p ON p.interview_id = s.id',
                       dict(self.shifted('hr_exit_interview'), id='p.new_interview_id',
                            employee_id='p.new_employee_id', department_id='p.department_id',
                            company_id='p.company_id',
                            name="regexp_replace(s.name, '[0-9]+$', "
                                 "lpad(p.new_interview_id::text, 6, '0'))"))
        self.copy_rows('hr_exit_answer',
                       'hr_exit_answer s JOIN bench_plan p ON p.interview_id = s.interview_id',
                       {'id': "nextval('hr_exit_answer_id_seq')",
                        'interview_id': 'p.new_interview_id'})
        # the ratings per area follow the answers through the ORM: copied with them
        self.copy_rows('hr_exit_interview_area',
                       'hr_exit_interview_area s JOIN bench_plan p '
                       'ON p.interview_id = s.interview_id',
                       {'id': "nextval('hr_exit_interview_area_id_seq')",
                        'interview_id': 'p.new_interview_id'})
        # the themes of the comments, tagged by the ORM: copied with the answers
        self.copy_rows('hr_exit_answer_theme_tag',
                       'hr_exit_answer_theme_tag s JOIN hr_exit_answer sa ON sa.id = s.answer_id '
                       'JOIN bench_plan p ON p.interview_id = sa.interview_id '
                       'JOIN hr_exit_answer na ON na.interview_id = p.new_interview_id '
                       'AND na.question_id = sa.question_id',
                       {'id': "nextval('hr_exit_answer_theme_tag_id_seq')",
                        'answer_id': 'na.id', 'interview_id': 'p.new_interview_id'})
        self._copy_attached('mail_message', 'model', 'mail_message_id_seq', {
            'message_id': "s.message_id || '-' || p.new_interview_id",
            'record_name': "regexp_replace(s.record_name, '[0-9]+$', "
                           "lpad(p.new_interview_id::text, 6, '0'))"},
            [('mail_tracking_value', 'mail_message_id'),
             ('mail_message_res_partner_rel', 'mail_message_id'),
             ('mail_message_res_partner_needaction_rel', 'mail_message_id')])
        self._copy_attached('mail_followers', 'res_model', 'mail_followers_id_seq', {},
                            [('mail_followers_mail_message_subtype_rel', 'mail_followers_id')])
        self._copy_attached('mail_activity', 'res_model', 'mail_activity_id_seq', {}, [])

    def _copy_attached(self, table, model_column, sequence, overrides, children):
        """Rows hanging on the seed interview by model and id, and the rows
        of ``children`` (table, column) pointing to them, with new ids."""
        cr = self.cr
        cr.execute('DROP TABLE IF EXISTS bench_map')
        cr.execute("""CREATE TEMP TABLE bench_map AS
                      SELECT s.id AS old_id, nextval(%%s) AS new_id, p.new_interview_id
                        FROM %s s JOIN bench_plan p ON p.interview_id = s.res_id
                       WHERE s.%s = %%s""" % (table, model_column), [sequence, INTERVIEW])
        self.copy_rows(table, '%s s JOIN bench_map m ON m.old_id = s.id '
                              'JOIN bench_plan p ON p.new_interview_id = m.new_interview_id'
                       % table, dict(overrides, id='m.new_id', res_id='m.new_interview_id'))
        for child_table, column in children:
            names = [name for name, _type in self.columns(child_table)]
            overrides = {column: 'm.new_id'}
            if 'id' in names:
                overrides['id'] = "nextval('%s_id_seq')" % child_table
            self.copy_rows(child_table, '%s s JOIN bench_map m ON m.old_id = s.%s'
                           % (child_table, column), overrides)


# ----------------------------------------------------------------------
# The generator is checked against the ORM
# ----------------------------------------------------------------------

CHECKED_TABLES = [
    # table, SQL selecting the rows of the bench departures (alias t)
    ('hr_exit_interview', 'SELECT t.* FROM hr_exit_interview t'),
    ('hr_exit_answer', 'SELECT t.* FROM hr_exit_answer t'),
    ('hr_exit_interview_area', 'SELECT t.* FROM hr_exit_interview_area t'),
    ('hr_exit_answer_theme_tag', 'SELECT t.* FROM hr_exit_answer_theme_tag t'),
    ('hr_employee', "SELECT t.* FROM hr_employee t WHERE t.name = 'Bench leaver'"),
    ('resource_resource', "SELECT t.* FROM resource_resource t WHERE t.name = 'Bench leaver'"),
    ('mail_message', "SELECT t.* FROM mail_message t WHERE t.model = 'hr.exit.interview'"),
    ('mail_tracking_value', "SELECT t.* FROM mail_tracking_value t JOIN mail_message m "
                            "ON m.id = t.mail_message_id WHERE m.model = 'hr.exit.interview'"),
    ('mail_followers', "SELECT t.* FROM mail_followers t "
                       "WHERE t.res_model = 'hr.exit.interview'"),
]
AGGREGATES = [
    ('answers per interview',
     'SELECT COUNT(*)::float / (SELECT COUNT(*) FROM hr_exit_interview) FROM hr_exit_answer'),
    ('messages per interview', "SELECT COUNT(*)::float / (SELECT COUNT(*) FROM "
                               "hr_exit_interview) FROM mail_message "
                               "WHERE model = 'hr.exit.interview'"),
    ('tracking values per interview', "SELECT COUNT(*)::float / (SELECT COUNT(*) FROM "
                                      "hr_exit_interview) FROM mail_tracking_value"),
    ('followers per interview', "SELECT COUNT(*)::float / (SELECT COUNT(*) FROM "
                                "hr_exit_interview) FROM mail_followers "
                                "WHERE res_model = 'hr.exit.interview'"),
    ('comment themes per interview', 'SELECT COUNT(*)::float / (SELECT COUNT(*) FROM '
                                     'hr_exit_interview) FROM hr_exit_answer_theme_tag'),
    ('share held', "SELECT AVG((state = 'done')::int) FROM hr_exit_interview"),
    ('share of leavers archived', "SELECT AVG((NOT active)::int) FROM hr_employee "
                                  "WHERE name = 'Bench leaver'"),
    ('answered share of answers', 'SELECT AVG(is_answered::int) FROM hr_exit_answer'),
    ('average rating', 'SELECT AVG(rating) FROM hr_exit_answer'),
    ('average overall score', 'SELECT AVG(overall_score) FROM hr_exit_interview'),
    ('average recommend score', 'SELECT AVG(recommend_score) FROM hr_exit_interview'),
    ('share regretted', 'SELECT AVG(regretted::int) FROM hr_exit_interview'),
    ('departments with departures', 'SELECT COUNT(DISTINCT department_id)::float '
                                    'FROM hr_exit_interview'),
    ('average days before departure registered',
     'SELECT AVG(departure_date - registration_date) FROM hr_exit_interview'),
]


def profile(db):
    """Shape (share of non-empty values of each column) and aggregates."""
    result = {'shape': {}, 'aggregates': {}}
    with environment(db) as env:
        cr = env.cr
        for table, rows in CHECKED_TABLES:
            cr.execute("""SELECT column_name FROM information_schema.columns
                           WHERE table_schema = 'public' AND table_name = %s""", [table])
            names = [row[0] for row in cr.fetchall()]
            cr.execute('SELECT %s FROM (%s) t' % (', '.join(
                'AVG((t.%s IS NOT NULL)::int)' % name for name in names), rows))
            for name, share in zip(names, cr.fetchone()):
                result['shape']['%s.%s' % (table, name)] = float(share or 0)
        for label, query in AGGREGATES:
            cr.execute(query)
            value = cr.fetchone()[0]
            result['aggregates'][label] = float(value or 0)
    return result


def compare(orm_db, sql_db):
    """Lines saying where the generator differs from the ORM (none: same)."""
    orm, sql = profile(orm_db), profile(sql_db)
    problems = []
    for column in sorted(set(orm['shape']) | set(sql['shape'])):
        a, b = orm['shape'].get(column), sql['shape'].get(column)
        if a is None or b is None or (a == 0) != (b == 0) or abs(a - b) > 0.06:
            problems.append('column %s filled: ORM %s, generator %s' % (column, a, b))
    for label, a in orm['aggregates'].items():
        b = sql['aggregates'][label]
        if abs(a - b) > 0.1 * max(abs(a), abs(b), 1e-9):
            problems.append('%s: ORM %.3f, generator %.3f' % (label, a, b))
    return problems, len(orm['shape']), orm['aggregates'], sql['aggregates']


# ----------------------------------------------------------------------
# Measures
# ----------------------------------------------------------------------

class ChildSampler(threading.Thread):
    """Highest RSS of the child processes (wkhtmltopdf), sampled every 10 ms."""

    def __init__(self, process):
        super(ChildSampler, self).__init__(daemon=True)
        self.process, self.peak, self.running = process, 0, True

    def run(self):
        while self.running:
            for proc in self.process.children(recursive=True):
                try:
                    self.peak = max(self.peak, proc.memory_info().rss)
                except psutil.Error:
                    pass
            time.sleep(0.01)

    def stop(self):
        self.running = False
        self.join()


@contextlib.contextmanager
def threshold_only():
    """The analyses without the complement rule, for its cost figure: no set
    read, compared or stored (a patch of this process only)."""
    from odoo.addons.hr_exit_interview.reports import difference_guard
    from odoo.addons.hr_exit_interview.reports.hr_exit_anonymity_mixin import \
        HrExitAnonymityMixin
    counts = HrExitAnonymityMixin._anonymity_counts

    def plain_counts(self, domain, levels, members=False, exclude=None, **_options):
        result = counts(self, domain, levels, exclude=exclude)
        if not members:
            return result
        return dict((piece, dict((key, (count, [])) for key, count in cells.items()))
                    for piece, cells in result.items())

    def nothing_blocked(self, guard, domain, levels, sets, threshold):
        return dict((piece, set()) for piece in sets), []

    patches = [(HrExitAnonymityMixin, '_anonymity_counts', plain_counts),
               (HrExitAnonymityMixin, '_difference_blocked', nothing_blocked),
               (difference_guard.DifferenceGuard, 'close', lambda self, *_args: False),
               (difference_guard.DifferenceGuard, 'save', lambda self: None)]
    saved = [(owner, name, owner.__dict__[name]) for owner, name, _new in patches]
    for owner, name, new in patches:
        setattr(owner, name, new)
    try:
        yield
    finally:
        for owner, name, old in saved:
            setattr(owner, name, old)


class Bench(object):

    def __init__(self, env, runs):
        self.env, self.runs = env, runs
        self.report = env.ref('hr_exit_interview.action_report_exit_trends')
        users = env['res.users'].search([('login', '=like', 'bench_%')])
        self.users = dict((user.login[len('bench_'):], user) for user in users)
        self.users['superuser'] = env['res.users'].browse(SUPERUSER_ID)
        self.interviewer = self.users['interviewer_01']
        # The latest held interview of the first interviewer: everyone measured may open it.
        self.interview = env[INTERVIEW].search([('interviewer_id', '=', self.interviewer.id),
                                                ('state', '=', 'done')], limit=1,
                                               order='id desc')
        self.figures = []

    def measure(self, label, function, unit='s'):
        """Median of ``runs`` runs after two warm-up runs (the first render
        of a database builds its report assets, which empties the template
        caches again); SQL queries of one run."""
        for _warm_up in range(2):
            function()
        self.env.cache.invalidate()
        before = self.env.cr.sql_log_count
        function()
        queries = self.env.cr.sql_log_count - before
        times = []
        for _run in range(self.runs):
            self.env.cache.invalidate()
            started = time.time()
            function()
            times.append(time.time() - started)
        self.figures.append({'label': label, 'value': statistics.median(times), 'unit': unit,
                             'queries': queries})
        return statistics.median(times)

    def add(self, label, value, unit):
        self.figures.append({'label': label, 'value': value, 'unit': unit, 'queries': None})

    # -- the figures ---------------------------------------------------

    def form_load(self, user):
        """What the web client reads to show the interview form."""
        Interview = self.env[INTERVIEW].sudo(user)
        view = Interview.fields_view_get(view_type='form')
        # the answers' list view named in the form's context, as the client loads it
        answer_view = self.env['hr.exit.answer'].sudo(user).fields_view_get(
            view_id=self.env.ref('hr_exit_interview.view_hr_exit_answer_tree').id,
            view_type='tree')
        answer_fields = list(answer_view['fields'])
        fields = list(view['fields'])

        def load():
            record = Interview.browse(self.interview.id).read(fields)[0]
            self.env['hr.exit.answer'].sudo(user).browse(record['answer_ids']).read(
                answer_fields)
            self.env['mail.message'].sudo(user).message_fetch(
                [('id', 'in', record['message_ids'])], limit=30)
            self.env['mail.followers'].sudo(user).browse(
                record['message_follower_ids']).read(['partner_id', 'channel_id'])
            self.env['mail.activity'].sudo(user).browse(record['activity_ids']).read(
                ['summary', 'date_deadline', 'user_id'])
        return load

    def pivot(self, user, rows=('primary_reason_id',)):
        """The analysis pivot as the web client loads it: one read_group
        per (row prefix, column prefix), not lazy."""
        Report = self.env['hr.exit.interview.report'].sudo(user)
        rows, cols = list(rows), ['departure_month:quarter']
        measures = ['overall_score', 'recommend_score']

        def load():
            for row_depth in range(len(rows) + 1):
                for col_depth in range(len(cols) + 1):
                    groupby = rows[:row_depth] + cols[:col_depth]
                    Report.read_group([], measures + [g.split(':')[0] for g in groupby],
                                      groupby, lazy=False)
        return load

    def pivot_sql(self):
        def load():
            self.env.cr.execute("""
                SELECT primary_reason_id, date_trunc('quarter', departure_month), COUNT(*),
                       AVG(overall_score), AVG(recommend_score)
                  FROM hr_exit_interview_report
                 GROUP BY GROUPING SETS ((), (1), (2), (1, 2))""")
            return self.env.cr.fetchall()
        return load

    def fill_window(self, user):
        """Store sets as shown to ``user`` a day ago, of 20 to 220 interview
        ids each, until the company's number of sets kept is reached; return
        that number."""
        window = user.company_id.exit_difference_sets
        self.env.cr.execute('SELECT COUNT(*) FROM hr_exit_shown_set '
                            'WHERE user_id = %s', [user.id])
        stored = self.env.cr.fetchone()[0]
        self.env.cr.execute('SELECT MIN(id), MAX(id) FROM hr_exit_interview')
        first, last = self.env.cr.fetchone()
        self.env.cr.execute("""
            INSERT INTO hr_exit_shown_set (user_id, kind, digest, size, head, members, shown_at)
            SELECT %s, 'hr.exit.interview.report', md5(ids::text), cardinality(ids), ids[1:20],
                   ids, (now() at time zone 'UTC') - interval '1 day'
              FROM (SELECT ARRAY(SELECT generate_series(start, start + 3 * (20 + number %% 200),
                                                        3)) AS ids
                      FROM (SELECT number, %s + (number * 7919) %% GREATEST(%s - %s, 1) AS start
                              FROM generate_series(1, %s) AS number) starts) filler
            ON CONFLICT DO NOTHING""", [user.id, first, last, first, max(window - stored, 0)])
        return window

    def _wizard(self, user):
        today = date.today()
        return self.env['hr.exit.trend.wizard'].sudo(user).create({
            'date_from': str(today.replace(day=1) - timedelta(days=365 * YEARS)),
            'date_to': str(today), 'granularity': 'quarter'})

    def trend_html(self, user):
        def load():
            return self.report.sudo(user).render_qweb_html(self._wizard(user).ids)[0]
        return load

    def trend_pdf(self, user):
        def load():
            pdf, kind = self.report.sudo(user).render_qweb_pdf(self._wizard(user).ids)
            assert kind == 'pdf' and pdf.startswith(b'%PDF'), 'no PDF produced'
        return load

    def tag_comments(self):
        """Seconds to tag TAG_COMMENTS comments with the shipped taxonomy,
        no database: the labelled comments of the tests, two at a time in
        random pairs, each with a number of its own."""
        tagger = self.env['hr.exit.theme']._tagger()
        texts = []
        for name, lang in (('theme_comments_en.txt', 'en_US'), ('theme_comments_nb.txt', 'nb_NO')):
            with open(os.path.join(ROOT, 'tests', 'data', name), encoding='utf-8') as handle:
                texts.extend((line.split(' | ', 1)[1].strip(), lang) for line in handle
                             if ' | ' in line and not line.startswith('#'))
        chooser = random.Random(TAG_COMMENTS)
        comments = []
        for number in range(TAG_COMMENTS):
            (first, lang), (second, _lang) = chooser.choice(texts), chooser.choice(texts)
            comments.append(('%s %s (%d)' % (first, second, number), lang))
        started = time.process_time()
        for text, lang in comments:
            tagger.tag(text, lang)
        return time.process_time() - started

    def recompute_themes(self):
        """The recompute button: every comment of the database read, tagged
        and written back in batches (rolled back at the end of the bench)."""
        started = time.time()
        count = self.env['hr.exit.answer']._recompute_themes()
        return count, time.time() - started

    def latest_messages(self, user):
        def load():
            Message = self.env['mail.message'].sudo(user)
            Message.search([], limit=30).read(['date', 'body', 'author_id', 'model', 'res_id'])
        return load

    def run(self):
        users = self.users
        assert self.interview, 'no held interview of %s' % self.interviewer.login
        for label, user in (('HR officer', users['officer']),
                            ('interviewer', self.interviewer),
                            ('superuser', users['superuser'])):
            self.measure('Form load: interview + answers + chatter (%s)' % label,
                         self.form_load(user))
        for label, user in (('HR officer', users['officer']),
                            ('trend report user', users['reporter'])):
            grouped = self.measure('Pivot, all read_group of one load (%s)' % label,
                                   self.pivot(user))
            sql = self.measure('  one SQL query, same cells', self.pivot_sql())
            self.add('  ratio pivot / SQL', grouped / sql, 'x')
        # the complement rule (issue #14): a trend reader's pivot by
        # department x quarter, with the sets shown already remembered
        by_department = self.pivot(users['reporter'], rows=['department_id'])
        checked = self.measure('Pivot department x quarter (trend report user)', by_department)
        with threshold_only():
            alone = self.measure('  the same, anonymity threshold only', by_department)
        self.add('  ratio with / without the complement rule', checked / alone, 'x')
        # the history is read once per read_group: the same pivot when the
        # reader's window is full (rolled back with the rest of the bench)
        window = self.fill_window(users['reporter'])
        full = self.measure('  the same, with a full window of %s sets' % '{:,}'.format(window),
                            by_department)
        self.add('  ratio full window / threshold only', full / alone, 'x')
        for label, user in (('HR officer', users['officer']),
                            ('trend report user', users['reporter'])):
            self.measure('Trend report HTML, 5 years by quarter (%s)' % label,
                         self.trend_html(user))
        process = psutil.Process()
        sampler = ChildSampler(process)
        sampler.start()
        self.measure('Trend report PDF (trend report user)', self.trend_pdf(users['reporter']))
        sampler.stop()
        self.add('Tag %s comments, tagger alone (one core)' % '{:,}'.format(TAG_COMMENTS),
                 self.tag_comments(), 's')
        count, seconds = self.recompute_themes()
        self.add('Tag all %s comments again, in the database' % '{:,}'.format(count),
                 seconds, 's')
        plain = self.measure('30 latest messages (user without exit interview rights)',
                             self.latest_messages(users['plain']))
        self.measure('30 latest messages (interviewer)', self.latest_messages(self.interviewer))
        superuser = self.measure('30 latest messages (superuser)',
                                 self.latest_messages(users['superuser']))
        self.add('  ratio no rights / superuser', plain / superuser, 'x')
        self.add('Memory: RSS of the measuring process', process.memory_info().rss / 2.0 ** 20,
                 'MB')
        self.add('Memory: peak RSS of wkhtmltopdf', sampler.peak / 2.0 ** 20, 'MB')
        return self.figures


def measure_scale(db, runs, output):
    with environment(db) as env:
        bench = Bench(env, runs)
        figures = bench.run()
        counts = {'departures': count_departures(env.cr)}
        for table in ('hr_exit_answer', 'mail_message'):
            env.cr.execute('SELECT COUNT(*) FROM %s' % table)
            counts[table] = env.cr.fetchone()[0]
        env.cr.rollback()
    with open(output, 'w') as handle:
        json.dump({'figures': figures, 'counts': counts}, handle)


# ----------------------------------------------------------------------
# The table
# ----------------------------------------------------------------------

def print_table(results, scales, runs, check):
    out = sys.stdout
    width = 64
    out.write('\nBenchmark: median of %d runs (after two warm-up runs); "q" = SQL queries of one run\n'
              % runs)
    if check is not None:
        problems, columns, _orm, _sql = check
        out.write('Generator check against the ORM at %d departures (%d columns, %d aggregates): '
                  '%s\n' % (ORM_SCALE, columns, len(AGGREGATES),
                            'same shape and aggregates' if not problems
                            else 'DIFFERENT\n  ' + '\n  '.join(problems)))
    header = '%-*s' % (width, 'Figure') + ''.join(
        ' | %17s' % ('{:,}'.format(scale)) for scale in scales)
    out.write('\n' + header + '\n' + '-' * len(header) + '\n')
    labels = [figure['label'] for figure in results[scales[0]]['figures']]
    line = '%-*s' % (width, 'Data: departures / answers (thousands)')
    for scale in scales:
        counts = results[scale]['counts']
        line += ' | %17s' % ('%d / %dk' % (counts['departures'], counts['hr_exit_answer'] // 1000))
    out.write(line + '\n')
    line = '%-*s' % (width, 'Data: messages (thousands)')
    for scale in scales:
        line += ' | %17s' % ('%dk' % (results[scale]['counts']['mail_message'] // 1000))
    out.write(line + '\n')
    for index, label in enumerate(labels):
        line = '%-*s' % (width, label)
        for scale in scales:
            figure = results[scale]['figures'][index]
            value = figure['value']
            if figure['unit'] == 's':
                text = '%.1f ms' % (value * 1000) if value < 1 else '%.2f s' % value
            elif figure['unit'] == 'x':
                text = '%.1fx' % value
            else:
                text = '%.0f %s' % (value, figure['unit'])
            if figure['queries'] is not None:
                text += ' %4dq' % figure['queries']
            line += ' | %17s' % text
        out.write(line + '\n')
    out.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db-prefix', default=os.environ.get('BENCH_DB') or 'hrx_bench')
    parser.add_argument('--scales', type=int, nargs='+', default=[
        int(s) for s in (os.environ.get('BENCH_SCALES') or '').replace(',', ' ').split()]
        or list(DEFAULT_SCALES))
    parser.add_argument('--runs', type=int, default=int(os.environ.get('BENCH_RUNS') or 5))
    parser.add_argument('--prepare-only', action='store_true',
                        help='build or update the databases, measure nothing')
    parser.add_argument('--scale', type=int, help=argparse.SUPPRESS)
    parser.add_argument('--orm', help=argparse.SUPPRESS)
    parser.add_argument('--sql', help=argparse.SUPPRESS)
    parser.add_argument('--measure', help=argparse.SUPPRESS)
    parser.add_argument('--output', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 5:
        parser.error('medians of at least 5 runs')
    db = args.orm or args.sql or args.measure
    odoo.tools.config.parse_config(['-c', os.path.join(RUNTIME, 'odoo.conf'),
                                    '--log-level=warn'] + (['-d', db] if db else []))
    if args.orm:
        with environment(args.orm) as env:
            generator = OrmGenerator(env)
            generator.setup()
            generator.generate(args.scale)
        return
    if args.sql:
        with environment(args.sql) as env:
            SqlGenerator(env.cr).generate(args.scale)
        return
    if args.measure:
        measure_scale(args.measure, args.runs, args.output)
        return

    scales = sorted(set(args.scales))
    code = addon_code()
    started = time.time()
    base = ensure_base(args.db_prefix, code)
    databases = {}
    for scale in scales:
        databases[scale] = ensure_scale(args.db_prefix, base, scale, code)
    check = None
    if ORM_SCALE in scales:
        orm_db = ensure_scale(args.db_prefix, base, ORM_SCALE, code, orm=True)
        check = compare(orm_db, databases[ORM_SCALE])
    say('Databases ready in %.0f s', time.time() - started)
    if args.prepare_only:
        return
    results = {}
    for scale in scales:
        say('Measuring at %d departures (%s)...', scale, databases[scale])
        output = os.path.join(RUNTIME, 'bench_%d.json' % scale)
        child('--measure', databases[scale], '--runs', str(args.runs), '--output', output)
        with open(output) as handle:
            results[scale] = json.load(handle)
    print_table(results, scales, args.runs, check)
    if check is not None and check[0]:
        sys.exit(1)


if __name__ == '__main__':
    main()
