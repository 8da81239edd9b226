#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Wayland idle backends against a real compositor: sway 1.7 headless
# (Debian 12), which offers org_kde_kwin_idle and not ext-idle-notify-v1.
# Input comes from wtype (a virtual keyboard) and `swaymsg seat - cursor
# move`, both of which reset sway's idle timers. Proves, through run_idle and
# its tracker:
#  - kde-idle: idle after the threshold, active after input, no wake-ups in
#    between, a new threshold applied at once while active;
#  - the auto probe picks kde-idle, also with DISPLAY set (an X server beside
#    the compositor, as Xwayland would be): the Wayland source wins;
#  - sway exiting is reported once, with no CPU spent afterwards.
# sway runs as tests/integration/sway.sh says.
# usage: wayland_sway_idle.sh DIR-WITH-run_idle
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/idle_lib.sh"
. "$(dirname "$0")/sway.sh"
bin=${1:?usage: wayland_sway_idle.sh DIR-WITH-run_idle}
need sway swaymsg wtype Xvfb setpriv

unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS SWAYSOCK
LOGS="$WORK/idle.out $WORK/idle.err $WORK/sway.log"

sway_runtime
sway_config='output HEADLESS-1 resolution 640x480
xwayland disable'

pointer() { swaymsg seat - cursor move 1 1 >/dev/null || fail "swaymsg failed"; }
key() { wtype -k Escape || fail "wtype failed"; }

# expect_idle N WHAT [SECONDS]: the Nth idle report, SECONDS (2) after the last input.
expect_idle() {
    local start seconds=${3:-2}
    start=$(now_ms)
    wait_for $(( seconds + 2 )) at_least idle "$1" || fail "$2: no idle report"
    local elapsed=$(( $(now_ms) - start ))
    [ "$elapsed" -ge $(( seconds * 1000 - 500 )) ] || fail "$2: idle after only ${elapsed} ms"
    wait_for 1 at_least "tracker away" "$1" || fail "$2: the tracker did not go away"
    pass "$2: idle after ${elapsed} ms, tracker away"
}

# --- what sway 1.7 offers -----------------------------------------------------
start_sway "$sway_config"
"$bin/run_idle" --list > "$WORK/list.out" 2>&1 || fail "run_idle --list failed"
LOGS="$WORK/list.out $WORK/sway.log"
grep -q '^kde-idle available$' "$WORK/list.out" || fail "kde-idle is not available under sway"
grep -q '^ext-idle-notify unavailable: .*offers no ext_idle_notifier_v1' "$WORK/list.out" ||
    fail "sway 1.7 was not expected to offer ext-idle-notify"
pass "sway: org_kde_kwin_idle offered, ext_idle_notifier_v1 not"
LOGS="$WORK/idle.out $WORK/idle.err $WORK/sway.log"

# --- kde-idle, forced -------------------------------------------------------
start_idle kde-idle --backend kde-idle
pointer
expect_idle 1 "kde-idle"
before=$(voluntary_switches "$IDLE_PID")
sleep 3
after=$(voluntary_switches "$IDLE_PID")
[ $(( after - before )) -le 2 ] || fail "kde-idle: $(( after - before )) wake-ups in 3 s of stillness"
pass "kde-idle: $(( after - before )) wake-ups in 3 s of stillness"
key
expect_active 1 "kde-idle, key"
expect_idle 2 "kde-idle again"
pointer
expect_active 2 "kde-idle, pointer"
kill -USR1 "$IDLE_PID"  # threshold 2 s -> 4 s while active: re-created at once
wait_for 2 grep -q " threshold 4s$" "$WORK/idle.out" || fail "SIGUSR1 did not change the threshold"
pointer
expect_idle 3 "kde-idle with the new threshold" 4
stop_idle

# --- auto probe, with an X server beside the compositor ----------------------
start_xvfb
start_idle kde-idle
grep -q "notice idle: using kde-idle$" "$WORK/idle.err" || fail "the startup log does not name kde-idle"
pass "auto: WAYLAND_DISPLAY and DISPLAY both set, the Wayland source wins"
key
expect_idle 1 "auto"
key
expect_active 1 "auto"

# --- sway exits ----------------------------------------------------------------
stop_sway
expect_lost_once "sway"
pass "sway exit reported once, no CPU afterwards, clean exit"
