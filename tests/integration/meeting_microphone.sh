#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The microphone meeting signal ("pulseaudio") against a real audio server:
# PipeWire with WirePlumber and its pulse server, headless, in a runtime
# directory and session bus of the test's own. A virtual source is the
# microphone, a null sink the speakers. Through run_meeting:
#  - no audio server: the source says so and is not opened;
#  - parecord recording the microphone holds the signal, its end ends it,
#    and nothing wakes the driver while nothing changes;
#  - recording the speakers' monitor, a corked stream, a level meter (as
#    pavucontrol makes them) and an application in ignore_apps do not hold it:
#    a real recording after them holds it, and its end ends it;
#  - uncorking the corked stream holds it, corking it again ends it;
#  - the audio server killed: the signal ends; started again: the driver
#    reconnects by itself and sees a new recording; SIGTERM exits cleanly.
# usage: meeting_microphone.sh DIR-WITH-run_meeting-AND-pulse_capture
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: meeting_microphone.sh DIR-WITH-run_meeting-AND-pulse_capture}
need pipewire wireplumber pipewire-pulse pactl parecord
in_private_session_bus "$@"

# Nothing of the desktop the test runs in: its audio server, its config.
unset PULSE_SERVER PULSE_RUNTIME_PATH PIPEWIRE_RUNTIME_DIR PIPEWIRE_REMOTE DISPLAY WAYLAND_DISPLAY
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_STATE_HOME="$WORK/state"
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -p -m 700 "$HOME" "$XDG_RUNTIME_DIR"
LOGS="$WORK/mic.out $WORK/mic.err $WORK/pipewire.log $WORK/wireplumber.log $WORK/pulse.log"

has_source() { pactl list short sources 2>/dev/null | cut -f2 | grep -qx "$1"; }
start_audio() {
    pipewire >> "$WORK/pipewire.log" 2>&1 &
    PW_PID=$!
    track "$PW_PID"
    wait_for 5 test -S "$XDG_RUNTIME_DIR/pipewire-0" || fail "pipewire did not start"
    wireplumber >> "$WORK/wireplumber.log" 2>&1 &
    WP_PID=$!
    track "$WP_PID"
    pipewire-pulse >> "$WORK/pulse.log" 2>&1 &
    PP_PID=$!
    track "$PP_PID"
    wait_for 5 pactl info > /dev/null 2>&1 || fail "pipewire-pulse did not start"
    pactl load-module module-null-sink media.class=Audio/Source/Virtual sink_name=mic \
        > /dev/null || fail "no virtual source"
    pactl load-module module-null-sink sink_name=speakers > /dev/null || fail "no null sink"
    wait_for 5 has_source mic || fail "the virtual source did not appear"
    wait_for 5 has_source speakers.monitor || fail "the speakers' monitor did not appear"
}
stop_audio() {
    local pid
    for pid in "$PP_PID" "$WP_PID" "$PW_PID"; do
        kill "$pid"
        wait "$pid" 2>/dev/null
        untrack "$pid"
    done
}

count() { grep -c " microphone: $1$" "$WORK/mic.out"; }
reached() { [ "$(count "$1")" -ge "$2" ]; }  # re-evaluated by each wait_for round
judged() { grep -q "capture stream #[0-9]* ($1) on source #[0-9]*: $2$" "$WORK/mic.err"; }
# record NAME SOURCE: a parecord whose application.name is NAME; sets REC_PID.
record() {
    parecord --device="$2" --client-name="$1" /dev/null 2>> "$WORK/parecord.log" &
    REC_PID=$!
    track "$REC_PID"
}
end() {
    kill "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    untrack "$1"
}

# --- no audio server ---------------------------------------------------------
"$bin/run_meeting" --signals microphone --verbose > "$WORK/mic.out" 2> "$WORK/mic.err"
[ $? -eq 1 ] || fail "run_meeting ran without an audio server"
grep -q "microphone not watched: no audio server: libpulse could not connect (" "$WORK/mic.err" ||
    fail "no reason given without an audio server"
pass "no audio server: not opened, and says why"

