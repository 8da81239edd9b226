#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The ext-idle-notify backend against a real Wayland server: idle_compositor
# (tests/tools), built with libwayland-server from the same protocol XML,
# because no compositor in Debian 12 offers ext-idle-notify-v1 headless. Its
# notifications go idle on real timers; the test feeds it "input" and
# "inhibit"/"uninhibit" on stdin. Proves, through run_idle and its tracker:
#  - version 2: idle after the threshold, active after input, no wake-ups in
#    between; the inhibitor-aware request by default, so an inhibitor keeps
#    the user sitting, and the input-only request with
#    inhibitors_keep_sitting = false, so it does not;
#  - version 1: the only request there is, and the log says why;
#  - the auto probe picks it first; the compositor exiting is reported once,
#    with no CPU spent afterwards and a clean exit.
# usage: wayland_ext_idle.sh DIR-WITH-run_idle-AND-idle_compositor
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/idle_lib.sh"
bin=${1:?usage: wayland_ext_idle.sh DIR-WITH-run_idle}

# Nothing from the desktop the test runs in: a runtime dir of its own.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
LOGS="$WORK/idle.out $WORK/idle.err $WORK/compositor.out"

# start_compositor [--notifier-version N]: its stdin is fd 7 of this script.
start_compositor() {
    rm -f "$WORK/control"
    mkfifo "$WORK/control"
    fresh "$WORK/compositor.out"
    "$bin/idle_compositor" "$@" < "$WORK/control" > "$WORK/compositor.out" 2>&1 &
    COMPOSITOR_PID=$!
    track "$COMPOSITOR_PID"
    exec 7> "$WORK/control"
    wait_for 5 grep -q '^socket ' "$WORK/compositor.out" || fail "idle_compositor did not start"
    WAYLAND_DISPLAY=$(sed -n 's/^socket //p' "$WORK/compositor.out")
    export WAYLAND_DISPLAY
}
stop_compositor() {
    echo quit >&7
    exec 7>&-
    wait "$COMPOSITOR_PID"
    local rc=$?
    untrack "$COMPOSITOR_PID"
    [ "$rc" -eq 0 ] || fail "idle_compositor exited with $rc"
}
# user input|inhibit|uninhibit. The time is taken before the compositor can
# see the input (or the inhibitor's end), so that an idle report is timed from
# no later than the moment its timeout started.
user() {
    [ "$1" = inhibit ] || LAST_INPUT_MS=$(now_ms)
    echo "$1" >&7
}

# expect_idle N WHAT [SECONDS]: the Nth idle report comes no sooner than
# SECONDS (2) after the last input. How late is not asserted (a loaded machine
# may be slow; bench/ measures delays): the waits only end a hung test.
expect_idle() {
    local seconds=${3:-2}
    wait_for $(( seconds + 2 )) at_least idle "$1" || fail "$2: no idle report"
    local elapsed=$(( $(now_ms) - LAST_INPUT_MS ))
    [ "$elapsed" -ge $(( seconds * 1000 )) ] || fail "$2: idle after only ${elapsed} ms"
    wait_for 2 at_least "tracker away" "$1" || fail "$2: the tracker did not go away"
    pass "$2: idle after ${elapsed} ms, tracker away"
}

# --- version 2, inhibitors keep you sitting (the default) -------------------
start_compositor
start_idle ext-idle-notify --backend ext-idle-notify
grep -q '^notifier version 2$' "$WORK/compositor.out" || fail "version 2 was not bound"
grep -q '^notification 1 inhibitor-aware 2000ms$' "$WORK/compositor.out" ||
    fail "expected get_idle_notification with 2000 ms"
user input
expect_idle 1 "v2"
before=$(voluntary_switches "$IDLE_PID")
sleep 3
after=$(voluntary_switches "$IDLE_PID")
[ $(( after - before )) -le 2 ] || fail "v2: $(( after - before )) wake-ups in 3 s of stillness"
pass "v2: $(( after - before )) wake-ups in 3 s of stillness"
user input
expect_active 1 "v2"

user inhibit
sleep 3.5
[ "$(events idle)" -eq 1 ] || fail "v2: idle reported while an inhibitor keeps the user sitting"
pass "v2: an idle inhibitor keeps the user sitting"
user uninhibit
expect_idle 2 "v2 after the inhibitor went"

# A new threshold while idle: the idle notification stays until the input it
# reports, and is then re-created with the new timeout.
kill -USR1 "$IDLE_PID"
wait_for 2 grep -q " threshold 4s$" "$WORK/idle.out" || fail "SIGUSR1 did not change the threshold"
sleep 0.3
grep -q '^notification 2' "$WORK/compositor.out" && fail "replaced while idle: input would be lost"
user input
expect_active 2 "v2, threshold changed while idle"
wait_for 2 grep -q '^notification 2 inhibitor-aware 4000ms$' "$WORK/compositor.out" ||
    fail "the notification was not re-created with 4000 ms"
grep -q '^destroyed 1$' "$WORK/compositor.out" || fail "the old notification was not destroyed"
expect_idle 3 "v2 with the new threshold" 4
stop_idle
stop_compositor

# --- version 2, inhibitors_keep_sitting = false -----------------------------
start_compositor
start_idle ext-idle-notify --backend ext-idle-notify --ignore-inhibitors
grep -q '^notification 1 input-only 2000ms$' "$WORK/compositor.out" ||
    fail "expected get_input_idle_notification with inhibitors_keep_sitting = false"
user inhibit
user input
expect_idle 1 "v2 input-only, inhibited"
user input
expect_active 1 "v2 input-only"
stop_idle
stop_compositor

# --- version 1: only the inhibitor-aware request exists ---------------------
start_compositor --notifier-version 1
start_idle ext-idle-notify --backend ext-idle-notify --ignore-inhibitors
grep -q '^notifier version 1$' "$WORK/compositor.out" || fail "version 1 was not bound"
grep -q '^notification 1 inhibitor-aware 2000ms$' "$WORK/compositor.out" ||
    fail "v1: expected get_idle_notification"
grep -q "version 1 only.*cannot be honoured" "$WORK/idle.err" ||
    fail "v1: the log does not say that inhibitors_keep_sitting = false cannot be honoured"
user input
expect_idle 1 "v1"
user input
expect_active 1 "v1"
stop_idle
stop_compositor

# --- auto probe, and the compositor going away -------------------------------
start_compositor
export DISPLAY=:99  # an X display name: Wayland is tried first and wins
start_idle ext-idle-notify
unset DISPLAY
grep -q "notice idle: using ext-idle-notify$" "$WORK/idle.err" ||
    fail "the startup log does not name ext-idle-notify"
user input
expect_idle 1 "auto"
stop_compositor
expect_lost_once "the compositor"
grep -q " exit$" "$WORK/idle.out" || fail "run_idle did not exit cleanly"
pass "auto: compositor exit reported once, no CPU afterwards, clean exit"
