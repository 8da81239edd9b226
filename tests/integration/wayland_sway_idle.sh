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
# sway refuses to run as root; as root (CI), it runs as the user
# walkbreak-test (created if missing) with a runtime dir of its own, and the
# test's clients connect to it as root. As a normal user it runs as that user.
# usage: wayland_sway_idle.sh DIR-WITH-run_idle
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/idle_lib.sh"
bin=${1:?usage: wayland_sway_idle.sh DIR-WITH-run_idle}
need sway swaymsg wtype Xvfb setpriv

unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS SWAYSOCK
LOGS="$WORK/idle.out $WORK/idle.err $WORK/sway.log"

# The compositor's runtime dir (0700, its user's) must be reachable by that
# user, so it lives under /tmp rather than under a TMPDIR it may not enter.
runtime=$(mktemp -d /tmp/walkbreak-sway.XXXXXX)
trap 'cleanup; rm -rf "$runtime"' EXIT
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    test_user=walkbreak-test
    for _ in 1 2 3 4 5; do  # other tests may be creating it at the same moment
        id -u "$test_user" >/dev/null 2>&1 && break
        useradd --system --no-create-home --shell /usr/sbin/nologin "$test_user" 2>/dev/null ||
            sleep 0.2
    done
    id -u "$test_user" >/dev/null 2>&1 || fail "cannot create the user $test_user"
    chown "$test_user:" "$runtime"
    as_user=(setpriv "--reuid=$test_user" "--regid=$test_user" --clear-groups)
fi
chmod 0700 "$runtime"
export XDG_RUNTIME_DIR="$runtime"

cat > "$runtime/sway.conf" <<'EOF'
output HEADLESS-1 resolution 640x480
xwayland disable
EOF
chmod 0644 "$runtime/sway.conf"

start_sway() {
    fresh "$WORK/sway.log"
    "${as_user[@]}" env -i PATH="$PATH" HOME="$runtime" XDG_RUNTIME_DIR="$runtime" \
        WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
        sway -c "$runtime/sway.conf" >> "$WORK/sway.log" 2>&1 &
    SWAY_PID=$!
    track "$SWAY_PID"
    wait_for 10 compgen -G "$runtime/sway-ipc.*.sock" >/dev/null || fail "sway did not start"
    SWAYSOCK=$(compgen -G "$runtime/sway-ipc.*.sock")
    WAYLAND_DISPLAY=$(cd "$runtime" && compgen -G "wayland-[0-9]" | head -n1)
    export SWAYSOCK WAYLAND_DISPLAY
}
stop_sway() {
    kill "$SWAY_PID"
    wait "$SWAY_PID" 2>/dev/null
    untrack "$SWAY_PID"
    rm -f "$runtime"/sway-ipc.*.sock
}
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
start_sway
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
