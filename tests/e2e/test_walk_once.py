#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: one span of time is walked once. walkbreakd credits a walk by
itself (walk.credit = "auto"); a `walkbreak log` over the same span goes
through the running daemon, which refuses it by the union rule and names the
walk; a row over the same span written behind walkbreak's back (as an older
walkbreak stored them) still counts once in `stats --json`; a log that
overlaps nothing is recorded by the daemon and counted in its status at once.
Usage: test_walk_once.py"""
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, run, wait_until  # noqa: E402

CONFIG = """
[idle]
away_after = "2s"
[reminder]
interval = "10m"
[walk]
min = "3s"
max = "60s"
credit = "auto"
"""


def credited_walk_and_log_count_once():
    with Desktop(CONFIG, name="walk-once") as d:
        d.start_daemon()
        with d.at_keyboard():
            time.sleep(1)
        d.away_for(6)
        wait_until(lambda: d.db_rows("SELECT id FROM walks"), 10, "the credited walk")
        [(walk_id, start, end, how)] = d.db_rows("SELECT id, start_utc, end_utc, how FROM walks")
        assert how == "auto", how
        auto_seconds = end - start

        # The same span typed in: through the daemon, refused, naming the walk.
        r = d.cli("log", f"{int(time.time()) - start + 1}s")
        assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
        assert f"overlaps walk {walk_id}" in r.stderr, r.stderr
        assert f"walkbreak delete {walk_id}" in r.stderr, r.stderr
        assert len(d.db_rows("SELECT id FROM walks")) == 1

        # Rows over the same span from elsewhere count once.
        with sqlite3.connect(d.db_path) as db:
            db.execute("INSERT INTO walks(start_utc, end_utc, utc_offset, how) "
                       "VALUES (?, ?, 0, 'manual')", (start, end))
        day = d.cli_json("stats", "--day", "today")
        assert day["walk_seconds"] == auto_seconds, (day, auto_seconds)
        assert day["walks"] == 1, day

        # A log over nothing else: recorded by the daemon, in its total at once.
        time.sleep(4)
        r = d.cli("log", "3s")
        assert r.returncode == 0, r.stderr
        assert "through walkbreakd" in r.stdout, r.stdout
        status = d.status()
        assert status["today_walk_seconds"] == auto_seconds + 3, (status, auto_seconds)
        rows = d.db_rows("SELECT how, end_utc - start_utc FROM walks ORDER BY id")
        assert rows[-1] == ("manual", 3), rows
        assert d.cli_json("stats", "--day", "today")["walk_seconds"] == auto_seconds + 3
        assert d.stop_daemon() == 0


if __name__ == "__main__":
    run(credited_walk_and_log_count_once)
