"""tools/check_py35.py: syntax a stock Odoo 11 server on Python 3.5 refuses."""
import textwrap

import check_py35

PLAIN_ODOO_11 = '''
from odoo import api, fields, models, _


class Thing(models.Model):
    _name = 'x.thing'
    _description = 'Thing'

    total = fields.Integer(compute='_compute_total')

    @api.depends('line_ids')
    def _compute_total(self, *args, **kwargs):
        for record in self:
            record.total = sum(line.value for line in record.line_ids)
            label = _('%(name)s has %(count)d lines') % {'name': record.name, 'count': 1}
            values = {'a': 1, **kwargs}
'''


def messages(source):
    return [message for _line, message in check_py35.problems(textwrap.dedent(source))]


def test_plain_odoo_11_code_passes():
    assert messages(PLAIN_ODOO_11) == []


def test_newer_syntax_is_refused():
    assert messages("x = f'{a}'") == ['f-string (3.6)']
    assert messages('x: int = 1') == ['variable annotation (3.6)']
    assert messages('if (n := 3):\n    pass') == ['assignment expression := (3.8)']
    assert messages('match x:\n    case 1:\n        pass') == ['match statement (3.10)']


def test_what_odoo_11_api_guess_refuses():
    assert messages('def f(self, a: int):\n    pass') == ['annotation (refused by Odoo 11 api.guess)']
    assert messages('def f(self) -> int:\n    pass') == [
        'return annotation (refused by Odoo 11 api.guess)']
    assert messages('def f(self, *, a=1):\n    pass') == [
        'keyword-only parameters (refused by Odoo 11 api.guess)']


def test_main_reports_files_and_fails(tmp_path, capsys):
    addon = tmp_path / 'addon'
    (addon / 'models').mkdir(parents=True)
    (addon / 'tools').mkdir()
    (addon / 'models' / 'ok.py').write_text(PLAIN_ODOO_11)
    (addon / 'tools' / 'modern.py').write_text("print(f'{1}')\n")   # tools/ is not addon code
    assert check_py35.main([str(addon)]) == 0

    (addon / 'models' / 'bad.py').write_text("x = 1\ny = f'{x}'\n")
    assert check_py35.main([str(addon)]) == 1
    out = capsys.readouterr().out
    assert 'bad.py:2: f-string (3.6)' in out
    assert 'modern.py' not in out
