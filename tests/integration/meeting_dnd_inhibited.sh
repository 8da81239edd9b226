#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The do-not-disturb meeting signal through the Inhibited property of
# org.freedesktop.Notifications, against python3-dbusmock playing KDE
# Plasma's notification server (kde_notifications_mock.py): an inhibition
# holds and its end ends; one taken before the start holds; nothing wakes
# the source meanwhile; the server restarted is followed; a server with no
# do-not-disturb at all is explained.
# usage: meeting_dnd_inhibited.sh DIR-WITH-run_meeting
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: meeting_dnd_inhibited.sh DIR-WITH-run_meeting}
NOTIFICATIONS_MOCK=$(cd "$(dirname "$0")" && pwd)/kde_notifications_mock.py
need dbus-daemon gdbus
# Debian's python3 has python3-dbusmock; another python3 may come first in PATH.
/usr/bin/python3 -c 'import dbusmock' 2>/dev/null || skip "python3-dbusmock is not installed"

unset DISPLAY WAYLAND_DISPLAY
start_bus session
export DBUS_SESSION_BUS_ADDRESS=$BUS_ADDRESS
LOGS="$WORK/list.out $WORK/meeting.out $WORK/meeting.err $WORK/mock.out"

inhibit() {  # prints the cookie; gdbus says "(uint32 N,)"
    gdbus call --session --dest org.freedesktop.Notifications \
        --object-path /org/freedesktop/Notifications \
        --method org.freedesktop.Notifications.Inhibit org.kde.zoom "In a call" '{}' |
        sed -n 's/^(uint32 \([0-9]*\),)$/\1/p'
}
uninhibit() {
    gdbus call --session --dest org.freedesktop.Notifications \
        --object-path /org/freedesktop/Notifications \
        --method org.freedesktop.Notifications.UnInhibit "$1" >/dev/null || fail "UnInhibit"
}

# A server that offers no do-not-disturb: the reason names it.
start_notifications_mock '{"inhibitions": false}'
"$bin/run_meeting" --list > "$WORK/list.out" 2>&1
grep -q "^do-not-disturb not available: the notification server (notifyd-without-inhibitions .*) offers no do-not-disturb" \
    "$WORK/list.out" || fail "a server without do-not-disturb was not explained"
pass "no do-not-disturb: \"$(grep ^do-not-disturb "$WORK/list.out")\""
stop_notifications_mock

# Inhibited before the start.
start_notifications_mock
first=$(inhibit)
[ -n "$first" ] || fail "Inhibit gave no cookie"
start_meeting "$bin" do-not-disturb freedesktop-inhibited
wait_for 2 reported holds 1 || fail "an inhibition taken before the start was not reported"
pass "inhibited at the start: holds"
uninhibit "$first"
wait_for 2 reported ends 1 || fail "UnInhibit was not reported"
pass "UnInhibit: ends"
first=$(inhibit)
wait_for 2 reported holds 2 || fail "an inhibition was not reported"
pass "Inhibit: holds"
woke=$(wakeups_in 2 "$MEETING")
[ "$woke" -le 1 ] || fail "$woke wake-ups in 2 s of stillness"
pass "$woke wake-ups in 2 s of stillness"

# The server goes while inhibited, and comes back.
stop_notifications_mock
wait_for 2 reported ends 2 || fail "the server leaving did not end do-not-disturb"
pass "server gone: ends"
start_notifications_mock
wait_for 2 meeting_logged "a notification server is on the session bus" ||
    fail "the new server was not noticed"
first=$(inhibit)
wait_for 2 reported holds 3 || fail "the restarted server was not followed"
uninhibit "$first"
wait_for 2 reported ends 3 || fail "the restarted server's UnInhibit was not reported"
pass "server restarted: followed"

exits_on_sigterm "$MEETING" "$WORK/meeting.out"
pass "SIGTERM: clean exit"
