#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# walkbreakd on the real GNOME compositor: Mutter 43 headless (`mutter
# --headless --wayland --no-x11 --virtual-monitor`), on a private session bus,
# exporting its own org.gnome.Mutter.IdleMonitor. Input is real: pointer
# motion from a virtual device of Mutter's RemoteDesktop API
# (mutter_remote_input.py). gnome-session cannot run here (it needs the whole
# GNOME Shell session), so org.gnome.SessionManager's inhibitors come from the
# python3-dbusmock template beside this script, which Mutter and walkbreakd
# both watch; notifications go to dbusmock's notification daemon. Proves:
#  - the auto probe skips the Wayland protocols Mutter does not offer and
#    picks gnome-mutter; `walkbreak doctor` says so, says why fullscreen
#    windows are not seen (no wlr-foreign-toplevel-management), and is healthy;
#  - no input for idle.away_after: away; input again: sitting, and the
#    absence credited as a walk (walk.credit = "auto");
#  - an idle inhibitor keeps the user sitting, away follows once it goes;
#  - with idle.inhibitors_keep_sitting = false the log says it cannot be
#    honoured, and Mutter itself still holds idle back while inhibited (as
#    README says for GNOME).
# Waits poll for events with generous timeouts that only catch a hung test.
# usage: gnome_mutter_real.sh BUILD_DIR
set -u
. "$(dirname "$0")/lib.sh"
BUILD=${1:?usage: gnome_mutter_real.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
need mutter dbus-daemon gdbus
/usr/bin/python3 -c 'import dbusmock, gi' 2>/dev/null ||
    skip "python3-dbusmock or python3-gi is missing"

LOGS="$WORK/mutter.log $WORK/input.out"
. "$here/real_desktop.sh"
# The session manager's mock before Mutter, which reads InhibitedActions at start.
"$python" -m dbusmock --session --template "$here/gnome_session_mock.py" \
    > "$WORK/session.log" 2>&1 &
track $!
wait_for 3 has_owner org.gnome.SessionManager || fail "the session manager mock did not start"

display="walkbreak-mutter-$$"
mutter --headless --wayland --no-x11 --virtual-monitor 1024x768 --wayland-display "$display" \
    > "$WORK/mutter.log" 2>&1 &
MUTTER_PID=$!
track "$MUTTER_PID"
wait_for 6 has_owner org.gnome.Mutter.IdleMonitor || fail "mutter did not export its IdleMonitor"
wait_for 6 has_owner org.gnome.Mutter.RemoteDesktop || fail "mutter has no RemoteDesktop API"
wait_for 3 test -S "$XDG_RUNTIME_DIR/$display" || fail "mutter made no Wayland socket"
export WAYLAND_DISPLAY="$display"
pass "mutter $(mutter --version | sed -n '1s/^mutter //p') headless, on $WAYLAND_DISPLAY"

mkfifo "$WORK/input"
"$python" "$here/mutter_remote_input.py" < "$WORK/input" > "$WORK/input.out" 2>&1 &
track $!
exec 7> "$WORK/input"
wait_for 3 grep -qx ready "$WORK/input.out" || fail "no RemoteDesktop session"
moves=0
answered() { [ "$(grep -cx moved "$WORK/input.out")" -ge "$1" ]; }
move() {  # one real pointer motion, and wait until Mutter has taken it
    moves=$(( moves + 1 ))
    echo move >&7
    wait_for 3 answered "$moves" || fail "Mutter did not take the pointer motion"
}

# --- walkbreakd -------------------------------------------------------------
cookie=""
take_inhibitor() {
    cookie=$(session org.gnome.SessionManager.Inhibit video 0 "playing" 8 |
        sed -n 's/^(uint32 \([0-9]*\),)$/\1/p')  # gdbus says "(uint32 N,)"
    [ -n "$cookie" ] || fail "Inhibit failed"
    wait_for 3 inhibited_actions '<uint32 8>' || fail "InhibitedActions does not say idle"
}
drop_inhibitor() {
    session org.gnome.SessionManager.Uninhibit "$cookie" >/dev/null || fail "Uninhibit failed"
    wait_for 3 inhibited_actions '<uint32 0>' || fail "InhibitedActions still says idle"
}
session() {
    gdbus call --session --dest org.gnome.SessionManager --object-path /org/gnome/SessionManager \
        --method "$@"
}
inhibited_actions() {  # what Mutter's own proxy of the session manager reads
    session org.freedesktop.DBus.Properties.Get org.gnome.SessionManager InhibitedActions |
        grep -qF "$1"
}

start_daemon true
expect_backend gnome-mutter
pass "auto probe: gnome-mutter (Mutter offers neither ext-idle-notify nor kde-idle)"
expect_doctor gnome-mutter
json '[f["detail"] for f in j["findings"] if f["subject"] == "ext-idle-notify"][0]' \
    < "$WORK/doctor.json" | grep -q "^not available: " ||
    fail "doctor does not say why ext-idle-notify is not available"
json '[f["detail"] for f in j["findings"] if f["subject"] == "fullscreen"][0]' \
    < "$WORK/doctor.json" | grep -q "offers no wlr-foreign-toplevel-management; GNOME and KDE" ||
    fail "doctor does not say why fullscreen windows are not seen"
expect_walk_credited

# An idle inhibitor (a playing video) keeps you sitting: walkbreakd sees it too.
expect_inhibited_then_away take_inhibitor drop_inhibitor "inhibitor"
grep -q "an idle inhibitor keeps you sitting" "$WORK/walkbreakd.log" ||
    fail "walkbreakd did not notice the inhibitor"
stop_daemon

# inhibitors_keep_sitting = false: walkbreakd does not ask the session manager,
# and Mutter holds its idle watches back by itself, as the log says.
start_daemon false
wait_for 3 grep -q "cannot be honoured there" "$WORK/walkbreakd.log" ||
    fail "the log does not say that Mutter holds idle back"
expect_inhibited_then_away take_inhibitor drop_inhibitor "inhibitors_keep_sitting = false"
stop_daemon
