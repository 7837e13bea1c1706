"""11.0.1.3.0: each interview records its channel (conversation or online
questionnaire).

Interviews held before the field existed get the channel they were held
through: held online when the leaver's reply closed them (the reply and the
closing are one transaction, seconds apart), else in a conversation. An open
interview whose leaver already answered online has online answers.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE hr_exit_interview
           SET channel = CASE
                   WHEN submitted_date IS NOT NULL AND date_done IS NOT NULL
                        AND date_done >= submitted_date
                        AND date_done - submitted_date < interval '1 minute'
                   THEN 'online' ELSE 'conversation' END
         WHERE state = 'done' AND channel IS NULL""")
    cr.execute("""
        UPDATE hr_exit_interview SET channel = 'online'
         WHERE state IN ('draft', 'scheduled') AND submitted_date IS NOT NULL
           AND channel IS NULL""")
