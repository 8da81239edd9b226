#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The gnome-mutter backend (sd-bus) against python3-dbusmock mocks of Mutter's
# org.gnome.Mutter.IdleMonitor and of org.gnome.SessionManager's inhibitors
# (templates beside this script), on a private session bus. Proves, through
# run_idle and its tracker:
#  - the auto probe picks gnome-mutter without WAYLAND_DISPLAY and DISPLAY;
#    the idle watch has the threshold; idle and active reach the tracker;
#    a new threshold replaces the watch;
#  - an idle inhibitor holds idle back while inhibitors_keep_sitting is on,
#    and idle follows one threshold after it goes; with the key off the
#    session manager is not consulted;
#  - the mock restarted (a new owner of the name): the watches are
#    registered again and work;
#  - the session bus gone: reported once, no CPU afterwards, clean exit.
# usage: gnome_mutter_idle.sh DIR-WITH-run_idle
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/idle_lib.sh"
bin=${1:?usage: gnome_mutter_idle.sh DIR-WITH-run_idle}
here=$(cd "$(dirname "$0")" && pwd)
need dbus-daemon gdbus
# Debian's python3 has python3-dbusmock; another python3 may come first in PATH.
python=/usr/bin/python3
"$python" -c 'import dbusmock' 2>/dev/null || skip "python3-dbusmock is not installed"

unset DISPLAY WAYLAND_DISPLAY
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
start_bus session
export DBUS_SESSION_BUS_ADDRESS=$BUS_ADDRESS
LOGS="$WORK/idle.out $WORK/idle.err $WORK/mutter.log $WORK/session.log"

# start_mock mutter|session: the template on the bus; its calls go to $WORK/NAME.log.
start_mock() {
    local template=mutter_idle_monitor_mock.py name=org.gnome.Mutter.IdleMonitor
    [ "$1" = session ] && template=gnome_session_mock.py name=org.gnome.SessionManager
    : > "$WORK/$1.log"
    fresh "$WORK/$1.out"
    "$python" -m dbusmock --session --template "$here/$template" --logfile "$WORK/$1.log" \
        >> "$WORK/$1.out" 2>&1 &
    eval "${1}_pid=$!"
    track $!
    wait_for 15 has_owner "$name" || fail "the $1 mock did not start"
}
has_owner() {
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}
mutter() {
    gdbus call --session --dest org.gnome.Mutter.IdleMonitor \
        --object-path /org/gnome/Mutter/IdleMonitor/Core --method "$@" >/dev/null ||
        fail "calling the Mutter mock failed: $*"
}
become_idle() { mutter org.freedesktop.DBus.Mock.BecomeIdle "$1"; }
become_active() { mutter org.freedesktop.DBus.Mock.BecomeActive; }
session() {
    gdbus call --session --dest org.gnome.SessionManager --object-path /org/gnome/SessionManager \
        --method "$@"
}
inhibit() {  # prints the cookie; gdbus says "(uint32 N,)"
    session org.gnome.SessionManager.Inhibit video 0 "playing" 8 |
        sed -n 's/^(uint32 \([0-9]*\),)$/\1/p'
}
uninhibit() { session org.gnome.SessionManager.Uninhibit "$1" >/dev/null || fail "Uninhibit"; }
called() { grep -c " $1" "$WORK/mutter.log"; }  # dbusmock logs "TIME NAME ARGS"

idle_now() {  # idle_now N WHAT: Mutter says idle; the Nth report follows at once
    become_idle 2000
    wait_for 2 at_least idle "$1" || fail "$2: no idle report"
    wait_for 1 at_least "tracker away" "$1" || fail "$2: the tracker did not go away"
    pass "$2: idle reported, tracker away"
}
active_now() {
    become_active
    wait_for 2 at_least active "$1" || fail "$2: no active report"
    wait_for 1 at_least "tracker sitting" $(( $1 + 1 )) || fail "$2: the tracker is not sitting"
    pass "$2: active reported, tracker sitting"
}

start_mock mutter
start_mock session

# --- watches, idle and active -------------------------------------------------
start_idle gnome-mutter
grep -q "notice idle: using gnome-mutter$" "$WORK/idle.err" ||
    fail "the startup log does not name gnome-mutter"
grep -q "debug idle: ext-idle-notify not tried: WAYLAND_DISPLAY is not set" "$WORK/idle.err" ||
    fail "the skipped Wayland backends are not explained at debug level"
