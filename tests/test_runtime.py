"""The addon runs in a real Odoo registry: installed, safe_eval strict, QWeb alive."""
from odoo.tests.common import TransactionCase, at_install, post_install
from odoo.tools.safe_eval import safe_eval


class TestRuntime(TransactionCase):

    # The module is marked installed once its tests at install have run:
    # check it once the registry is complete (Odoo's own runner).
    @at_install(False)
    @post_install(True)
    def test_addon_installed(self):
        module = self.env['ir.module.module'].search([('name', '=', 'hr_exit_interview')])
        self.assertEqual(module.state, 'installed')
        deps = set(module.dependencies_id.mapped('name'))
        self.assertTrue({'hr', 'mail'} <= deps)

    def test_safe_eval_accepts_domains_and_refuses_escapes(self):
        domain = safe_eval("[('state', 'in', ['draft', 'scheduled']), ('id', '!=', uid)]",
                           {'uid': self.env.uid})
        self.assertEqual(domain[1], ('id', '!=', self.env.uid))
        for hostile in ("__import__('os').system('true')",
                        "''.__class__.__mro__",
                        "(lambda: 1).__code__"):
            with self.assertRaises(Exception):
                safe_eval(hostile)
        for statement in ("with open('/etc/passwd') as f:\n    pass",
                          "user.name = 'x'",
                          "def outer():\n    v = 1\n    def inner():\n        return v\n"):
            with self.assertRaises(ValueError):
                safe_eval(statement, {'user': self.env.user}, mode='exec')

    def test_qweb_renders_a_template(self):
        view = self.env['ir.ui.view'].create({
            'name': 'hrx probe',
            'type': 'qweb',
            'arch': '<t t-name="hrx_probe"><p t-foreach="items" t-as="i">'
                    '<t t-esc="i"/><t t-if="i is None">none</t></p></t>',
        })
        html = self.env['ir.qweb'].render(view.id, {'items': ['<b>', None]})
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn('&lt;b&gt;', html)
        self.assertIn('none', html)
