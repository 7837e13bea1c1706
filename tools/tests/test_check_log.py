"""tools/check_log.py: which Odoo log lines fail the addon's installation."""
import check_log

STAMP = '2026-01-05 10:11:12,345 4242'


def line(level, logger, message, db='hrx_test_1'):
    return '%s %s %s %s: %s\n' % (STAMP, level, db, logger, message)


def test_error_and_critical_lines_are_problems():
    lines = [
        line('ERROR', 'odoo.modules.loading', 'Failed to load registry'),
        line('CRITICAL', 'odoo.service.server', 'Failed to initialize database', db='?'),
    ]
    assert check_log.problems(lines) == lines


def test_warnings_of_this_addon_are_problems():
    own_logger = line('WARNING', 'odoo.addons.hr_exit_interview.models.hr_exit_interview',
                      'something odd')
    own_model = line('WARNING', 'odoo.models', 'hr.exit.interview.create() with unknown fields: x')
    own_module = line('WARNING', 'odoo.modules.module', 'module hr_exit_interview: no description')
    assert check_log.problems([own_logger, own_model, own_module]) == [
        own_logger, own_model, own_module]


def test_other_lines_are_ignored():
    lines = [
        line('INFO', 'odoo.modules.loading', 'loading hr_exit_interview/views/x.xml'),
        line('INFO', 'odoo.addons.hr_exit_interview.models', 'ERROR is only a word here'),
        line('WARNING', 'odoo.addons.mail.models.mail_thread', 'unrelated warning from mail'),
        line('DEBUG', 'odoo.sql_db', 'hr.exit.interview'),
        'Traceback (most recent call last):\n',
        '  File "x.py", line 1, in <module>\n',
        'ERROR: not an Odoo log line\n',
        '\n',
    ]
    assert check_log.problems(lines) == []


def test_main_exit_status_and_report(tmp_path, capsys):
    clean = tmp_path / 'clean.log'
    clean.write_text(line('INFO', 'odoo.modules.loading', 'Modules loaded.'))
    assert check_log.main(str(clean)) == 0

    broken = tmp_path / 'broken.log'
    bad = line('ERROR', 'odoo.modules.module', "Couldn't load module hr_exit_interview")
    broken.write_text(line('INFO', 'odoo', 'start') + bad)
    assert check_log.main(str(broken)) == 1
    err = capsys.readouterr().err
    assert bad in err
    assert '1 problem line(s)' in err
