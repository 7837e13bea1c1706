# Sourced by the launchers: the environment every Odoo process of this project runs in.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RT="$ROOT/.runtime"
# wkhtmltopdf with patched Qt first on PATH; Debian's lessc needs its modules
# on NODE_PATH when node comes from elsewhere than Debian.
export PATH="$RT/wkhtmltox/bin:$RT/venv/bin:$PATH"
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
