"""Run Odoo 11.0 on Python 3.11.

Odoo 11.0 was written for Python 3.5-3.7. This package restores the few things
that later Pythons (and the library versions pinned in requirements.txt)
removed, without editing any Odoo file. It is loaded by a ``.pth`` file that the
setup writes into the project's virtual environment, so every entry point that
uses that interpreter (server, shell, pytest, scripts) gets it before Odoo is
imported.

Two kinds of patches:

* standard-library aliases, applied at once (``_patch_stdlib``);
* fixes inside Odoo modules, applied right after the module executes, through
  a small import hook (``_PostImportFinder``), because those modules are only
  imported later (some of them by Odoo's own addon loader).

Every patch names the symptom it fixes. Keep this file small.
"""
import ast
import base64
import builtins
import collections
import collections.abc
import importlib.abc
import importlib.util
import inspect
import logging
import math
import opcode
import sys
import threading

from . import safe_eval_opcodes

_APPLIED = []


# ---------------------------------------------------------------------------
# Standard library
# ---------------------------------------------------------------------------

ArgSpec = collections.namedtuple('ArgSpec', 'args varargs keywords defaults')


def getargspec(func):
    """``inspect.getargspec`` was removed in 3.11; odoo/api.py (api.guess),
    tools/cache.py and http.py call it -> AttributeError at import.
    Same contract as 3.10: refuse annotations and keyword-only parameters."""
    spec = inspect.getfullargspec(func)
    if spec.kwonlyargs or spec.annotations:
        raise ValueError("Function has keyword-only parameters or annotations"
                         ", use inspect.signature() API which can support them")
    return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)


def formatargspec(args, varargs=None, varkw=None, defaults=None,
                  formatarg=str,
                  formatvarargs=lambda name: '*' + name,
                  formatvarkw=lambda name: '**' + name,
                  formatvalue=lambda value: '=' + repr(value)):
    """``inspect.formatargspec`` was removed in 3.11; odoo/tools/func.py and
    the ormcache decorators build wrapper signatures with it."""
    specs = []
    first_default = len(args) - len(defaults) if defaults else len(args)
    for i, arg in enumerate(args):
        spec = formatarg(arg)
        if defaults and i >= first_default:
            spec += formatvalue(defaults[i - first_default])
        specs.append(spec)
    if varargs is not None:
        specs.append(formatvarargs(formatarg(varargs)))
    if varkw is not None:
        specs.append(formatvarkw(formatarg(varkw)))
    return '(' + ', '.join(specs) + ')'


def _patch_stdlib():
    # `import odoo` -> ImportError: cannot import name 'Mapping' from
    # 'collections' (the aliases were removed in 3.10).
    for name in ('Mapping', 'MutableMapping', 'Sequence', 'MutableSequence',
                 'Set', 'MutableSet', 'Iterable', 'Iterator', 'Callable',
                 'Hashable', 'Sized', 'Container', 'Generator'):
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))
    if not hasattr(inspect, 'getargspec'):
        inspect.getargspec = getargspec
        inspect.ArgSpec = ArgSpec
    if not hasattr(inspect, 'formatargspec'):
        inspect.formatargspec = formatargspec
    # Menu icons, binary uploads and PDF attachments: AttributeError on
    # base64.encodestring / decodestring (removed in 3.9).
    if not hasattr(base64, 'encodestring'):
        base64.encodestring = base64.encodebytes
        base64.decodestring = base64.decodebytes
    # Every shutdown (--stop-after-init, cron threads): AttributeError
    # 'Thread' object has no attribute 'isAlive' (removed in 3.9).
    if not hasattr(threading.Thread, 'isAlive'):
        threading.Thread.isAlive = threading.Thread.is_alive
    _APPLIED.append('stdlib')


# ---------------------------------------------------------------------------
# Odoo modules, patched right after they are executed
# ---------------------------------------------------------------------------

def _patch_safe_eval(module):
    """Every domain, context and attrs is rejected with "forbidden opcode(s)
    ... RESUME": 3.11 compiles the same expressions to new opcodes. Teach the
    three whitelists the opcodes that re-encode what they already allowed."""
    for level, names in safe_eval_opcodes.ADDED.items():
        allowed = getattr(module, level)
        for name in names:
            if name in safe_eval_opcodes.FORBIDDEN:
                raise AssertionError('%s must stay forbidden' % name)
            code = opcode.opmap.get(name)
            if code is not None:
                allowed.add(code)
    # _EXPR_OPCODES and _SAFE_OPCODES were built as unions: propagate.
    module._EXPR_OPCODES |= module._CONST_OPCODES
    module._SAFE_OPCODES |= module._EXPR_OPCODES


class _YamlWithDefaultLoader(object):
    """Proxy of the yaml module whose ``load`` defaults to ``yaml.Loader``."""

    def __init__(self, yaml):
        self._yaml = yaml

    def __getattr__(self, name):
        return getattr(self._yaml, name)

    def load(self, stream, Loader=None):
        return self._yaml.load(stream, Loader=Loader or self._yaml.Loader)


def _patch_yaml_import(module):
    """Base demo data (.yml files): TypeError load() missing 1 required
    positional argument 'Loader' (PyYAML 6). Only this module is affected."""
    module.yaml = _YamlWithDefaultLoader(module.yaml)


