"""pytest plugin: import the repository's tests as odoo.addons.hr_exit_interview.*

pytest resolves symlinks, so it sees the clone's own folder name (which can be
anything) instead of the addon name that .runtime/addons presents to Odoo.
"""
import os

import _pytest.pathlib

ROOT = os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDON = 'hr_exit_interview'


def pytest_configure(config):
    resolve = _pytest.pathlib.resolve_pkg_root_and_module_name

    def resolve_addon_module(path, **kwargs):
        real = os.path.realpath(str(path))
        if real.startswith(ROOT + os.sep) and real.endswith('.py'):
            relative = os.path.splitext(os.path.relpath(real, ROOT))[0]
            parts = relative.split(os.sep)
            if parts[-1] == '__init__':
                parts = parts[:-1]
            return type(path)(os.path.dirname(ROOT)), '.'.join(['odoo.addons', ADDON] + parts)
        return resolve(path, **kwargs)

    _pytest.pathlib.resolve_pkg_root_and_module_name = resolve_addon_module
