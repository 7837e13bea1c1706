"""tools/check_log.py: which Odoo log lines fail the addon's installation, and
the verdict on a log of Odoo's own test runner."""
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


def test_odoo_refusing_a_forged_link_is_no_problem():
    """The door tests send forged tokens on purpose; Odoo's refusal of them is
    logged as a warning naming the model, and is what they want. Another
    warning of the same logger still counts."""
    refusal = line('WARNING', 'odoo.addons.mail.controllers.main',
                   'Invalid token in route http://127.0.0.1:8069/mail/assign?'
                   'model=hr.exit.interview&res_id=7&token=x')
    other = line('WARNING', 'odoo.addons.mail.controllers.main',
                 'Something else about hr.exit.interview')
    assert check_log.problems([refusal, other]) == [other]


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
    assert check_log.main([str(clean)]) == 0

    broken = tmp_path / 'broken.log'
    bad = line('ERROR', 'odoo.modules.module', "Couldn't load module hr_exit_interview")
    broken.write_text(line('INFO', 'odoo', 'start') + bad)
    assert check_log.main([str(broken)]) == 1
    err = capsys.readouterr().err
    assert bad in err
    assert '1 problem line(s)' in err


def runner_log(*modules, loaded='Modules loaded.', post=(), skipped=0):
    """A log of Odoo's runner: at-install test modules, the end of loading,
    then post-install ones; each module given as (name, number of tests)."""
    lines = []
    for name, count in modules:
        logger = 'odoo.addons.hr_exit_interview.tests.' + name
        lines.append(line('INFO', logger, 'test_x (%s.Test.test_x)' % logger))
        lines.append(line('INFO', logger, 'Ran %d test%s in 1.5s' % (count, 's' * (count != 1))))
        lines.append(line('INFO', logger, 'OK (skipped=%d)' % skipped if skipped else 'OK'))
    lines.append(line('INFO', 'odoo.modules.loading', loaded))
    lines.append(line('INFO', 'odoo.addons.portal.tests.test_load_process', 'Ran 4 tests in 0.2s'))
    for name, count in post:
        logger = 'odoo.addons.hr_exit_interview.tests.' + name
        lines.append(line('INFO', logger, 'Ran %d test%s in 1.5s' % (count, 's' * (count != 1))))
    return lines


def test_runner_counts_tests_at_install_and_post_install():
    lines = runner_log(('test_a', 3), ('test_b', 1), post=[('test_http', 2)])
    assert check_log.test_counts(lines) == {'at_install': 4, 'post_install': 2, 'skipped': 0}
    assert check_log.test_verdict(check_log.test_counts(lines), expect=6) == []
    # the end of loading after a failure at install also starts the post-install part
    failed = runner_log(('test_a', 3), loaded='At least one test failed when loading the modules.',
                        post=[('test_http', 2)])
    assert check_log.test_counts(failed)['post_install'] == 2


def test_runner_verdict_no_test_skips_and_count():
    assert check_log.test_verdict(check_log.test_counts(runner_log()))[0].startswith(
        'no test of hr_exit_interview ran')
    skipped = check_log.test_counts(runner_log(('test_a', 3), skipped=1))
    assert skipped['skipped'] == 1
    assert 'skipped' in check_log.test_verdict(skipped)[0]
    missing = check_log.test_verdict(check_log.test_counts(runner_log(('test_a', 3))), expect=5)
    assert missing == ['3 test(s) ran, the other runner ran 5: is a test module '
                       'missing from tests/__init__.py?']


