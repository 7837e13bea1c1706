#!/usr/bin/env bash
# Odoo's own test suites together with the addon's, the way runbot-style CI
# tests an addon with its dependencies: on an empty database, Odoo's runner
# installs every module from base up with its tests (-i hr_exit_interview
# --test-enable): base, web, mail, resource, hr, portal... each tested as it is
# installed, the addon last, then the post-install tests of every module with
# the addon installed. Prints the tests per module; fails on any ERROR or
# CRITICAL line of the log (a failing test logs one), a warning about the
# addon, no test run, or a run longer than TEST_TIMEOUT seconds (default 3600).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
source "$ROOT/tools/env.sh"
PY="$RT/venv/bin/python"
PGTOOL=("$PY" "$ROOT/tools/pgtool.py")
mkdir -p "$RT/logs"
TIMEOUT="${TEST_TIMEOUT:-3600}"
DB="hrx_core_$$"
LOG="$RT/logs/$DB.log"
say() { printf '[test] %s\n' "$*" >&2; }
cleanup() {
    [ -n "${KEEP_DB:-}" ] && { say "kept database $DB"; return; }
    "${PGTOOL[@]}" drop "$DB" || true
}
trap cleanup EXIT
"${PGTOOL[@]}" drop "$DB"   # left over by a killed run whose pid is ours now
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
say "Odoo's runner: base up to hr_exit_interview with their tests in $DB (log: $LOG)"
set +e
timeout --kill-after=30 "$TIMEOUT" "$ROOT/bin/odoo" -d "$DB" -i hr_exit_interview --test-enable \
    --stop-after-init --http-interface=127.0.0.1 --http-port="$PORT" --db-filter="^$DB\$" \
    --log-level=info --logfile="$LOG" >>"$LOG" 2>&1
RC=$?
set -e
if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
    say "TIMEOUT: Odoo's runner gave no verdict within $TIMEOUT s and was stopped" \
        "(a hung test? TEST_TIMEOUT=<seconds> sets the limit); its log: $LOG"
    exit 1
fi
if "$PY" "$ROOT/tools/check_log.py" "$LOG" --modules && [ "$RC" = 0 ]; then
    say "Odoo's suites and the addon's: all passed"
    rm -f "$LOG"
else
    say "Odoo's suites and the addon's: FAILED (status $RC); log: $LOG"
    exit 1
fi
