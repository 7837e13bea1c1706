"""The Odoo server of this project, as a script file (what odoo-bin is to an
Odoo source tree); bin/odoo runs it with the project's configuration.

It must be a file: in multi-worker mode the server starts its longpolling
process again as ``<python> <sys.argv[0]> gevent <arguments>``, and a restart
(SIGHUP) executes the same command line again; Odoo switches to gevent when
``gevent`` is the first argument.
"""
import odoo.cli
import odoo.service.server

# Connections waiting for a free worker in multi-worker mode. Odoo listens
# with a queue of 8 per worker: a burst larger than that (a few dozen people
# sending a form at once) got its connections reset, with or without a proxy
# in front. The kernel caps it at net.core.somaxconn.
LISTEN_BACKLOG = 1024


def deepen_listen_queue(server_class=odoo.service.server.PreforkServer):
    """Make the prefork server listen with LISTEN_BACKLOG (listen() again on a
    listening socket only changes its queue length)."""
    start = server_class.start
    if getattr(start, 'deep_backlog', False):
        return

    def start_with_deep_backlog(self):
        start(self)
        if self.socket:
            self.socket.listen(max(LISTEN_BACKLOG, 8 * self.population))

    start_with_deep_backlog.deep_backlog = True
    server_class.start = start_with_deep_backlog


if __name__ == '__main__':
    deepen_listen_queue()
    odoo.cli.main()
