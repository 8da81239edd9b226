#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: walks changed by hand while walkbreakd runs.
 - logged_walk_restarts_sitting: the user sits, then `walkbreak log 10m`
   ("just now") goes through the daemon, whose status shows the sitting bout
   restarted at the walk's end and the next reminder a full interval away.
Usage: test_walk_records.py SCENARIO"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, run, wait_until  # noqa: E402

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


SCENARIOS = {f.__name__: f for f in (logged_walk_restarts_sitting,)}

if __name__ == "__main__":
    if sys.argv[1:2] == [] or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: test_walk_records.py {{{'|'.join(SCENARIOS)}}}")
    run(SCENARIOS[sys.argv[1]])
