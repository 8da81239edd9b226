#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The do-not-disturb meeting signal against the real dunst on Xvfb and a
# private session bus: no server yet is explained, and the dunst that starts
# later is followed; `dunstctl set-paused true`
# holds and `false` ends; a pause already set at the start holds; dunst
# killed ends it, and a new dunst is followed; SIGTERM exits.
# usage: meeting_dnd_dunst.sh DIR-WITH-run_meeting
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: meeting_dnd_dunst.sh DIR-WITH-run_meeting}
in_private_session_bus "$@"
need Xvfb dunst dunstctl

start_xvfb
cat > "$WORK/dunstrc" <<EOF
[urgency_normal]
    timeout = 0
EOF
LOGS="$WORK/list.out $WORK/meeting.out $WORK/meeting.err $WORK/dunst.log"

"$bin/run_meeting" --list > "$WORK/list.out" 2>&1
grep -q "^do-not-disturb available (none): no notification server is running now; the one that starts is watched$" \
    "$WORK/list.out" || fail "no server was not explained"
pass "no server: \"$(grep ^do-not-disturb "$WORK/list.out")\""

# pause true|false holds|ends N: sets dunst's pause, waits for the Nth such line.
pause() {
    dunstctl set-paused "$1"
    wait_for 2 reported "$2" "$3" || fail "set-paused $1 was not reported"
    pass "set-paused $1: $2"
}

# No server when the source opens (dunst is D-Bus activated by the first
# notification): the one that starts later is followed.
start_meeting "$bin" do-not-disturb none
start_dunst
wait_for 2 meeting_logged "a notification server is on the session bus" ||
    fail "a server starting after the source was not noticed"
pause true holds 1
pause false ends 1
pass "dunst started after the source: followed"
exits_on_sigterm "$MEETING" "$WORK/meeting.out"
stop_dunst

# Already paused when the source opens.
start_dunst
dunstctl set-paused true
start_meeting "$bin" do-not-disturb dunst
wait_for 2 reported holds 1 || fail "a pause set before the start was not reported"
pass "paused at the start: holds"
pause false ends 1
pause true holds 2
woke=$(wakeups_in 2 "$MEETING")
[ "$woke" -le 1 ] || fail "$woke wake-ups in 2 s of stillness"
pass "$woke wake-ups in 2 s of stillness"

# dunst dies while paused, and another one starts (unpaused, then paused).
stop_dunst
wait_for 2 reported ends 2 || fail "the server leaving did not end do-not-disturb"
pass "dunst gone: ends"
start_dunst
wait_for 2 meeting_logged "a notification server is on the session bus" ||
    fail "the new dunst was not noticed"
pause true holds 3
pause false ends 3
pass "dunst restarted: followed"

exits_on_sigterm "$MEETING" "$WORK/meeting.out"
pass "SIGTERM: clean exit"
