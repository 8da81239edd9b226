#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The X11 idle backends against a real X server (Xvfb), driven by xdotool:
#  - x11-sync reports idle after the threshold and active right after input,
#    wakes up for nothing in between, and survives the X server dying: it
#    reports the loss once, spends no CPU afterwards, and exits on SIGTERM;
#  - x11-screensaver (the degraded fallback) does the same with adaptive sleeps;
#  - the probe skips X11 under Wayland unless forced, and says why.
# usage: x11_idle.sh DIR-WITH-run_idle
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: x11_idle.sh DIR-WITH-run_idle}
need Xvfb xdotool
# Nothing from the desktop the test runs in: no compositor, no session bus
# (gnome-mutter is probed before X11), so that only X11 can be found.
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export XDG_RUNTIME_DIR="$WORK"

events() { grep -c " $1" "$WORK/idle.out"; }
at_least() { [ "$(events "$1")" -ge "$2" ]; }  # re-evaluated by each wait_for round
reported_idle_ms() { sed -n 's/.* idle \([0-9]*\)ms$/\1/p' "$WORK/idle.out" | tail -n1; }

# --- x11-sync ---------------------------------------------------------------
start_xvfb
LOGS="$WORK/list.out $WORK/idle.out $WORK/idle.err $WORK/xvfb.log"
"$bin/run_idle" --list > "$WORK/list.out" 2>&1 || fail "run_idle --list failed"
grep -q '^x11-sync available$' "$WORK/list.out" || fail "x11-sync is not available"

fresh "$WORK/idle.out" "$WORK/idle.err"
"$bin/run_idle" --threshold 2 --backend auto > "$WORK/idle.out" 2> "$WORK/idle.err" &
idle_pid=$!
track "$idle_pid"
wait_for 5 grep -q "watching with x11-sync" "$WORK/idle.out" || fail "x11-sync was not chosen"
xdotool mousemove 10 10  # input now: the idle time starts from 0
start=$(now_ms)
wait_for 6 grep -q " idle " "$WORK/idle.out" || fail "no idle report within 6 s"
elapsed=$(( $(now_ms) - start ))
ms=$(reported_idle_ms)
[ "$ms" -ge 2000 ] && [ "$ms" -lt 4000 ] || fail "idle reported with ${ms} ms"
[ "$elapsed" -ge 1500 ] || fail "idle reported after only ${elapsed} ms"
pass "x11-sync: idle after ${elapsed} ms (reported ${ms} ms)"

# No polling: still idle, nothing should wake the process.
before=$(voluntary_switches "$idle_pid")
sleep 3
after=$(voluntary_switches "$idle_pid")
[ $(( after - before )) -le 2 ] || fail "$(( after - before )) wake-ups in 3 s of stillness"
pass "x11-sync: $(( after - before )) wake-ups in 3 s of stillness"

xdotool mousemove 200 200
start=$(now_ms)
wait_for 1 grep -q " active$" "$WORK/idle.out" || fail "no active report after input"
pass "x11-sync: active $(( $(now_ms) - start )) ms after input"
wait_for 5 at_least idle 2 || fail "no second idle report"
pass "x11-sync: idle again"

# Lose the X server.
kill "$XVFB_PID"
untrack "$XVFB_PID"
wait_for 3 grep -q " lost: " "$WORK/idle.out" || fail "the lost display was not reported"
alive "$idle_pid" || fail "run_idle died with the X server"
ticks=$(cpu_ticks "$idle_pid")
switches=$(voluntary_switches "$idle_pid")
sleep 2
alive "$idle_pid" || fail "run_idle died after the X server"
[ $(( $(cpu_ticks "$idle_pid") - ticks )) -le 1 ] || fail "run_idle spins after losing X"
[ $(( $(voluntary_switches "$idle_pid") - switches )) -le 2 ] ||
    fail "run_idle wakes up after losing X"
[ "$(events lost:)" -eq 1 ] || fail "the loss was reported $(events lost:) times"
kill -TERM "$idle_pid"
wait "$idle_pid"
rc=$?
untrack "$idle_pid"
[ "$rc" -eq 0 ] || fail "run_idle exited with $rc on SIGTERM"
grep -q " exit$" "$WORK/idle.out" || fail "run_idle did not exit cleanly"
pass "x11-sync: display loss reported once, no CPU afterwards, clean exit"

