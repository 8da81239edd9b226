#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `walkbreak chart` writes well-formed XML, from an empty database and after
# a logged walk, and so is the README's docs/chart.svg; `status --waybar`
# without a daemon prints the offline object and exits 0.
# Usage: cli_chart.sh PATH/TO/walkbreak SOURCE_DIR
set -euo pipefail
walkbreak=$1
source_dir=$2
command -v xmllint >/dev/null || { echo "SKIP: xmllint missing"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
export HOME="$sandbox/home" XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data"
export XDG_RUNTIME_DIR="$sandbox/run"
unset WALKBREAK_CONFIG WALKBREAK_DB WALKBREAK_SOCKET
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

"$walkbreak" chart -o "$sandbox/empty.svg" >/dev/null
xmllint --noout "$sandbox/empty.svg" || fail "empty chart is not well-formed"
"$walkbreak" log 12m >/dev/null
"$walkbreak" chart --weeks 2 -o "$sandbox/two.svg" >/dev/null
xmllint --noout "$sandbox/two.svg" || fail "chart is not well-formed"
bars=$(grep -c '<rect class="bar' "$sandbox/two.svg")
[ "$bars" -ge 8 ] && [ "$bars" -le 14 ] || fail "two weeks drew $bars bars"
"$walkbreak" chart | xmllint --noout - || fail "chart on stdout is not well-formed"
xmllint --noout "$source_dir/docs/chart.svg" || fail "docs/chart.svg is not well-formed"

out=$("$walkbreak" status --waybar) || fail "status --waybar without a daemon failed"
[[ "$out" == *'"class":"offline"'* ]] || fail "status --waybar said: $out"

echo "cli_chart: ok"
