#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: walks changed by hand while walkbreakd runs.
 - logged_walk_restarts_sitting: the user sits, then `walkbreak log 10m`
   ("just now") goes through the daemon, whose status shows the sitting bout
   restarted at the walk's end and the next reminder a full interval away.
 - edit_and_delete_through_the_daemon: `walkbreak edit` and `delete` go
   through the running daemon, whose `status --json` has today's total changed
   by the time the command returns; a malformed delete on the socket is
   refused and changes nothing.
Usage: test_walk_records.py SCENARIO"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, control_request, run, wait_until  # noqa: E402

INTERVAL = 600  # reminder.interval, in seconds

CONFIG = f"""
[idle]
away_after = "5s"
[reminder]
interval = "{INTERVAL}s"
"""


def logged_walk_restarts_sitting():
    with Desktop(CONFIG, name="walk-log-sitting") as d:
        d.start_daemon()
        with d.at_keyboard():
            before = wait_until(lambda: (lambda s: s if s["sitting_seconds"] >= 5 else None)(
                d.status()), 10, "five seconds of sitting")
            assert before["state"] == "sitting", before
            logged_at = time.monotonic()
            r = d.cli("log", "10m")
            assert r.returncode == 0, r.stderr
            assert "through walkbreakd" in r.stdout, r.stdout
            after = d.status()
            since_log = time.monotonic() - logged_at
        # The bout began again when the walk ended, no earlier than the log
        # command started: sitting counts from then, and so does the interval.
        # Without the restart, sitting would read at least before's 5 s more.
        assert after["state"] == "sitting", after
        assert after["sitting_seconds"] <= since_log + 1, (before, after, since_log)
        assert after["next_reminder_in_seconds"] >= INTERVAL - since_log - 1, (after, since_log)
        assert after["next_reminder_in_seconds"] > before["next_reminder_in_seconds"], (before,
                                                                                         after)
        assert after["today_walk_seconds"] == before["today_walk_seconds"] + 600, (before, after)
        assert d.stop_daemon() == 0
        assert d.db_rows("SELECT how, end_utc - start_utc FROM walks") == [("manual", 600)]


def noon_zone():
    """A POSIX TZ in which it is about noon now, so that walks of the last
    minutes lie on today whenever the test runs; and its offset east of UTC
    in seconds."""
    east = 12 - time.gmtime().tm_hour  # -11 .. 12 hours
    # The name must have three letters or more, or the whole TZ is ignored (UTC).
    return f"WBT{-east:+d}", east * 3600  # POSIX counts hours west of UTC


def hhmm(unix, east):
    """`--at`'s HH:MM for instant `unix` in the zone `east` seconds east of UTC."""
    return time.strftime("%H:%M", time.gmtime(unix + east))


def edit_and_delete_through_the_daemon():
    with Desktop(CONFIG, name="walk-edit-delete") as d:
        d.env["TZ"], east = noon_zone()
        d.start_daemon()
        now = time.time()
        for minutes_ago in (20, 10):
            r = d.cli("log", "1m", "--at", hhmm(now - 60 * minutes_ago, east))
            assert r.returncode == 0, r.stderr
            assert "through walkbreakd" in r.stdout, r.stdout
        [(first,), (second,)] = d.db_rows("SELECT id FROM walks ORDER BY start_utc")
        assert d.status()["today_walk_seconds"] == 120

        r = d.cli("edit", str(first), "--duration", "3m")
        assert r.returncode == 0, r.stderr
        assert r.stdout.startswith(f"changed walk {first}: 3m on "), r.stdout
        assert d.status()["today_walk_seconds"] == 240  # at once: no refresh asked
        assert f"walk {first} changed by hand" in d.daemon_log_text()

        r = d.cli("delete", str(second))
        assert r.returncode == 0, r.stderr
        assert r.stdout.startswith(f"deleted walk {second}: "), r.stdout
        assert d.status()["today_walk_seconds"] == 180
        assert f"deleted by hand: walk {second}" in d.daemon_log_text()

        # A malformed request is refused with what was expected; nothing changes.
        reply = json.loads(control_request(d.socket_path, b'{"cmd":"delete","id":"all"}\n'))
        assert reply["ok"] is False and "expected a walk id" in reply["error"], reply
        assert d.status()["today_walk_seconds"] == 180

        assert d.stop_daemon() == 0
        assert d.db_rows("SELECT id, end_utc - start_utc FROM walks") == [(first, 180)]
        assert d.cli_json("stats", "--day", "today")["walk_seconds"] == 180


SCENARIOS = {f.__name__: f for f in (logged_walk_restarts_sitting,
                                     edit_and_delete_through_the_daemon)}

if __name__ == "__main__":
    if sys.argv[1:2] == [] or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: test_walk_records.py {{{'|'.join(SCENARIOS)}}}")
    run(SCENARIOS[sys.argv[1]])
