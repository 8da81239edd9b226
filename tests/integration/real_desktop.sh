# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced after lib.sh by the tests that run walkbreakd on a real compositor
# (gnome_mutter_real.sh, kde_kwin_real.sh): a private session of their own
# (home, runtime dir, session bus, dbusmock's notification daemon; no system
# bus, logind is another test's business) and the walkbreakd side of them.
# The test sets BUILD (the build tree) and defines `move`: one real input
# event, returning once the compositor has taken it. walkbreakd runs with
# second-scale settings: away after 2 s without input, a walk is 3-60 s away
# and credited without asking. Every wait polls for an event, with a timeout
# long enough that only a hung test reaches it.

python=/usr/bin/python3  # Debian's, with dbusmock and gi; another may come first in PATH
config="$WORK/config.toml"
LOGS="$LOGS $WORK/walkbreakd.log"

unset DISPLAY WAYLAND_DISPLAY
export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
mkdir -p "$HOME" && mkdir -m 0700 "$XDG_RUNTIME_DIR"
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$WORK/no-system-bus"
start_bus session
export DBUS_SESSION_BUS_ADDRESS=$BUS_ADDRESS
has_owner() {
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}
"$python" -m dbusmock --session --template notification_daemon > "$WORK/notify.log" 2>&1 &
track $!
wait_for 3 has_owner org.freedesktop.Notifications || fail "the notification mock did not start"
socket="$XDG_RUNTIME_DIR/walkbreak/control.sock"
files=(--config "$config" --db "$WORK/walkbreak.db" --socket "$socket")

write_config() {  # write_config true|false: idle.inhibitors_keep_sitting
    cat > "$config" <<EOF
[idle]
away_after = "2s"
inhibitors_keep_sitting = $1
[reminder]
interval = "1h"
[walk]
min = "3s"
max = "60s"
credit = "auto"
EOF
}
cli() { "$BUILD/cli/walkbreak" "${files[@]}" "$@"; }
json() {  # json EXPRESSION: EXPRESSION evaluated on the JSON on stdin (as j)
    "$python" -c "import json, sys; j = json.load(sys.stdin); print($1)"
}
state() { cli status --json 2>/dev/null | json 'j["state"]' 2>/dev/null; }
state_is() { [ "$(state)" = "$1" ]; }
# still STATE SECONDS: the state stays STATE for SECONDS.
still() {
    local end=$(( $(now_ms) + $2 * 1000 ))
    while [ "$(now_ms)" -lt "$end" ]; do
        state_is "$1" || fail "$1 expected, walkbreakd says $(state)"
        sleep 0.2
    done
}

start_daemon() {  # start_daemon true|false: with that inhibitors_keep_sitting
    write_config "$1"
    "$BUILD/daemon/walkbreakd" "${files[@]}" --verbose >> "$WORK/walkbreakd.log" 2>&1 &
    DAEMON_PID=$!
    track "$DAEMON_PID"
    wait_for 3 cli status --json >/dev/null 2>&1 || fail "walkbreakd did not answer"
}
stop_daemon() {
    kill -TERM "$DAEMON_PID"
    wait "$DAEMON_PID"
    local rc=$?
    untrack "$DAEMON_PID"
    [ "$rc" -eq 0 ] || fail "walkbreakd exited with $rc on SIGTERM"
}

# expect_backend NAME: the auto probe picked NAME; the log and status say so.
expect_backend() {
    wait_for 3 grep -q "notice idle: using $1$" "$WORK/walkbreakd.log" ||
        fail "walkbreakd did not pick $1"
    [ "$(cli status --json | json 'j["backend"]')" = "$1" ] || fail "status names no $1"
}

# expect_doctor NAME: `walkbreak doctor` is healthy and names NAME as the
# idle source in use.
expect_doctor() {
    cli doctor --json > "$WORK/doctor.json"
    local rc=$?
    LOGS="$LOGS $WORK/doctor.json"
    [ "$(json '[f["subject"] for f in j["findings"] if "uses this one" in f["detail"]]' \
        < "$WORK/doctor.json")" = "['$1']" ] || fail "doctor does not name $1 as in use"
    [ "$rc" -eq 0 ] && [ "$(json 'j["healthy"]' < "$WORK/doctor.json")" = True ] ||
        fail "doctor is not healthy (exit $rc)"
    cli doctor > "$WORK/doctor.txt" || fail "doctor (text) exited non-zero"
    pass "doctor: healthy, the idle source in use is $1"
}

credited() { [ "$(cli history --json | json 'len(j["walks"])')" -ge 1 ]; }
# A walk: no input for away_after (away), 4 s more, then input (sitting, and
# the absence credited).
expect_walk_credited() {
    move
    wait_for 3 state_is sitting || fail "not sitting after input"
    wait_for 6 state_is away || fail "never away without input"
    pass "no input for away_after: away"
    sleep 4  # an absence longer than walk.min
    move
    wait_for 3 state_is sitting || fail "not sitting again after input"
    wait_for 3 credited || fail "the absence was not credited"
    local walk
    walk=$(cli history --json | json 'j["walks"][0]["how"], j["walks"][0]["seconds"]')
    [ "${walk% *}" = auto ] && [ "${walk#* }" -ge 4 ] || fail "credited walk: $walk"
    pass "input: sitting again, the walk credited (how, seconds: $walk)"
}

# expect_inhibited_then_away INHIBIT UNINHIBIT WHAT: with the inhibitor that
# INHIBIT (a command) takes, input makes the user sitting, and sitting they
# stay for 2.5 times away_after without input; after UNINHIBIT, away follows,
# and input makes them sitting again.
expect_inhibited_then_away() {
    $1
    move
    wait_for 3 state_is sitting || fail "not sitting after input"
    still sitting 5
    pass "$3: still sitting after 2.5 times away_after"
    $2
    wait_for 6 state_is away || fail "$3: never away after the inhibitor went"
    move
    wait_for 3 state_is sitting || fail "$3: not sitting after input"
    pass "$3: the inhibitor gone, away; sitting again on input"
}
