"""Fail when an Odoo log shows a problem: any ERROR or CRITICAL line, and any
WARNING raised by this addon's loggers or naming its models.

With --tests, the log is that of Odoo's own test runner (-i ADDON
--test-enable): it also fails when no test of the addon ran, when a test was
skipped, or when the number of tests run differs from --expect (the count of
the other runner). Odoo 11 exits with 0 when a test module does not import,
and logs a failing test without always changing its exit status: this log is
the verdict, not the exit status.

    check_log.py LOG
    check_log.py LOG --tests [--expect N]
    check_log.py LOG --modules        (tests run per module, for any modules)
    check_log.py LOG --modules --baseline OTHER_LOG
        (a test run of the same modules without the addon: the verdict is
        the tests that fail only in LOG, and modules that ran other tests)
"""
import argparse
import re
import sys

LINE = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) \S+ (\S+): (.*)$')
OWN = ('hr_exit_interview', 'hr.exit.')
ADDON = 'hr_exit_interview'
# unittest's summary of one test module, as Odoo's TestStream logs it
RAN = re.compile(r'^Ran (\d+) tests? in ')
SKIPPED = re.compile(r'^(?:OK|FAILED) \(.*\bskipped=(\d+)')
TEST_LOGGER = re.compile(r'^odoo\.addons\.(\w+)\.tests\b')
# unittest's headline of a failing test, as Odoo's TestStream logs it
FAILED_TEST = re.compile(r'^(?:FAIL|ERROR): \S+ \((\S+)\)$')
# logged by odoo.modules.loading once the modules (and their at-install
# tests) are loaded: what follows are the post-install tests
LOADED = ('Modules loaded.', 'At least one test failed when loading the modules.')
# Warnings of Odoo refusing a request, which the door tests provoke on purpose:
# a refusal is the outcome those tests want, not a problem.
REFUSALS = (
    ('odoo.addons.mail.controllers.main', 'Invalid token in route '),
)
# logged by odoo_core_tests.py once the registry is loaded: what follows are
# at-install tests again, until its post-install tests begin
AT_INSTALL_MARK = 'at-install tests of every installed module, whole registry loaded'
POST_INSTALL_MARK = 'post-install tests of every installed module'


def problems(lines):
    found = []
    for line in lines:
        match = LINE.match(line)
        if not match:
            continue
        level, logger, message = match.groups()
        if level in ('ERROR', 'CRITICAL'):
            found.append(line)
        elif level == 'WARNING' and (logger.startswith('odoo.addons.hr_exit_interview')
                                     or any(word in message for word in OWN)):
            if not any(logger == refuser and message.startswith(start)
                       for refuser, start in REFUSALS):
                found.append(line)
    return found


def module_counts(lines):
    """{module: {'at_install': n, 'post_install': n, 'skipped': n}} for the
    tests that Odoo's runner reports in the log, per module."""
    counts = {}
    phase = 'at_install'
    for line in lines:
        match = LINE.match(line)
        if not match:
            continue
        _level, logger, message = match.groups()
        if logger == 'odoo.modules.loading' and message in LOADED:
            phase = 'post_install'
        elif message.startswith(AT_INSTALL_MARK):
            phase = 'at_install'
        elif message.startswith(POST_INSTALL_MARK):
            phase = 'post_install'
        test_logger = TEST_LOGGER.match(logger)
        if not test_logger:
            continue
        module = counts.setdefault(test_logger.group(1),
                                   {'at_install': 0, 'post_install': 0, 'skipped': 0})
        ran = RAN.match(message)
        if ran:
            module[phase] += int(ran.group(1))
        skipped = SKIPPED.match(message)
        if skipped:
            module['skipped'] += int(skipped.group(1))
    return counts


def failing_tests(lines):
    """The ids (module.Class.test) of the tests that failed or raised."""
    failing = set()
    for line in lines:
        match = LINE.match(line)
        if match and match.group(1) == 'ERROR' and TEST_LOGGER.match(match.group(2)):
            failed = FAILED_TEST.match(match.group(3))
            if failed:
                failing.add(failed.group(1))
    return failing


