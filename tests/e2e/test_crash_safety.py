#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety: walkbreakd is killed with SIGKILL at random moments while a
scripted user works, walks, presses Walk now and answers reminders; after
each kill the database must be whole, keep every walk the daemon had
reported, and the restarted daemon must carry on without doubling anything.

Usage: test_crash_safety.py [--kills N] [--seed S]
CI runs 40 kills; a release check runs `--kills 500`.
"""
import argparse
import json
import os
import random
import re
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import faults  # noqa: E402
from desktop import Desktop, run, wait_until  # noqa: E402

# Second-scale everything, so that many kills fit in a CI minute (faults.CONFIG:
# away after 1 s without input, a break from 1 s, credited automatically).
CONFIG = faults.CONFIG

CREDITED = re.compile(r"walk credited")


class User(threading.Thread):
    """The person at the desk, who neither knows nor cares that the daemon
    dies now and then: works, walks, answers reminders, in a seeded order."""

    def __init__(self, desktop, rng):
        super().__init__(daemon=True)
        self.d = desktop
        self.rng = rng
        self.stop = threading.Event()
        self.walks_taken = 0

    def work(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end and not self.stop.is_set():
            self.d.move_pointer()
            self.stop.wait(0.3)

    def run(self):
        while not self.stop.is_set():
            choice = self.rng.random()
            if choice < 0.35:
                self.work(self.rng.uniform(0.5, 3.0))
            elif choice < 0.65:
                # A walk: no input for a while, then back at the desk.
                self.stop.wait(self.rng.uniform(1.5, 4.0))
                self.d.move_pointer()
                self.walks_taken += 1
            elif choice < 0.8:
                # Walk now from the terminal, then away.
                self.d.cli("walk")
                self.stop.wait(self.rng.uniform(1.5, 3.0))
                self.d.move_pointer()
            elif choice < 0.9:
                # A reminder on screen: press one of its buttons.
                if self.d.displayed_count() > 0:
                    try:
                        # No menu is an expected outcome here, not a hang.
                        self.d.press(self.rng.choice(["Walk now", "Snooze", "Skip"]), patience=1)
                    except AssertionError:
                        pass  # the bubble belonged to a daemon that was killed
                self.work(0.5)
            else:
                self.d.cli(self.rng.choice(["snooze", "skip"]))
                self.work(0.5)


def overlaps(a, b, tolerance=1):
    """Spans (start, end) in whole seconds overlap by more than `tolerance`:
    a record's ends are converted from the boot clock at different instants,
    so adjacent records may touch across one rounding step, while a doubled
    bout overlaps by its whole length."""
    return min(a[1], b[1]) - max(a[0], b[0]) > tolerance


def check_database(d, known_walk_ids, logged_credits, kills):
    assert d.db_rows("PRAGMA integrity_check") == [("ok",)], "integrity_check failed"
    walks = d.db_rows("SELECT id, start_utc, end_utc FROM walks ORDER BY start_utc")
    ids = {w[0] for w in walks}
    lost = known_walk_ids - ids
    assert not lost, f"walks seen in `walkbreak history` before a kill are gone: {lost}"
    # The daemon logs "walk credited" after the commit: every logged walk is
    # in the file, and at most one per kill was committed but not yet logged.
    assert logged_credits <= len(walks) <= logged_credits + kills, (logged_credits, len(walks))
    bouts = d.db_rows("SELECT start_utc, end_utc FROM sitting_bouts ORDER BY start_utc")
    for a, b in zip(bouts, bouts[1:]):
        assert not overlaps(a, b), f"sitting bouts overlap: {a} {b}"
    for w in walks:
        for b in bouts:
            assert not overlaps(w[1:], b), f"walk {w} overlaps sitting bout {b}"
    return len(walks), len(bouts)


def crash_safety(kills, seed):
    rng = random.Random(seed)
    print(f"seed {seed}, {kills} kills")
    with Desktop(CONFIG, name="crash") as d:
        user = User(d, random.Random(rng.random()))
        known_walk_ids = set()
        logged = 0
        log_offset = 0
        started_at = time.time()
        d.start_daemon()
        user.start()
        try:
            for k in range(kills):
                # Live for a random while; look at the history now and then,
                # as the user would, to learn which walks were reported.
                life_end = time.monotonic() + rng.uniform(0.2, 3.0)
                while time.monotonic() < life_end:
                    if rng.random() < 0.3:
                        r = d.cli("history", "--limit", "1000", "--json")
                        if r.returncode == 0:
                            known_walk_ids |= {w["id"] for w in json.loads(r.stdout)["walks"]}
                    time.sleep(rng.uniform(0.05, 0.4))
                d.daemon.send_signal(signal.SIGKILL)
                d.daemon.wait(10)
                text = d.daemon_log_text()
                logged += len(CREDITED.findall(text[log_offset:]))
                log_offset = len(text)
                walks, bouts = check_database(d, known_walk_ids, logged, k + 1)
                # The restart finds the stale socket and the database as left.
                d.start_daemon()
                state = d.status()["state"]
                assert state in ("sitting", "away"), state
            # A clean stop at the end closes the open bout once.
            user.stop.set()
            user.join()
            assert d.stop_daemon(signal.SIGTERM) == 0
            text = d.daemon_log_text()
            logged += len(CREDITED.findall(text[log_offset:]))
            walks, bouts = check_database(d, known_walk_ids, logged, kills)
            # Sitting can never add up to more than the time that passed.
            sat = d.db_rows("SELECT COALESCE(SUM(end_utc - start_utc), 0) FROM sitting_bouts")[0][0]
            assert sat <= time.time() - started_at + 2, (sat, time.time() - started_at)
            assert "panic" not in text and "terminate called" not in text, text
            print(f"survived {kills} SIGKILLs: {walks} walks ({logged} logged as credited, "
                  f"{len(known_walk_ids)} seen in history before a kill), {bouts} sitting bouts, "
                  f"{user.walks_taken} absences")
            assert walks > 0, "no walk was ever credited: the test exercised nothing"
        finally:
            user.stop.set()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kills", type=int, default=40)
    p.add_argument("--seed", type=int, default=int(os.environ.get("WALKBREAK_SEED", "20260330")))
    a = p.parse_args()
    run(lambda: crash_safety(a.kills, a.seed))


if __name__ == "__main__":
    main()