# --- x11-screensaver (forced: Xvfb cannot switch SYNC off) ------------------
start_xvfb
fresh "$WORK/idle.out" "$WORK/idle.err"
"$bin/run_idle" --threshold 2 --backend x11-screensaver > "$WORK/idle.out" 2> "$WORK/idle.err" &
idle_pid=$!
track "$idle_pid"
wait_for 5 grep -q "watching with x11-screensaver" "$WORK/idle.out" ||
    fail "x11-screensaver not used"
grep -q "degraded fallback" "$WORK/idle.err" || fail "the fallback did not say it is degraded"
xdotool mousemove 10 10
start=$(now_ms)
wait_for 6 grep -q " idle " "$WORK/idle.out" || fail "x11-screensaver: no idle report"
elapsed=$(( $(now_ms) - start ))
[ "$elapsed" -ge 1500 ] || fail "x11-screensaver: idle after only ${elapsed} ms"
pass "x11-screensaver: idle after ${elapsed} ms"
before=$(voluntary_switches "$idle_pid")
sleep 3
after=$(voluntary_switches "$idle_pid")
# While idle it asks once a second (no event says "active"); allow some slack.
[ $(( after - before )) -le 8 ] || fail "x11-screensaver: $(( after - before )) wake-ups in 3 s"
pass "x11-screensaver: $(( after - before )) wake-ups in 3 s while idle"
xdotool mousemove 200 200
start=$(now_ms)
wait_for 2 grep -q " active$" "$WORK/idle.out" || fail "x11-screensaver: no active report"
pass "x11-screensaver: active $(( $(now_ms) - start )) ms after input"
kill "$XVFB_PID"
untrack "$XVFB_PID"
wait_for 3 grep -q " lost: " "$WORK/idle.out" || fail "x11-screensaver: loss not reported"
ticks=$(cpu_ticks "$idle_pid")
sleep 2
alive "$idle_pid" || fail "x11-screensaver: run_idle died after the X server"
[ $(( $(cpu_ticks "$idle_pid") - ticks )) -le 1 ] || fail "x11-screensaver: spins after losing X"
kill -TERM "$idle_pid"
wait "$idle_pid"
rc=$?
untrack "$idle_pid"
[ "$rc" -eq 0 ] || fail "x11-screensaver: run_idle exited with $rc on SIGTERM"
pass "x11-screensaver: display loss reported, clean exit"

# --- the probe ----------------------------------------------------------------
start_xvfb -extension MIT-SCREEN-SAVER
LOGS="$WORK/probe.out $WORK/probe.err"
"$bin/run_idle" --list > "$WORK/probe.out" 2>&1
grep -q '^x11-screensaver unavailable: .*MIT-SCREEN-SAVER' "$WORK/probe.out" ||
    fail "a missing MIT-SCREEN-SAVER was not reported"
WAYLAND_DISPLAY=wayland-test "$bin/run_idle" --threshold 2 > "$WORK/probe.out" 2> "$WORK/probe.err"
[ $? -eq 1 ] || fail "X11 was used under Wayland"
grep -q "no idle backend available.*WAYLAND_DISPLAY" "$WORK/probe.err" || fail "no reason given"
fresh "$WORK/probe.out" "$WORK/probe.err"
WAYLAND_DISPLAY=wayland-test "$bin/run_idle" --threshold 2 --backend x11-sync \
    > "$WORK/probe.out" 2> "$WORK/probe.err" &
pid=$!
track "$pid"
wait_for 5 grep -q "watching with x11-sync" "$WORK/probe.out" || fail "forcing x11-sync failed"
kill -TERM "$pid"
wait "$pid"
untrack "$pid"
env -u DISPLAY "$bin/run_idle" > "$WORK/probe.out" 2> "$WORK/probe.err"
[ $? -eq 1 ] || fail "a backend was found without DISPLAY"
grep -q "DISPLAY is not set" "$WORK/probe.err" || fail "no reason given without DISPLAY"
pass "probe: Wayland skipped unless forced, no DISPLAY explained, missing extension explained"
