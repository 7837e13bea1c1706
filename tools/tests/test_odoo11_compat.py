"""The compatibility layer on its own: each patch keeps its promise."""
import ast
import base64
import collections
import inspect
import io
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


def test_qweb_ast_fixer_repairs_locations_of_names():
    # Nested t-call bodies give names a start line after their end line.
    name = ast.Name(id='x', ctx=ast.Load(), lineno=4, col_offset=0, end_lineno=1,
                    end_col_offset=0)
    module = ast.Module(body=[ast.Expr(value=name, lineno=4, col_offset=0, end_lineno=4,
                                       end_col_offset=1)], type_ignores=[])
    exec(odoo11_compat._qweb_compile(module, '<t>', 'exec'), {'x': 1})


def test_web_controller_elementtree_has_getchildren():
    import odoo  # noqa: F401
    from odoo.addons.web.controllers import main
    root = main.ElementTree.parse(io.StringIO('<a><b/><c/></a>')).getroot()
    assert [child.tag for child in root.getchildren()] == ['b', 'c']