def baseline_verdict(lines, baseline, addon=ADDON):
    """Reasons why a run (lines) is worse than the same run without the addon
    (baseline): a test that fails only with the addon, a module whose tests
    ran differently, a warning about the addon, a CRITICAL line, a test
    module that does not import. Tests that
    fail in both runs are Odoo's own and reported, not counted."""
    reasons = []
    failing, known = failing_tests(lines), failing_tests(baseline)
    for test in sorted(failing - known):
        reasons.append('fails with the addon only: %s' % test)
    for test in sorted(failing & known):
        sys.stderr.write('[test] fails without the addon too (not counted): %s\n' % test)
    counts, other = module_counts(lines), module_counts(baseline)
    for name in sorted(set(counts) | set(other)):
        if name != addon and counts.get(name) != other.get(name):
            reasons.append('the tests of %s ran differently: %s with the addon, %s without'
                           % (name, counts.get(name), other.get(name)))
    reasons.extend('problem line: %s' % line.rstrip() for line in problems(lines)
                   if ' ERROR ' not in line or 'Can not `import' in line)
    return reasons


def test_counts(lines, addon=ADDON):
    """module_counts() of one addon, zeros when none of its tests ran."""
    return module_counts(lines).get(addon, {'at_install': 0, 'post_install': 0, 'skipped': 0})


def test_verdict(counts, expect=None):
    """The reasons (a list of sentences) why a run with counts failed."""
    reasons = []
    total = counts['at_install'] + counts['post_install']
    if not total:
        reasons.append('no test of %s ran (a test module that does not import, '
                       'or a database without demo data?)' % ADDON)
    if counts['skipped']:
        reasons.append('%d test(s) skipped: a skipped test is not a passing one'
                       % counts['skipped'])
    if expect is not None and total != expect:
        reasons.append('%d test(s) ran, the other runner ran %d: is a test module '
                       'missing from tests/__init__.py?' % (total, expect))
    return reasons


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('log')
    parser.add_argument('--tests', action='store_true',
                        help="the log of Odoo's test runner: check the tests too")
    parser.add_argument('--expect', type=int,
                        help='number of tests the runner must have run')
    parser.add_argument('--modules', action='store_true',
                        help="the log of Odoo's test runner: list the tests of every module")
    parser.add_argument('--baseline',
                        help='log of the same test run without the addon: judge LOG against it')
    args = parser.parse_args(argv)
    with open(args.log) as handle:
        lines = handle.readlines()
    if args.baseline:
        with open(args.baseline) as handle:
            reasons = baseline_verdict(lines, handle.readlines())
        for reason in reasons:
            sys.stderr.write('[test] %s\n' % reason)
        return 1 if report_modules(module_counts(lines)) or reasons else 0
    found = problems(lines)
    for line in found:
        sys.stderr.write(line)
    failed = bool(found)
    if found:
        sys.stderr.write('[test] %d problem line(s) in %s\n' % (len(found), args.log))
    if args.tests:
        counts = test_counts(lines)
        reasons = test_verdict(counts, args.expect)
        for reason in reasons:
            sys.stderr.write("[test] Odoo's runner: %s\n" % reason)
        failed = failed or bool(reasons)
        sys.stderr.write("[test] Odoo's runner: %d tests of %s (%d at install, %d post "
                         "install): %s\n" % (
                             counts['at_install'] + counts['post_install'], ADDON,
                             counts['at_install'], counts['post_install'],
                             'FAILED' if failed else 'all passed'))
    if args.modules:
        failed = report_modules(module_counts(lines)) or failed
    return 1 if failed else 0


def report_modules(counts):
    """Print the tests run per module and in all; True when none ran."""
    total = {'at_install': 0, 'post_install': 0, 'skipped': 0}
    sys.stderr.write('[test] %-24s %10s %12s %8s\n' % ('module', 'at install', 'post install',
                                                       'skipped'))
    for name in sorted(counts):
        module = counts[name]
        sys.stderr.write('[test] %-24s %10d %12d %8d\n' % (
            name, module['at_install'], module['post_install'], module['skipped']))
        for key in total:
            total[key] += module[key]
    sys.stderr.write('[test] %-24s %10d %12d %8d\n' % (
        'total', total['at_install'], total['post_install'], total['skipped']))
    return not (total['at_install'] + total['post_install'])


if __name__ == '__main__':
    sys.exit(main())
