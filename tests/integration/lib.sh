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

# fresh FILE...: empties each FILE now. `cmd > FILE &` truncates FILE in the
# child, some time after the shell has gone on, so a wait_for that follows
# could otherwise read what an earlier run of cmd left in FILE.
fresh() {
    local file
    for file; do : > "$file"; done
}

# wait_for SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds.
# SECONDS is about how long the step takes on an idle machine; the wait gives
# up only after WALKBREAK_TEST_PATIENCE (10) times as long, so that a loaded
# machine never fails a test by being slow: a timeout means the test is hung.
# How fast things happen is measured in bench/, not asserted by tests. Keep
# SECONDS to the step's own length: ten times a generous guess can outlast
# the test's ctest TIMEOUT, and a test killed there prints none of its logs.
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

# start_bus NAME [SERVICE-DIR]: a private dbus-daemon with no service
# activation (so that nothing is started behind the test's back) but for the
# .service files the test put in SERVICE-DIR; sets BUS_ADDRESS and BUS_PID.
write_bus_config() {
    cat > "$1" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$2</listen>
  <auth>EXTERNAL</auth>
${3:+  <servicedir>$3</servicedir>}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
}
start_bus() {
    write_bus_config "$WORK/$1.conf" "$WORK" "${2:-}"
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

# start_dunst: dunst on $DISPLAY and the session bus, with $WORK/dunstrc as
# its config; sets DUNST_PID. stop_dunst kills it like a crash (no goodbye
# on the bus) and waits until its name is gone.
start_dunst() {
    dunst -config "$WORK/dunstrc" >> "$WORK/dunst.log" 2>&1 &
    DUNST_PID=$!
    track "$DUNST_PID"
    wait_for 10 dunstctl count displayed >/dev/null 2>&1 || fail "dunst did not start"
}
stop_dunst() {
    kill -KILL "$DUNST_PID"
    wait "$DUNST_PID" 2>/dev/null
    untrack "$DUNST_PID"
    wait_for 5 dunst_gone || fail "dunst is still on the bus"
}
dunst_gone() { ! dunstctl count displayed >/dev/null 2>&1; }

# A notification server played by python3-dbusmock from the template
# NOTIFICATIONS_MOCK (Debian's python3, which has python3-dbusmock; another
# may come first in PATH): start_notifications_mock [PARAMETERS] starts it and
# waits until it owns org.freedesktop.Notifications, its pid in SERVER and
# its calls in $WORK/mock.out; stop_notifications_mock waits until it is gone.
start_notifications_mock() {
    /usr/bin/python3 -m dbusmock --session --template "$NOTIFICATIONS_MOCK" \
        --parameters "${1:-{\}}" >> "$WORK/mock.out" 2>&1 &
    SERVER=$!
    track "$SERVER"
    wait_for 15 notifications_owned || fail "the notification server mock did not start"
}
stop_notifications_mock() {
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null
    untrack "$SERVER"
    wait_for 5 notifications_unowned || fail "the notification server mock is still on the bus"
}
notifications_owned() {
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null |
        grep -q true
}
notifications_unowned() { ! notifications_owned; }

# The meeting tests: start_meeting DIR SIGNAL BACKEND [ARGS...] runs
# DIR/run_meeting on SIGNAL alone, its lines in $WORK/meeting.out and its log
# in $WORK/meeting.err, and waits until it watches with BACKEND; sets MEETING.
start_meeting() {
    local dir=$1 signal=$2 backend=$3
    shift 3
    fresh "$WORK/meeting.out" "$WORK/meeting.err"
    "$dir/run_meeting" --signals "$signal" --verbose "$@" \
        > "$WORK/meeting.out" 2> "$WORK/meeting.err" &
    MEETING=$!
    track "$MEETING"
    wait_for 5 grep -q " watching $signal with $backend$" "$WORK/meeting.out" ||
        fail "run_meeting did not watch $signal with $backend"
}
# meeting_lines holds|ends: how many times run_meeting said so.
meeting_lines() { grep -c ": $1$" "$WORK/meeting.out"; }
# reported holds|ends N: at least N times (re-evaluated by each wait_for round).
reported() { [ "$(meeting_lines "$1")" -ge "$2" ]; }
meeting_logged() { grep -q "$1" "$WORK/meeting.err"; }

# exits_on_sigterm PID OUTPUT: a run_* driver sent SIGTERM exits 0 and has
# printed "exit" last into OUTPUT.
exits_on_sigterm() {
    kill -TERM "$1"
    wait "$1"
    local rc=$?
    untrack "$1"
    [ "$rc" -eq 0 ] || fail "pid $1 exited with $rc on SIGTERM"
    tail -n1 "$2" | grep -q " exit$" || fail "pid $1 did not exit cleanly"
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
# wakeups_in SECONDS PID: how often PID woke up while the test did nothing.
wakeups_in() {
    local before
    before=$(voluntary_switches "$2")
    sleep "$1"
    echo $(( $(voluntary_switches "$2") - before ))
}
