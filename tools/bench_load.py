#!/usr/bin/env python3
"""Load test of the leaver's public questionnaire on a multi-worker server.

    .runtime/venv/bin/python tools/bench_load.py --db NAME --url http://127.0.0.1:8152 \
        [--direct-url http://127.0.0.1:8151] [--longpolling-url http://127.0.0.1:8153] \
        [--server-log FILE]

The server at --url (usually nginx in front of `bin/odoo --workers=N`, see
tools/loadtest_proxy.sh) must serve the database NAME, in which the addon is
installed. The test creates fresh departures with questionnaire links in NAME
(committed: use a database kept for benchmarks), then, each time with every
request held back until all are ready and then sent at once:

  - one submission of each of --links distinct links (default 100);
  - the same link submitted --same times (default 20): exactly one winner;
  - --burst submissions of distinct links (default 200), through --url and,
    when given, straight to Odoo at --direct-url (its listen queue is only
    8 x workers long).

Every outcome is checked in the database as well: each link answered at most
once (duplicates), no answer stored without the submission or the other way
round (partial). It prints one table and exits 1 when a scenario through --url
has an error, a duplicate, a partial submission, or not exactly one winner, or
when the server log holds ERROR/CRITICAL lines or a dead worker.

tools/tests/test_multiworker.py uses the same pieces on a small scale.
"""
import argparse
import html
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = os.path.join(ROOT, '.runtime')
PATH = '/exit-interview/'
RECEIVED = 'Your answers have been received.'
ALREADY = 'Your answers were already received'
# The chatter note of a submission (models: _selfservice_submit).
SUBMITTED_NOTE = '%sent their answers through the online questionnaire%'
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
RADIO = re.compile(r'<input[^>]*type="radio"[^>]*>')
TEXTAREA = re.compile(r'<textarea[^>]*\sname="([^"]+)"')
ATTRIBUTE = re.compile(r'\s(name|value)="([^"]*)"')
LOG_PROBLEM = re.compile(r' (ERROR|CRITICAL) |Traceback|Exception occured|'
                         r'Critical worker error|bad query')


def say(message, *args):
    sys.stderr.write('[bench-load] ' + (message % args if args else message) + '\n')
    sys.stderr.flush()


# ---------------------------------------------------------------------------
# Data: departures with a questionnaire link, and what became of them
# ---------------------------------------------------------------------------

def load_odoo(db):
    """Import Odoo with this runtime's configuration (once per process: Odoo
    cannot parse it twice)."""
    import odoo
    if not odoo.tools.config.get('hrx_bench_load'):
        odoo.tools.config.parse_config(['-c', os.path.join(RUNTIME, 'odoo.conf'), '-d', db,
                                        '--log-level=warn'])
        odoo.tools.config['hrx_bench_load'] = True
    return odoo


@contextmanager
def environment(db):
    odoo = load_odoo(db)
    registry = odoo.registry(db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
            'tracking_disable': True, 'mail_create_nolog': True,
            'mail_create_nosubscribe': True, 'mail_notrack': True})


def prepare_links(db, count, label):
    """Create count leavers with an open interview and a questionnaire link,
    committed; return their (interview id, token). The e-mails with the links
    are dropped from the queue: the test submits the links itself."""
    run = uuid.uuid4().hex[:8]
    links = []
    with environment(db) as env:
        company = env.ref('base.main_company')
        env.cr.execute('SELECT COALESCE(MAX(id), 0) FROM mail_mail')
        last_mail = env.cr.fetchone()[0]
        today = time.strftime('%Y-%m-%d')
        for number in range(count):
            employee = env['hr.employee'].create({
                'name': 'Load %s %s %04d' % (label, run, number),
                'work_email': 'load-%s-%s-%d@example.com' % (label, run, number),
                'company_id': company.id})
            interview = env['hr.exit.interview'].create({
                'employee_id': employee.id, 'departure_date': today,
                'departure_type': 'resignation'})
            interview.action_send_questionnaire()
            links.append((interview.id, interview.questionnaire_token))
        env['mail.mail'].search([('id', '>', last_mail)]).unlink()
        env.cr.commit()
    return links


