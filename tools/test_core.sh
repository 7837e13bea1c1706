#!/usr/bin/env bash
# Odoo's own test suites (base, web, mail, resource, hr, portal...) with the
# addon installed and loaded: two databases copied from the template, one
# with the addon installed, one with only its dependencies; in each,
# tools/odoo_core_tests.py loads the whole registry, then runs the
# at-install and post-install tests of every installed module. Some of
# Odoo's at-install tests assume that only the modules below theirs are
# installed and fail on any database holding more (base's action bindings
# with mail installed): the run without the addon tells those apart. Fails on
# a test that fails only with the addon, a module whose tests ran differently,
# a warning about the addon, a test module that does not import, or a run
# longer than TEST_TIMEOUT seconds (default 3600). Prints the tests per module.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
source "$ROOT/tools/env.sh"
PY="$RT/venv/bin/python"
PGTOOL=("$PY" "$ROOT/tools/pgtool.py")
mkdir -p "$RT/logs"
TIMEOUT="${TEST_TIMEOUT:-3600}"
TEMPLATE="$("$ROOT/tools/template_db.sh")"
DB="hrx_core_$$"
BASEDB="hrx_core_$$_without"
LOG="$RT/logs/$DB.log"
BASELOG="$RT/logs/$BASEDB.log"
BASE_PID=""
say() { printf '[test] %s\n' "$*" >&2; }
cleanup() {
    [ -n "$BASE_PID" ] && kill "$BASE_PID" 2>/dev/null && wait "$BASE_PID" 2>/dev/null
    [ -n "${KEEP_DB:-}" ] && { say "kept databases $DB and $BASEDB"; return; }
    "${PGTOOL[@]}" drop "$DB" || true
    "${PGTOOL[@]}" drop "$BASEDB" || true
}
trap cleanup EXIT
free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# the tests of every installed module, the whole registry loaded (log: $2)
run_tests() {
    timeout --kill-after=30 "$TIMEOUT" "$PY" "$ROOT/tools/odoo_core_tests.py" -c "$RT/odoo.conf" \
        -d "$1" --test-enable --stop-after-init --http-interface=127.0.0.1 \
        --http-port="$(free_port)" --db-filter="^$1\$" --log-level=info --logfile="$2" >>"$2" 2>&1
}
DEPENDS="$("$PY" -c 'import ast, sys; print(",".join(ast.literal_eval(open(sys.argv[1]).read())["depends"]))' \
    "$ROOT/__manifest__.py")"
for db in "$DB" "$BASEDB"; do
    "${PGTOOL[@]}" drop "$db"   # left over by a killed run whose pid is ours now
    "${PGTOOL[@]}" copy "$TEMPLATE" "$db"
done
say "installing hr_exit_interview in $DB, only its dependencies ($DEPENDS) in $BASEDB"
"$ROOT/bin/odoo" -d "$DB" -i hr_exit_interview --stop-after-init --no-http --log-level=warn
"$ROOT/bin/odoo" -d "$BASEDB" -i "$DEPENDS" --stop-after-init --no-http --log-level=warn

say "Odoo's suites without the addon in $BASEDB (log: $BASELOG), with it in $DB (log: $LOG)"
set +e
run_tests "$BASEDB" "$BASELOG" &
BASE_PID=$!
run_tests "$DB" "$LOG"
RC=$?
wait "$BASE_PID"
BASE_RC=$?
BASE_PID=""
set -e
for status in "$RC" "$BASE_RC"; do
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
        say "TIMEOUT: a test run gave no verdict within $TIMEOUT s and was stopped" \
            "(a hung test? TEST_TIMEOUT=<seconds> sets the limit); logs: $LOG $BASELOG"
        exit 1
    fi
done
if "$PY" "$ROOT/tools/check_log.py" "$LOG" --modules --baseline "$BASELOG"; then
    say "Odoo's suites with the addon installed: no test fails that passes without it"
    rm -f "$LOG" "$BASELOG"
else
    say "Odoo's suites with the addon installed: FAILED; logs: $LOG $BASELOG"
    exit 1
fi
