#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The do-not-disturb meeting signal on GNOME, which keeps it in the GSettings
# key org.gnome.desktop.notifications show-banners (false: do not disturb),
# through the real dconf: dconf-service D-Bus activated on a private session
# bus, its database in the test's own XDG_CONFIG_HOME, the key set with the
# real gsettings tool and the schema of gsettings-desktop-schemas. GNOME
# Shell's notification server is played by python3-dbusmock
# (gnome_notifications_mock.py): only its name matters. Do-not-disturb at the
# start holds; banners on ends; off again holds; the key reset to its default
# ends; no thread of the source wakes meanwhile; GNOME Shell restarted is
# followed; a server that is not GNOME Shell does not use the key; a missing
# schema and GSettings without dconf are explained.
# usage: meeting_dnd_gnome.sh DIR-WITH-run_meeting
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: meeting_dnd_gnome.sh DIR-WITH-run_meeting}
NOTIFICATIONS_MOCK=$(cd "$(dirname "$0")" && pwd)/gnome_notifications_mock.py
need dbus-daemon gdbus gsettings
# Debian's python3 has python3-dbusmock; another python3 may come first in PATH.
/usr/bin/python3 -c 'import dbusmock' 2>/dev/null || skip "python3-dbusmock is not installed"
dconf_service=/usr/share/dbus-1/services/ca.desrt.dconf.service
[ -f "$dconf_service" ] || skip "dconf-service is not installed"

# The user's own settings are never read nor written: dconf keeps its
# database under XDG_CONFIG_HOME and its change marks under XDG_RUNTIME_DIR,
# and dconf-service, started by the bus, inherits them.
unset DISPLAY WAYLAND_DISPLAY GSETTINGS_BACKEND GSETTINGS_SCHEMA_DIR
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data XDG_CACHE_HOME=$WORK/cache
export XDG_RUNTIME_DIR=$WORK/runtime
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$WORK/services" "$WORK/empty"
mkdir -m 700 "$XDG_RUNTIME_DIR"
gsettings list-keys org.gnome.desktop.notifications 2>/dev/null | grep -qx show-banners ||
    skip "gsettings-desktop-schemas is not installed"
cp "$dconf_service" "$WORK/services/"
start_bus session "$WORK/services"
export DBUS_SESSION_BUS_ADDRESS=$BUS_ADDRESS
LOGS="$WORK/list.out $WORK/meeting.out $WORK/meeting.err $WORK/mock.out $WORK/session.log"

# banners true|false: GNOME Shell's switch, as gnome-control-center sets it.
banners() {
    gsettings set org.gnome.desktop.notifications show-banners "$1" || fail "gsettings set"
    [ "$(gsettings get org.gnome.desktop.notifications show-banners)" = "$1" ] ||
        fail "gsettings did not keep show-banners $1"
}
# list [VAR=VALUE...]: run_meeting --list's do-not-disturb line, in that environment.
list() {
    env "$@" "$bin/run_meeting" --list > "$WORK/list.out" 2>&1 ||
        fail "run_meeting --list failed ($*)"
    grep "^do-not-disturb" "$WORK/list.out"
}
# Voluntary context switches of every thread of a process: GLib's and
# dconf's worker threads are in the source's process too.
all_threads_switches() {
    cat /proc/"$1"/task/*/status 2>/dev/null |
        awk '/^voluntary_ctxt_switches/ { n += $2 } END { print n }'
}

banners false
[ -s "$XDG_CONFIG_HOME/dconf/user" ] || fail "dconf did not write the test's own database"
pass "dconf-service activated; show-banners false in the test's own database"

# Do-not-disturb set, but the server is not GNOME Shell: the key is not its switch.
start_notifications_mock '{"name": "notifyd"}'
line=$(list)
case $line in
    "do-not-disturb not available: the notification server (notifyd 43.9) offers no do-not-disturb"*) ;;
    *) fail "a server other than GNOME Shell: \"$line\"" ;;
esac
pass "not GNOME Shell: \"$line\""
stop_notifications_mock

start_notifications_mock
line=$(list)
[ "$line" = "do-not-disturb available (gnome-show-banners)" ] || fail "GNOME Shell: \"$line\""
pass "GNOME Shell: \"$line\""
# No schema: explained, and GLib does not abort the process.
line=$(list XDG_DATA_DIRS="$WORK/empty" XDG_DATA_HOME="$WORK/empty")
case $line in
    "do-not-disturb not available: the notification server (gnome-shell 43.9) keeps its do-not-disturb in GSettings, but the schema org.gnome.desktop.notifications is not installed"*) ;;
    *) fail "no schema: \"$line\"" ;;
esac
pass "no schema: \"$line\""
# GSettings without dconf hears no change made by another process.
line=$(list GSETTINGS_BACKEND=memory)
case $line in
    *"keeps its do-not-disturb in GSettings, but GSettings has no dconf backend here"*) ;;
    *) fail "no dconf: \"$line\"" ;;
esac
pass "no dconf: \"$line\""

# Do-not-disturb before the start holds; each change is heard.
start_meeting "$bin" do-not-disturb gnome-show-banners
wait_for 2 reported holds 1 || fail "do-not-disturb set before the start was not reported"
pass "show-banners false at the start: holds"
banners true
wait_for 2 reported ends 1 || fail "show-banners true was not reported"
pass "show-banners true: ends"
banners false
wait_for 2 reported holds 2 || fail "show-banners false was not reported"
pass "show-banners false: holds"
gsettings reset org.gnome.desktop.notifications show-banners || fail "gsettings reset"
wait_for 2 reported ends 2 || fail "show-banners reset to its default (true) was not reported"
pass "show-banners reset to its default: ends"
banners false
wait_for 2 reported holds 3 || fail "show-banners false after a reset was not reported"

woke=$(wakeups_in 2 "$MEETING")
[ "$woke" -le 1 ] || fail "$woke wake-ups in 2 s of stillness"
pass "$woke wake-ups of the loop thread in 2 s of stillness"
before=$(all_threads_switches "$MEETING")
sleep 2
woke=$(( $(all_threads_switches "$MEETING") - before ))
[ "$woke" -le 1 ] || fail "$woke wake-ups of its threads in 2 s of stillness"
pass "$woke wake-ups of all its threads in 2 s of stillness"

# GNOME Shell goes while do-not-disturb is on, and comes back.
stop_notifications_mock
wait_for 2 reported ends 3 || fail "the server leaving did not end do-not-disturb"
pass "GNOME Shell gone: ends"
start_notifications_mock
wait_for 2 reported holds 4 || fail "GNOME Shell back, show-banners still false: not reported"
banners true
wait_for 2 reported ends 4 || fail "the restarted GNOME Shell's show-banners true was not reported"
pass "GNOME Shell restarted: followed"

exits_on_sigterm "$MEETING" "$WORK/meeting.out"
pass "SIGTERM: clean exit"
