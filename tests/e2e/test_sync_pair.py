#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Several computers end to end (docs/SYNC.md): two desktops, each with its
own Xvfb display, D-Bus session, dunst and walkbreakd, the desk (A) and the
laptop (B), each daemon's `[sync] folder` the shared folder of its own real
Syncthing (tests/e2e/syncthing.py). Nothing is written into a folder by the
test: the daemons write their journals, Syncthing carries them, the daemons
read them.
 - A walk logged on the desk reaches the laptop: once Syncthing has delivered
   the desk's journal, the laptop's walkbreakd has merged it, and its `stats`
   and `history` show it, recorded by "desk".
 - A walk both saw (logged on each, the laptop's clock 2 s ahead) counts once
   on both sides after each journal reached the other: `stats` is the union,
   not the sum, and `--device this` is each computer's own.
 - The laptop offline (its Syncthing shut down): walks logged and one deleted
   on the desk do not reach it; back online, it catches up, the deletion too.
 - `walkbreak devices --json` on each lists the other by name with its last
   sequence, as its journal says, none missing.
 - Syncthing's scans of folders where nothing changed write nothing there,
   and the laptop's walkbreakd does not wake meanwhile; the same measure sees
   it wake for the desk's next walk.
Every wait follows an event (Syncthing's event stream, or the state polled
with wait_until); none is a fixed sleep. Skips (77) only when Syncthing, a
tool of the desktop, or TCP on 127.0.0.1 is missing.
Usage: test_sync_pair.py"""
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, control_request, run, wait_until  # noqa: E402
from sync_pair_lib import Computer, carry, journaled  # noqa: E402
from syncthing import SharedFolder, require_syncthing  # noqa: E402
from test_sync_read import main_thread_switches  # noqa: E402
from test_walk_records import hhmm, noon_zone  # noqa: E402

# Nothing happens behind the test's back for as long as it runs: no input
# means no absence before an hour (the longest away_after), and no reminder
# within two hours; so neither journal nor presence changes unless the test
# makes it.
CONFIG = """
[idle]
away_after = "1h"
[reminder]
interval = "2h"
[sync]
folder = "{folder}"
device_name = "{name}"
"""
SKEW = 2  # seconds the laptop's clock is ahead of the desk's


def log(c, minutes, start, east):
    """`walkbreak log` through this computer's daemon; returns the walk's
    start and end as the database has them."""
    r = c.d.cli("log", f"{minutes}m", "--at", hhmm(start, east))
    assert r.returncode == 0 and "through walkbreakd" in r.stdout, (r.stdout, r.stderr)
    return c.d.db_rows("SELECT start_utc, end_utc FROM walks ORDER BY id DESC LIMIT 1")[0]


def walk_entry(start, end):
    return lambda e: e["kind"] == "walk" and e["op"] == "put" and \
        (e["start"], e["end"]) == (start, end)


def walks_of(c, device):
    """(seconds, start) of the walks `device` recorded, in c's history; a
    history without another device has no device column."""
    return sorted((w["seconds"], w["start"]) for w in c.history()
                  if w.get("device", c.name) == device)


def sync_pair():
    require_syncthing()
    root = tempfile.mkdtemp(prefix="walkbreak-sync-pair-")
    zone, east = noon_zone()  # walks of the last hours lie on today
    started = time.monotonic()
    try:
        with SharedFolder(root) as shared, \
                Desktop("", name="sync-desk") as desk_desktop, \
                Desktop("", name="sync-laptop") as laptop_desktop:
            desk = Computer(desk_desktop, shared.a, "desk")
            laptop = Computer(laptop_desktop, shared.b, "laptop")
            desk.start(zone, CONFIG)
            laptop.start(zone, CONFIG)
            assert desk.id != laptop.id
            now = int(time.time())

            # 1. A walk logged on the desk reaches the laptop.
            first = log(desk, 10, now - 3 * 3600, east)
            journaled(desk, walk_entry(*first), "the desk's walk in its journal")
            assert laptop.walk_seconds() == 0
            carry(shared, desk, laptop, "the desk's journal on the laptop")
            wait_until(lambda: laptop.walk_seconds() == 600, 10,
                       "the laptop's walkbreakd to count the desk's walk")
            assert walks_of(laptop, "desk") == [(600, walks_of(desk, "desk")[0][1])], \
                laptop.history()
            assert laptop.walk_seconds("--device", "this") == 0
            assert laptop.walk_seconds("--device", "desk") == 600
            wait_until(lambda: laptop.d.status()["today_walk_seconds"] == 600, 10,
                       "the laptop's walkbreakd's own total of today, across devices")

            # 2. A walk away from both desks: logged on each, on the laptop
            # with its clock SKEW seconds ahead (the request its CLI sends).
            both = log(desk, 10, now - 2 * 3600, east)
            reply = json.loads(control_request(laptop.d.socket_path, json.dumps(
                {"cmd": "log", "start": both[0] + SKEW, "seconds": both[1] - both[0],
                 "utc_offset": east}).encode() + b"\n"))
            assert reply["ok"], reply
            journaled(desk, walk_entry(*both), "the shared walk in the desk's journal")
            journaled(laptop, walk_entry(both[0] + SKEW, both[1] + SKEW),
                      "the shared walk in the laptop's journal")
            carry(shared, desk, laptop, "the shared walk on the laptop")
            carry(shared, laptop, desk, "the laptop's journal on the desk")
            # Each side has read the other's walk before its total is judged:
            # the total was already 1200 on the desk before the laptop's came.
            wait_until(lambda: len(walks_of(desk, "laptop")) == 1, 10,
                       "the desk's walkbreakd to merge the laptop's walk")
            wait_until(lambda: len(walks_of(laptop, "desk")) == 2, 10,
                       "the laptop's walkbreakd to merge the shared walk")
            for c in (desk, laptop):
                # Twice would be 1800; the plain union 1200 + SKEW.
                assert c.walk_seconds() == 1200, (c.name, c.history())
                wait_until(lambda c=c: c.d.status()["today_walk_seconds"] == 1200, 10,
                           f"the {c.name}'s own total of today, the walk once")
                assert c.d.cli_json("stats", "--day", "today")["walks"] == 2, c.name
            assert desk.walk_seconds("--device", "this") == 1200
            assert laptop.walk_seconds("--device", "this") == 600
            assert desk.walk_seconds("--device", "laptop") == 600
            assert laptop.walk_seconds("--device", "desk") == 1200

            # 3. The laptop offline for a while: its Syncthing shut down, as
            # the desk's Syncthing sees.
            laptop.st.stop()
            desk.st.wait_for(lambda: not desk.st.connected_to(laptop.st),
                             "the laptop to be gone")
            later = [log(desk, 5, now - 3600, east), log(desk, 3, now - 1800, east)]
            for walk in later:
                journaled(desk, walk_entry(*walk), "a walk logged while the laptop is away")
            [(first_id,)] = desk.d.db_rows(f"SELECT id FROM walks WHERE start_utc = {first[0]}")
            r = desk.d.cli("delete", str(first_id))
            assert r.returncode == 0, r.stderr
            journaled(desk, lambda e: e["kind"] == "walk" and e["op"] == "delete" and
                      e["id"] == first_id, "the deletion in the desk's journal")
            wait_until(lambda: desk.walk_seconds() == 600 + 300 + 180, 10,
                       "the desk's own total after the changes")
            desk.st.scan()  # what the desk's Syncthing would send, had it anyone to send to
            assert laptop.journal_bytes(desk) != desk.journal_bytes(desk)
            assert laptop.walk_seconds() == 1200 and len(walks_of(laptop, "desk")) == 2

            # Back online: the laptop catches up, without a word to its walkbreakd.
            want = desk.journal_bytes(desk)
            laptop.st.start()
            shared.wait_connected()
            laptop.st.wait_for(lambda: laptop.journal_bytes(desk) == want,
                               "the desk's changes on the laptop", timeout=30)
            laptop.st.wait_for(lambda: laptop.st.in_sync_with(desk.st), "in sync again")
            wait_until(lambda: laptop.walk_seconds() == 600 + 300 + 180, 10,
                       "the laptop's walkbreakd to catch up")
            assert [s for s, _ in walks_of(laptop, "desk")] == [180, 300, 600], laptop.history()
            assert laptop.walk_seconds("--device", "this") == 600

            # 4. Each lists the other by name, up to its last entry.
            for c, other in ((laptop, desk), (desk, laptop)):
                listed = c.d.cli_json("devices")
                assert listed["this_device"] == c.id, listed
                by_id = {d["id"]: d for d in listed["devices"]}
                seen = by_id.get(other.id)
                assert seen and seen["name"] == other.name and not seen["this_device"], listed
                last = max(e["seq"] for e in other.entries(other))
                assert seen["last_sequence"] == last, (seen, last)
                assert seen["missing_sequences"] == 0 and not seen["behind"], seen
                assert listed["ignored"] == [], listed

            # 5. Quiet: Syncthing scans both folders, where nothing changed;
            # nothing is written there and the laptop's walkbreakd sleeps.
            before = (desk.folder_state(), laptop.folder_state())
            pid = laptop.d.daemon.pid
            quiet_from = main_thread_switches(pid)
            desk.st.scan()
            laptop.st.scan()
            time.sleep(3)  # a window to measure in, not a wait for anything
            quiet = main_thread_switches(pid) - quiet_from
            assert (desk.folder_state(), laptop.folder_state()) == before, \
                "a scan of an unchanged folder wrote into it"
            assert quiet <= 1, f"the laptop's walkbreakd woke {quiet} times while nothing changed"
            # The same measure sees it wake for news: it can fail.
            busy_from = main_thread_switches(pid)
            news = log(desk, 2, now - 900, east)
            journaled(desk, walk_entry(*news), "the desk's last walk in its journal")
            carry(shared, desk, laptop, "the desk's last walk on the laptop")
            wait_until(lambda: laptop.walk_seconds() == 600 + 300 + 180 + 120, 10,
                       "the laptop's walkbreakd to read the last walk")
            assert main_thread_switches(pid) > busy_from

            for c in (desk, laptop):
                assert c.d.stop_daemon() == 0, c.name
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"two walkbreakd through Syncthing: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    run(sync_pair)