def test_runner_main_fails_on_a_failed_test(tmp_path, capsys):
    good = tmp_path / 'good.log'
    good.write_text(''.join(runner_log(('test_a', 3), post=[('test_http', 2)])))
    assert check_log.main([str(good), '--tests', '--expect', '5']) == 0
    assert "Odoo's runner: 5 tests of hr_exit_interview (3 at install, 2 post install): " \
           "all passed" in capsys.readouterr().err
    logger = 'odoo.addons.hr_exit_interview.tests.test_a'
    bad = tmp_path / 'bad.log'
    bad.write_text(''.join(runner_log(('test_a', 3)) + [
        line('ERROR', logger, 'FAIL: test_x (%s.Test.test_x)' % logger),
        line('ERROR', 'odoo.modules.module', 'Module hr_exit_interview: 1 failures, 0 errors')]))
    assert check_log.main([str(bad), '--tests']) == 1
    assert 'FAILED' in capsys.readouterr().err


def test_counts_per_module(capsys, tmp_path):
    lines = runner_log(('test_a', 3), post=[('test_http', 2)])
    counts = check_log.module_counts(lines)
    assert counts == {
        'hr_exit_interview': {'at_install': 3, 'post_install': 2, 'skipped': 0},
        'portal': {'at_install': 0, 'post_install': 4, 'skipped': 0}}
    log = tmp_path / 'core.log'
    log.write_text(''.join(lines))
    assert check_log.main([str(log), '--modules']) == 0
    err = capsys.readouterr().err
    assert '[test] total                             3            6        0' in err
    empty = tmp_path / 'empty.log'
    empty.write_text(line('INFO', 'odoo.modules.loading', 'Modules loaded.'))
    assert check_log.main([str(empty), '--modules']) == 1


def core_log(*failing, addon_tests=3):
    """A log of tools/odoo_core_tests.py: the registry loaded, base's tests at
    install (6, the given ones failing), the addon's, then post-install ones."""
    base = 'odoo.addons.base.tests.test_orm'
    lines = [line('INFO', 'odoo.modules.loading', 'Modules loaded.'),
             line('INFO', 'odoo_core_tests', check_log.AT_INSTALL_MARK + ': hrx_core_1'),
             line('INFO', base, 'Ran 6 tests in 2.0s')]
    for test in failing:
        lines.append(line('ERROR', base, 'FAIL: %s (%s.TestORM.%s)' % (test, base, test)))
    if addon_tests:
        lines.append(line('INFO', 'odoo.addons.hr_exit_interview.tests.test_a',
                          'Ran %d tests in 1.0s' % addon_tests))
    lines.append(line('INFO', 'odoo_core_tests', check_log.POST_INSTALL_MARK))
    lines.append(line('INFO', 'odoo.addons.portal.tests.test_load_process', 'Ran 4 tests in 0.2s'))
    return lines


def test_core_run_is_judged_against_the_run_without_the_addon(tmp_path, capsys):
    counts = check_log.module_counts(core_log())
    assert counts['base'] == {'at_install': 6, 'post_install': 0, 'skipped': 0}
    assert counts['portal'] == {'at_install': 0, 'post_install': 4, 'skipped': 0}
    without = core_log('test_bindings', addon_tests=0)
    # a test that fails without the addon too is reported, not counted
    assert check_log.baseline_verdict(core_log('test_bindings'), without) == []
    assert 'fails without the addon too (not counted): odoo.addons.base.tests.test_orm.' \
           'TestORM.test_bindings' in capsys.readouterr().err
    assert check_log.baseline_verdict(core_log('test_bindings', 'test_rule'), without) == [
        'fails with the addon only: odoo.addons.base.tests.test_orm.TestORM.test_rule']
    fewer = [text.replace('Ran 6 tests', 'Ran 5 tests') for text in core_log()]
    assert check_log.baseline_verdict(fewer, core_log(addon_tests=0))[0].startswith(
        'the tests of base ran differently')
    with_addon, baseline = tmp_path / 'with.log', tmp_path / 'without.log'
    with_addon.write_text(''.join(core_log('test_rule')))
    baseline.write_text(''.join(without))
    assert check_log.main([str(with_addon), '--modules', '--baseline', str(baseline)]) == 1
    with_addon.write_text(''.join(core_log('test_bindings')))
    assert check_log.main([str(with_addon), '--modules', '--baseline', str(baseline)]) == 0