wait_for 3 grep -q " AddIdleWatch 2000$" "$WORK/mutter.log" || fail "no AddIdleWatch(2000)"
idle_now 1 "gnome-mutter"
wait_for 2 grep -q " AddUserActiveWatch" "$WORK/mutter.log" || fail "no AddUserActiveWatch"
before=$(voluntary_switches "$IDLE_PID")
sleep 3
after=$(voluntary_switches "$IDLE_PID")
[ $(( after - before )) -le 2 ] || fail "$(( after - before )) wake-ups in 3 s of stillness"
pass "gnome-mutter: $(( after - before )) wake-ups in 3 s of stillness"
active_now 1 "gnome-mutter"
idle_now 2 "gnome-mutter, again"
active_now 2 "gnome-mutter, again"
[ "$(called AddUserActiveWatch)" -eq 2 ] || fail "the one-shot active watch was not re-added"

kill -USR1 "$IDLE_PID"  # threshold 4 s: the watch is replaced
wait_for 3 grep -q " AddIdleWatch 4000$" "$WORK/mutter.log" || fail "no AddIdleWatch(4000)"
[ "$(called RemoveWatch)" -ge 1 ] || fail "the 2 s watch was not removed"
become_idle 2000
sleep 0.5
[ "$(events idle)" -eq 2 ] || fail "the removed 2 s watch still counted"
become_idle 4000
wait_for 2 at_least idle 3 || fail "no idle report with the 4 s watch"
active_now 3 "gnome-mutter, new threshold"
pass "gnome-mutter: a new threshold replaces the watch"
stop_idle

# --- idle inhibitors ------------------------------------------------------------
start_idle gnome-mutter
wait_for 3 grep -q " AddIdleWatch 2000$" "$WORK/mutter.log" || fail "no AddIdleWatch(2000)"
cookie=$(inhibit)
[ -n "$cookie" ] || fail "Inhibit failed"
wait_for 3 grep -q "an idle inhibitor keeps you sitting" "$WORK/idle.err" ||
    fail "the inhibitor was not noticed"
become_idle 2000
sleep 1
[ "$(events idle)" -eq 0 ] || fail "idle reported while an idle inhibitor is active"
pass "inhibitor: idle held back while the inhibitor is active"
uninhibit "$cookie"
start=$(now_ms)
wait_for 4 at_least idle 1 || fail "no idle report after the inhibitor went"
elapsed=$(( $(now_ms) - start ))
[ "$elapsed" -ge 1500 ] || fail "idle reported ${elapsed} ms after the inhibitor went, not 2 s"
wait_for 1 at_least "tracker away" 1 || fail "the tracker did not go away"
pass "inhibitor: idle ${elapsed} ms after it went, tracker away"
active_now 1 "inhibitor"
# Input while inhibited: nothing to report, and nothing once it goes.
cookie=$(inhibit)
noticed() { [ "$(grep -c "an idle inhibitor keeps you sitting" "$WORK/idle.err")" -ge "$1" ]; }
wait_for 3 noticed 2 || fail "the second inhibitor was not noticed"
become_idle 2000
become_active
uninhibit "$cookie"
sleep 2.5
[ "$(events idle)" -eq 1 ] && [ "$(events active)" -eq 1 ] ||
    fail "reports after input while inhibited: $(cat "$WORK/idle.out")"
pass "inhibitor: input while inhibited reports nothing"
stop_idle

start_idle gnome-mutter --ignore-inhibitors
grep -q "cannot be honoured" "$WORK/idle.err" || fail "the log does not say what Mutter does"
wait_for 3 grep -q " AddIdleWatch 2000$" "$WORK/mutter.log" || fail "no AddIdleWatch(2000)"
cookie=$(inhibit)
idle_now 1 "inhibitors_keep_sitting = false, inhibited"
uninhibit "$cookie"
active_now 1 "inhibitors_keep_sitting = false"

# --- the monitor's owner changes ---------------------------------------------------
kill "$mutter_pid"
wait "$mutter_pid" 2>/dev/null
untrack "$mutter_pid"
wait_for 3 grep -q "left the session bus" "$WORK/idle.err" || fail "the owner's exit was not noticed"
start_mock mutter
wait_for 3 grep -q "has a new owner" "$WORK/idle.err" || fail "the new owner was not noticed"
wait_for 3 grep -q " AddIdleWatch 2000$" "$WORK/mutter.log" ||
    fail "the idle watch was not registered with the new owner"
idle_now 2 "new owner"
active_now 2 "new owner"

# --- the session bus goes away --------------------------------------------------------
kill "$BUS_PID"
wait "$BUS_PID" 2>/dev/null
untrack "$BUS_PID"
expect_lost_once "the bus"
pass "bus gone: reported once, no CPU afterwards, clean exit"
