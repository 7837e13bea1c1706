#!/usr/bin/env bash
# The whole test suite: runtime, compatibility layer, addon install, addon tests.
# Exits non-zero on a failing test, a test module that does not import, no
# tests collected, or an ERROR/CRITICAL line (or a warning about this addon)
# while installing the addon.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
source "$ROOT/tools/env.sh"
PY="$RT/venv/bin/python"
ODOO="$ROOT/bin/odoo"
ADDON_DIR="$RT/addons/hr_exit_interview"
LOGDIR="$RT/logs"
mkdir -p "$LOGDIR"

say() { printf '[test] %s\n' "$*" >&2; }
quiet_unless_failing() {
    # Run a check; print its last line, or all of it when it fails.
    local out
    if out="$("$@" 2>&1)"; then
        printf '%s\n' "$out" | tail -n 1
    else
        printf '%s\n' "$out"
        return 1
    fi
}

# 1. safe_eval parity with Odoo 11.0 on Python 3.7, when the shared tool is here.
PARITY="$ROOT/../shared/tools/safe_eval_parity/check.py"
if [ -f "$PARITY" ]; then
    say "safe_eval parity check"
    quiet_unless_failing "$PY" "$PARITY"
fi

# 2. Unit tests of the compatibility layer (no database).
say "compatibility layer tests"
# --confcutdir keeps pytest from treating the repository root (an addon, with
# an __init__.py) as a package of these tests when the clone's folder name is
# not a Python identifier.
quiet_unless_failing "$PY" -m pytest -q -p no:cacheprovider -p no:odoo \
    --confcutdir="$ROOT/tools" "$ROOT/tools/tests"

# 3. Template database with hr + mail, reused between runs.
TEMPLATE="hrx_tpl_$(cat "$RT/stamp" | head -n 1)"
db_exists() { "$PY" "$ROOT/tools/pgtool.py" exists "$1"; }
if ! db_exists "$TEMPLATE"; then
    say "building template database $TEMPLATE (hr + mail, once)"
    building="${TEMPLATE}_build_$$"
    "$ODOO" -d "$building" -i hr,mail --stop-after-init --no-http --log-level=warn \
        --logfile="$LOGDIR/template.log"
    "$PY" "$ROOT/tools/pgtool.py" publish "$building" "$TEMPLATE"
fi

# 4. Fresh test database copied from the template, addon installed.
TESTDB="hrx_test_$$"
cleanup() {
    [ -n "${KEEP_DB:-}" ] && { say "kept database $TESTDB"; return; }
    "$PY" "$ROOT/tools/pgtool.py" drop "$TESTDB" || true
}
trap cleanup EXIT
"$PY" "$ROOT/tools/pgtool.py" copy "$TEMPLATE" "$TESTDB"
say "installing hr_exit_interview in $TESTDB"
INSTALL_LOG="$LOGDIR/install.log"
: > "$INSTALL_LOG"
"$ODOO" -d "$TESTDB" -i hr_exit_interview --stop-after-init --no-http --log-level=info \
    --logfile="$INSTALL_LOG" || { tail -n 40 "$INSTALL_LOG" >&2; exit 1; }
"$PY" "$ROOT/tools/check_log.py" "$INSTALL_LOG"

# 5. The addon's tests, through pytest-odoo; pytest's summary line ends the run.
say "addon tests"
cd "$ADDON_DIR"
PYTHONPATH="$ROOT/tools" "$PY" -m pytest -p no:cacheprovider -p pytest_addon_name --odoo-database="$TESTDB" --odoo-config="$RT/odoo.conf" \
    --odoo-log-level=warn "$ADDON_DIR/tests" "$@"