def outcomes(db, interview_ids):
    """For each interview: submitted or not, answers stored, answers in all,
    submission notes in its chatter."""
    with environment(db) as env:
        env.cr.execute("""
            SELECT i.id, i.submitted_date IS NOT NULL,
                   (SELECT COUNT(*) FROM hr_exit_answer a WHERE a.interview_id = i.id
                     AND (a.rating IS NOT NULL OR a.score IS NOT NULL OR a.yes_no IS NOT NULL
                          OR a.option_id IS NOT NULL OR COALESCE(a.text, '') != '')),
                   (SELECT COUNT(*) FROM hr_exit_answer a WHERE a.interview_id = i.id),
                   (SELECT COUNT(*) FROM mail_message m WHERE m.model = 'hr.exit.interview'
                     AND m.res_id = i.id AND m.body LIKE %s)
              FROM hr_exit_interview i WHERE i.id IN %s""",
                       (SUBMITTED_NOTE, tuple(interview_ids)))
        return dict((row[0], row[1:]) for row in env.cr.fetchall())


def judge(rows):
    """(stored, duplicates, partial) over the outcomes of some interviews: a
    submission is partial when answers and the submission disagree (answers
    without a submission, or a submission with unanswered questions: the
    test answers every question)."""
    stored = duplicates = partial = 0
    for submitted, answered, total, notes in rows:
        stored += bool(submitted)
        duplicates += notes > 1
        if submitted != bool(answered) or (submitted and answered != total) \
                or bool(submitted) != bool(notes):
            partial += 1
    return stored, duplicates, partial


# ---------------------------------------------------------------------------
# Clients
# ---------------------------------------------------------------------------

def form_values(page):
    """A complete reply to the questionnaire page: every question answered
    (the last choice of each radio group, some text), consent given."""
    csrf = CSRF.search(page)
    if not csrf:
        raise ValueError('no questionnaire form in the page')
    values = {'csrf_token': html.unescape(csrf.group(1)), 'consent': '1'}
    for tag in RADIO.findall(page):
        attributes = dict(ATTRIBUTE.findall(tag))
        values[attributes['name']] = html.unescape(attributes['value'])
    for name in TEXTAREA.findall(page):
        values[name] = 'Load test reply: better tools, clearer goals.'
    return values


class Client(object):
    """One leaver's browser: opens the page, later sends the reply."""

    def __init__(self, base_url, token):
        self.url = base_url.rstrip('/') + PATH + token
        self.session = requests.Session()
        self.form = None
        self.status = None
        self.error = None
        self.text = ''
        self.seconds = None

    def open(self):
        try:
            response = self.session.get(self.url, timeout=600)
            if response.status_code == 200:
                self.form = form_values(response.text)
            else:
                self.error = 'GET %d' % response.status_code
        except (requests.RequestException, ValueError) as error:
            self.error = 'GET %s' % type(error).__name__

    def send(self):
        start = time.time()
        try:
            response = self.session.post(self.url, data=self.form, timeout=600)
            self.status, self.text = response.status_code, response.text
            if response.status_code != 200:
                self.error = 'HTTP %d' % response.status_code
        except requests.ConnectionError as error:
            self.error = 'reset' if 'reset' in str(error).lower() else 'connection'
        except requests.RequestException as error:
            self.error = type(error).__name__
        self.seconds = time.time() - start


