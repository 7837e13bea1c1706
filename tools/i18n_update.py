"""Refresh the translation template and the translations of hr_exit_interview.

    .runtime/venv/bin/python tools/i18n_update.py [--check] [--db NAME] [--no-export]
    make i18n                        # the same, without options

1. Installs the addon in a scratch database (a fresh one by default, copied
   from the test template database when there is one; --db NAME creates or
   reuses NAME and upgrades the addon in it).
2. Exports the addon's terms with Odoo's own exporter to
   i18n/hr_exit_interview.pot (left untouched when only its dates would change).
3. Merges the template into i18n/nb.po (and any other language given with
   --lang) with polib: existing translations are kept, new terms are added with
   an empty msgstr, terms that are gone are removed. No fuzzy matching: a
   changed term is a new term.
4. Prints how many entries are untranslated and checks that every translation
   keeps the placeholders, template expressions and markup of its source.
   With --check, exits 1 when an entry is untranslated or a check fails.
"""
import argparse
import collections
import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RT = os.path.join(ROOT, '.runtime')
MODULE = 'hr_exit_interview'
I18N = os.path.join(ROOT, 'i18n')
POT = os.path.join(I18N, MODULE + '.pot')
ODOO = os.path.join(ROOT, 'bin', 'odoo')
PYTHON = sys.executable
PGTOOL = os.path.join(ROOT, 'tools', 'pgtool.py')
# Entries of the repository root that are not part of the addon: the exporter
# must not scan them (the runtime inside links back to the addon, forever).
NOT_ADDON = {'bin', 'tools', '__pycache__', 'Makefile', 'pytest.ini'}

LANGUAGES = {
    # file name: (Language header, Language-Team header, Plural-Forms header)
    'nb': ('nb', 'Norwegian Bokmål', 'nplurals=2; plural=(n != 1);'),
}
WRAP = 78


def say(message):
    sys.stderr.write('[i18n] %s\n' % message)


# ---------------------------------------------------------------------------
# Database and export
# ---------------------------------------------------------------------------

def db_exists(name):
    return subprocess.call([PYTHON, PGTOOL, 'exists', name]) == 0


def template_db():
    """The hr + mail template database of the test command, when it was built
    (named after the runtime stamp, and after the runtime folder in newer runs)."""
    try:
        with open(os.path.join(RT, 'stamp')) as handle:
            stamp = handle.readline().strip()
    except OSError:
        return None
    if not stamp:
        return None
    runtime_id = hashlib.sha1(RT.encode('utf-8')).hexdigest()[:6]
    for name in ('hrx_tpl_%s_%s' % (stamp, runtime_id), 'hrx_tpl_%s' % stamp):
        if db_exists(name):
            return name
    return None


def run_odoo(args, logfile):
    """Run bin/odoo; fail on a non-zero exit or an ERROR/CRITICAL log line."""
    command = [ODOO] + args + ['--stop-after-init', '--no-http', '--log-level=warn',
                               '--logfile=%s' % logfile]
    code = subprocess.call(command)
    with open(logfile) as handle:
        log = handle.read()
    problems = [line for line in log.splitlines()
                if re.match(r'^\S+ \S+ \d+ (ERROR|CRITICAL) ', line)]
    for line in log.splitlines():
        if re.match(r'^\S+ \S+ \d+ WARNING ', line):
            say('odoo: %s' % line)
    if code or problems:
        sys.stderr.write(log[-4000:])
        raise SystemExit('[i18n] odoo %s failed' % ' '.join(args[:3]))


def prepare_db(name, reuse, workdir):
    log = os.path.join(workdir, 'install.log')
    if reuse and db_exists(name):
        say('upgrading %s in %s' % (MODULE, name))
        run_odoo(['-d', name, '-u', MODULE], log)
        return
    if db_exists(name):
        subprocess.check_call([PYTHON, PGTOOL, 'drop', name])  # left over by a killed run
    template = template_db()
    if template and subprocess.call([PYTHON, PGTOOL, 'copy', template, name]) == 0:
        say('installing %s in %s (copy of %s)' % (MODULE, name, template))
    else:
        say('installing %s in a new database %s (a minute or two)' % (MODULE, name))
    run_odoo(['-d', name, '-i', MODULE], log)


def clean_addons_path(workdir):
    """An addons directory holding only the addon's own files (as symlinks)."""
    addon = os.path.join(workdir, 'addons', MODULE)
    os.makedirs(addon)
    for entry in sorted(os.listdir(ROOT)):
        if entry.startswith('.') or entry in NOT_ADDON:
            continue
        os.symlink(os.path.join(ROOT, entry), os.path.join(addon, entry))
    return os.path.dirname(addon)


