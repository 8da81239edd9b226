#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The fullscreen meeting signal under Wayland (wlr-foreign-toplevel) on a
# real wlroots compositor: sway 1.7 headless, which offers
# zwlr_foreign_toplevel_manager_v1, with xmessage windows on its Xwayland
# (sway lists them as it lists Wayland clients' windows) made fullscreen and
# focused with swaymsg: a fullscreen window focused at the start holds;
# leaving fullscreen ends and entering it holds again; focus on another
# window ends and coming back holds; the fullscreen window closed ends and
# the source still follows the next; nothing wakes it while nothing changes;
# the compositor lost ends what held. A compositor without the protocol (the
# tests' idle_compositor offers only idle protocols) and no compositor at all
# are refused with the reason; with an X server beside the compositor, as
# Xwayland is, Wayland still decides.
# sway runs as tests/integration/sway.sh says, and the X clients as sway's
# user, whom alone its Xwayland lets in.
# usage: meeting_fullscreen_wayland.sh DIR-WITH-run_meeting-AND-idle_compositor
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sway.sh"
bin=${1:?usage: meeting_fullscreen_wayland.sh DIR-WITH-run_meeting}
need sway swaymsg Xwayland xmessage setpriv
python=/usr/bin/python3
[ -x "$python" ] || skip "Debian's python3 is not installed"

unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS SWAYSOCK
LOGS="$WORK/list.out $WORK/meeting.out $WORK/meeting.err $WORK/compositor.out $WORK/sway.log"
list_says() { grep -q "^fullscreen $1$" "$WORK/list.out"; }

# --- no compositor, and one without the protocol -------------------------------
mkdir -m 0700 "$WORK/runtime"
XDG_RUNTIME_DIR="$WORK/runtime" WAYLAND_DISPLAY=wayland-test "$bin/run_meeting" --list \
    > "$WORK/list.out" 2>&1
list_says "not available: cannot connect to Wayland display wayland-test .*" ||
    fail "no compositor was not explained"
pass "no compositor: \"$(grep ^fullscreen "$WORK/list.out")\""

mkfifo "$WORK/control"
XDG_RUNTIME_DIR="$WORK/runtime" "$bin/idle_compositor" < "$WORK/control" \
    > "$WORK/compositor.out" 2>&1 &
COMPOSITOR_PID=$!
track "$COMPOSITOR_PID"
exec 7> "$WORK/control"
wait_for 5 grep -q '^socket ' "$WORK/compositor.out" || fail "idle_compositor did not start"
idle_display=$(sed -n 's/^socket //p' "$WORK/compositor.out")
XDG_RUNTIME_DIR="$WORK/runtime" WAYLAND_DISPLAY=$idle_display "$bin/run_meeting" --list \
    > "$WORK/list.out" 2>&1
list_says "not available: the compositor on $idle_display offers no wlr-foreign-toplevel-management; GNOME and KDE set do-not-disturb themselves for presentations and screen sharing" ||
    fail "a compositor without wlr-foreign-toplevel-management was not explained"
pass "a compositor without the protocol: refused with the reason"
echo quit >&7
exec 7>&-
wait "$COMPOSITOR_PID"
untrack "$COMPOSITOR_PID"

# --- sway ------------------------------------------------------------------------
sway_runtime
# Xwayland's socket directory as an X server run by root makes it, rather
# than one that sway's user would make and own.
[ "$(id -u)" -ne 0 ] || [ -d /tmp/.X11-unix ] || install -d -m 1777 /tmp/.X11-unix
start_sway 'output HEADLESS-1 resolution 640x480
xwayland enable'
# Xwayland's display is in the environment sway gives what it runs.
swaymsg exec "echo \$DISPLAY > $SWAY_RUNTIME/display" >/dev/null || fail "swaymsg exec failed"
wait_for 5 test -s "$SWAY_RUNTIME/display" || fail "sway did not run its exec"
DISPLAY=$(cat "$SWAY_RUNTIME/display")
[ -n "$DISPLAY" ] || fail "sway runs no Xwayland"
export DISPLAY

# sway_window TITLE EXPRESSION: EXPRESSION holds for the window TITLE in
# sway's tree (as w), e.g. 'w["fullscreen_mode"] == 1'.
sway_window() {
    swaymsg -t get_tree 2>/dev/null | "$python" -c '
import json, sys
def nodes(n):
    yield n
    for c in n.get("nodes", []) + n.get("floating_nodes", []):
        yield from nodes(c)
for w in nodes(json.load(sys.stdin)):
    if w.get("name") == sys.argv[1]:
        sys.exit(0 if eval(sys.argv[2]) else 1)
sys.exit(1)' "$1" "$2"
}
mapped() { sway_window "$1" True; }
focused() { sway_window "$1" 'w["focused"]'; }
fullscreen() { sway_window "$1" 'w["fullscreen_mode"] == 1'; }
not_fullscreen() { sway_window "$1" 'w["fullscreen_mode"] == 0'; }
on() { swaymsg "[title=\"^$1\$\"] $2" >/dev/null || fail "swaymsg $2 on $1 failed"; }