def run_threads(targets, count):
    """Call each target in its own thread, at most count at a time."""
    pending = list(targets)
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                if not pending:
                    return
                target = pending.pop()
            target()

    threads = [threading.Thread(target=work) for _ in range(min(count, len(targets)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def submit_at_once(clients, open_concurrency=8):
    """Open every page (a few at a time), then send all replies at once.
    Returns the wall-clock seconds of the sending."""
    run_threads([client.open for client in clients], open_concurrency)
    ready = [client for client in clients if client.form]
    barrier = threading.Barrier(len(ready) + 1)

    def send(client):
        barrier.wait()
        client.send()

    threads = [threading.Thread(target=send, args=(client,)) for client in ready]
    for thread in threads:
        thread.start()
    start = time.time()
    barrier.wait()
    for thread in threads:
        thread.join()
    return time.time() - start


def scenario(db, name, base_url, links, clients):
    """Run one scenario and measure it: a row of the table."""
    wall = submit_at_once(clients)
    errors = [client.error for client in clients if client.error]
    winners = sum(RECEIVED in client.text for client in clients)
    stored, duplicates, partial = judge(outcomes(db, [link[0] for link in links]).values())
    times = sorted(client.seconds for client in clients if client.seconds is not None)
    kinds = {}
    for error in errors:
        kinds[error] = kinds.get(error, 0) + 1
    return {
        'scenario': name, 'requests': len(clients), 'errors': len(errors),
        'error_kinds': ', '.join('%s: %d' % item for item in sorted(kinds.items())),
        'links': len(links), 'stored': stored, 'winners': winners,
        'duplicates': duplicates, 'partial': partial,
        'median': times and statistics.median(times) or 0.0,
        'p95': times and times[int(0.95 * (len(times) - 1))] or 0.0,
        'wall': wall, 'url': base_url,
        'others': sum(ALREADY in client.text for client in clients),
    }


def distinct_links(db, base_url, count, label):
    links = prepare_links(db, count, label)
    clients = [Client(base_url, token) for _id, token in links]
    return scenario(db, '%d links at once' % count, base_url, links, clients)


def same_link(db, base_url, count):
    links = prepare_links(db, 1, 'same')
    clients = [Client(base_url, links[0][1]) for _ in range(count)]
    return scenario(db, 'one link x %d at once' % count, base_url, links, clients)


# ---------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------

def wait_for(url, timeout=180, status=200):
    """Wait until url answers with status; the last error otherwise."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            response = requests.get(url, timeout=30)
            if response.status_code == status:
                return None
            last = 'HTTP %d' % response.status_code
        except requests.RequestException as error:
            last = str(error)
        time.sleep(0.5)
    return last or 'timeout'


class OdooServer(object):
    """bin/odoo in multi-worker mode, on ports of our own, logging to a file."""

    def __init__(self, db, http_port, longpolling_port, logfile, workers=2, extra=()):
        self.db = db
        self.http_port = http_port
        self.longpolling_port = longpolling_port
        self.logfile = logfile
        self.args = [os.path.join(ROOT, 'bin', 'odoo'), '-d', db, '--db-filter=^%s$' % db,
                     '--workers=%d' % workers, '--http-interface=127.0.0.1',
                     '--http-port=%d' % http_port, '--longpolling-port=%d' % longpolling_port,
                     '--logfile=%s' % logfile, '--log-level=info'] + list(extra)
        self.process = None

    def start(self, timeout=240):
        self.process = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        problem = wait_for('http://127.0.0.1:%d/web/login' % self.http_port, timeout)
        if problem:
            self.stop()
            raise RuntimeError('Odoo did not serve /web/login: %s (log: %s)'
                               % (problem, self.logfile))

    def stop(self, timeout=60):
        """SIGTERM, as an init system would; its return code, or None when it
        had to be killed."""
        if self.process is None or self.process.poll() is not None:
            return self.process and self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            return None

    def log(self):
        with open(self.logfile, errors='replace') as handle:
            return handle.read()


def log_problems(text):
    """Lines of an Odoo log that say something failed."""
    return [line for line in text.splitlines() if LOG_PROBLEM.search(line)]


def poll_longpolling(db, base_url):
    """Send a bus message and fetch it from /longpolling/poll at base_url;
    the message, or raise."""
    channel = 'hrx-load-%s' % uuid.uuid4().hex[:8]
    with environment(db) as env:
        env['bus.bus'].sendone(channel, {'probe': channel})
        env.cr.commit()
    response = requests.post(base_url.rstrip('/') + '/longpolling/poll', timeout=120, json={
        'jsonrpc': '2.0', 'method': 'call', 'id': 1,
        'params': {'channels': [channel], 'last': 0}})
    response.raise_for_status()
    result = response.json()
    if 'result' not in result:
        raise RuntimeError('longpolling answered an error: %s' % json.dumps(result)[:500])
    return [item['message'] for item in result['result'] if item['channel'] == channel]


# ---------------------------------------------------------------------------

COLUMNS = [('scenario', 'scenario', '%s'), ('via', 'via', '%s'),
           ('requests', 'requests', '%d'), ('errors', 'errors', '%d'),
           ('stored', 'stored', '%d'), ('winners', 'winners', '%d'),
           ('duplicates', 'dupl.', '%d'), ('partial', 'partial', '%d'),
           ('median', 'median s', '%.2f'), ('p95', 'p95 s', '%.2f'), ('wall', 'wall s', '%.1f')]


def table(rows):
    cells = [[title for _key, title, _fmt in COLUMNS]]
    cells += [[fmt % row[key] for key, _title, fmt in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for number, line in enumerate(cells):
        lines.append('| ' + ' | '.join(cell.ljust(width) if i < 2 else cell.rjust(width)
                                       for i, (cell, width) in enumerate(zip(line, widths)))
                     + ' |')
        if number == 0:
            lines.append('|' + '|'.join('-' * (width + 2) for width in widths) + '|')
    return '\n'.join(lines)


def failures(row, same=False):
    problems = []
    if row['errors']:
        problems.append('%d errors (%s)' % (row['errors'], row['error_kinds']))
    if row['duplicates'] or row['partial']:
        problems.append('%d duplicates, %d partial' % (row['duplicates'], row['partial']))
    if same and (row['winners'] != 1 or row['others'] != row['requests'] - 1):
        problems.append('%d winners, %d told "already received"'
                        % (row['winners'], row['others']))
    if not same and row['stored'] != row['links']:
        problems.append('%d of %d links stored' % (row['stored'], row['links']))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', required=True)
    parser.add_argument('--url', required=True, help='the server under test (the proxy)')
    parser.add_argument('--via', default='nginx', help='what --url is, for the table')
    parser.add_argument('--direct-url', help='Odoo itself, for the burst without the proxy')
    parser.add_argument('--longpolling-url', help='where /longpolling/poll is checked '
                                                  '(default: --url)')
    parser.add_argument('--server-log', help='Odoo log to check for errors afterwards')
    parser.add_argument('--links', type=int, default=100)
    parser.add_argument('--same', type=int, default=20)
    parser.add_argument('--burst', type=int, default=200)
    args = parser.parse_args()

    problems = []
    messages = poll_longpolling(args.db, args.longpolling_url or args.url)
    if not messages:
        problems.append('/longpolling/poll did not return the message sent')
    say('longpolling answers at %s', args.longpolling_url or args.url)
    rows = []
    say('%d distinct links at once through %s', args.links, args.via)
    rows.append(dict(distinct_links(args.db, args.url, args.links, 'distinct'), via=args.via))
    problems += failures(rows[-1])
    say('one link %d times at once through %s', args.same, args.via)
    rows.append(dict(same_link(args.db, args.url, args.same), via=args.via))
    problems += failures(rows[-1], same=True)
    if args.burst:
        say('%d links at once through %s', args.burst, args.via)
        rows.append(dict(distinct_links(args.db, args.url, args.burst, 'burst'), via=args.via))
        problems += failures(rows[-1])
        if args.direct_url:
            say('%d links at once straight to Odoo (no proxy)', args.burst)
            rows.append(dict(distinct_links(args.db, args.direct_url, args.burst, 'direct'),
                             via='Odoo directly'))
            # No target without the proxy: shown for comparison only, except
            # that nothing may be half-stored.
            if rows[-1]['duplicates'] or rows[-1]['partial']:
                problems.append('without the proxy: %d duplicates, %d partial'
                                % (rows[-1]['duplicates'], rows[-1]['partial']))
    print('')
    print('Load test of the public questionnaire (%s)' % args.url)
    print(table(rows))
    for row in rows:
        if row['error_kinds']:
            print('  %s via %s: %s' % (row['scenario'], row['via'], row['error_kinds']))
    if args.server_log:
        found = log_problems(open(args.server_log, errors='replace').read())
        print('  Odoo log: %d ERROR/CRITICAL lines or dead workers' % len(found))
        for line in found[:10]:
            print('    ' + line[:200])
        if found:
            problems.append('%d problem lines in the Odoo log' % len(found))
    if problems:
        print('FAILED: ' + '; '.join(problems))
        return 1
    print('OK: no error, no duplicate, no partial submission; one winner for the shared link')
    return 0


if __name__ == '__main__':
    sys.exit(main())
