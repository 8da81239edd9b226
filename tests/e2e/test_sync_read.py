#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: walkbreakd reads another computer's journal from the sync
folder (docs/SYNC.md). The test plays the laptop: it writes the laptop's
journal into the folder, line by line, as its walkbreak would (the check
values from python's zlib.crc32). The running daemon picks every change up
through inotify, without a restart; then `walkbreak stats --json` counts a
walk both computers saw once (the laptop's clock 2 s ahead) and a walk only
the laptop saw; a torn last line is not read until its rest arrives; a
conflict copy and a garbage file are ignored with one log line each; a
journal of a newer format is skipped with one message; this computer's own
journal is never read back; and nothing wakes the daemon while the folder
does not change.
Usage: test_sync_read.py"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, run, wait_until  # noqa: E402
from journal_lines import framed, journal_name, name_line, walk_line  # noqa: E402
from test_walk_records import hhmm, noon_zone  # noqa: E402

LAPTOP = "00c4e1a27b9d3f58"
TABLET = "7b00000000000001"
CONFIG = """
[idle]
away_after = "1m"
[reminder]
interval = "30m"
[sync]
folder = "{folder}"
device_name = "desk"
"""


def main_thread_switches(pid):
    """Voluntary and involuntary context switches of the daemon's main thread:
    each is a wakeup (or a preemption) of the loop."""
    with open(f"/proc/{pid}/task/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return int(fields["voluntary_ctxt_switches"]) + int(fields["nonvoluntary_ctxt_switches"])


def merges(d):
    """How many times the daemon has merged and stored the laptop so far."""
    return d.daemon_log_text().count(f"laptop ({LAPTOP}):")


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def today_walk_seconds(d):
    return d.cli_json("stats", "--day", "today")["walk_seconds"]


def sync_read():
    with Desktop("", name="sync-read") as d:
        folder = os.path.join(d.dir, "Sync", "walkbreak")
        os.makedirs(folder)
        open(os.path.join(folder, ".stfolder"), "w").close()
        d.write_config(CONFIG.format(folder=folder))
        d.env["TZ"], east = noon_zone()
        month = time.strftime("%Y-%m", time.gmtime())
        journal = os.path.join(folder, journal_name("laptop", LAPTOP, month))
        now = int(time.time())

        # Before the daemon starts: a walk only the laptop saw, a conflict
        # copy, a stranger, a journal of a later format, and a journal in this
        # computer's own name (its device id is drawn below, once).
        # The laptop is in the same zone: its walks count on the same local days.
        only_laptop = (now - 3 * 3600, now - 3 * 3600 + 240)
        append(journal, name_line(LAPTOP, 1, "laptop") +
               walk_line(LAPTOP, 2, 1, *only_laptop, utc_offset=east))
        conflict = journal_name("laptop", LAPTOP, month).replace(
            ".journal", ".sync-conflict-20261206-101010-ABCDEFG.journal")
        append(os.path.join(folder, conflict), walk_line(LAPTOP, 9, 9, now - 600, now))
        append(os.path.join(folder, "notes.txt"), "garbage\n")
        newer = os.path.join(folder, journal_name("tablet", TABLET, month))
        append(newer, framed(f'2 {{"device":"{TABLET}","seq":1}}'))

        d.start_daemon(extra_args=("--verbose",))
        wait_until(lambda: merges(d) >= 1, 10, "the laptop's journal to be read at start")
        wait_until(lambda: today_walk_seconds(d) == 240, 10, "the laptop's walk in stats")
        own_id = open(os.path.join(os.path.dirname(d.db_path), "device-id")).read().strip()
        assert len(own_id) == 16, own_id
        # This computer's own journal (as its writer will keep it): never read back.
        append(os.path.join(folder, journal_name("desk", own_id, month)),
               name_line(own_id, 1, "desk") + walk_line(own_id, 2, 1, now - 900, now - 300))

        # A walk away from both desks: here by hand, on the laptop 2 s later.
        r = d.cli("log", "10m", "--at", hhmm(now - 2 * 3600, east))
        assert r.returncode == 0, r.stderr
        [(start, end)] = d.db_rows("SELECT start_utc, end_utc FROM walks")
        append(journal, walk_line(LAPTOP, 3, 2, start + 2, end + 2, utc_offset=east))
        wait_until(lambda: today_walk_seconds(d) == 240 + 600, 10,
                   "the walk both saw, counted once")
        wait_until(lambda: d.status()["today_walk_seconds"] == 240 + 600, 10,
                   "the daemon's own total of today, across devices")
        assert d.cli_json("stats", "--day", "today", "--device", "this")["walk_seconds"] == 600
        assert d.cli_json("stats", "--day", "today", "--device", "laptop")["walks"] == 2
        history = d.cli_json("history")["walks"]
        assert [w["device"] for w in history] == ["laptop", "desk", "laptop"], history

        # A line that has not finished arriving is left for the next read.
        torn = walk_line(LAPTOP, 4, 3, now - 1800, now - 1500, note="torn", utc_offset=east)
        before = merges(d)
        append(journal, torn[:25])
        wait_until(lambda: merges(d) > before, 10, "the journal with a torn line to be read")
        assert today_walk_seconds(d) == 240 + 600
        append(journal, torn[25:])
        wait_until(lambda: today_walk_seconds(d) == 240 + 600 + 300, 10,
                   "the completed line to be read")

        # What is not read is told once, however often the folder changes.
        append(newer, "\n")
        append(os.path.join(folder, "notes.txt"), "more garbage\n")
        before = merges(d)
        append(journal, "\n")
        wait_until(lambda: merges(d) > before, 10, "another read of the folder")
        log = d.daemon_log_text()
        assert log.count(conflict + ": a conflict copy") == 1, log
        assert log.count("notes.txt: not a file walkbreak knows; ignored") == 1, log
        assert log.count("journal format 2, newer than the 1 this walkbreak reads") == 1, log
        # Its writer names it; its reader never merges it.
        assert f"({own_id}): " not in log, log
        assert d.db_rows(f"SELECT count(*) FROM devices WHERE id = '{own_id}'") == [(0,)]
        assert d.db_rows("SELECT count(*) FROM walks") == [(1,)]

        # Quiet: the folder does not change, the user is away from the keyboard.
        time.sleep(1)
        pid = d.daemon.pid
        quiet_from = main_thread_switches(pid)
        time.sleep(5)
        quiet = main_thread_switches(pid) - quiet_from
        assert quiet <= 1, f"the daemon woke {quiet} times in 5 s of a quiet folder"
        # The same measure sees a change of the folder: it can fail.
        busy_from = main_thread_switches(pid)
        append(os.path.join(folder, "notes.txt"), "x\n")
        wait_until(lambda: main_thread_switches(pid) > busy_from, 5,
                   "the daemon to wake for the folder")
        assert d.stop_daemon() == 0
    print("ok: read through inotify; counted once across devices; told once; no wakeups")


if __name__ == "__main__":
    run(sync_read)
