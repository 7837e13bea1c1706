#!/usr/bin/env bash
# Odoo's own test suites with the addon installed: a copy of the template
# (hr + mail with demo data) gets the addon, then every installed module is
# upgraded with tests enabled (-u base --test-enable). The tests of base, web,
# mail, resource, hr, portal... run against a database holding the addon's
# data, groups and record rules (their post-install tests with the addon's
# code loaded as well), and the addon's own tests run once more, in upgrade
# mode. Fails on any ERROR/CRITICAL line of the log, a warning about the addon,
# no test run, or a run longer than TEST_TIMEOUT seconds (default 3600).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
source "$ROOT/tools/env.sh"
PY="$RT/venv/bin/python"
ODOO="$ROOT/bin/odoo"
PGTOOL=("$PY" "$ROOT/tools/pgtool.py")
LOGDIR="$RT/logs"
mkdir -p "$LOGDIR"
TIMEOUT="${TEST_TIMEOUT:-3600}"
say() { printf '[test] %s\n' "$*" >&2; }

TEMPLATE="$("$ROOT/tools/template_db.sh")"
DB="hrx_core_$$"
LOG="$LOGDIR/$DB.log"
INSTALL_LOG="$LOGDIR/$DB-install.log"
cleanup() {
    [ -n "${KEEP_DB:-}" ] && { say "kept database $DB"; return; }
    "${PGTOOL[@]}" drop "$DB" || true
}
trap cleanup EXIT
"${PGTOOL[@]}" drop "$DB"
"${PGTOOL[@]}" copy "$TEMPLATE" "$DB"
say "installing hr_exit_interview in $DB"
"$ODOO" -d "$DB" -i hr_exit_interview --stop-after-init --no-http --log-level=warn \
    --logfile="$INSTALL_LOG" || { tail -n 40 "$INSTALL_LOG" >&2; exit 1; }
rm -f "$INSTALL_LOG"
say "upgrading every module with its tests (log: $LOG)"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
set +e
timeout --kill-after=30 "$TIMEOUT" "$ODOO" -d "$DB" -u base --test-enable --stop-after-init \
    --http-interface=127.0.0.1 --http-port="$PORT" --db-filter="^$DB\$" \
    --log-level=info --logfile="$LOG" >>"$LOG" 2>&1
RC=$?
set -e
if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
    say "TIMEOUT: Odoo's runner gave no verdict within $TIMEOUT s and was stopped" \
        "(a hung test? TEST_TIMEOUT=<seconds> sets the limit); its log: $LOG"
    exit 1
fi
if "$PY" "$ROOT/tools/check_log.py" "$LOG" --modules && [ "$RC" = 0 ]; then
    say "Odoo's suites with hr_exit_interview installed: all passed"
    rm -f "$LOG"
else
    say "Odoo's suites with hr_exit_interview installed: FAILED (status $RC); log: $LOG"
    exit 1
fi
