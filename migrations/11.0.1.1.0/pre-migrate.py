"""11.0.1.1.0: the questionnaire token is no longer called ``access_token``.

Odoo's portal treats a field named ``access_token`` as the key to a record's
chatter: with the leaver's link, anyone could read and post the interview's
messages. The column, its expiry and their field records are renamed before
the module's new fields are loaded, so that existing links keep working and
the field labels keep their translations.
"""
RENAMES = (
    ('access_token', 'questionnaire_token'),
    ('access_token_expiry', 'questionnaire_token_expiry'),
)


def _column_exists(cr, table, column):
    cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s "
                "AND column_name = %s", (table, column))
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    for old, new in RENAMES:
        if not _column_exists(cr, 'hr_exit_interview', old) \
                or _column_exists(cr, 'hr_exit_interview', new):
            continue
        cr.execute('ALTER TABLE hr_exit_interview RENAME COLUMN "%s" TO "%s"' % (old, new))
        cr.execute("UPDATE ir_model_fields SET name = %s "
                   "WHERE model = 'hr.exit.interview' AND name = %s", (new, old))
        cr.execute("UPDATE ir_model_data SET name = %s "
                   "WHERE module = 'hr_exit_interview' AND model = 'ir.model.fields' "
                   "AND name = %s",
                   ('field_hr_exit_interview_' + new, 'field_hr_exit_interview_' + old))
    # Anonymised interviews keep the month of the departure only.
    cr.execute("UPDATE hr_exit_interview SET departure_date = date_trunc('month', departure_date) "
               "WHERE anonymized AND departure_date IS NOT NULL")
