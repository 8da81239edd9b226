#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The CLI end to end against a fresh database, without a daemon: log a walk,
# see it in stats and history, delete it; bad arguments exit 2 with what was
# expected; a broken config points at file:line:col; daemon commands say that
# walkbreakd is not running. JSON is checked with python3's json module.
# Usage: cli_database.sh PATH/TO/walkbreak
set -euo pipefail
walkbreak=$1
source "$(dirname "$0")/cli_sandbox.sh"

# --- a walk logged, counted, listed and deleted -----------------------------
run 0 log 12m --note 'round the block, "brisk"'
[[ "$out" == "logged walk "* ]] || fail "log said: $out"

run 0 stats --json --day today
[ "$(json_get 'j["walk_minutes"]')" = 12 ] || fail "walk_minutes: $out"
[ "$(json_get 'j["walk_seconds"]')" = 720 ] || fail "walk_seconds: $out"
[ "$(json_get 'j["walks"]')" = 1 ] || fail "walks: $out"
[ "$(json_get 'all(k in j["reminders"] for k in ("sent", "walked", "snoozed", "skipped"))')" \
  = True ] || fail "reminders: $out"

run 0 history --json
[ "$(json_get 'len(j["walks"])')" = 1 ] || fail "history: $out"
[ "$(json_get 'j["walks"][0]["note"]')" = 'round the block, "brisk"' ] || fail "note: $out"
id=$(json_get 'j["walks"][0]["id"]')

run 0 export --format csv
[ "$(head -n1 <<<"$out")" = "kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note" ] \
  || fail "export header: $out"
grep -q '"round the block, ""brisk"""$' <<<"$out" || fail "export quoting: $out"

run 0 delete "$id"
run 0 history --json
[ "$(json_get 'len(j["walks"])')" = 0 ] || fail "after delete: $out"
run 1 delete "$id"
[[ "$err" == *"no walk with id $id"* ]] || fail "second delete said: $err"

# --- bad arguments: exit 2 and what was expected ----------------------------
run 2 log 12
[[ "$err" == *"expected a duration like 90s, 5m or 1h30m"* ]] || fail "bad duration said: $err"
run 2 stats --day someday
[[ "$err" == *"expected a date like 2026-03-29"* ]] || fail "bad date said: $err"
run 2 stats --frobnicate
[[ "$err" == *"run walkbreak stats --help"* ]] || fail "unknown option said: $err"
run 2 statz
[[ "$err" == *"did you mean stats?"* ]] || fail "unknown command said: $err"

# --- a broken config points at file:line:col --------------------------------
mkdir -p "$XDG_CONFIG_HOME/walkbreak"
config="$XDG_CONFIG_HOME/walkbreak/config.toml"
printf '[reminder]\ninterval = "45 minutes"\n' >"$config"
code=0
"$walkbreak" config check >"$sandbox/out" 2>"$sandbox/err" || code=$?
[ "$code" -ne 0 ] || fail "config check passed a broken config"
grep -q "^$config:2:[0-9]*: " "$sandbox/err" || fail "config check said: $(cat "$sandbox/err")"
# Reports still show the record, after one warning.
run 0 today
[[ "$err" == *"using the defaults"* ]] || fail "today with a broken config said: $err"
rm "$config"
run 0 config check

# --- daemon commands without a daemon ---------------------------------------
run 1 status
[ "$(wc -l <<<"$err")" -eq 1 ] || fail "status said more than one line: $err"
socket="$XDG_RUNTIME_DIR/walkbreak/control.sock"
[[ "$err" == *"walkbreakd is not running (no socket at $socket)"* ]] || fail "status said: $err"

echo "cli_database: ok"
