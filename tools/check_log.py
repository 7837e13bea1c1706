"""Fail when an Odoo log shows a problem: any ERROR or CRITICAL line, and any
WARNING raised by this addon's loggers or naming its models."""
import re
import sys

LINE = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) \S+ (\S+): (.*)$')
OWN = ('hr_exit_interview', 'hr.exit.')


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
            found.append(line)
    return found


def main(path):
    with open(path) as handle:
        found = problems(handle)
    for line in found:
        sys.stderr.write(line)
    if found:
        sys.stderr.write('[test] %d problem line(s) in %s\n' % (len(found), path))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
