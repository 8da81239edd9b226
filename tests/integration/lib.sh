# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the integration tests. Each test starts its own X server, buses
# and notification server in a fresh directory and removes them on exit, so
# tests may run in parallel and never touch the desktop they run in.
# A missing tool is a skip (exit 77), never a pass.

WORK=$(mktemp -d "${TMPDIR:-/tmp}/walkbreak-test.XXXXXX")
PIDS=""

cleanup() {
    for pid in $PIDS; do kill "$pid" 2>/dev/null; done
    for pid in $PIDS; do wait "$pid" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# track PID: killed on exit.
track() { PIDS="$PIDS $1"; }
untrack() { PIDS=$(printf '%s\n' $PIDS | grep -vx "$1" | tr '\n' ' '); }

skip() { echo "SKIP: $*"; exit 77; }
need() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
    done
}

# Logs printed when a check fails: set LOGS to the files worth reading.
LOGS=""
fail() {
    echo "FAIL: $*"
    local f
    for f in $LOGS; do
        [ -f "$f" ] || continue
        echo "--- ${f#"$WORK"/}"
        cat "$f"
    done
    exit 1
}
pass() { echo "ok: $*"; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_for SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds.
# SECONDS is about how long the step takes on an idle machine; the wait gives
# up only after WALKBREAK_TEST_PATIENCE (10) times as long, so that a loaded
# machine never fails a test by being slow: a timeout means the test is hung.
# How fast things happen is measured in bench/, not asserted by tests.
wait_for() {
    local deadline=$(( $(now_ms) + ${1%.*} * 1000 * ${WALKBREAK_TEST_PATIENCE:-10} ))
    shift
    until "$@"; do
        [ "$(now_ms)" -ge "$deadline" ] && return 1
        sleep 0.05
    done
}

# start_xvfb [ARGS...]: a fresh X server on a free display (Xvfb -displayfd
# picks it); sets DISPLAY and XVFB_PID.
start_xvfb() {
    : > "$WORK/display"
    Xvfb -displayfd 3 -nolisten tcp -noreset "$@" 3>"$WORK/display" 2>>"$WORK/xvfb.log" &
    XVFB_PID=$!
    track "$XVFB_PID"
    wait_for 10 test -s "$WORK/display" || fail "Xvfb did not start"
    DISPLAY=":$(head -n1 "$WORK/display")"
    export DISPLAY
}

# start_bus NAME: a private dbus-daemon with no service activation (so that
# nothing is started behind the test's back); sets BUS_ADDRESS and BUS_PID.
write_bus_config() {
    cat > "$1" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$2</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
}
start_bus() {
    write_bus_config "$WORK/$1.conf" "$WORK"
    dbus-daemon --config-file="$WORK/$1.conf" --nofork --print-address=3 \
        3>"$WORK/$1.address" 2>>"$WORK/$1.log" &
    BUS_PID=$!
    track "$BUS_PID"
    wait_for 10 test -s "$WORK/$1.address" || fail "dbus-daemon ($1) did not start"
    BUS_ADDRESS=$(head -n1 "$WORK/$1.address")
}

# in_private_session_bus "$@": re-runs the calling script under
# dbus-run-session with a bus of its own (without service activation).
in_private_session_bus() {
    if [ -n "${WALKBREAK_TEST_SESSION_BUS:-}" ]; then return 0; fi
    need dbus-run-session dbus-daemon
    local conf="$WORK/session.conf"
    write_bus_config "$conf" "${TMPDIR:-/tmp}"
    WALKBREAK_TEST_SESSION_BUS=1 dbus-run-session --config-file="$conf" -- bash "$0" "$@"
    exit $?
}

# Scheduler statistics of a process, from /proc.
voluntary_switches() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
alive() { kill -0 "$1" 2>/dev/null; }
# terminate PID: sends SIGTERM, waits for PID and returns its exit status.
terminate() {
    kill -TERM "$1"
    wait "$1"
    local rc=$?
    untrack "$1"
    return "$rc"
}
# wakeups_during SECONDS PID: how often PID woke up in the next SECONDS.
wakeups_during() {
    local before
    before=$(voluntary_switches "$2")
    sleep "$1"
    echo $(( $(voluntary_switches "$2") - before ))
}
