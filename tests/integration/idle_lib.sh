# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the integration tests that drive tests/tools/run_idle with its
# tracker (--tracker): its lines in $WORK/idle.out, its log in $WORK/idle.err.
# Sourced after lib.sh, with $bin the directory of run_idle.

events() { grep -c " $1" "$WORK/idle.out"; }
at_least() { [ "$(events "$1")" -ge "$2" ]; }  # re-evaluated by each wait_for round

# start_idle BACKEND [ARGS...]: run_idle with a 2 s threshold; waits until it
# watches with BACKEND; sets IDLE_PID.
start_idle() {
    local backend=$1
    shift
    fresh "$WORK/idle.out" "$WORK/idle.err"
    "$bin/run_idle" --threshold 2 --tracker --verbose "$@" > "$WORK/idle.out" 2> "$WORK/idle.err" &
    IDLE_PID=$!
    track "$IDLE_PID"
    wait_for 5 grep -q "watching with $backend" "$WORK/idle.out" || fail "$backend was not used"
}
stop_idle() {
    kill -TERM "$IDLE_PID"
    wait "$IDLE_PID"
    local rc=$?
    untrack "$IDLE_PID"
    [ "$rc" -eq 0 ] || fail "run_idle exited with $rc on SIGTERM"
}

# expect_active N WHAT: the Nth active report, and the tracker sitting again.
expect_active() {
    wait_for 2 at_least active "$1" || fail "$2: no active report after input"
    wait_for 2 at_least "tracker sitting" $(( $1 + 1 )) || fail "$2: the tracker is not sitting"
    pass "$2: active after input, tracker sitting"
}

# expect_lost_once WHAT: what run_idle watched has just gone (WHAT: "sway",
# "the bus"): the loss is reported once, run_idle stays, spends no CPU and
# does not wake; it then exits cleanly on SIGTERM.
expect_lost_once() {
    wait_for 3 grep -q " lost: " "$WORK/idle.out" || fail "the loss of $1 was not reported"
    local ticks switches
    ticks=$(cpu_ticks "$IDLE_PID")
    switches=$(voluntary_switches "$IDLE_PID")
    sleep 2
    alive "$IDLE_PID" || fail "run_idle died with $1"
    [ $(( $(cpu_ticks "$IDLE_PID") - ticks )) -le 1 ] || fail "run_idle spins after losing $1"
    [ $(( $(voluntary_switches "$IDLE_PID") - switches )) -le 2 ] || fail "run_idle wakes afterwards"
    [ "$(events lost:)" -eq 1 ] || fail "the loss was reported $(events lost:) times"
    stop_idle
}
