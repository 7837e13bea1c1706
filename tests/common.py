"""Fixtures shared by the addon's tests: a company with departments, a leaver
and their manager, and one user per role; and the same fixtures served over
HTTP by an Odoo server running in the test process."""
import base64
import re
import time
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import requests

import odoo
import odoo.tests.common
from odoo.service import security
from odoo.service.server import ThreadedServer
from odoo.service.wsgi_server import application
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase, get_db_name

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


class ExitInterviewCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(ExitInterviewCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False,
                                       mail_create_nolog=True, no_reset_password=True))
        cls.company = cls.env.ref('base.main_company')
        cls.other_company = cls.env['res.company'].create({'name': 'Fjord Holding AS'})
        ref = cls.env.ref
        cls.group_interviewer = ref('hr_exit_interview.group_exit_interviewer')
        cls.group_officer = ref('hr_exit_interview.group_exit_officer')
        cls.group_admin = ref('hr_exit_interview.group_exit_manager')
        cls.group_report = ref('hr_exit_interview.group_exit_report')
        cls.group_user = ref('base.group_user')

        cls.officer = cls._create_user('officer', [cls.group_officer])
        cls.interviewer = cls._create_user('interviewer', [cls.group_interviewer])
        cls.other_interviewer = cls._create_user('interviewer2', [cls.group_interviewer])
        cls.admin = cls._create_user('exitadmin', [cls.group_admin])
        cls.reporter = cls._create_user('reporter', [cls.group_report])
        cls.plain_user = cls._create_user('plain', [])
        # Odoo's own HR officer: no exit interview access unless granted.
        cls.hr_user = cls._create_user('hrofficer', [ref('hr.group_hr_user')])
        cls.manager_user = cls._create_user('leadermgr', [])
        cls.dept_head_user = cls._create_user('depthead', [])
        cls.leaver_user = cls._create_user('leaver', [])
        cls.foreign_officer = cls._create_user('foreign', [cls.group_officer],
                                               company=cls.other_company)

        Department = cls.env['hr.department']
        cls.dep_sales = Department.create({'name': 'Sales Test', 'company_id': cls.company.id})
        cls.dep_rd = Department.create({'name': 'R&D Test', 'company_id': cls.company.id})
        cls.job = cls.env['hr.job'].create({'name': 'Account Manager Test'})
        Employee = cls.env['hr.employee']
        cls.manager = Employee.create({
            'name': 'Ingrid Manager', 'department_id': cls.dep_sales.id,
            'user_id': cls.manager_user.id, 'company_id': cls.company.id})
        cls.dep_sales.manager_id = cls.manager
        cls.leaver = Employee.create({
            'name': 'Ola Leaver', 'department_id': cls.dep_sales.id, 'job_id': cls.job.id,
            'parent_id': cls.manager.id, 'user_id': cls.leaver_user.id,
            'work_email': 'ola.leaver@example.com', 'company_id': cls.company.id})
        # Head of R&D, without being anyone's direct manager there.
        cls.dept_head = Employee.create({
            'name': 'Dag Head', 'department_id': cls.dep_rd.id,
            'user_id': cls.dept_head_user.id, 'company_id': cls.company.id})
        cls.dep_rd.manager_id = cls.dept_head
        cls.colleague = Employee.create({
            'name': 'Kari Colleague', 'department_id': cls.dep_rd.id,
            'work_email': 'kari@example.com', 'company_id': cls.company.id})

        cls.questionnaire = cls._create_questionnaire()
        cls.reason_pay = ref('hr_exit_interview.exit_reason_pay_benefits')

    @classmethod
    def _create_user(cls, login, groups, company=None):
        company = company or cls.company
        return cls.env['res.users'].create({
            'name': login.capitalize() + ' Test',
            'login': login + '@test.example.com',
            'email': login + '@test.example.com',
            'company_id': company.id,
            'company_ids': [(6, 0, [company.id])],
            'groups_id': [(6, 0, [cls.env.ref('base.group_user').id] + [g.id for g in groups])],
        })

    @classmethod
    def _create_questionnaire(cls):
        """A small questionnaire of our own, one question per type, so that the
        tests do not depend on the shipped one."""
        ref = cls.env.ref
        questionnaire = cls.env['hr.exit.questionnaire'].create({
            'name': 'Test questionnaire', 'company_id': cls.company.id})
        Question = cls.env['hr.exit.question']
        cls.q_rating = Question.create({
            'questionnaire_id': questionnaire.id, 'name': 'How was the leadership?',
            'category_id': ref('hr_exit_interview.exit_category_leadership').id,
            'question_type': 'rating', 'mandatory': True, 'sequence': 1})
        cls.q_score = Question.create({
            'questionnaire_id': questionnaire.id, 'is_recommend': True,
            'name': 'Would you recommend us as an employer?',
            'category_id': ref('hr_exit_interview.exit_category_suggestions').id,
            'question_type': 'score', 'mandatory': True, 'sequence': 2})
        cls.q_yes_no = Question.create({
            'questionnaire_id': questionnaire.id, 'name': 'Would you work here again?',
            'category_id': ref('hr_exit_interview.exit_category_reasons').id,
            'question_type': 'yes_no', 'sequence': 3})
        cls.q_choice = Question.create({
            'questionnaire_id': questionnaire.id, 'name': 'Main reason?',
            'category_id': ref('hr_exit_interview.exit_category_reasons').id,
            'question_type': 'choice', 'sequence': 4,
            'option_ids': [(0, 0, {'name': 'Pay'}), (0, 0, {'name': 'Manager'})]})
        cls.q_text = Question.create({
            'questionnaire_id': questionnaire.id, 'name': 'What should we improve?',
            'category_id': ref('hr_exit_interview.exit_category_suggestions').id,
            'question_type': 'text', 'sequence': 5})
        return questionnaire

    @classmethod
    def _create_interview(cls, employee=None, **values):
        vals = {
            'employee_id': (employee or cls.leaver).id,
            'departure_date': '2026-10-31',
            'departure_type': 'resignation',
            'interviewer_id': cls.interviewer.id,
            'interview_date': '2026-10-20 10:00:00',
            'questionnaire_id': cls.questionnaire.id,
        }
        vals.update(values)
        if 'departure_type' not in values and vals.get('primary_reason_id'):
            # a departure type that fits the reason (see DEPARTURE_REASON_TYPES)
            reason = cls.env['hr.exit.reason'].browse(vals['primary_reason_id'])
            vals['departure_type'] = {'involuntary': 'dismissal', 'other': 'other'}.get(
                reason.reason_type, 'resignation')
        return cls.env['hr.exit.interview'].create(vals)

    @staticmethod
    def _answer(interview, question, **values):
        answer = interview.answer_ids.filtered(lambda a: a.question_id == question)
        answer.write(values)
        return answer

    def _fill_mandatory(self, interview):
        """The mandatory answers and the leaver's consent: what "held" needs."""
        self._answer(interview, self.q_rating, rating=4)
        self._answer(interview, self.q_score, score=9)
        interview.consent = 'given'

    # ------------------------------------------------------------------
    # Reporting fixtures
    # ------------------------------------------------------------------

    @classmethod
    def _create_report_questionnaire(cls):
        """Two ratings of the same area (so that an interview has several
        answer rows in one group), the recommendation and a comment."""
        ref = cls.env.ref
        leadership = ref('hr_exit_interview.exit_category_leadership')
        suggestions = ref('hr_exit_interview.exit_category_suggestions')
        questionnaire = cls.env['hr.exit.questionnaire'].create({
            'name': 'Report questionnaire', 'company_id': cls.company.id,
            'question_ids': [
                (0, 0, {'name': 'Your manager?', 'category_id': leadership.id,
                        'question_type': 'rating', 'sequence': 1}),
                (0, 0, {'name': 'The management?', 'category_id': leadership.id,
                        'question_type': 'rating', 'sequence': 2}),
                (0, 0, {'name': 'Recommend us?', 'category_id': suggestions.id,
                        'question_type': 'score', 'is_recommend': True, 'sequence': 3}),
                (0, 0, {'name': 'Anything else?', 'category_id': suggestions.id,
                        'question_type': 'text', 'sequence': 4}),
            ]})
        return questionnaire

    @classmethod
    def _create_departure(cls, department, departure_date, state='done', ratings=(),
                          recommend=None, text=None, days=None, **values):
        """A departure of ``department`` with its interview in ``state``.

        ``ratings`` answer the rating questions of the report questionnaire in
        order, ``recommend`` its 0-10 question, ``text`` its comment; ``days``
        puts the interview that many days after the registration."""
        questionnaire = cls.report_questionnaire
        registration = values.pop('registration_date', departure_date)
        interview_date = False
        if days is not None:
            interview_date = '%s 10:00:00' % fields.Date.to_string(
                fields.Date.from_string(registration) + timedelta(days=days))
        vals = {
            'department_id': department.id,
            'departure_date': departure_date,
            'registration_date': registration,
            'interview_date': interview_date,
            'questionnaire_id': questionnaire.id,
        }
        vals.update(values)
        # An employee may have one open interview only: closed ones share one.
        employee = cls.leaver if state not in ('draft', 'scheduled') else \
            cls.env['hr.employee'].create({'name': 'Open departure', 'company_id': cls.company.id})
        interview = cls._create_interview(employee, **vals)
        if ratings or recommend is not None or text:
            interview._generate_answers()
            questions = questionnaire.question_ids.sorted('sequence')
            for question, rating in zip(questions.filtered(
                    lambda q: q.question_type == 'rating'), ratings):
                cls._answer(interview, question, rating=rating)
            if recommend is not None:
                cls._answer(interview, questions.filtered('is_recommend'), score=recommend)
            if text:
                cls._answer(interview, questions.filtered(
                    lambda q: q.question_type == 'text'), text=text)
        if state != 'draft':
            interview.write({'state': state})
        return interview

