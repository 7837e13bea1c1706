"""bin/odoo in multi-worker (prefork) mode, as production runs it.

Needs a database where the addon is installed and which may be changed (it
gets a few departures, and the cron worker runs its jobs): tools/test.sh runs
this file on a copy of its test database, named in HRX_WORKER_DB.
"""
import os
import re
import socket

import psutil
import pytest

import bench_load

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
                                 extra=['--max-cron-threads=1'])
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


def test_longpolling_answers(server):
    messages = bench_load.poll_longpolling(
        DB, 'http://127.0.0.1:%d' % server.longpolling_port)
    assert len(messages) == 1 and messages[0]['probe'].startswith('hrx-load-')


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
