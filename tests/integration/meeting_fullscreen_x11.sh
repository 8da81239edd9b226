#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The fullscreen meeting signal (x11-ewmh) on a real X server (Xvfb) under a
# real EWMH window manager (openbox), with xmessage windows that wmctrl makes
# fullscreen and activates: a fullscreen window focused at the start holds;
# leaving fullscreen ends and entering it holds again; focus on another
# window ends and coming back holds; the fullscreen window closed ends (its
# selection dropped on a window that is gone) and the source still follows
# the next; nothing wakes it while nothing changes; the X server lost ends
# what held. Without a window manager it refuses and says why; under Wayland
# X11 is not asked (meeting_fullscreen_wayland.sh).
# usage: meeting_fullscreen_x11.sh DIR-WITH-run_meeting
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: meeting_fullscreen_x11.sh DIR-WITH-run_meeting}
need Xvfb openbox wmctrl xmessage xprop xdotool
# Only the test's own X server: no compositor, no session bus.
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export XDG_RUNTIME_DIR="$WORK" HOME="$WORK" XDG_CONFIG_HOME="$WORK/config"
LOGS="$WORK/list.out $WORK/meeting.out $WORK/meeting.err $WORK/openbox.log $WORK/xvfb.log"

# window TITLE: an xmessage window titled TITLE, mapped; its pid in WINDOW.
window() {
    xmessage -name "$1" -title "$1" "$1" >> "$WORK/windows.log" 2>&1 &
    WINDOW=$!
    track "$WINDOW"
    wait_for 2 mapped "$1" || fail "the window $1 was not managed"
}
mapped() { wmctrl -l | grep -q " $1$"; }
close() {
    kill "$1"
    wait "$1" 2>/dev/null
    untrack "$1"
}
active_is() { [ "$(xdotool getactivewindow getwindowname 2>/dev/null)" = "$1" ]; }
fullscreen() { xprop -name "$1" _NET_WM_STATE | grep -q _NET_WM_STATE_FULLSCREEN; }
not_fullscreen() { ! fullscreen "$1"; }
wm_ready() { xprop -root _NET_SUPPORTED 2>/dev/null | grep -q _NET_ACTIVE_WINDOW; }
list_says() { grep -q "^fullscreen $1$" "$WORK/list.out"; }

start_xvfb
"$bin/run_meeting" --list > "$WORK/list.out" 2>&1
list_says "not available: the window manager does not publish the active window (_NET_ACTIVE_WINDOW)" ||
    fail "no window manager was not explained"
pass "no window manager: \"$(grep ^fullscreen "$WORK/list.out")\""
WAYLAND_DISPLAY=wayland-test "$bin/run_meeting" --list > "$WORK/list.out" 2>&1
list_says "not available: cannot connect to Wayland display wayland-test .*" ||
    fail "X11 was used under Wayland"
pass "Wayland: the compositor's windows or none, never X11's"

openbox --sm-disable >> "$WORK/openbox.log" 2>&1 &
track $!
wait_for 5 wm_ready || fail "openbox did not publish _NET_ACTIVE_WINDOW"
"$bin/run_meeting" --list > "$WORK/list.out" 2>&1
list_says "available (x11-ewmh)" || fail "fullscreen is not available under openbox"

# Fullscreen and focused before the source opens.
window meet-a
first=$WINDOW
wait_for 2 active_is meet-a || fail "openbox did not focus meet-a"
wmctrl -F -r meet-a -b add,fullscreen
wait_for 2 fullscreen meet-a || fail "openbox did not make meet-a fullscreen"
start_meeting "$bin" fullscreen x11-ewmh
wait_for 2 reported holds 1 || fail "a fullscreen window focused at the start was not reported"
pass "fullscreen and focused at the start: holds"

# No polling: nothing changes, nothing should wake the process.
woke=$(wakeups_in 2 "$MEETING")
[ "$woke" -eq 0 ] || fail "$woke wake-ups in 2 s of stillness"
pass "$woke wake-ups in 2 s of stillness"

wmctrl -F -r meet-a -b remove,fullscreen
wait_for 2 reported ends 1 || fail "leaving fullscreen was not reported"
pass "leaving fullscreen: ends"
wmctrl -F -r meet-a -b add,fullscreen
wait_for 2 reported holds 2 || fail "entering fullscreen was not reported"
pass "entering fullscreen: holds"

# Focus on another window, and back.
window meet-b
wait_for 2 active_is meet-b || fail "openbox did not focus meet-b"
wait_for 2 reported ends 2 || fail "focus on a window not fullscreen still holds"
pass "focus on another window: ends"
wmctrl -F -a meet-a
wait_for 2 active_is meet-a || fail "openbox did not activate meet-a"
wait_for 2 reported holds 3 || fail "focus back on the fullscreen window was not reported"
pass "focus back on the fullscreen window: holds"

# Closed while fullscreen and focused: openbox focuses meet-b; the source
# drops its selection on meet-a, which is gone (BadWindow), and follows on.
close "$first"
wait_for 2 reported ends 3 || fail "closing the fullscreen window was not reported"
wait_for 2 active_is meet-b || fail "openbox did not focus meet-b after meet-a closed"
alive "$MEETING" || fail "run_meeting died with the closed window"
pass "the fullscreen window closed: ends"
wmctrl -F -r meet-b -b add,fullscreen
wait_for 2 reported holds 4 || fail "the source stopped following after a window closed"
pass "after the close, the next window followed: holds"
[ "$(meeting_lines holds)" -eq 4 ] && [ "$(meeting_lines ends)" -eq 3 ] ||
    fail "a change was reported twice"

# The X server lost: what held ends, and the source says why.
kill "$XVFB_PID"
untrack "$XVFB_PID"
wait_for 2 reported ends 4 || fail "losing the X server did not end the signal"
meeting_logged "fullscreen: the X server closed the connection .*; not watching" ||
    fail "the lost X server was not logged"
alive "$MEETING" || fail "run_meeting died with the X server"
pass "the X server lost: ends"
exits_on_sigterm "$MEETING" "$WORK/meeting.out"
pass "SIGTERM: clean exit"