_SERVERS = []
_WARM_PORTS = []


def ensure_http_server():
    """Port of an Odoo HTTP server that serves this process's registries,
    with the web client's bundles compiled.

    Odoo's own test runner has started one on config['http_port']. Under
    pytest nothing has (pytest-odoo's --odoo-http stops at once on Odoo 11), so
    start a threaded server on a free loopback port, once per process, and
    point config and HttpCase's PORT at it."""
    if odoo.service.server.server is None and not _SERVERS:
        odoo.tools.config['http_interface'] = '127.0.0.1'
        odoo.tools.config['http_port'] = 0
        server = ThreadedServer(application)
        server.http_spawn()
        deadline = time.time() + 30
        while server.httpd is None and time.time() < deadline:
            time.sleep(0.05)
        assert server.httpd is not None, 'the test HTTP server did not start'
        odoo.tools.config['http_port'] = odoo.tests.common.PORT = server.httpd.server_port
        _SERVERS.append(server)
    port = odoo.tools.config['http_port']
    if port not in _WARM_PORTS:
        _warm_up_assets(port)
        _WARM_PORTS.append(port)
    return port


def _warm_up_assets(port):
    """Compile the frontend and backend bundles once, outside any test
    transaction: inside one, every test would compile them again."""
    registry = odoo.registry(get_db_name())
    store = odoo.http.root.session_store
    session = store.new()
    session.db = registry.db_name
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        _authenticate_session(session, env['res.users'].browse(odoo.SUPERUSER_ID))
    store.save(session)
    cookies = {'session_id': session.sid}
    for path in ('/web/login', '/web'):
        requests.get('http://127.0.0.1:%d%s' % (port, path), cookies=cookies, timeout=300)
    store.delete(session)


