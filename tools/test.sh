#!/usr/bin/env bash
# The whole test suite: runtime, compatibility layer, addon install, and the
# addon's tests under both runners: pytest-odoo, and Odoo's own (-i
# hr_exit_interview --test-enable on a fresh database, tests at install and
# post install), side by side on two databases copied from one template.
# Exits non-zero on a failing test under either runner, a test module that does
# not import, no tests collected, a skipped test, runners that disagree on the
# number of tests, a run that exceeds TEST_TIMEOUT seconds (hung), or an
# ERROR/CRITICAL line (or a warning about this addon) while installing the addon.
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

# 3. Template database with hr + mail, built once per runtime and reused.
PGTOOL=("$PY" "$ROOT/tools/pgtool.py")
TEMPLATE="$("$ROOT/tools/template_db.sh")"

# 4. Two fresh databases copied from the template: Odoo's own runner installs
#    the addon with its tests in one; the other gets the addon installed, then
#    pytest-odoo runs the tests there. The two runs go side by side (one core
#    each); each is stopped after TEST_TIMEOUT seconds, so a hang fails the run.
TIMEOUT="${TEST_TIMEOUT:-1800}"
TESTDB="hrx_test_$$"
WORKERDB="${TESTDB}_workers"
RUNNERDB="hrx_test_$$_odoo"
INSTALL_LOG="$LOGDIR/$TESTDB-install.log"
RUNNER_LOG="$LOGDIR/$RUNNERDB.log"
PYTEST_LOG="$LOGDIR/$TESTDB-pytest.log"
RUNNER_PID=""
cleanup() {
    [ -n "$RUNNER_PID" ] && kill "$RUNNER_PID" 2>/dev/null && wait "$RUNNER_PID" 2>/dev/null
    "${PGTOOL[@]}" drop "$WORKERDB" || true
    [ -n "${KEEP_DB:-}" ] && { say "kept databases $TESTDB (pytest) and $RUNNERDB (Odoo's runner)"; return; }
    "${PGTOOL[@]}" drop "$TESTDB" || true
    "${PGTOOL[@]}" drop "$RUNNERDB" || true
}
trap cleanup EXIT
free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
timed_out() {
    # Message for a run stopped by `timeout` (status 124, or 137 after KILL).
    say "TIMEOUT: $1 gave no verdict within $TIMEOUT s and was stopped (a hung test?" \
        "TEST_TIMEOUT=<seconds> sets the limit); its log: $2"
}
for db in "$TESTDB" "$RUNNERDB"; do
    "${PGTOOL[@]}" drop "$db"   # left over by a killed run whose pid is ours now
    "${PGTOOL[@]}" copy "$TEMPLATE" "$db"
done

# 5. Odoo's own runner, in the background. Its HTTP server (the HTTP tests
#    use it) listens on a free port, never on one a `make run` may serve.
say "Odoo's runner: installing hr_exit_interview with its tests in $RUNNERDB (log: $RUNNER_LOG)"
timeout --kill-after=30 "$TIMEOUT" "$ODOO" -d "$RUNNERDB" -i hr_exit_interview --test-enable \
    --stop-after-init --http-interface=127.0.0.1 --http-port="$(free_port)" \
    --db-filter="^$RUNNERDB\$" --log-level=info --logfile="$RUNNER_LOG" >>"$RUNNER_LOG" 2>&1 &
RUNNER_PID=$!

# 6. The addon installed in the other database, the installation log checked.
say "installing hr_exit_interview in $TESTDB"
"$ODOO" -d "$TESTDB" -i hr_exit_interview --stop-after-init --no-http --log-level=info \
    --logfile="$INSTALL_LOG" || { tail -n 40 "$INSTALL_LOG" >&2; exit 1; }
"$PY" "$ROOT/tools/check_log.py" "$INSTALL_LOG"   # kept for reading when it fails
rm -f "$INSTALL_LOG"

# 7. Multi-worker mode as in production (HTTP workers, a cron worker, the
#    longpolling process), on a copy of the test database that it may change.
say "multi-worker server (--workers=2) on a copy of $TESTDB"
"${PGTOOL[@]}" copy "$TESTDB" "$WORKERDB"
HRX_WORKER_DB="$WORKERDB" PYTHONPATH="$ROOT/tools" quiet_unless_failing \
    timeout --kill-after=30 "$TIMEOUT" "$PY" -m pytest -q \
    -p no:cacheprovider -p no:odoo -p pytest_plain_root "$ROOT/tools/tests/test_multiworker.py"
"${PGTOOL[@]}" drop "$WORKERDB"

# 8. The addon's tests through pytest-odoo; Odoo's http_port is set to a free
#    port, so that nothing in the tests can talk to a server of `make run`.
say "addon tests, pytest-odoo"
set +e
(cd "$ADDON_DIR" && PYTHONPATH="$ROOT/tools" timeout --kill-after=30 "$TIMEOUT" \
    "$PY" -m pytest -p no:cacheprovider -p pytest_addon_name \
    --odoo-database="$TESTDB" --odoo-config="$RT/odoo.conf" --odoo-log-level=warn \
    --odoo-extra="http-port=$(free_port)" "$ADDON_DIR/tests" "$@") 2>&1 | tee "$PYTEST_LOG"
PYTEST_RC=${PIPESTATUS[0]}
set -e
case "$PYTEST_RC" in 124|137) timed_out "pytest-odoo" "$PYTEST_LOG" ;; esac
# Both runners must run every test: compare when pytest ran the whole suite.
SUMMARY="$(tail -n 1 "$PYTEST_LOG")"
PASSED="$(printf '%s\n' "$SUMMARY" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p')"
EXPECT=()
[ "$PYTEST_RC" = 0 ] && [ $# -eq 0 ] && [ -n "$PASSED" ] && EXPECT=(--expect "$PASSED")
if [ "$PYTEST_RC" = 0 ] && printf '%s\n' "$SUMMARY" | grep -q skipped; then
    say "pytest-odoo skipped a test: a skipped test is not a passing one"
    PYTEST_RC=1
fi
[ "$PYTEST_RC" = 0 ] && rm -f "$PYTEST_LOG"

# 9. Odoo's runner's verdict: its log, not its exit status (see check_log.py).
say "addon tests, Odoo's runner: waiting for it to finish"
set +e
wait "$RUNNER_PID"
RUNNER_RC=$?
RUNNER_PID=""
set -e
if [ "$RUNNER_RC" = 124 ] || [ "$RUNNER_RC" = 137 ]; then
    timed_out "Odoo's runner" "$RUNNER_LOG"
elif "$PY" "$ROOT/tools/check_log.py" "$RUNNER_LOG" --tests "${EXPECT[@]}" && [ "$RUNNER_RC" = 0 ]; then
    rm -f "$RUNNER_LOG"
else
    [ "$RUNNER_RC" = 0 ] || say "Odoo's runner exited with status $RUNNER_RC"
    RUNNER_RC=1
    say "Odoo's runner failed; its log: $RUNNER_LOG"
fi
[ "$PYTEST_RC" = 0 ] || say "pytest-odoo failed (status $PYTEST_RC)"
[ "$PYTEST_RC" = 0 ] && [ "$RUNNER_RC" = 0 ]
