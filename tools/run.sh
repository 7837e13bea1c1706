#!/usr/bin/env bash
# Serve Odoo with the addon and demo data: create the database on the first
# run, upgrade the addon on later runs. ODOO_DB, ODOO_HTTP_PORT, ODOO_WORKERS (0:
# one threaded process; N > 0: N HTTP worker processes, a cron worker and the
# longpolling process on ODOO_LONGPOLLING_PORT) are honoured.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
source "$ROOT/tools/env.sh"
DB="${ODOO_DB:-hr_exit_demo}"
PORT="${ODOO_HTTP_PORT:-8069}"
WORKERS="${ODOO_WORKERS:-0}"
LONGPOLLING_PORT="${ODOO_LONGPOLLING_PORT:-8072}"
case "$WORKERS" in
    ''|*[!0-9]*) echo "[run] ODOO_WORKERS must be a whole number (0 for one threaded process)" >&2; exit 2 ;;
esac
if "$RT/venv/bin/python" "$ROOT/tools/pgtool.py" exists "$DB"; then
    if [ ! -d "$RT/data/filestore/$DB" ]; then
        # Attachments (web assets included) live in the filestore of the runtime
        # that created the database: another clone's database serves broken files.
        echo "[run] WARNING: database $DB exists but its files are not in this runtime" \
             "(created by another clone?). Use another name: ODOO_DB=... make run" >&2
    fi
    echo "[run] upgrading hr_exit_interview in $DB" >&2
    "$ROOT/bin/odoo" -d "$DB" -u hr_exit_interview --stop-after-init --no-http --log-level=warn
else
    echo "[run] creating $DB with demo data (first run: a minute or two)" >&2
    "$ROOT/bin/odoo" -d "$DB" -i hr_exit_interview --stop-after-init --no-http --log-level=warn
fi
echo "[run] serving $DB at http://localhost:$PORT (login admin / admin), workers: $WORKERS" >&2
exec "$ROOT/bin/odoo" -d "$DB" --db-filter="^${DB}\$" --http-port="$PORT" \
    --workers="$WORKERS" --longpolling-port="$LONGPOLLING_PORT" "$@"
