#!/usr/bin/env bash
# Print the name of this runtime's template database (hr + mail with demo
# data), building it first when it does not exist. One per runtime (stamp +
# runtime folder): its filestore lives in this clone's .runtime/data. The test
# commands copy it instead of installing hr and mail every time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/env.sh"
PY="$RT/venv/bin/python"
PGTOOL=("$PY" "$ROOT/tools/pgtool.py")
LOGDIR="$RT/logs"
mkdir -p "$LOGDIR"
RT_ID="$(printf '%s' "$RT" | sha1sum | cut -c1-6)"
TEMPLATE="hrx_tpl_$(head -n 1 "$RT/stamp")_$RT_ID"
if ! "${PGTOOL[@]}" exists "$TEMPLATE"; then
    printf '[test] building template database %s (hr + mail, once)\n' "$TEMPLATE" >&2
    building="${TEMPLATE}_build_$$"
    "$ROOT/bin/odoo" -d "$building" -i hr,mail --stop-after-init --no-http --log-level=warn \
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
printf '%s\n' "$TEMPLATE"