def _authenticate_session(session, user):
    """Log an HTTP session in as user, as /web/login would (without password)."""
    session.uid = user.id
    session.login = user.login
    session.session_token = security.compute_session_token(session, user.env)
    session.context = dict(user.context_get(), uid=user.id)


class ExitInterviewHttpCase(ExitInterviewCase):
    """ExitInterviewCase whose records the in-process HTTP server sees.

    The registry's test mode makes every request use one test cursor. Unlike
    Odoo 11's HttpCase (whose requests do not see the test's own cursor), the
    class fixtures are built on that cursor, so requests and tests share them.
    Requests "commit" and "roll back" to a savepoint taken inside each test's
    own one, which tearDown rolls back."""

    @classmethod
    def setUpClass(cls):
        cls.http_port = ensure_http_server()
        registry = odoo.registry(get_db_name())
        registry.enter_test_mode()
        try:
            super(ExitInterviewHttpCase, cls).setUpClass()
        except Exception:
            registry.leave_test_mode()
            raise
        # The test cursor's lock serialises the requests; the test runs
        # between them and does not keep it.
        cls.cr.release()

    @classmethod
    def tearDownClass(cls):
        cls.cr.acquire()
        try:
            super(ExitInterviewHttpCase, cls).tearDownClass()
        finally:
            cls.registry.leave_test_mode()

    @classmethod
    def _setup_linked_interview(cls, **values):
        """cls.interview, an interview whose questionnaire link was sent, and
        cls.path, the address of its page."""
        cls.interview = cls._create_interview(**values)
        cls.interview.action_send_questionnaire()
        cls.token = cls.interview.questionnaire_token
        cls.path = '/exit-interview/' + cls.token

    def _key(self, question, interview=None):
        """The form field of question on the page of interview (default: cls.interview)."""
        interview = interview or self.interview
        return interview.answer_ids.filtered(lambda a: a.question_id == question)._selfservice_key()

    def setUp(self):
        super(ExitInterviewHttpCase, self).setUp()
        self.cr.execute('SAVEPOINT test_cursor')
        store = odoo.http.root.session_store
        self.session = store.new()
        self.session.db = get_db_name()
        store.save(self.session)
        self.addCleanup(store.delete, self.session)
        self.opener = requests.Session()
        self.opener.cookies['session_id'] = self.session.sid

    def url(self, path):
        return 'http://127.0.0.1:%d%s' % (self.http_port, path)

    def url_open(self, path, data=None):
        """GET, or POST when data is given; the records cached in this test's
        environment are read again afterwards, since the request may have
        changed them."""
        self._keep_test_changes()
        if data is None:
            response = self.opener.get(self.url(path), timeout=60)
        else:
            response = self.opener.post(self.url(path), data=data, timeout=60)
        self.env.cache.invalidate()
        return response

    def _keep_test_changes(self):
        """A request starts by rolling back to the savepoint 'test_cursor'
        (Odoo 11's checked_call): move it past what the test has written."""
        self.cr.execute('RELEASE SAVEPOINT test_cursor')
        self.cr.execute('SAVEPOINT test_cursor')

    def authenticate(self, user):
        _authenticate_session(self.session, user)
        odoo.http.root.session_store.save(self.session)

    @staticmethod
    def csrf_of(response):
        match = CSRF_INPUT.search(response.text)
        return match and match.group(1)


