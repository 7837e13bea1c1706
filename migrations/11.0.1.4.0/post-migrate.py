"""11.0.1.4.0: the digest of a set already shown (complement rule) is now the
one PostgreSQL computes too, the MD5 of the text of its sorted interview ids,
so that a result's sets are recognised without reading their members. The
stored sets get the new digest; nothing is forgotten.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute('UPDATE hr_exit_shown_set SET digest = md5(members::text) '
               'WHERE members IS NOT NULL')
