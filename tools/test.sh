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
PYTHONPATH="$ROOT/tools" quiet_unless_failing "$PY" -m pytest -q -p no:cacheprovider -p no:odoo \
    -p pytest_plain_root --ignore="$ROOT/tools/tests/test_multiworker.py" "$ROOT/tools/tests"

# 3. Template database with hr + mail, reused between runs. One per runtime
#    (stamp + runtime folder): its filestore lives in this clone's .runtime/data.
PGTOOL=("$PY" "$ROOT/tools/pgtool.py")
RT_ID="$(printf '%s' "$RT" | sha1sum | cut -c1-6)"
TEMPLATE="hrx_tpl_$(head -n 1 "$RT/stamp")_$RT_ID"
if ! "${PGTOOL[@]}" exists "$TEMPLATE"; then
    say "building template database $TEMPLATE (hr + mail, once)"
    building="${TEMPLATE}_build_$$"
    "$ODOO" -d "$building" -i hr,mail --stop-after-init --no-http --log-level=warn \
        --logfile="$LOGDIR/$building.log" || {
        tail -n 40 "$LOGDIR/$building.log" >&2
        "${PGTOOL[@]}" drop "$building"
        exit 1
    }
    rm -f "$LOGDIR/$building.log"
    "${PGTOOL[@]}" publish "$building" "$TEMPLATE"
    # Templates of this runtime's earlier stamps are of no further use.
    "${PGTOOL[@]}" drop-others "hrx_tpl_" "_$RT_ID" "$TEMPLATE"
fi

# 4. Fresh test database copied from the template, addon installed.
TESTDB="hrx_test_$$"
WORKERDB="${TESTDB}_workers"
INSTALL_LOG="$LOGDIR/$TESTDB-install.log"
cleanup() {
    "${PGTOOL[@]}" drop "$WORKERDB" || true
    [ -n "${KEEP_DB:-}" ] && { say "kept database $TESTDB"; return; }
    "${PGTOOL[@]}" drop "$TESTDB" || true
}
trap cleanup EXIT
"${PGTOOL[@]}" drop "$TESTDB"   # left over by a killed run whose pid is ours now
"${PGTOOL[@]}" copy "$TEMPLATE" "$TESTDB"
say "installing hr_exit_interview in $TESTDB"
"$ODOO" -d "$TESTDB" -i hr_exit_interview --stop-after-init --no-http --log-level=info \
    --logfile="$INSTALL_LOG" || { tail -n 40 "$INSTALL_LOG" >&2; exit 1; }
"$PY" "$ROOT/tools/check_log.py" "$INSTALL_LOG"   # kept for reading when it fails
rm -f "$INSTALL_LOG"

# 5. Multi-worker mode as in production (HTTP workers, a cron worker, the
#    longpolling process), on a copy of the test database that it may change.
say "multi-worker server (--workers=2) on a copy of $TESTDB"
"${PGTOOL[@]}" copy "$TESTDB" "$WORKERDB"
HRX_WORKER_DB="$WORKERDB" PYTHONPATH="$ROOT/tools" quiet_unless_failing "$PY" -m pytest -q \
    -p no:cacheprovider -p no:odoo -p pytest_plain_root "$ROOT/tools/tests/test_multiworker.py"
"${PGTOOL[@]}" drop "$WORKERDB"

# 6. The addon's tests, through pytest-odoo; pytest's summary line ends the run.
say "addon tests"
#    Odoo's http_port is set to a free port, so that nothing in the tests can
#    talk to a server of `make run` on 8069 by mistake.
FREE_PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cd "$ADDON_DIR"
PYTHONPATH="$ROOT/tools" "$PY" -m pytest -p no:cacheprovider -p pytest_addon_name \
    --odoo-database="$TESTDB" --odoo-config="$RT/odoo.conf" --odoo-log-level=warn \
    --odoo-extra="http-port=$FREE_PORT" "$ADDON_DIR/tests" "$@"
