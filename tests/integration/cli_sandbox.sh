# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the CLI's integration tests (with $walkbreak set): a private
# home, config, data and runtime directory removed on exit, and helpers to
# run walkbreak and read its JSON.
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }

sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
export HOME="$sandbox/home"
export XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data"
export XDG_RUNTIME_DIR="$sandbox/run"
unset WALKBREAK_CONFIG WALKBREAK_DB WALKBREAK_SOCKET
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

fail() { echo "FAIL: $*" >&2; exit 1; }

# run EXPECTED_CODE ARGS...: runs walkbreak; its stdout and stderr land in
# $out and $err.
run() {
  local want=$1; shift
  local code=0
  "$walkbreak" "$@" >"$sandbox/out" 2>"$sandbox/err" || code=$?
  out=$(cat "$sandbox/out"); err=$(cat "$sandbox/err")
  [ "$code" -eq "$want" ] || fail "walkbreak $* exited $code, expected $want; stderr: $err"
}

# json_get EXPRESSION: evaluates a python expression over the JSON in $out (as j).
json_get() {
  python3 -c 'import json, sys; j = json.loads(sys.stdin.read()); print(eval(sys.argv[1]))' \
    "$1" <<<"$out"
}
