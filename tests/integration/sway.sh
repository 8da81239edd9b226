# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced, after lib.sh, by the tests on the real sway 1.7, headless. sway
# refuses to run as root: as root (CI) it runs as the user walkbreak-test
# (created if missing) with a runtime dir of its own, and the test's Wayland
# clients connect to it as root. As a normal user it runs as that user.

# sway_runtime: makes the compositor's runtime dir, SWAY_RUNTIME (0700, its
# user's; under /tmp rather than under a TMPDIR that user may not enter;
# removed on exit), and exports it as XDG_RUNTIME_DIR. AS_USER runs a command
# as the compositor's user.
sway_runtime() {
    SWAY_RUNTIME=$(mktemp -d /tmp/walkbreak-sway.XXXXXX)
    trap 'cleanup; rm -rf "$SWAY_RUNTIME"' EXIT
    AS_USER=()
    if [ "$(id -u)" -eq 0 ]; then
        local test_user=walkbreak-test
        for _ in 1 2 3 4 5; do  # other tests may be creating it at the same moment
            id -u "$test_user" >/dev/null 2>&1 && break
            useradd --system --no-create-home --shell /usr/sbin/nologin "$test_user" 2>/dev/null ||
                sleep 0.2
        done
        id -u "$test_user" >/dev/null 2>&1 || fail "cannot create the user $test_user"
        chown "$test_user:" "$SWAY_RUNTIME"
        AS_USER=(setpriv "--reuid=$test_user" "--regid=$test_user" --clear-groups)
    fi
    chmod 0700 "$SWAY_RUNTIME"
    export XDG_RUNTIME_DIR="$SWAY_RUNTIME"
}

# start_sway CONFIG: sway headless with the text CONFIG as its configuration,
# logging to $WORK/sway.log; sets SWAY_PID, exports SWAYSOCK and WAYLAND_DISPLAY.
start_sway() {
    printf '%s\n' "$1" > "$SWAY_RUNTIME/sway.conf"
    chmod 0644 "$SWAY_RUNTIME/sway.conf"
    fresh "$WORK/sway.log"
    "${AS_USER[@]}" env -i PATH="$PATH" HOME="$SWAY_RUNTIME" XDG_RUNTIME_DIR="$SWAY_RUNTIME" \
        WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
        sway -c "$SWAY_RUNTIME/sway.conf" >> "$WORK/sway.log" 2>&1 &
    SWAY_PID=$!
    track "$SWAY_PID"
    wait_for 10 compgen -G "$SWAY_RUNTIME/sway-ipc.*.sock" >/dev/null || fail "sway did not start"
    SWAYSOCK=$(compgen -G "$SWAY_RUNTIME/sway-ipc.*.sock")
    WAYLAND_DISPLAY=$(cd "$SWAY_RUNTIME" && compgen -G "wayland-[0-9]" | head -n1)
    export SWAYSOCK WAYLAND_DISPLAY
}
stop_sway() {
    kill "$SWAY_PID"
    wait "$SWAY_PID" 2>/dev/null
    untrack "$SWAY_PID"
    rm -f "$SWAY_RUNTIME"/sway-ipc.*.sock
}
