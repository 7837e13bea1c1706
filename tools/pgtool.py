"""Database chores of the test and run commands (exists, copy, publish, drop,
drop-others), with the filestore kept next to its database. Connection from
odoo.conf."""
import configparser
import os
import shutil
import sys

import psycopg2
from psycopg2 import sql

RT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '.runtime')


def _options():
    parser = configparser.ConfigParser()
    parser.read(os.path.join(RT, 'odoo.conf'))
    opts = dict(parser['options'])
    kwargs = {'dbname': 'postgres'}
    for key, arg in (('db_host', 'host'), ('db_port', 'port'),
                     ('db_user', 'user'), ('db_password', 'password')):
        if opts.get(key) not in (None, '', 'False'):
            kwargs[arg] = opts[key]
    return kwargs, opts['data_dir']


def _connect():
    kwargs, _data_dir = _options()
    conn = psycopg2.connect(**kwargs)
    conn.autocommit = True
    return conn


def _filestore(name):
    return os.path.join(_options()[1], 'filestore', name)


def exists(name):
    with _connect() as conn, conn.cursor() as cr:
        cr.execute('SELECT 1 FROM pg_database WHERE datname = %s', (name,))
        return bool(cr.fetchone())


def drop(name):
    conn = _connect()
    with conn.cursor() as cr:
        cr.execute('SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                   'WHERE datname = %s AND pid <> pg_backend_pid()', (name,))
        cr.execute(sql.SQL('DROP DATABASE IF EXISTS {}').format(sql.Identifier(name)))
    conn.close()
    shutil.rmtree(_filestore(name), ignore_errors=True)


def copy(source, target):
    conn = _connect()
    with conn.cursor() as cr:
        cr.execute(sql.SQL('CREATE DATABASE {} WITH TEMPLATE {}').format(
            sql.Identifier(target), sql.Identifier(source)))
    conn.close()
    if os.path.isdir(_filestore(source)):
        shutil.copytree(_filestore(source), _filestore(target))


def publish(building, final):
    """Rename a freshly built database; if another run won the race, drop ours."""
    conn = _connect()
    try:
        with conn.cursor() as cr:
            cr.execute(sql.SQL('ALTER DATABASE {} RENAME TO {}').format(
                sql.Identifier(building), sql.Identifier(final)))
    except psycopg2.Error:
        conn.close()
        drop(building)
        return
    conn.close()
    if os.path.isdir(_filestore(building)):
        shutil.rmtree(_filestore(final), ignore_errors=True)
        os.rename(_filestore(building), _filestore(final))


def drop_others(prefix, suffix, keep):
    """Drop the databases named prefix...suffix, except keep."""
    with _connect() as conn, conn.cursor() as cr:
        cr.execute('SELECT datname FROM pg_database')
        names = [name for (name,) in cr.fetchall()]
    for name in names:
        if name.startswith(prefix) and name.endswith(suffix) and name != keep:
            drop(name)


def main(argv):
    command, args = argv[0], argv[1:]
    if command == 'exists':
        return 0 if exists(*args) else 1
    {'drop': drop, 'copy': copy, 'publish': publish, 'drop-others': drop_others}[command](*args)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
