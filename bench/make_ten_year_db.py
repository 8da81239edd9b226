#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A synthetic walkbreak database with years of use, for the CLI latency
benchmark. The schema is the real one: `walkbreak log` creates the file,
rows are bulk-inserted into the same tables with Python's sqlite3, and
`walkbreak delete` removes the logged walk again, which also brings the
per-day totals up to date.

A day as walkbreak records it at a desk: 12 sitting bouts, 10 reminders
(mostly walked, some snoozed, skipped or ignored), 10 walks of 2 to 12
minutes, and a back check-in on about one day in three. Weekends are
lighter. The generator is seeded, so every run makes the same file.

Usage: make_ten_year_db.py WALKBREAK DB [--years N] [--tz-offset SECONDS]
"""
import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import tempfile


def walkbreak(cli, db, *args):
    with tempfile.TemporaryDirectory() as home:
        # An empty config and a private home: nothing of the caller's leaks in.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
               "XDG_CONFIG_HOME": home, "XDG_RUNTIME_DIR": home, "TZ": "UTC"}
        config = os.path.join(home, "config.toml")
        open(config, "w").close()
        subprocess.run([cli, "--config", config, "--db", db,
                        "--socket", os.path.join(home, "none.sock"), *args],
                       env=env, check=True, stdout=subprocess.DEVNULL)


def create_schema(cli, db):
    if os.path.exists(db):
        os.remove(db)
    walkbreak(cli, db, "log", "5m")


def settle(cli, db):
    """Removes the walk create_schema logged, through walkbreak: its write
    brings the per-day totals up to date with the bulk-inserted rows, as
    walkbreakd's first write would."""
    walkbreak(cli, db, "delete", "1")


def history(years, offset, seed=1):
    """Years of records to today, as (walks, bouts, reminders, checkins, days):
    rows of the tables' columns after the id, oldest first within each kind."""
    rng = random.Random(seed)
    today = dt.date.today()
    first = today - dt.timedelta(days=round(365.25 * years))
    walks, bouts, reminders, checkins = [], [], [], []
    outcomes = ["walked"] * 7 + ["snoozed", "skipped", "ignored"]
    feelings = ["better", "better", "same", "same", "worse"]
    day = first
    while day <= today:  # today too, so that `today` has a day to add up
        weekend = day.weekday() >= 5
        n = 4 if weekend else 12
        # Local 08:30 plus jitter, as unix seconds (local = utc + offset).
        t = int(dt.datetime(day.year, day.month, day.day, 8, 30,
                            tzinfo=dt.timezone.utc).timestamp()) - offset + rng.randint(0, 1800)
        for i in range(n):
            sit = rng.randint(25 * 60, 55 * 60)
            bouts.append((t, t + sit, offset))
            t += sit
            if i < n - 2 or weekend:
                shown = t - rng.randint(0, 120)
                outcome = rng.choice(outcomes)
                reminders.append((shown, rng.random() < 0.15, outcome,
                                  shown + rng.randint(5, 600), offset))
            if i < n - 2 or (weekend and i < n - 1):
                walk = rng.randint(2 * 60, 12 * 60)
                how = rng.choice(["reminder"] * 6 + ["auto", "confirmed", "manual"])
                note = "after lunch" if how == "manual" and rng.random() < 0.3 else ""
                walks.append((t, t + walk, offset, how, note))
                if rng.random() < 0.04:
                    checkins.append((t + walk + 30, rng.choice(feelings), offset))
                t += walk
            else:
                t += rng.randint(60, 300)
        day += dt.timedelta(days=1)
    return walks, bouts, reminders, checkins, (today - first).days


def generate(db, years, offset, seed=1):
    walks, bouts, reminders, checkins, days = history(years, offset, seed)
    con = sqlite3.connect(db)
    with con:
        con.executemany("INSERT INTO walks(start_utc, end_utc, utc_offset, how, note) "
                        "VALUES (?, ?, ?, ?, ?)", walks)
        con.executemany("INSERT INTO sitting_bouts(start_utc, end_utc, utc_offset) "
                        "VALUES (?, ?, ?)", bouts)
        con.executemany("INSERT INTO reminders(shown_utc, escalated, outcome, resolved_utc, "
                        "utc_offset) VALUES (?, ?, ?, ?, ?)",
                        [(s, int(e), o, r, off) for s, e, o, r, off in reminders])
        con.executemany("INSERT INTO checkins(at_utc, feel, utc_offset) VALUES (?, ?, ?)",
                        checkins)
    # As the daemon leaves it: statistics for the planner, the WAL folded in.
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {"days": days, "walks": len(walks), "sitting_bouts": len(bouts),
            "reminders": len(reminders), "checkins": len(checkins)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cli", help="the walkbreak executable")
    ap.add_argument("db")
    ap.add_argument("--years", type=float, default=10)
    ap.add_argument("--tz-offset", type=int, default=0, help="seconds east of UTC (0)")
    args = ap.parse_args()
    create_schema(args.cli, args.db)
    counts = generate(args.db, args.years, args.tz_offset)
    settle(args.cli, args.db)
    print(f"{args.db}: {counts['days']} days, {counts['walks']} walks, {counts['sitting_bouts']} "
          f"sitting bouts, {counts['reminders']} reminders, {counts['checkins']} check-ins, "
          f"{os.path.getsize(args.db) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
