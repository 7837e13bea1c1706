"""The Odoo server of this project, as a script file (what odoo-bin is to an
Odoo source tree); bin/odoo runs it with the project's configuration.

It must be a file: in multi-worker mode the server starts its longpolling
process again as ``<python> <sys.argv[0]> gevent <arguments>``, and Odoo
switches to gevent when ``gevent`` is the first argument.
"""
import odoo.cli

if __name__ == '__main__':
    odoo.cli.main()