# ----------------------------------------------------------------------
# Doors (confidentiality through every door): an interview holding one
# secret of each kind, the users who may not read it, and the one place
# where tests switch users.
# ----------------------------------------------------------------------
SECRET_NOTES = 'NOTES-7f3a-do-not-leak'
SECRET_ANSWER = 'ANSWER-91c2-do-not-leak'
SECRET_MESSAGE = 'MESSAGE-5d0e-do-not-leak'
SECRET_FILE = 'FILE-28b4-do-not-leak'
# Every role that may not read the interview (portal_user is created below).
NON_READERS = ('plain_user', 'hr_user', 'manager_user', 'dept_head_user', 'leaver_user',
               'other_interviewer', 'reporter', 'foreign_officer', 'portal_user')


@contextmanager
def captured_queries(cr):
    """The SQL sent through ``cr`` inside the block, one string per query
    with its spaces folded: to check what a read does not do."""
    queries = []
    execute = type(cr).execute

    def spy(cursor, query, params=None, log_exceptions=None):
        if cursor is cr:
            queries.append(' '.join(str(query).split()))
        return execute(cursor, query, params, log_exceptions)
    with mock.patch.object(type(cr), 'execute', spy):
        yield queries


def as_user(records, user):
    """``records`` as ``user`` sees them: with their rights, rules and groups."""
    return records.sudo(user)


