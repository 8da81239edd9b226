#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The session watcher (sd-bus) against python3-dbusmock's logind on a private
# system bus (DBUS_SYSTEM_BUS_ADDRESS): Lock/Unlock signals, LockedHint,
# PrepareForSleep and the delay inhibitor, released on suspend and taken
# again on resume. Without logind, without any system bus, and when the bus
# goes away: one warning each time, and the process keeps running, idle.
# usage: logind_session.sh DIR-WITH-run_session
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: logind_session.sh DIR-WITH-run_session}
in_private_session_bus "$@"
need dbus-daemon gdbus

python=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import dbusmock' 2>/dev/null; then python=$candidate; break; fi
done
[ -n "$python" ] || skip "python3-dbusmock is not installed"

start_bus system
export DBUS_SYSTEM_BUS_ADDRESS=$BUS_ADDRESS
LOGS="$WORK/session.out $WORK/session.err $WORK/mock.log"

# Runs without a logind first: the bus is there, nobody answers.
fresh "$WORK/session.out" "$WORK/session.err"
"$bin/run_session" > "$WORK/session.out" 2> "$WORK/session.err" &
pid=$!
track "$pid"
wait_for 10 grep -q " not watching$" "$WORK/session.out" || fail "no logind: start() did not fail"
sleep 0.5
alive "$pid" || fail "run_session died without logind"
[ "$(grep -c 'warning session:' "$WORK/session.err")" -eq 1 ] || fail "not exactly one warning"
grep -q "logind is not available" "$WORK/session.err" || fail "the warning does not name logind"
kill -TERM "$pid"; wait "$pid"; untrack "$pid"
pass "no logind: one warning, still running"

"$python" -m dbusmock --system --template logind > "$WORK/mock.log" 2>&1 &
track $!
login1() { gdbus call --system --dest org.freedesktop.login1 "$@"; }
manager() { login1 --object-path /org/freedesktop/login1 "$@"; }
session() { login1 --object-path /org/freedesktop/login1/session/c7 "$@"; }
wait_for 15 manager --method org.freedesktop.login1.Manager.CanSuspend >/dev/null 2>&1 ||
    fail "the logind mock did not start"
manager --method org.freedesktop.DBus.Mock.AddSession c7 seat0 1000 walker true >/dev/null ||
    fail "AddSession failed"
inhibited() { manager --method org.freedesktop.login1.Manager.ListInhibitors | grep -q walkbreak; }
not_inhibited() { ! inhibited; }
emit_sleep() {
    manager --method org.freedesktop.DBus.Mock.EmitSignal \
        org.freedesktop.login1.Manager PrepareForSleep b "[<$1>]" >/dev/null
}
events() { awk '$2 ~ /^(lock|unlock|suspend|resume)$/ { printf "%s ", $2 }' "$WORK/session.out"; }
seen() { [ "$(events)" = "$1" ]; }

fresh "$WORK/session.out" "$WORK/session.err"
XDG_SESSION_ID=c7 "$bin/run_session" --verbose > "$WORK/session.out" 2> "$WORK/session.err" &
pid=$!
track "$pid"
wait_for 10 grep -q " watching$" "$WORK/session.out" || fail "run_session did not start"
wait_for 5 inhibited || fail "no delay inhibitor taken"
pass "watching session c7, holding a delay inhibitor"

session --method org.freedesktop.login1.Session.Lock >/dev/null
wait_for 3 seen "lock " || fail "Lock not seen (got: $(events))"
session --method org.freedesktop.login1.Session.Unlock >/dev/null
wait_for 3 seen "lock unlock " || fail "Unlock not seen (got: $(events))"
session --method org.freedesktop.login1.Session.SetLockedHint true >/dev/null
wait_for 3 seen "lock unlock lock " || fail "LockedHint=true not seen (got: $(events))"
session --method org.freedesktop.login1.Session.SetLockedHint false >/dev/null
wait_for 3 seen "lock unlock lock unlock " || fail "LockedHint=false not seen (got: $(events))"
pass "Lock, Unlock and LockedHint seen in order"

emit_sleep true
wait_for 3 seen "lock unlock lock unlock suspend " || fail "suspend not seen (got: $(events))"
wait_for 3 not_inhibited || fail "the delay inhibitor was not released on suspend"
emit_sleep false
wait_for 3 seen "lock unlock lock unlock suspend resume " || fail "resume not seen (got: $(events))"
wait_for 3 inhibited || fail "the delay inhibitor was not taken again after resume"
pass "suspend releases the inhibitor after on_suspend, resume takes it again"

! grep -q "warning" "$WORK/session.err" || fail "unexpected warnings"
kill -TERM "$pid"; wait "$pid"; rc=$?; untrack "$pid"
[ "$rc" -eq 0 ] || fail "run_session exited with $rc"
wait_for 3 not_inhibited || fail "the inhibitor outlived the process"

# The system bus goes away under a running watcher.
fresh "$WORK/session.out" "$WORK/session.err"
XDG_SESSION_ID=c7 "$bin/run_session" > "$WORK/session.out" 2> "$WORK/session.err" &
pid=$!
track "$pid"
wait_for 10 grep -q " watching$" "$WORK/session.out" || fail "run_session did not start again"
wait_for 5 inhibited || fail "no delay inhibitor taken the second time"
kill "$BUS_PID"; wait "$BUS_PID" 2>/dev/null; untrack "$BUS_PID"
wait_for 3 grep -q "warning session: lost the system bus" "$WORK/session.err" ||
    fail "the lost bus was not reported"
ticks=$(cpu_ticks "$pid")
sleep 2
alive "$pid" || fail "run_session died with the system bus"
[ $(( $(cpu_ticks "$pid") - ticks )) -le 1 ] || fail "run_session spins after losing the bus"
[ "$(grep -c "warning" "$WORK/session.err")" -eq 1 ] || fail "not exactly one warning"
kill -TERM "$pid"; wait "$pid"; rc=$?; untrack "$pid"
[ "$rc" -eq 0 ] || fail "run_session exited with $rc after losing the bus"
pass "system bus lost: one warning, no CPU, clean exit"

# No system bus at all.
fresh "$WORK/session.out" "$WORK/session.err"
DBUS_SYSTEM_BUS_ADDRESS="unix:path=$WORK/no-such-bus" "$bin/run_session" \
    > "$WORK/session.out" 2> "$WORK/session.err" &
pid=$!
track "$pid"
wait_for 5 grep -q " not watching$" "$WORK/session.out" || fail "no bus: start() did not fail"
sleep 1
alive "$pid" || fail "run_session died without a system bus"
[ "$(wc -l < "$WORK/session.err")" -eq 1 ] || fail "not exactly one line on stderr"
grep -q "warning session: cannot connect to the system bus" "$WORK/session.err" ||
    fail "unexpected warning"
kill -TERM "$pid"; wait "$pid"; untrack "$pid"
pass "no system bus: one warning, still running"
