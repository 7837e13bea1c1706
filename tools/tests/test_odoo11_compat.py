"""The compatibility layer on its own: each patch keeps its promise."""
import ast
import base64
import collections
import inspect
import io
import subprocess
import sys
import threading

import pytest

import odoo11_compat
from odoo11_compat import safe_eval_opcodes


def test_loaded_by_the_interpreter_before_odoo():
    assert 'odoo11_compat' in sys.modules
    assert 'stdlib' in odoo11_compat.applied()


def test_stdlib_aliases():
    assert collections.Mapping is collections.abc.Mapping
    assert base64.decodestring(base64.encodestring(b'odoo')) == b'odoo'
    assert threading.current_thread().isAlive()


def test_getargspec_keeps_the_old_contract():
    def plain(self, a, b=2, *args, **kw):
        pass

    spec = inspect.getargspec(plain)
    assert spec.args == ['self', 'a', 'b']
    assert spec.varargs == 'args' and spec.keywords == 'kw' and spec.defaults == (2,)
    assert inspect.formatargspec(*spec) == '(self, a, b=2, *args, **kw)'

    def annotated(self, a: int):
        pass

    def kwonly(self, *, a):
        pass

    for func in (annotated, kwonly):
        with pytest.raises(ValueError):
            inspect.getargspec(func)


def test_forbidden_opcodes_never_whitelisted():
    added = {name for names in safe_eval_opcodes.ADDED.values() for name in names}
    assert not added & safe_eval_opcodes.FORBIDDEN


def test_safe_eval_patched_at_import():
    from odoo.tools.safe_eval import safe_eval as evaluate

    assert evaluate("[x for x in range(3) if x in (1, 2)]") == [1, 2]
    assert evaluate("'%s-%s' % (a, b)", {'a': 1, 'b': 2}) == '1-2'
    for hostile in ("__import__('os')", "().__class__", "(lambda: 1).__code__"):
        with pytest.raises(Exception):
            evaluate(hostile)
    with pytest.raises(ValueError):
        evaluate("with open('f') as f:\n    pass", mode='exec')
    with pytest.raises(ValueError):
        evaluate("o.x = 1", {'o': object()}, mode='exec')
    with pytest.raises(ValueError):  # closure
        evaluate("def f():\n    y = 1\n    def g():\n        return y\n    return g",
                            mode='exec')


def test_yaml_proxy_defaults_loader():
    import yaml
    proxy = odoo11_compat._YamlWithDefaultLoader(yaml)
    assert proxy.load('- a: 1') == [{'a': 1}]


def test_qweb_ast_fixer_makes_old_ast_compile():
    func = ast.FunctionDef(
        name='f', args=ast.arguments(args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                                     kwarg=None, defaults=[]),
        body=[ast.Return(value=ast.Name(id='None', ctx=ast.Load()))], decorator_list=[])
    module = ast.Module(body=[func], type_ignores=[])
    ast.fix_missing_locations(module)
    namespace = {}
    exec(odoo11_compat._qweb_compile(module, '<t>', 'exec'), namespace)
    assert namespace['f']() is None


def test_qweb_ast_fixer_clamps_every_node_location():
    # A Name (not only a compound node) whose copied range ends before it starts.
    target = ast.Name(id='t_attrs', ctx=ast.Store(), lineno=2, col_offset=4,
                      end_lineno=1, end_col_offset=0)
    value = ast.Name(id='True', ctx=ast.Load(), lineno=2, col_offset=8,
                     end_lineno=1, end_col_offset=0)
    module = ast.Module(body=[ast.Assign(targets=[target], value=value, lineno=2, col_offset=4,
                                         end_lineno=2, end_col_offset=20)],
                        type_ignores=[])
    with pytest.raises(ValueError):
        compile(module, '<t>', 'exec')
    namespace = {}
    exec(odoo11_compat._qweb_compile(module, '<t>', 'exec'), namespace)
    assert namespace['t_attrs'] is True


def test_web_controller_elementtree_has_getchildren():
    import odoo  # noqa: F401
    from odoo.addons.web.controllers import main
    root = main.ElementTree.parse(io.StringIO('<a><b/><c/></a>')).getroot()
    assert [child.tag for child in root.getchildren()] == ['b', 'c']


def test_rlimits_rounded_up_to_whole_numbers():
    calls = []

    class FakeResource(object):
        RLIMIT_CPU = 0

        def setrlimit(self, which, limits):
            calls.append((which, limits))

    proxy = odoo11_compat._IntegerRlimits(FakeResource())
    proxy.setrlimit(proxy.RLIMIT_CPU, (12.2, -1))
    proxy.setrlimit(proxy.RLIMIT_CPU, (7, 9.0))
    assert calls == [(0, (13, -1)), (0, (7, 9))]
    assert all(type(limit) is int for _which, limits in calls for limit in limits)


def test_prefork_worker_sets_its_limits():
    # A worker's first step (process_limit) raised TypeError on 3.11, before
    # any request: run it for real, in a child process (it lowers rlimits).
    code = '\n'.join([
        'import os, resource, types',
        'from odoo.service import server',
        'worker = types.SimpleNamespace(ppid=os.getppid(), pid=os.getpid(), request_count=0,',
        '                               request_max=10, alive=True)',
        'sum(range(3 * 10 ** 6))  # some CPU time, so that the limit is a float',
        'server.Worker.process_limit(worker)',
        'soft, hard = resource.getrlimit(resource.RLIMIT_CPU)',
        'print(worker.alive, soft)',
    ])
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    alive, soft = out.stdout.split()
    from odoo.tools import config
    assert alive == 'True'
    assert config['limit_time_cpu'] < int(soft) <= config['limit_time_cpu'] + 60


class _PgError(Exception):
    def __init__(self, pgcode):
        super(_PgError, self).__init__('error %s' % pgcode)
        self.pgcode = pgcode


def test_retried_concurrency_errors_are_not_logged_as_errors():
    import logging
    from odoo import sql_db

    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append((record.levelname, record.getMessage()))

    handler = Keep()
    logger = sql_db._logger
    level = logger.level
    logger.addHandler(handler)
    try:
        logger.setLevel(logging.INFO)
        for code in ('40001', '40P01', '55P03'):  # retried by odoo/service/model.py
            logger.error("bad query: %s\nERROR: %s", 'SELECT 1 FOR UPDATE', _PgError(code))
        assert records == []
        logger.error("bad query: %s\nERROR: %s", 'SELEC 1', _PgError('42601'))
        logger.error("something else: %s", _PgError('40001'))
        assert [levelname for levelname, _message in records] == ['ERROR', 'ERROR']
        assert 'SELEC 1' in records[0][1]
        del records[:]
        logger.setLevel(logging.DEBUG)  # still there for whoever debugs SQL
        logger.error("bad query: %s\nERROR: %s", 'SELECT 1 FOR UPDATE', _PgError('40001'))
        assert records == [('DEBUG', "bad query: SELECT 1 FOR UPDATE\nERROR: error 40001")]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