class DoorFixtures(object):
    """Mixed into an ExitInterviewCase: ``secret`` is a scheduled interview
    with confidential notes, a comment, a questionnaire link, a message with a
    notification, an attachment, followers and an improvement action, each
    carrying one of the SECRET_* markers."""

    @classmethod
    def _setup_doors(cls):
        cls.portal_user = cls.env['res.users'].create({
            'name': 'Portal Test', 'login': 'portal@test.example.com',
            'email': 'portal@test.example.com', 'company_id': cls.company.id,
            'company_ids': [(6, 0, [cls.company.id])],
            'groups_id': [(6, 0, [cls.env.ref('base.group_portal').id])]})
        cls.secret = cls._create_interview(confidential_notes=SECRET_NOTES)
        cls.secret.action_schedule()
        cls._answer(cls.secret, cls.q_text, text=SECRET_ANSWER)
        cls.secret_answer = cls.secret.answer_ids.filtered(lambda a: a.question_id == cls.q_text)
        cls.secret.action_send_questionnaire()
        cls.token = cls.secret.questionnaire_token
        cls.secret.message_subscribe(partner_ids=[cls.officer.partner_id.id,
                                                  cls.interviewer.partner_id.id])
        cls.secret_message = cls.secret.message_post(
            body=SECRET_MESSAGE, message_type='comment', subtype='mail.mt_comment',
            partner_ids=[cls.officer.partner_id.id])
        cls.secret_file = cls.env['ir.attachment'].create({
            'name': 'notes.txt', 'datas_fname': 'notes.txt',
            'datas': base64.b64encode(SECRET_FILE.encode()),
            'res_model': 'hr.exit.interview', 'res_id': cls.secret.id})
        cls.secret_action = cls.env['hr.exit.action'].create({
            'name': 'Better onboarding', 'interview_ids': [(6, 0, cls.secret.ids)]})

    def role(self, name):
        return getattr(self, name)


# ----------------------------------------------------------------------
# Doors of writes and of searches (refused writes, restricted fields)
# ----------------------------------------------------------------------


class ExitInterviewDoorCase(ExitInterviewCase):
    """Two scheduled interviews of the main company (two interviewers), one
    held, one of the other company; leavers of both companies with their
    departure registered on the employee."""

    @contextmanager
    def refused(self, msg, exceptions=(AccessError, UserError)):
        """The block raises one of exceptions. Unlike assertRaises, no
        savepoint: what the block wrote before raising stays visible."""
        try:
            yield
        except exceptions:
            return
        self.fail('not refused: %s' % msg)

    @classmethod
    def setUpClass(cls):
        super(ExitInterviewDoorCase, cls).setUpClass()
        cls.interview = cls._create_interview(confidential_notes='DOOR-SECRET-NOTE')
        cls.interview.action_schedule()
        cls.interview_other = cls._create_interview(
            employee=cls.colleague, interviewer_id=cls.other_interviewer.id)
        cls.interview_other.action_schedule()
        cls.held = cls._create_interview(employee=cls.env['hr.employee'].create({
            'name': 'Held Leaver', 'company_id': cls.company.id}))
        cls.held.action_schedule()
        cls._answer(cls.held, cls.q_rating, rating=4)
        cls._answer(cls.held, cls.q_score, score=9)
        cls.held.consent = 'given'
        cls.held.action_done()
        cls.foreign_employee = cls.env['hr.employee'].create({
            'name': 'Fjord Leaver', 'company_id': cls.other_company.id})
        cls.foreign_interview = cls._create_interview(
            employee=cls.foreign_employee, interviewer_id=cls.foreign_officer.id)
        cls.foreign_interview.action_schedule()
        cls.reason_other = cls.env['hr.exit.reason'].search(
            [('id', '!=', cls.reason_pay.id)], limit=1)
        # Departures known to the employees' companies only: an early and a
        # late one of each company.
        Employee = cls.env['hr.employee']
        cls.secret_leavers = Employee.browse()
        cls.foreign_leavers = Employee.browse()
        facts = (('2026-01-10', 'dismissal', cls.env.ref('hr_exit_interview.exit_reason_redundancy'),
                  True),
                 ('2026-12-20', 'resignation', cls.reason_other, False))
        for company, attribute in ((cls.company, 'secret_leavers'),
                                   (cls.other_company, 'foreign_leavers')):
            for number, (date, kind, reason, archive) in enumerate(facts):
                employee = Employee.create({
                    'name': 'Door Leaver %s %d' % (company.name, number),
                    'company_id': company.id,
                    'departure_date': date, 'departure_type': kind,
                    'departure_reason_id': reason.id, 'archive_on_departure': archive})
                setattr(cls, attribute, getattr(cls, attribute) | employee)


