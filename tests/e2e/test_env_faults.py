#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Environment faults: the X server, the notification server or the session
bus going away, the wall clock jumping, the time zone changing, a suspend,
and a second walkbreakd. The daemon keeps running, says so once (not in a
loop), does not spin, and its totals stay right.

Usage: test_env_faults.py SCENARIO
"""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import DAEMON, SYSTEM_PYTHON, Desktop, Skip, run, wait_until  # noqa: E402
from faults import (CONFIG, assert_not_spinning, log_count, start_daemon,  # noqa: E402
                    take_walk)

FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"


def alive_and_answering(d):
    assert d.daemon.poll() is None, f"walkbreakd exited:\n{d.daemon_log_text()}"
    assert d.cli_ok("status", "--json")


def x_server_gone():
    with Desktop(CONFIG, name="nox") as d:
        d.start_daemon()
        wait_until(lambda: "using x11" in d.daemon_log_text().lower(), 10, "the X11 idle source")
        d.xvfb.kill()
        d.xvfb.wait(5)
        wait_until(lambda: "lost" in d.daemon_log_text(), 10, "the idle source to report its loss")
        alive_and_answering(d)
        assert_not_spinning(d.daemon.pid)
        assert log_count(d, "lost") == 1, d.daemon_log_text()
        assert d.status()["backend"] == "none", d.status()
        # Tracking goes on without idle input: still counting the sitting time.
        s1 = d.status()["sitting_seconds"]
        time.sleep(1.5)
        assert d.status()["sitting_seconds"] >= s1 + 1
        alive_and_answering(d)


def kill_dunst(d):
    dunst = next(p for p in d.procs if p.args[0] == "dunst" and p.poll() is None)
    dunst.kill()
    dunst.wait(5)
    wait_until(lambda: not d._has_owner("org.freedesktop.Notifications"), 10, "dunst to go")


def notification_server_restarted():
    with Desktop(CONFIG, name="nodunst") as d:
        d.start_daemon()
        kill_dunst(d)
        with d.at_keyboard(0.3):
            wait_until(lambda: "cannot show notifications" in d.daemon_log_text(), 20,
                       "the failed reminder to be reported")
            alive_and_answering(d)
            d._start_dunst()
            count = len(d.shown())
            # The next reminder (the escalation, or one after Skip) gets through.
            d.cli("skip")
            d.wait_shown("walk", after=count, timeout=20)
        assert log_count(d, "cannot show notifications") == 1, d.daemon_log_text()
        assert "the notification server is back" in d.daemon_log_text()
        alive_and_answering(d)


def notification_server_named():
    """The server is named when walkbreakd starts, and again when another takes its place."""
    with Desktop(CONFIG, name="named") as d:
        d.start_daemon()
        wait_until(lambda: "notification server: dunst" in d.daemon_log_text(), 10,
                   "the server's name in the log")
        kill_dunst(d)
        wait_until(lambda: "notification server left the session bus" in d.daemon_log_text(),
                   10, "the server's leaving in the log")
        d._start_dunst()
        wait_until(lambda: log_count(d, "notification server: dunst") == 2, 10,
                   "the new server's name in the log")
        assert log_count(d, "warning notify") == 0, d.daemon_log_text()


def notification_server_hung():
    """A server that never answers Notify holds neither the loop nor the exit."""
    with Desktop(CONFIG, name="hung", with_dunst=False) as d:
        calls = os.path.join(d.dir, "calls")
        d._spawn([SYSTEM_PYTHON, os.path.join(os.path.dirname(__file__),
                                               "hung_notification_server.py"), calls])
        wait_until(lambda: d._has_owner("org.freedesktop.Notifications"), 10, "the hung server")
        d.start_daemon()
        wait_until(lambda: "notification server: hung 0.1" in d.daemon_log_text(), 10,
                   "the server's name in the log")
        with d.at_keyboard(0.3):
            wait_until(lambda: os.path.exists(calls) and "Notify" in open(calls).read(), 20,
                       "the reminder's Notify call")
            # The loop is not waiting for the server: it answers the CLI.
            alive_and_answering(d)
            assert d.status()["reminder_showing"], d.status()
        d.daemon.send_signal(signal.SIGTERM)
        wait_until(lambda: d.daemon.poll() is not None, 5, "walkbreakd to stop")
        assert d.daemon.returncode == 0, d.daemon_log_text()
        assert "does not answer; closing the connection" in d.daemon_log_text(), \
            d.daemon_log_text()
        # Nothing was lost: the reminder still open and the bout were recorded at exit.
        assert d.db_rows("SELECT outcome FROM reminders") == [("ignored",)], \
            d.db_rows("SELECT * FROM reminders")
        assert d.db_rows("SELECT COUNT(*) FROM sitting_bouts")[0][0] == 1


def session_bus_gone():
    with Desktop(CONFIG, name="nobus") as d:
        d.start_daemon()
        # A first reminder connects the notifier to the session bus: that is
        # the connection GLib would close with SIGTERM to the whole process.
        with d.at_keyboard(0.3):
            d.wait_shown("Time for a walk", timeout=20)
        d.cli("skip")
        bus = next(p for p in d.procs if p.args[0] == "dbus-daemon")
        bus.kill()
        bus.wait(5)
        with d.at_keyboard(0.3):
            wait_until(lambda: "cannot show notifications" in d.daemon_log_text(), 20,
                       "the failed reminder to be reported")
            time.sleep(1)
        alive_and_answering(d)
        assert "stopping on signal" not in d.daemon_log_text(), d.daemon_log_text()
        assert_not_spinning(d.daemon.pid)
        take_walk(d)  # tracking and crediting go on without the bus

        def stored():
            return d.db_rows("SELECT COUNT(*) FROM walks")[0][0]
        # Every walk credited is stored: the log line and the row come from
        # one action, so give the write its moment before comparing.
        wait_until(lambda: stored() == log_count(d, "walk credited"), 5,
                   "every credited walk to be in the database")
        assert log_count(d, "walk credited") >= 1, d.daemon_log_text()
        assert log_count(d, "cannot show notifications") == 1, d.daemon_log_text()


def faketime_env(d):
    if not os.path.exists(FAKETIME_LIB):
        raise Skip("libfaketime is not installed (scripts/install-deps test installs faketime)")
    stamp = os.path.join(d.dir, "faketime")
    with open(stamp, "w") as f:
        f.write("+0\n")
    # Wall time only: the boot clock, which the tracker measures with, and the
    # monotonic clock stay real, as they do when a user sets the clock.
    return stamp, {"LD_PRELOAD": FAKETIME_LIB, "FAKETIME_TIMESTAMP_FILE": stamp,
                   "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1"}


def set_fake(stamp, offset):
    with open(stamp + ".new", "w") as f:
        f.write(offset + "\n")
    os.replace(stamp + ".new", stamp)


def wall_clock_jumps():
    """The wall clock set back an hour in the middle of a walk, then forward
    a day in the middle of a sitting bout: durations come from the boot clock
    and stay right; nothing is negative or a day long."""
    with Desktop(CONFIG, name="clock") as d:
        stamp, env = faketime_env(d)
        start_daemon(d, extra_env=env)
        with d.at_keyboard(0.3):
            time.sleep(1.5)
        left = time.monotonic() - 0.3  # the last input: at most one period ago
        before = d.daemon_log_text().count("walk credited")
        time.sleep(1.5)             # away (idle after 1 s)
        set_fake(stamp, "-1h")      # ... the clock is set back mid-walk
        time.sleep(1.5)
        d.move_pointer()            # back after ~3 s
        back = time.monotonic()
        longest = back - left
        wait_until(lambda: d.daemon_log_text().count("walk credited") > before, 20, "the walk")
        walks = d.db_rows("SELECT end_utc - start_utc FROM walks")
        # Neither an hour short nor negative: the walk's length is the time
        # that passed (the boot clock's), to the second.
        assert len(walks) == 1 and 2 <= walks[0][0] <= longest + 1, (walks, longest)
        with d.at_keyboard(0.3):
            time.sleep(1)
            set_fake(stamp, "+1d")  # forward a day while sitting
            time.sleep(1.5)
            s = d.status()
            # Sitting since the return, not a day more.
            assert 0 <= s["sitting_seconds"] <= time.monotonic() - back + 1, s
            assert s["next_reminder_in_seconds"] is None or s["next_reminder_in_seconds"] <= 5, s
        assert d.stop_daemon() == 0
        bouts = d.db_rows("SELECT end_utc - start_utc FROM sitting_bouts")
        assert bouts and all(0 <= b[0] <= 60 for b in bouts), bouts
        assert_no_log_loop(d)


def assert_no_log_loop(d):
    lines = d.daemon_log_text().splitlines()
    assert len(lines) < 60, "\n".join(lines)


def time_zone_changes():
    """walkbreakd reads its zone at start: run it in UTC, then in Tokyo. Each
    walk keeps the offset it was taken in; lengths stay right. (A zone change
    under a running daemon would need /etc/localtime changed, which a test
    must not do to its machine.)"""
    with Desktop(CONFIG, name="tz") as d:
        longest = []  # each walk lies inside its take_walk()
        for zone in ("UTC", "Asia/Tokyo"):
            start_daemon(d, extra_env={"TZ": zone})
            began = time.monotonic()
            take_walk(d)
            longest.append(time.monotonic() - began)
            assert d.stop_daemon() == 0
        walks = d.db_rows("SELECT utc_offset, end_utc - start_utc FROM walks ORDER BY id")
        assert [w[0] for w in walks] == [0, 9 * 3600], walks
        assert all(1 <= w[1] <= most + 1 for w, most in zip(walks, longest)), (walks, longest)


def suspend_and_resume():
    """PrepareForSleep(true) ... PrepareForSleep(false) from the logind mock.
    A mock cannot advance the boot clock as a real suspend of hours does, so
    this proves the handling (state, no reminders while asleep, none stacked
    after, the sleep not credited as a walk), not the hours."""
    with Desktop(CONFIG, with_logind=True, name="sleep") as d:
        d.start_daemon()
        wait_until(lambda: "logind" in d.daemon_log_text(), 10, "the session watcher")
        d.prepare_for_sleep(True)
        wait_until(lambda: d.status()["state"] == "suspended", 5, "suspended")
        assert d.status()["next_reminder_in_seconds"] is None

        def reminders():
            return [n for n in d.shown() if "ime for a walk" in n[2]]
        shown = len(reminders())
        time.sleep(7)  # longer than the reminder interval
        assert len(reminders()) == shown, d.shown()
        resumed_at = time.monotonic()
        d.prepare_for_sleep(False)
        # The user at the keyboard from the resume on: with away_after = 1s a
        # single touch would be "away" again before a slow status request.
        with d.at_keyboard(0.3):
            wait_until(lambda: d.status()["state"] == "sitting", 5, "resumed")
            time.sleep(1)
            assert len(reminders()) == shown, f"reminders stacked up during the sleep: {d.shown()}"
            # The sitting clock began at the resume, not before the sleep.
            status = d.status()
            assert status["sitting_seconds"] <= time.monotonic() - resumed_at + 1, status
        assert "walk credited" not in d.daemon_log_text()
        alive_and_answering(d)
        assert_not_spinning(d.daemon.pid)


def second_daemon_refused():
    with Desktop(CONFIG, name="second") as d:
        first = d.start_daemon()
        r = subprocess.run([DAEMON, "--config", d.config_path, "--db", d.db_path,
                            "--socket", d.socket_path], env=d.env, capture_output=True,
                           text=True, timeout=20)
        assert r.returncode == 1, (r.returncode, r.stderr)
        assert "already" in r.stderr and d.socket_path in r.stderr, r.stderr
        assert first.poll() is None
        assert os.path.exists(d.socket_path)
        alive_and_answering(d)
        assert d.stop_daemon(signal.SIGTERM) == 0


SCENARIOS = {f.__name__: f for f in (
    x_server_gone, notification_server_restarted, notification_server_named,
    notification_server_hung, session_bus_gone, wall_clock_jumps,
    time_zone_changes, suspend_and_resume, second_daemon_refused)}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(SCENARIOS)}}}")
    run(SCENARIOS[sys.argv[1]])