# window TITLE: an xmessage window titled TITLE on Xwayland, mapped and
# focused (sway focuses a new window); its pid in WINDOW.
window() {
    "${AS_USER[@]}" env DISPLAY="$DISPLAY" xmessage -name "$1" -title "$1" "$1" \
        >> "$WORK/windows.log" 2>&1 &
    WINDOW=$!
    track "$WINDOW"
    wait_for 5 mapped "$1" || fail "sway did not map the window $1"
}
close() {
    kill "$1"
    wait "$1" 2>/dev/null
    untrack "$1"
}

"$bin/run_meeting" --list > "$WORK/list.out" 2>&1
list_says "available (wlr-foreign-toplevel)" ||
    fail "fullscreen is not available under sway (with DISPLAY set too)"
pass "sway: available (wlr-foreign-toplevel), though DISPLAY is set too"

# Fullscreen and focused before the source opens.
window meet-a
first=$WINDOW
wait_for 2 focused meet-a || fail "sway did not focus meet-a"
on meet-a "fullscreen enable"
wait_for 2 fullscreen meet-a || fail "sway did not make meet-a fullscreen"
start_meeting "$bin" fullscreen wlr-foreign-toplevel
wait_for 2 reported holds 1 || fail "a fullscreen window focused at the start was not reported"
pass "fullscreen and focused at the start: holds"

# No polling: nothing changes, nothing should wake the process.
woke=$(wakeups_in 2 "$MEETING")
[ "$woke" -eq 0 ] || fail "$woke wake-ups in 2 s of stillness"
pass "$woke wake-ups in 2 s of stillness"

on meet-a "fullscreen disable"
wait_for 2 reported ends 1 || fail "leaving fullscreen was not reported"
pass "leaving fullscreen: ends"
on meet-a "fullscreen enable"
wait_for 2 reported holds 2 || fail "entering fullscreen was not reported"
pass "entering fullscreen: holds"

# Focus elsewhere, and back. meet-b opens on a workspace of its own: sway
# ends a window's fullscreen when a window beside it takes the focus, and
# here meet-a is to stay fullscreen while the focus is away.
swaymsg workspace 2 >/dev/null || fail "swaymsg workspace 2 failed"
wait_for 2 reported ends 2 || fail "focus on an empty workspace still holds"
pass "focus on an empty workspace: ends"
window meet-b
wait_for 2 focused meet-b || fail "sway did not focus meet-b"
on meet-a focus
wait_for 2 focused meet-a || fail "sway did not focus meet-a again"
fullscreen meet-a || fail "sway took fullscreen from meet-a"
wait_for 2 reported holds 3 || fail "focus back on the fullscreen window was not reported"
pass "focus back on the fullscreen window: holds"
on meet-b focus
wait_for 2 focused meet-b || fail "sway did not focus meet-b"
wait_for 2 reported ends 3 || fail "focus on a window not fullscreen still holds"
pass "focus on another window: ends"
on meet-a focus
wait_for 2 reported holds 4 || fail "focus back on the fullscreen window was not reported"
pass "and back: holds"

# Closed while fullscreen and focused.
close "$first"
wait_for 2 reported ends 4 || fail "closing the fullscreen window was not reported"
alive "$MEETING" || fail "run_meeting died with the closed window"
pass "the fullscreen window closed: ends"
on meet-b focus
on meet-b "fullscreen enable"
wait_for 2 reported holds 5 || fail "the source stopped following after a window closed"
pass "after the close, the next window followed: holds"
[ "$(meeting_lines holds)" -eq 5 ] && [ "$(meeting_lines ends)" -eq 4 ] ||
    fail "a change was reported twice"

# The compositor lost: what held ends, the source says why, and nothing
# wakes it afterwards.
stop_sway
wait_for 2 reported ends 5 || fail "losing the compositor did not end the signal"
meeting_logged "fullscreen: the compositor closed the connection to $WAYLAND_DISPLAY; not watching" ||
    fail "the lost compositor was not logged"
alive "$MEETING" || fail "run_meeting died with the compositor"
ticks=$(cpu_ticks "$MEETING")
woke=$(wakeups_in 2 "$MEETING")
[ "$woke" -eq 0 ] && [ $(( $(cpu_ticks "$MEETING") - ticks )) -le 1 ] ||
    fail "run_meeting wakes ($woke times in 2 s) after the compositor left"
pass "the compositor lost: ends, and nothing wakes the source afterwards"
exits_on_sigterm "$MEETING" "$WORK/meeting.out"
pass "SIGTERM: clean exit"