class _QWebAstFixer(ast.NodeTransformer):
    """Bring the AST that Odoo 11's QWeb compiler builds up to 3.11 rules."""

    def visit_Name(self, node):
        # ValueError: identifier field can't represent 'None' constant
        if node.id in ('None', 'True', 'False'):
            node = ast.copy_location(
                ast.Constant(value={'None': None, 'True': True, 'False': False}[node.id]),
                node)
        return _fix_location(node)

    def visit_arguments(self, node):
        # TypeError: required field "posonlyargs" missing from arguments
        if not hasattr(node, 'posonlyargs'):
            node.posonlyargs = []
        self.generic_visit(node)
        return node

    def generic_visit(self, node):
        return _fix_location(super(_QWebAstFixer, self).generic_visit(node))


def _fix_location(node):
    """ValueError: AST node line range (x, y) is not valid: locations that
    fix_missing_locations copied from a parent can end before they start
    (/web/login answered 500 on the Name nodes of its form)."""
    lineno = getattr(node, 'lineno', None)
    if lineno is not None:
        if getattr(node, 'end_lineno', None) is None or node.end_lineno < lineno:
            node.end_lineno = lineno
        if node.end_lineno == lineno and (
                getattr(node, 'end_col_offset', None) is None
                or node.end_col_offset < node.col_offset):
            node.end_col_offset = node.col_offset
    return node


def _qweb_compile(source, filename, mode, *args, **kwargs):
    if isinstance(source, ast.AST):
        source = _QWebAstFixer().visit(source)
    return builtins.compile(source, filename, mode, *args, **kwargs)


def _patch_qweb(module):
    """/web/login answers 500: the template AST is refused by compile()."""
    module.compile = _qweb_compile


def _patch_web_controllers(module):
    """/web/webclient/qweb answers 500 (blank web client): it calls
    ``getchildren()`` on xml.etree elements, removed in 3.9."""
    import xml.etree.ElementTree as ElementTree

    class Element(ElementTree.Element):
        def getchildren(self):
            return list(self)

    class ElementTreeShim(object):
        def __getattr__(self, name):
            return getattr(ElementTree, name)

        @staticmethod
        def parse(source, parser=None):
            if parser is None:
                parser = ElementTree.XMLParser(
                    target=ElementTree.TreeBuilder(element_factory=Element))
            return ElementTree.parse(source, parser)

    module.ElementTree = ElementTreeShim()


class _IntegerRlimits(object):
    """Proxy of the resource module whose ``setrlimit`` rounds float limits
    up to whole numbers, as Python <= 3.10 accepted them."""

    def __init__(self, resource):
        self._resource = resource

    def __getattr__(self, name):
        return getattr(self._resource, name)

    def setrlimit(self, which, limits):
        soft, hard = limits
        return self._resource.setrlimit(which, (_whole(soft), _whole(hard)))


def _whole(limit):
    return int(math.ceil(limit)) if isinstance(limit, float) else limit


def _patch_server(module):
    """--workers=N: every HTTP and cron worker dies before its first request
    ("TypeError: 'float' object cannot be interpreted as an integer") and the
    master restarts it forever: process_limit sets RLIMIT_CPU to the CPU time
    used so far (a float) plus limit_time_cpu; 3.11 wants integers."""
    module.resource = _IntegerRlimits(module.resource)


# The errors odoo/service/model.py retries (LOCK_NOT_AVAILABLE,
# SERIALIZATION_FAILURE, DEADLOCK_DETECTED): a concurrent transaction won.
CONCURRENCY_ERRORS = ('55P03', '40001', '40P01')


class _RetriedQueryFilter(logging.Filter):
    """Log a query that lost a concurrency race at DEBUG, not ERROR.

    Two people sending the same form at once: PostgreSQL refuses to serialise
    the second transaction, odoo.sql_db logs "bad query" at ERROR, and Odoo
    runs the request again, which then succeeds. Nothing failed; the retry is
    logged (INFO) by the code that retries, and a request that still fails
    after the last try is logged at ERROR where it fails."""

    def filter(self, record):
        args = record.args if isinstance(record.args, tuple) else ()
        if (record.levelno == logging.ERROR and str(record.msg).startswith('bad query')
                and len(args) == 2
                and getattr(args[1], 'pgcode', None) in CONCURRENCY_ERRORS):
            record.levelno, record.levelname = logging.DEBUG, 'DEBUG'
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


def _patch_sql_db(module):
    """Concurrent submissions of the self-service form logged "bad query"
    ERROR lines although every request succeeded after its retry."""
    module._logger.addFilter(_RetriedQueryFilter())


_POST_IMPORT = {
    'odoo.service.server': _patch_server,
    'odoo.sql_db': _patch_sql_db,
    'odoo.tools.safe_eval': _patch_safe_eval,
    'odoo.tools.yaml_import': _patch_yaml_import,
    'odoo.addons.base.ir.ir_qweb.qweb': _patch_qweb,
    'odoo.addons.web.controllers.main': _patch_web_controllers,
}


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._patch(module)
        _APPLIED.append(module.__name__)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class _PostImportFinder(importlib.abc.MetaPathFinder):
    """Find the real spec, then wrap its loader to patch after execution."""

    def find_spec(self, fullname, path, target=None):
        patch = _POST_IMPORT.get(fullname)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, 'find_spec'):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader, patch)
                return spec
        return None


def install():
    """Apply everything once; safe to call again."""
    if _APPLIED:
        return
    _patch_stdlib()
    for name, patch in _POST_IMPORT.items():
        if name in sys.modules:  # imported before us: patch in place
            patch(sys.modules[name])
            _APPLIED.append(name)
    sys.meta_path.insert(0, _PostImportFinder())


def applied():
    """Names of the patches applied so far (for tests and diagnostics)."""
    return list(_APPLIED)


install()
