#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One span of time is walked once, from the terminal and without a daemon:
# log refuses overlaps and repeats (naming the walk), needs --force beyond
# walk.max and refuses 0s; edit and delete say what they did; stats counts
# the union; import validates each walk's span and skips overlapping ones.
# Usage: cli_walks.sh PATH/TO/walkbreak
set -euo pipefail
walkbreak=$1
export TZ=UTC
source "$(dirname "$0")/cli_sandbox.sh"

# --- log: walk.max, --force, repeats and overlaps ---------------------------
run 2 log 10h --at "2026-12-02 08:00"
[[ "$err" == *"longer than walk.max (1h)"*"--force"* ]] || fail "no --force hint: $err"
run 0 log 10h --at "2026-12-02 08:00" --force
run 1 log 10h --at "2026-12-02 08:00" --force
[[ "$err" == *"logged already (walk 1: 2026-12-02 08:00"* ]] || fail "repeat said: $err"
run 1 log 10m --at "2026-12-02 09:00"
[[ "$err" == *"overlaps walk 1"*"walkbreak edit 1"*"walkbreak delete 1"* ]] \
  || fail "overlap said: $err"
run 2 log 0s
run 2 log 25h --force
run 0 stats --json --day 2026-12-02
[ "$(json_get 'j["walk_minutes"]')" = 600 ] || fail "walk_minutes: $out"
[ "$(json_get 'j["walks"]')" = 1 ] || fail "walks: $out"

# --- edit and delete ----------------------------------------------------------
run 0 log 10m --at "2026-12-02 19:00"
[[ "$out" == "logged walk 2: 10m on 2026-12-02 19:00–19:10" ]] || fail "log said: $out"
run 1 edit 2 --at "2026-12-02 17:55"
[[ "$err" == *"overlaps walk 1"* ]] || fail "edit overlap said: $err"
run 0 edit 2 --at "2026-12-02 20:00" --duration 15m --note later
[[ "$out" == "changed walk 2: 15m on 2026-12-02 20:00–20:15 (was 10m on 2026-12-02 19:00–19:10)" ]] \
  || fail "edit said: $out"
run 2 edit 2
run 0 delete 2
[ "$out" = "deleted walk 2: 2026-12-02 20:00, 15 min" ] || fail "delete said: $out"
run 1 delete 2

# --- import: spans checked, overlaps skipped ----------------------------------
header="kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note"
printf '%s\nwalk,1,2026-12-03T10:00:00Z,2026-12-03T10:10:00Z,599,0,manual,,\n' "$header" \
  >"$sandbox/bad.csv"
run 1 import "$sandbox/bad.csv"
[[ "$err" == *"expected 600, the length from start to end"* ]] || fail "seconds: $err"
printf '%s\nwalk,1,2026-12-03T10:00:00Z,2026-12-03T10:00:00Z,0,0,manual,,\n' "$header" \
  >"$sandbox/empty.csv"
run 1 import "$sandbox/empty.csv"
printf '%s\n%s\n%s\n' "$header" \
  "walk,1,2026-12-02T09:00:00Z,2026-12-02T09:10:00Z,600,0,auto,," \
  "walk,2,2026-12-03T09:00:00Z,2026-12-03T09:10:00Z,600,0,auto,," >"$sandbox/overlap.csv"
run 0 import "$sandbox/overlap.csv"
[[ "$out" == *"imported 1 walk"*"skipped 1 walk that would walk a span of time twice"* ]] \
  || fail "import said: $out"
run 0 stats --json --day 2026-12-02
[ "$(json_get 'j["walk_minutes"]')" = 600 ] || fail "after import: $out"

echo "cli_walks: ok"