# --- a call --------------------------------------------------------------------
start_audio
fresh "$WORK/mic.out" "$WORK/mic.err"
"$bin/run_meeting" --signals microphone --verbose --ignore-app dictation \
    > "$WORK/mic.out" 2> "$WORK/mic.err" &
mic_pid=$!
track "$mic_pid"
wait_for 5 grep -q "connected to the audio server" "$WORK/mic.err" || fail "run_meeting did not connect"
record call mic
call=$REC_PID
wait_for 5 reached holds 1 || fail "a recording of the microphone did not hold the signal"
pass "parecord on the microphone: holds"

# No polling: a recording going on, nothing else, nothing should wake the driver.
wakeups=$(wakeups_in 3 "$mic_pid")
[ "$wakeups" -le 2 ] || fail "$wakeups wake-ups in 3 s with nothing changing"
pass "$wakeups wake-ups in 3 s with nothing changing"

end "$call"
wait_for 5 reached ends 1 || fail "the end of the recording did not end the signal"
pass "parecord ended: ends"

# --- streams that are not a call -----------------------------------------------
record screen speakers.monitor
screen=$REC_PID
wait_for 5 judged screen "monitor source" || fail "the monitor recording was not seen"
"$bin/pulse_capture" --device mic --corked --name paused > "$WORK/paused.out" 2>&1 &
paused=$!
track "$paused"
wait_for 5 grep -q "ready corked" "$WORK/paused.out" || fail "no corked stream"
wait_for 5 judged paused corked || fail "the corked stream was not seen"
"$bin/pulse_capture" --device mic --peak-detect --name meter > "$WORK/meter.out" 2>&1 &
meter=$!
track "$meter"
wait_for 5 grep -q "ready recording" "$WORK/meter.out" || fail "no level meter"
wait_for 5 judged meter "level meter" || fail "the level meter was not seen"
record dictation mic
dictation=$REC_PID
wait_for 5 judged dictation "ignored application" || fail "the ignored application was not seen"
# Each was judged before this call began: had any held the signal, its
# "holds" would stand before this one, and this call's end would not end it.
record call mic
call=$REC_PID
wait_for 5 reached holds 2 || fail "a call among the other streams did not hold the signal"
[ "$(count holds)" -eq 2 ] || fail "a stream that is not a call held the signal"
end "$call"
wait_for 5 reached ends 2 || fail "the call's end did not end the signal: another stream holds it"
pass "monitor source, corked stream, level meter, ignored application: none holds"

# --- cork and uncork -------------------------------------------------------------
kill -USR1 "$paused"
wait_for 5 reached holds 3 || fail "the uncorked stream did not hold the signal"
kill -USR1 "$paused"
wait_for 5 reached ends 3 || fail "corking the stream again did not end the signal"
pass "uncorked: holds; corked again: ends"
for pid in "$screen" "$paused" "$meter" "$dictation"; do end "$pid"; done

# --- the audio server restarted ------------------------------------------------
record call mic
call=$REC_PID
wait_for 5 reached holds 4 || fail "no recording before the restart"
stop_audio
wait_for 5 reached ends 4 || fail "the lost audio server did not end the signal"
wait_for 5 grep -q "lost the audio server" "$WORK/mic.err" || fail "the loss was not logged"
alive "$mic_pid" || fail "run_meeting died with the audio server"
end "$call"
start_audio
wait_for 10 grep -q "reconnected to the audio server" "$WORK/mic.err" || fail "no reconnection"
record call mic
call=$REC_PID
wait_for 5 reached holds 5 || fail "a recording after the restart was not seen"
end "$call"
wait_for 5 reached ends 5 || fail "the recording's end after the restart was not seen"
pass "audio server restarted: ends, reconnects, sees a new recording"

terminate "$mic_pid"
rc=$?
[ "$rc" -eq 0 ] || fail "run_meeting exited with $rc on SIGTERM"
grep -q " exit$" "$WORK/mic.out" || fail "run_meeting did not exit cleanly"
pass "SIGTERM: clean exit"
