#!/usr/bin/env bash
# Load test of the public questionnaire as production runs it: Debian's nginx
# with tools/nginx/hr_exit_interview.conf (ports rewritten) in front of
# `bin/odoo --workers=2 --proxy-mode`. Installs nginx when it is missing (as
# root), creates the database when it does not exist (the addon without demo
# data), runs tools/bench_load.py and stops what it started.
#
#   BENCH_LOAD_DB     database (default hrx_load; gets new departures each run)
#   BENCH_LOAD_PORT   first of four free ports (default 8151): Odoo HTTP,
#                     Odoo longpolling, nginx
#   BENCH_LOAD_WORKERS  HTTP workers (default 2)
#   Arguments are passed to bench_load.py (--links 100 --same 20 --burst 200).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
source "$ROOT/tools/env.sh"
PY="$RT/venv/bin/python"
DB="${BENCH_LOAD_DB:-hrx_load}"
BASE_PORT="${BENCH_LOAD_PORT:-8151}"
WORKERS="${BENCH_LOAD_WORKERS:-2}"
ODOO_PORT="$BASE_PORT"
LONGPOLLING_PORT="$((BASE_PORT + 1))"
NGINX_PORT="$((BASE_PORT + 2))"
WORK="$(mktemp -d)"
ODOO_PID=""
NGINX_PID=""

say() { printf '[bench-load] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

stop_all() {
    # Only what this script started, by process id.
    if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill -QUIT "$NGINX_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    fi
    if [ -n "$ODOO_PID" ] && kill -0 "$ODOO_PID" 2>/dev/null; then
        kill -TERM "$ODOO_PID" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$ODOO_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$ODOO_PID" 2>/dev/null && kill -KILL -- "-$ODOO_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop_all EXIT

# 1. nginx, from Debian.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    [ "$(id -u)" = 0 ] || die "nginx is not installed; as root: apt-get install nginx"
    say "installing Debian's nginx"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq nginx >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null && apt-get install -y -qq nginx >/dev/null
    } || die "apt-get could not install nginx"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

for port in "$ODOO_PORT" "$LONGPOLLING_PORT" "$NGINX_PORT"; do
    if "$PY" -c "import socket, sys; s = socket.socket(); s.connect_ex(('127.0.0.1', $port)) == 0 and sys.exit(1)"; then
        :
    else
        die "port $port is in use: set BENCH_LOAD_PORT to the first of 3 free ports"
    fi
done

# 2. The database.
if ! "$PY" "$ROOT/tools/pgtool.py" exists "$DB"; then
    say "creating $DB with the addon, without demo data (a few minutes, once)"
    "$ROOT/bin/odoo" -d "$DB" -i hr_exit_interview --without-demo=all --stop-after-init \
        --no-http --log-level=warn
else
    "$ROOT/bin/odoo" -d "$DB" -u hr_exit_interview --stop-after-init --no-http --log-level=warn
fi

# 3. Odoo in multi-worker mode, behind the proxy.
ODOO_LOG="$WORK/odoo.log"
say "starting bin/odoo --workers=$WORKERS on 127.0.0.1:$ODOO_PORT (longpolling $LONGPOLLING_PORT)"
setsid "$ROOT/bin/odoo" -d "$DB" --db-filter="^${DB}\$" --workers="$WORKERS" --proxy-mode \
    --max-cron-threads=1 --limit-time-real-cron=600 --http-interface=127.0.0.1 --http-port="$ODOO_PORT" \
    --longpolling-port="$LONGPOLLING_PORT" --logfile="$ODOO_LOG" --log-level=info \
    </dev/null &
ODOO_PID=$!

# 4. nginx with the sample configuration, on our ports, as a private instance.
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/temp"
chmod -R 777 "$WORK/nginx/temp"
sed -e "s/127\.0\.0\.1:8069;/127.0.0.1:$ODOO_PORT;/" \
    -e "s/127\.0\.0\.1:8072;/127.0.0.1:$LONGPOLLING_PORT;/" \
    -e "s/listen 80;/listen 127.0.0.1:$NGINX_PORT backlog=1024;/" \
    "$ROOT/tools/nginx/hr_exit_interview.conf" > "$WORK/nginx/site.conf"
grep -q "127.0.0.1:$ODOO_PORT;" "$WORK/nginx/site.conf" || die "sample configuration not rewritten"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 2048; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/nginx/logs/access.log;
    client_body_temp_path $WORK/nginx/temp/body;
    proxy_temp_path $WORK/nginx/temp/proxy;
    fastcgi_temp_path $WORK/nginx/temp/fastcgi;
    uwsgi_temp_path $WORK/nginx/temp/uwsgi;
    scgi_temp_path $WORK/nginx/temp/scgi;
    include $WORK/nginx/site.conf;
}
CONF
"$NGINX" -t -q -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" || die "nginx refuses the configuration"
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!

say "waiting for /web/login through nginx on 127.0.0.1:$NGINX_PORT"
"$PY" - "$NGINX_PORT" <<'PY' || { tail -n 40 "$ODOO_LOG" >&2; die "Odoo did not answer through nginx"; }
import sys, time, requests
url = 'http://127.0.0.1:%s/web/login' % sys.argv[1]
for _ in range(240):
    try:
        if requests.get(url, timeout=30).status_code == 200:
            sys.exit(0)
    except requests.RequestException:
        pass
    time.sleep(1)
sys.exit(1)
PY

# 5. The load test.
status=0
"$PY" "$ROOT/tools/bench_load.py" --db "$DB" --via "nginx" \
    --url "http://127.0.0.1:$NGINX_PORT" --direct-url "http://127.0.0.1:$ODOO_PORT" \
    --server-log "$ODOO_LOG" "$@" || status=$?
[ "$status" = 0 ] || tail -n 30 "$ODOO_LOG" >&2
exit "$status"
