#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# walkbreakd on the real KDE compositor: KWin 5.27 headless (`kwin_wayland
# --virtual --no-lockscreen`), which offers ext_idle_notifier_v1 (version 1)
# and org_kde_kwin_idle. The user is kwin_user (tests/tools): real pointer
# motion through KWin's org_kde_kwin_fake_input, and a mapped window holding
# a zwp_idle_inhibitor_v1, as a playing video does. Notifications go to
# python3-dbusmock's notification daemon. Proves:
#  - the auto probe picks ext-idle-notify; `walkbreak doctor` says so, names
#    kde-idle as available too, says why fullscreen windows are not seen
#    (no wlr-foreign-toplevel-management), and is healthy;
#  - no input for idle.away_after: away; input again: sitting, and the
#    absence credited as a walk (walk.credit = "auto");
#  - an idle inhibitor keeps the user sitting, away follows once it goes;
#  - with idle.inhibitors_keep_sitting = false the log says version 1 cannot
#    honour it, and the inhibitor still keeps the user sitting (as README
#    says); version 2's input-only notification is shown by idle_compositor
#    (wayland_ext_idle.sh), since KWin 5.27 has only version 1.
# Debian's kwin_wayland carries a file capability (cap_sys_resource) that a
# container may refuse to exec; a copy of the binary, which has none, runs.
# KWIN_WAYLAND_NO_PERMISSION_CHECKS lets kwin_user bind fake-input, which KWin
# otherwise grants only to programs whose .desktop file lists it.
# usage: kde_kwin_real.sh BUILD_DIR
set -u
. "$(dirname "$0")/lib.sh"
BUILD=${1:?usage: kde_kwin_real.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
need kwin_wayland dbus-daemon gdbus
[ -x "$BUILD/tests/kwin_user" ] || skip "kwin_user was not built (wayland-protocols is missing)"
/usr/bin/python3 -c 'import dbusmock' 2>/dev/null || skip "python3-dbusmock is missing"

LOGS="$WORK/kwin.log $WORK/user.out"
. "$here/real_desktop.sh"

cp "$(command -v kwin_wayland)" "$WORK/kwin_wayland"  # the copy has no file capability
display="walkbreak-kwin-$$"
KWIN_WAYLAND_NO_PERMISSION_CHECKS=1 "$WORK/kwin_wayland" --virtual --no-lockscreen \
    --width 1024 --height 768 --socket "$display" > "$WORK/kwin.log" 2>&1 &
KWIN_PID=$!
track "$KWIN_PID"
wait_for 6 test -S "$XDG_RUNTIME_DIR/$display" || fail "kwin_wayland made no Wayland socket"
export WAYLAND_DISPLAY="$display"

mkfifo "$WORK/user"
"$BUILD/tests/kwin_user" < "$WORK/user" > "$WORK/user.out" 2>&1 &
track $!
exec 7> "$WORK/user"
wait_for 6 grep -qx ready "$WORK/user.out" || fail "kwin_user could not start"
pass "kwin_wayland $("$WORK/kwin_wayland" --version 2>/dev/null | sed -n '1s/^kwin //p') headless, on $WAYLAND_DISPLAY"
answers=0
answered() { [ "$(grep -cxE 'moved|inhibited|uninhibited' "$WORK/user.out")" -ge "$1" ]; }
user() {  # user COMMAND ANSWER: one line to kwin_user, and wait for its answer
    answers=$(( answers + 1 ))
    echo "$1" >&7
    wait_for 3 answered "$answers" || fail "kwin_user did not answer $1"
    [ "$(grep -xE 'moved|inhibited|uninhibited' "$WORK/user.out" | tail -n1)" = "$2" ] ||
        fail "kwin_user did not say $2"
}
move() { user move moved; }
take_inhibitor() { user inhibit inhibited; }
drop_inhibitor() { user uninhibit uninhibited; }

# --- what KWin offers -----------------------------------------------------------
"$BUILD/tests/run_idle" --list > "$WORK/list.out" 2>&1 || fail "run_idle --list failed"
LOGS="$LOGS $WORK/list.out"
grep -q '^ext-idle-notify available' "$WORK/list.out" || fail "KWin offers no ext-idle-notify"
grep -q '^kde-idle available' "$WORK/list.out" || fail "KWin offers no org_kde_kwin_idle"
pass "KWin: ext_idle_notifier_v1 and org_kde_kwin_idle offered"

# --- walkbreakd --------------------------------------------------------------------
start_daemon true
expect_backend ext-idle-notify
pass "auto probe: ext-idle-notify"
expect_doctor ext-idle-notify
json '[f["detail"] for f in j["findings"] if f["subject"] == "kde-idle"][0]' \
    < "$WORK/doctor.json" | grep -qx "available" || fail "doctor does not list kde-idle as available"
json '[f["detail"] for f in j["findings"] if f["subject"] == "fullscreen"][0]' \
    < "$WORK/doctor.json" | grep -q "offers no wlr-foreign-toplevel-management; GNOME and KDE" ||
    fail "doctor does not say why fullscreen windows are not seen"
expect_walk_credited
expect_inhibited_then_away take_inhibitor drop_inhibitor "inhibitor"
stop_daemon

# inhibitors_keep_sitting = false: KWin 5.27 has version 1 only, whose one
# notification counts inhibitors; the log says so, and the inhibitor still
# keeps the user sitting.
start_daemon false
wait_for 3 grep -q "cannot be honoured" "$WORK/walkbreakd.log" ||
    fail "the log does not say that version 1 cannot honour the setting"
expect_inhibited_then_away take_inhibitor drop_inhibitor "inhibitors_keep_sitting = false"
stop_daemon
