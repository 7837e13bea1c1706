#!/usr/bin/env bash
# `make lint`: ruff, the Python 3.5 syntax check and pylint-odoo (Odoo 11.0
# rules, .pylintrc) on the addon. The linters live in .runtime/lint-venv,
# installed from tools/requirements-lint.txt on the first run only; they are kept
# out of the Odoo runtime, whose pins they would change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.runtime/lint-venv"
PYTHON="${PYTHON:-python3}"
say() { printf '[lint] %s\n' "$*" >&2; }

stamp="$(sha1sum "$ROOT/tools/requirements-lint.txt" | cut -c1-12)"
if [ ! -x "$VENV/bin/pylint" ] || [ "$(cat "$VENV/stamp" 2>/dev/null)" != "$stamp" ]; then
    say "installing ruff and pylint-odoo into .runtime/lint-venv (once)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" -q --disable-pip-version-check install -r "$ROOT/tools/requirements-lint.txt" \
        2> >(grep -v "is ignored: it is neither" >&2)
    echo "$stamp" > "$VENV/stamp"
fi

cd "$ROOT"
status=0
say "ruff"
"$VENV/bin/ruff" check --quiet . || status=1
say "Python 3.5 syntax of the addon"
"$VENV/bin/python" tools/check_py35.py || status=1
say "pylint-odoo (Odoo 11.0)"
"$VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" "$ROOT" || status=1
[ "$status" = 0 ] && say "all clean"
exit "$status"