def export_pot(dbname, workdir):
    """Odoo's exporter writes a template (.po without a language) of the addon."""
    out = os.path.join(workdir, MODULE + '.po')
    say('exporting the terms of %s' % MODULE)
    run_odoo(['-d', dbname, '--addons-path=%s' % clean_addons_path(workdir),
              '--i18n-export=%s' % out, '--modules=%s' % MODULE],
             os.path.join(workdir, 'export.log'))
    return out


def entry_keys(pofile):
    return [(e.msgctxt, e.msgid, tuple(e.occurrences), e.comment, tuple(e.flags))
            for e in pofile if not e.obsolete]


def update_pot(exported):
    """Replace the .pot, unless nothing but its dates changed."""
    new = polib.pofile(exported)
    if not len(new):
        raise SystemExit('[i18n] the export holds no term: is %s installed?' % MODULE)
    if os.path.exists(POT) and entry_keys(polib.pofile(POT)) == entry_keys(new):
        say('%s: unchanged (%d terms)' % (os.path.relpath(POT, ROOT), len(new)))
        return
    shutil.copyfile(exported, POT)
    say('%s: written (%d terms)' % (os.path.relpath(POT, ROOT), len(new)))


# ---------------------------------------------------------------------------
# Merge
# ---------------------------------------------------------------------------

def po_header(lang):
    language, team, plurals = LANGUAGES.get(lang, (lang, lang, ''))
    header = ('%s translation of %s.\n'
              'This file contains the translation of the following modules:\n'
              '  * %s\n') % (team, MODULE, MODULE)
    return header, {
        'Language': language,
        'Language-Team': team,
        'Plural-Forms': plurals,
        'MIME-Version': '1.0',
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': '8bit',
    }


def merge(pot, po_path, lang):
    """New catalogue in the template's order, with the translations of the old one."""
    header, defaults = po_header(lang)
    old = polib.pofile(po_path, wrapwidth=WRAP) if os.path.exists(po_path) else None
    new = polib.POFile(wrapwidth=WRAP)
    new.header = old.header if old is not None and old.header else header
    metadata = collections.OrderedDict()
    for key in ('Project-Id-Version', 'Report-Msgid-Bugs-To', 'POT-Creation-Date',
                'PO-Revision-Date', 'Last-Translator', 'Language-Team', 'Language',
                'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding', 'Plural-Forms'):
        value = (old.metadata.get(key) if old is not None else None) or pot.metadata.get(key)
        metadata[key] = value if value is not None else ''
    if old is not None:
        metadata.update((k, v) for k, v in old.metadata.items() if k not in metadata)
    for key in ('Project-Id-Version', 'Report-Msgid-Bugs-To', 'POT-Creation-Date'):
        metadata[key] = pot.metadata.get(key, metadata[key])
    for key, value in defaults.items():
        if not metadata.get(key) or key in ('Language', 'Content-Type'):
            metadata[key] = value
    if metadata.get('Last-Translator') in ('', '<>'):
        metadata['Last-Translator'] = ''
    new.metadata = metadata

    previous = {}
    if old is not None:
        previous = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    added = 0
    for template in pot:
        if template.obsolete:
            continue
        known = previous.pop((template.msgctxt, template.msgid), None)
        entry = polib.POEntry(
            msgctxt=template.msgctxt,
            msgid=template.msgid,
            msgstr=known.msgstr if known else '',
            occurrences=list(template.occurrences),
            comment=template.comment,
            tcomment=known.tcomment if known else '',
            # a translator's own "fuzzy" stays; the tool never sets one
            flags=list(template.flags) + (['fuzzy'] if known and 'fuzzy' in known.flags else []),
        )
        if not known:
            added += 1
        new.append(entry)
    removed = sorted(previous.values(), key=lambda e: e.msgid)

    changed = old is None or added or removed
    if changed:
        metadata['PO-Revision-Date'] = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M+0000')
    text = str(new)
    current = None
    if os.path.exists(po_path):
        with open(po_path, encoding='utf-8') as handle:
            current = handle.read()
    if text != current:
        with open(po_path, 'w', encoding='utf-8') as handle:
            handle.write(text)
    return new, added, removed


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

PY_FORMAT = re.compile(r'%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]')
EXPRESSION = re.compile(r'\$\{.*?\}')
TAG = re.compile(r'</?[A-Za-z][^<>]*>')


