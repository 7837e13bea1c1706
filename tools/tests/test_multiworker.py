"""bin/odoo in multi-worker (prefork) mode, as production runs it.

Needs a database where the addon is installed and which may be changed (it
gets a few departures, and the cron worker runs its jobs): tools/test.sh runs
this file on a copy of its test database, named in HRX_WORKER_DB.
"""
import os
import re
import signal
import socket
import subprocess
import time

import psutil
import pytest

import bench_load
import odoo_bin

DB = os.environ.get('HRX_WORKER_DB')


def free_port():
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture(scope='module')
def server(tmp_path_factory):
    assert DB, 'HRX_WORKER_DB: the database to serve (tools/test.sh sets it)'
    log = str(tmp_path_factory.mktemp('odoo') / 'odoo.log')
    odoo = bench_load.OdooServer(DB, free_port(), free_port(), log, workers=2,
                                 extra=['--max-cron-threads=1', '--limit-time-real-cron=600'])
    odoo.start()
    yield odoo
    odoo.stop()


def _alive(log, kind):
    return set(re.findall(r'Worker %s \((\d+)\) alive' % kind, log))


def test_workers_serve_and_none_dies(server):
    url = 'http://127.0.0.1:%d' % server.http_port
    assert bench_load.wait_for(url + '/web/login') is None
    # distinct links at once, and one link sent several times at once
    distinct = bench_load.distinct_links(DB, url, 6, 'workers')
    assert bench_load.failures(distinct) == []
    assert distinct['stored'] == 6
    same = bench_load.same_link(DB, url, 8)
    assert bench_load.failures(same, same=True) == []
    assert same['winners'] == 1
    log = server.log()
    # two HTTP workers and one cron worker started once each: none died and
    # was replaced; and not a single error, not even for the requests that
    # PostgreSQL refused to serialise and Odoo ran again
    assert len(_alive(log, 'WorkerHTTP')) == 2, log[-3000:]
    assert len(_alive(log, 'WorkerCron')) == 1, log[-3000:]
    assert 'Evented Service (longpolling) running on 127.0.0.1:%d' % server.longpolling_port \
        in log
    assert bench_load.log_problems(log) == []


def test_listen_queue_holds_a_burst(server):
    # Send-Q of a listening socket is its queue length: tools/odoo_bin.py
    # deepens Odoo's 8 per worker.
    out = subprocess.run(['ss', '-ltnH', 'sport = :%d' % server.http_port],
                         capture_output=True, text=True, check=True).stdout.split()
    assert int(out[2]) == odoo_bin.LISTEN_BACKLOG


def test_longpolling_answers(server):
    messages = bench_load.poll_longpolling(
        DB, 'http://127.0.0.1:%d' % server.longpolling_port)
    assert len(messages) == 1 and messages[0]['probe'].startswith('hrx-load-')


def test_restarts_on_sighup(server):
    # Odoo restarts itself by executing its own command line again: with the
    # launcher's former `python -c`, that command line was broken.
    os.kill(server.process.pid, signal.SIGHUP)
    deadline = time.time() + 240
    while time.time() < deadline and not (
            len(_alive(server.log(), 'WorkerHTTP')) == 4
            and server.log().count('Evented Service (longpolling) running') == 2):
        time.sleep(0.5)
    log = server.log()
    assert len(_alive(log, 'WorkerHTTP')) == 4, log[-3000:]
    assert server.process.poll() is None
    assert bench_load.wait_for('http://127.0.0.1:%d/web/login' % server.http_port) is None
    assert log.count('Evented Service (longpolling) running') == 2
    assert bench_load.log_problems(log) == []


def test_stops_cleanly_on_sigterm(server):
    assert server.stop() == 0
    log = server.log()
    assert 'Stopping gracefully' in log
    assert bench_load.log_problems(log) == []
    # no worker, cron worker or longpolling process left behind
    flag = '--http-port=%d' % server.http_port
    left = [process.pid for process in psutil.process_iter(['cmdline'])
            if flag in (process.info['cmdline'] or [])]
    assert left == []
