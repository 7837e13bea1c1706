"""Odoo's runner for a database where the addon is already installed: the
tests of every installed module (base, web, mail, hr, portal... and the
addon), with the whole registry loaded, the addon's code included.

Odoo's own runner runs a module's at-install tests while that module is being
installed or upgraded, with only the modules below it loaded: base's tests
never meet the addon's overrides that way. Here the registry is loaded first;
then the at-install tests of every installed module run, then Odoo's
post-install tests of every installed module (what ``--test-enable`` without
``-i``/``-u`` runs), with the HTTP server up. Same arguments as bin/odoo:

    odoo_core_tests.py -c odoo.conf -d DB --test-enable --stop-after-init

Exits non-zero when a test failed; the log is the verdict (check_log.py).
"""
import logging

import odoo
import odoo.cli
import odoo.service.server
from odoo.modules.module import run_unit_tests, runs_at_install

from check_log import AT_INSTALL_MARK, POST_INSTALL_MARK

_logger = logging.getLogger('odoo_core_tests')


def at_install_tests_first(preload=odoo.service.server.preload_registries):
    """preload_registries() that runs the at-install tests of every installed
    module before Odoo's post-install ones; its status counts both."""

    def preload_registries(dbnames):
        failed = 0
        for dbname in dbnames or []:
            registry = odoo.registry(dbname)
            _logger.info('%s: %s', AT_INSTALL_MARK, dbname)
            with odoo.api.Environment.manage():
                for module_name in sorted(registry._init_modules):
                    if not run_unit_tests(module_name, dbname, position=runs_at_install):
                        failed += 1
        _logger.info(POST_INSTALL_MARK)
        return preload(dbnames) + failed

    return preload_registries


if __name__ == '__main__':
    odoo.service.server.preload_registries = at_install_tests_first()
    odoo.cli.main()