# ----------------------------------------------------------------------
# Printed reports: their stylesheets compiled once per test class
# ----------------------------------------------------------------------


def compile_report_assets(report, records, user):
    """Render report once, as user, in the transaction of a test class.

    The stylesheets of printed reports (compiled by lessc) are stored as
    attachments by the transaction that first needs them. Compiled inside a
    test, they are rolled back with it and every test compiles them again:
    seconds per render, far more on a busy machine."""
    as_user(report, user).render_qweb_html(records.ids)


# ----------------------------------------------------------------------
# Stay interviews
# ----------------------------------------------------------------------


class StayInterviewCase(ExitInterviewCase):
    """R&D asked in a stay round: Dag Head (its head), Kari Colleague, and
    Siri Stayer, who reports to Ingrid Manager and has a user; Nils Nomail
    has no e-mail address and gets no link."""

    @classmethod
    def setUpClass(cls):
        super(StayInterviewCase, cls).setUpClass()
        cls.stayer_user = cls._create_user('stayer', [])
        cls.stayer = cls.env['hr.employee'].create({
            'name': 'Siri Stayer', 'department_id': cls.dep_rd.id, 'job_id': cls.job.id,
            'parent_id': cls.manager.id, 'user_id': cls.stayer_user.id,
            'work_email': 'siri.stayer@example.com', 'company_id': cls.company.id})
        cls.no_mail = cls.env['hr.employee'].create({
            'name': 'Nils Nomail', 'department_id': cls.dep_rd.id, 'company_id': cls.company.id})

    @classmethod
    def _launch_stay_round(cls, anonymous=False, departments=None):
        stay_round = cls.env['hr.exit.stay.round'].create({
            'name': 'Stay round test', 'company_id': cls.company.id,
            'department_ids': [(6, 0, (departments or cls.dep_rd).ids)],
            'questionnaire_id': cls.questionnaire.id, 'anonymous': anonymous})
        as_user(stay_round, cls.officer).action_launch()
        return stay_round

    @staticmethod
    def _stay_form(interview, values):
        """What the self-service page sends: ``values`` by question, with
        the consent box ticked."""
        form = {'consent': 'on'}
        for answer in interview.answer_ids:
            if answer.question_id in values:
                form[answer._selfservice_key()] = str(values[answer.question_id])
        return form

    def _stay_reply(self, interview, rating=4, score=8, text=None):
        """The employee's reply through the link, as the page sends it."""
        values = {self.q_rating: rating, self.q_score: score}
        if text:
            values[self.q_text] = text
        errors = interview.sudo()._selfservice_submit(self._stay_form(interview, values))
        self.assertEqual(errors, {})

    @classmethod
    def _create_stay(cls, department, stay_month, ratings=(), employee=None):
        """A held stay interview of ``department`` in the month of
        ``stay_month``, ``ratings`` answering the rating questions of the
        report questionnaire in order."""
        interview = cls.env['hr.exit.interview'].create({
            'interview_kind': 'stay', 'employee_id': (employee or cls.colleague).id,
            'department_id': department.id, 'stay_month': stay_month,
            'questionnaire_id': cls.report_questionnaire.id})
        interview._generate_answers()
        questions = cls.report_questionnaire.question_ids.filtered(
            lambda q: q.question_type == 'rating').sorted('sequence')
        for question, rating in zip(questions, ratings):
            cls._answer(interview, question, rating=rating)
        interview.write({'state': 'done'})
        return interview
