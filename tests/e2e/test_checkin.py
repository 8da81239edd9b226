#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the back check-in across daemon runs. walkbreakd starts at each
login, so a user who answers once a day meets three "worse" in a row only if
the run carries over from the database. Then `walkbreak checkin` answers the
pending check-in through the daemon, or records one of its own.
Usage: test_checkin.py [checkin_from_the_terminal]"""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, run, wait_until  # noqa: E402

# Away after 2 s without input; a break of 3-60 s is credited without a
# question (credit = "auto"), and every credited walk asks about the back. No
# reminder comes in the few seconds each run lasts.
CONFIG = """
[idle]
away_after = "2s"
[reminder]
interval = "10m"
[walk]
min = "3s"
max = "60s"
credit = "auto"
[checkin]
enabled = true
"""

QUESTION = "How does your back feel?"
SCALE_BACK = "Time to go easier on your back"


def walk_and_answer_worse(d, answered):
    """A login: sit, walk, answer "Worse" to the check-in. Returns how many
    notifications had been shown before it."""
    seen = len(d.shown())
    d.start_daemon()
    with d.at_keyboard():
        time.sleep(1)
    d.away_for(6)
    d.wait_shown(QUESTION, after=seen, timeout=10)
    d.press("Worse")
    wait_until(lambda: len(d.db_rows("SELECT id FROM checkins")) == answered + 1, 5,
               "the check-in to be stored")
    return seen


def three_worse_across_restarts_scale_back():
    with Desktop(CONFIG, name="checkin") as d:
        for answered in range(2):
            seen = walk_and_answer_worse(d, answered)
            assert d.stop_daemon(signal.SIGTERM) == 0
            shown = d.shown()[seen:]
            assert not any(SCALE_BACK in n[2] for n in shown), shown
        seen = walk_and_answer_worse(d, 2)
        n = d.wait_shown(SCALE_BACK, after=seen, timeout=5)
        assert "numbness" in n[3] and "see a doctor" in n[3], n
        assert d.stop_daemon(signal.SIGTERM) == 0
        assert d.db_rows("SELECT feel FROM checkins ORDER BY id") == [("worse",)] * 3
        assert d.db_rows("SELECT how FROM walks") == [("auto",)] * 3


def checkin_from_the_terminal():
    with Desktop(CONFIG, name="checkin-cli") as d:
        d.start_daemon()
        with d.at_keyboard():
            time.sleep(1)
        d.away_for(6)
        d.wait_shown(QUESTION, timeout=10)
        on_screen = d.displayed_count()  # the check-in, and the welcome back
        r = d.cli("checkin", "same")
        assert r.returncode == 0, r.stderr
        assert r.stdout.startswith("check-in answered: your back feels same\n"), r.stdout
        wait_until(lambda: d.displayed_count() == on_screen - 1, 5, "the check-in to close")
        r = d.cli("checkin", "worse")  # none pending: recorded as the user's own
        assert r.stdout.startswith("check-in recorded: your back feels worse\n"), r.stdout
        assert d.stop_daemon(signal.SIGTERM) == 0
        assert d.db_rows("SELECT feel FROM checkins ORDER BY id") == [("same",), ("worse",)]


if __name__ == "__main__":
    run(checkin_from_the_terminal if sys.argv[1:] == ["checkin_from_the_terminal"]
        else three_worse_across_restarts_scale_back)