def control_lines(text):
    """Mako control lines (% if, % endif, % set ...) of a mail template term."""
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith('%')
            and not line.lstrip().startswith('%%')]


def entry_problems(entry):
    """What a translation lost or changed from its source, as messages."""
    source, translation = entry.msgid, entry.msgstr
    found = []
    if 'python-format' in entry.flags:
        expected, got = sorted(PY_FORMAT.findall(source)), sorted(PY_FORMAT.findall(translation))
        if expected != got:
            found.append('placeholders %s, got %s' % (expected, got))
    for label, pattern in (('expressions', EXPRESSION), ('markup', TAG)):
        expected = sorted(pattern.findall(source))
        got = sorted(pattern.findall(translation))
        if expected != got:
            missing = list((collections.Counter(expected) - collections.Counter(got)).elements())
            extra = list((collections.Counter(got) - collections.Counter(expected)).elements())
            found.append('%s differ (missing %s, extra %s)' % (label, missing[:3], extra[:3]))
    is_template = any(place.startswith('model:mail.template,') for place, _line in entry.occurrences)
    if is_template and control_lines(source) != control_lines(translation):
        found.append('template control lines (%) differ')
    if source.startswith('\n') != translation.startswith('\n') \
            or source.endswith('\n') != translation.endswith('\n'):
        found.append('leading/trailing newline differs')
    return found


def report(po, po_path, added, removed, verbose):
    name = os.path.relpath(po_path, ROOT)
    entries = [e for e in po if not e.obsolete]
    untranslated = [e for e in entries if not e.translated()]
    bad = [(e, problems) for e in entries if e.translated()
           for problems in [entry_problems(e)] if problems]
    say('%s: %d entries, %d translated, %d untranslated%s; %d new, %d removed' % (
        name, len(entries), len(entries) - len(untranslated), len(untranslated),
        ' (%d fuzzy)' % sum(1 for e in untranslated if 'fuzzy' in e.flags)
        if any('fuzzy' in e.flags for e in untranslated) else '',
        added, len(removed)))
    for entry in removed:
        say('  removed: %s' % short(entry.msgid))
    shown = untranslated if verbose else untranslated[:20]
    for entry in shown:
        say('  untranslated: %s' % short(entry.msgid))
    if len(shown) < len(untranslated):
        say('  ... and %d more (--verbose lists them all)' % (len(untranslated) - len(shown)))
    for entry, problems in bad:
        say('  check failed: %s: %s' % (short(entry.msgid), '; '.join(problems)))
    return len(untranslated), len(bad)


def short(text, width=90):
    line = ' '.join(text.split())
    return line if len(line) <= width else line[:width - 3] + '...'


# ---------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--check', action='store_true',
                        help='exit 1 when an entry is untranslated or a translation check fails')
    parser.add_argument('--db', metavar='NAME',
                        help='create or reuse (upgrade) this database and keep it; by default '
                             'a fresh scratch database is created and dropped afterwards')
    parser.add_argument('--no-export', action='store_true',
                        help='no database: merge the existing .pot only')
    parser.add_argument('--lang', action='append', metavar='CODE',
                        help='language file to update, e.g. nb (i18n/nb.po); repeatable; '
                             'default: nb and every other .po in i18n/')
    parser.add_argument('--verbose', action='store_true', help='list every untranslated entry')
    args = parser.parse_args(argv)

    if not args.no_export:
        if not os.path.exists(os.path.join(RT, 'odoo.conf')):
            subprocess.check_call([os.path.join(ROOT, 'tools', 'setup.sh')])
        dbname = args.db or 'hrx_i18n_%d' % os.getpid()
        workdir = tempfile.mkdtemp(prefix='hrx_i18n_')
        try:
            prepare_db(dbname, bool(args.db), workdir)
            update_pot(export_pot(dbname, workdir))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            if not args.db and db_exists(dbname):
                subprocess.call([PYTHON, PGTOOL, 'drop', dbname])
    if not os.path.exists(POT):
        raise SystemExit('[i18n] %s is missing: run without --no-export' % POT)

    pot = polib.pofile(POT)
    langs = args.lang or sorted(set(['nb'] + [
        name[:-3] for name in os.listdir(I18N) if name.endswith('.po')]))
    failing = 0
    for lang in langs:
        po_path = os.path.join(I18N, lang + '.po')
        po, added, removed = merge(pot, po_path, lang)
        untranslated, bad = report(po, po_path, added, removed, args.verbose)
        failing += untranslated + bad
    if args.check and failing:
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
