#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The notifier (libnotify on its own GLib thread) against dunst on Xvfb and a
# private session bus: server information, a reminder with actions (pressed
# through dunst's context menu, whose dmenu command is a script here), the
# back check-in without a click action, the critical urgency, replacement of
# the same kind, no server at all, and a server that crashes and comes back.
# usage: notify_dunst.sh DIR-WITH-run_notify
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: notify_dunst.sh DIR-WITH-run_notify}
in_private_session_bus "$@"
need Xvfb dunst dunstctl

start_xvfb
# dunst's context menu hands one line per action to `dmenu`, e.g.
# "#Snooze (Time for a walk) [2,snooze]"; this one picks the key in $WORK/want.
cat > "$WORK/pick.sh" <<EOF
#!/bin/sh
tee "$WORK/menu" | grep -m1 -F ",\$(cat "$WORK/want")]"
EOF
chmod +x "$WORK/pick.sh"
# dunst runs `script` for every notification it shows: a log of what arrived.
cat > "$WORK/seen.sh" <<EOF
#!/bin/sh
echo "\$DUNST_URGENCY \$DUNST_SUMMARY" >> "$WORK/seen"
EOF
chmod +x "$WORK/seen.sh"
cat > "$WORK/dunstrc" <<EOF
[global]
    dmenu = $WORK/pick.sh
[urgency_normal]
    timeout = 0
[log_everything]
    script = $WORK/seen.sh
EOF

displayed() { [ "$(dunstctl count displayed 2>/dev/null)" = "$1" ]; }
in_history() { dunstctl history | grep -q "\"data\" : \"$1\""; }
LOGS="$WORK/notify.out $WORK/notify.err $WORK/dunst.log $WORK/menu $WORK/seen"

start_dunst
"$bin/run_notify" --info > "$WORK/notify.out" 2> "$WORK/notify.err" ||
    fail "run_notify --info failed"
grep -q "^server: dunst" "$WORK/notify.out" || fail "server information not read"
grep -q "^capabilities:.* actions" "$WORK/notify.out" || fail "capabilities not read"
pass "server information: $(head -n1 "$WORK/notify.out")"

# Shows a notice with run_notify ARGS..., picks the action KEY from dunst's
# context menu, and waits for run_notify to report it and exit.
show_and_pick() {
    local key=$1 pid rc
    shift
    echo "$key" > "$WORK/want"
    fresh "$WORK/notify.out" "$WORK/notify.err"
    "$bin/run_notify" --timeout 20 "$@" > "$WORK/notify.out" 2> "$WORK/notify.err" &
    pid=$!
    track "$pid"
    wait_for 10 displayed 1 || fail "the notice was not displayed"
    dunstctl context
    wait_for 5 grep -q " action: $key$" "$WORK/notify.out" || fail "$key was not reported"
    wait "$pid"; rc=$?; untrack "$pid"
    [ "$rc" -eq 0 ] || fail "run_notify exited with $rc"
}

# A reminder; press Snooze through dunst's context menu.
show_and_pick snooze
for label in "Walk now" Snooze Skip; do
    grep -q "^#$label (Time for a walk) \[" "$WORK/menu" || fail "no \"$label\" action offered"
done
grep -q ",default\]$" "$WORK/menu" || fail "no default action"
wait_for 5 displayed 0 || fail "the reminder stayed on screen after its action"
in_history "Time for a walk" || fail "the reminder is not in dunst's history"
pass "reminder shown with Walk now/Snooze/Skip, Snooze reported, bubble closed"

# The back check-in: its answers are buttons, and a click on the body is none.
show_and_pick same --kind checkin
for label in Better Same Worse; do
    grep -q "^#$label (How does your back feel?) \[" "$WORK/menu" || fail "no \"$label\" offered"
done
! grep -q ",default\]$" "$WORK/menu" || fail "a click on the check-in would answer it"
pass "check-in shown with Better/Same/Worse and no click action"

# Critical urgency, and a second notice of the same kind replaces the first.
"$bin/run_notify" --critical --summary "Still sitting" --count 2 --every 1 --timeout 1 \
    > "$WORK/notify.out" 2> "$WORK/notify.err" || fail "run_notify failed"
grep -q " shown 2$" "$WORK/notify.out" || fail "the second notice was not sent"
# Closed on exit, so both end in the history: once if replaced, twice if stacked.
copies=$(dunstctl history | tr -d '\n\t ' |
    grep -o '"summary":{"type":"s","data":"Stillsitting"}' | wc -l)
[ "$copies" -eq 1 ] || fail "$copies copies of the critical notice in the history"
wait_for 3 grep -q "^CRITICAL Still sitting$" "$WORK/seen" || fail "the notice was not critical"
pass "critical reminder shown; replaced, not stacked"

# No server at all: one warning, however many attempts; exit 0.
stop_dunst
"$bin/run_notify" --count 3 --every 0.3 --timeout 0.5 > "$WORK/notify.out" 2> "$WORK/notify.err"
rc=$?
[ "$rc" -eq 0 ] || fail "run_notify exited with $rc without a server"
grep -q " shown 3$" "$WORK/notify.out" || fail "run_notify gave up"
[ "$(grep -c "warning notify:" "$WORK/notify.err")" -eq 1 ] || fail "not exactly one warning"
pass "no server: one warning for three attempts"

# The server crashes between two notices and comes back before a third.
start_dunst
fresh "$WORK/notify.out" "$WORK/notify.err"
"$bin/run_notify" --summary "First" --count 3 --every 4 --timeout 3 \
    > "$WORK/notify.out" 2> "$WORK/notify.err" &
pid=$!
track "$pid"
wait_for 5 displayed 1 || fail "the first notice was not displayed"
stop_dunst
wait_for 6 grep -q " shown 2$" "$WORK/notify.out" || fail "the second notice was not sent"
wait_for 3 grep -q "warning notify:" "$WORK/notify.err" || fail "the failure was not logged"
start_dunst
wait_for 6 displayed 1 || fail "the notice after the restart did not arrive"
wait "$pid"; rc=$?; untrack "$pid"
[ "$rc" -eq 0 ] || fail "run_notify exited with $rc"
[ "$(grep -c "warning notify:" "$WORK/notify.err")" -eq 1 ] || fail "not exactly one warning"
grep -q "notice notify: the notification server is back" "$WORK/notify.err" ||
    fail "the recovery was not logged"
pass "server restarted: one warning, the next notice arrives"
