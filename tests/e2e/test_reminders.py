#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: walkbreakd on a real X server with dunst, the user acting with
xdotool and notification buttons. Usage: test_reminders.py SCENARIO"""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, run, wait_until  # noqa: E402

# Second-scale intervals: a reminder after 6 s of sitting, the escalation 6 s
# later, snooze 5 s; away after 2 s without input; a break is 3-60 s away.
CONFIG = """
[idle]
away_after = "2s"
[reminder]
interval = "6s"
escalate_after = "6s"
snooze = "5s"
[walk]
min = "3s"
max = "60s"
grace = "20s"
credit = "ask"
"""


def reminder_with_three_actions():
    with Desktop(CONFIG, name="remind") as d:
        d.start_daemon()
        with d.at_keyboard():
            n = d.wait_shown("Time for a walk", timeout=15)
            assert n[1] == "NORMAL", n
            d.press("Walk now")
        lines = d.menu_lines()
        for label in ("Walk now", "Snooze", "Skip"):
            assert any(line.startswith(f"#{label} ") for line in lines), lines


def walk_now_then_absence_is_credited():
    with Desktop(CONFIG, name="walknow") as d:
        d.start_daemon()
        with d.at_keyboard():
            d.wait_shown("Time for a walk", timeout=15)
            d.press("Walk now")
            wait_until(lambda: d.displayed_count() == 0, 5, "the reminder to close")
        d.away_for(7)
        history = wait_until(lambda: d.cli_json("history")["walks"], 10, "a credited walk")
        walk = history[0]
        assert walk["how"] == "reminder", walk
        assert 6 <= walk["seconds"] <= 10, walk
        today = d.cli_json("stats", "--day", "today")
        assert today["walk_seconds"] == walk["seconds"], today
        assert d.db_rows("SELECT how FROM walks") == [("reminder",)]


def snooze_moves_the_next_reminder():
    with Desktop(CONFIG, name="snooze") as d:
        d.start_daemon()
        with d.at_keyboard():
            d.wait_shown("Time for a walk", timeout=15)
            count = len(d.shown())
            d.press("Snooze")
            wait_until(lambda: not d.status()["reminder_showing"], 5, "the snooze to land")
            due = d.status()["next_reminder_in_seconds"]
            assert 3 <= due <= 5, due
            t0 = time.monotonic()
            d.wait_shown("walk", after=count, timeout=10)
            waited = time.monotonic() - t0
            assert 3 <= waited <= 7.5, waited
        assert ("snoozed",) in d.db_rows("SELECT outcome FROM reminders")


def skip_restarts_the_interval():
    with Desktop(CONFIG, name="skip") as d:
        d.start_daemon()
        with d.at_keyboard():
            d.wait_shown("Time for a walk", timeout=15)
            count = len(d.shown())
            d.press("Skip")
            wait_until(lambda: d.displayed_count() == 0, 5, "the reminder to close")
            due = d.status()["next_reminder_in_seconds"]
            assert 4 <= due <= 6, due
            t0 = time.monotonic()
            d.wait_shown("walk", after=count, timeout=12)
            assert 4.5 <= time.monotonic() - t0 <= 8.5
        assert ("skipped",) in d.db_rows("SELECT outcome FROM reminders")


def escalation_at_the_second_threshold():
    with Desktop(CONFIG, name="escalate") as d:
        d.start_daemon()
        with d.at_keyboard():
            first = d.wait_shown("Time for a walk", timeout=15)
            t0 = time.monotonic()
            second = d.wait_shown("walk", after=d.shown().index(first) + 1, timeout=12)
            assert 4.5 <= time.monotonic() - t0 <= 8.5
            assert second[1] == "CRITICAL", second


def unprompted_absence_is_asked_and_logged():
    with Desktop(CONFIG, name="ask") as d:
        d.start_daemon()
        with d.at_keyboard():
            time.sleep(2)
        d.away_for(5)
        d.wait_shown("log as a walk", timeout=10)
        d.press("Log walk")
        walks = wait_until(lambda: d.cli_json("history")["walks"], 10, "the logged walk")
        assert walks[0]["how"] == "confirmed", walks
        assert 4 <= walks[0]["seconds"] <= 8, walks


def sigterm_exits_cleanly_and_keeps_the_bout():
    with Desktop(CONFIG, name="sigterm") as d:
        d.start_daemon()
        with d.at_keyboard():
            time.sleep(3)
        assert d.stop_daemon(signal.SIGTERM) == 0
        bouts = d.db_rows("SELECT end_utc - start_utc FROM sitting_bouts")
        assert len(bouts) == 1 and bouts[0][0] >= 2, bouts
        assert d.db_rows("PRAGMA integrity_check") == [("ok",)]


def sighup_with_a_broken_config_keeps_the_old_one():
    with Desktop(CONFIG, name="sighup") as d:
        d.start_daemon()
        d.write_config(CONFIG.replace('interval = "6s"', 'interval = "6 minutes"'))
        d.daemon.send_signal(signal.SIGHUP)
        wait_until(lambda: "reload refused" in d.daemon_log_text(), 5, "the refusal")
        log = d.daemon_log_text()
        assert f"{d.config_path}:" in log and "reminder.interval" in log, log
        with d.at_keyboard():
            d.wait_shown("Time for a walk", timeout=15)  # still the 6 s interval
        # A good config is taken: a longer interval pushes the next reminder out.
        d.write_config(CONFIG.replace('interval = "6s"', 'interval = "40s"'))
        assert d.cli("reload").returncode == 0
        wait_until(lambda: "reloaded" in d.daemon_log_text(), 5, "the reload")
        assert d.daemon.poll() is None


def lock_and_sleep_from_logind():
    with Desktop(CONFIG, with_logind=True, name="logind") as d:
        d.start_daemon()
        wait_until(lambda: "logind" in d.daemon_log_text(), 5, "the session watcher")
        with d.at_keyboard():
            d.lock_screen(True)
            wait_until(lambda: d.status()["state"] == "locked", 5, "locked")
            assert d.status()["next_reminder_in_seconds"] is None  # no reminders while locked
            d.lock_screen(False)
            wait_until(lambda: d.status()["state"] == "sitting", 5, "unlocked")
            d.prepare_for_sleep(True)
            wait_until(lambda: d.status()["state"] == "suspended", 5, "suspended")
            d.prepare_for_sleep(False)
            wait_until(lambda: d.status()["state"] == "sitting", 5, "resumed")


SCENARIOS = {f.__name__: f for f in (
    reminder_with_three_actions, walk_now_then_absence_is_credited,
    snooze_moves_the_next_reminder, skip_restarts_the_interval,
    escalation_at_the_second_threshold, unprompted_absence_is_asked_and_logged,
    sigterm_exits_cleanly_and_keeps_the_bout, sighup_with_a_broken_config_keeps_the_old_one,
    lock_and_sleep_from_logind)}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(SCENARIOS)}}}")
    run(SCENARIOS[sys.argv[1]])
