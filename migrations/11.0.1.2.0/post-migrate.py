"""11.0.1.2.0: the leaver's consent is a recorded choice (given or refused).

A consent ticked before is a consent given. Interviews without it keep no
choice: "refused" is only ever recorded by someone, never assumed.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE hr_exit_interview SET consent = 'given' "
               "WHERE consent_given AND consent IS NULL")
