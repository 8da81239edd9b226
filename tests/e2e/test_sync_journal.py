#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: walkbreakd writes its sync journal and presence file
(docs/SYNC.md "Writing a journal"), read back with walkbreak's own reader
(tests/tools/journal_dump.cpp).
 - records_reach_the_journal: with [sync] folder set, the device name, a walk
   logged by hand, a credited walk, an edit and a delete each appear as an
   entry, numbered without gaps, that reads back as the database's row; the
   presence file says away when the user leaves and sitting on return, is not
   rewritten while nothing changes, and says away once walkbreakd stops.
 - direct_writes_journaled_at_start: what `walkbreak log` and `delete` write
   to the database themselves while walkbreakd is stopped is journaled when it
   starts.
 - read_only_folder: with the folder and its files read-only, walkbreakd
   keeps tracking and says so once in its log; after the folder is mended and
   the daemon told (SIGHUP), the walks it held are journaled and the recovery
   logged once.
 - no_timer_while_nothing_changes: with sync on, after records are journaled
   the only armed timer is the next reminder's.
Usage: test_sync_journal.py SCENARIO"""
import glob
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import BUILD, Desktop, run, wait_until  # noqa: E402
from faults import CONFIG, file_modes_enforced, start_daemon, take_walk  # noqa: E402
from test_walk_records import hhmm, noon_zone  # noqa: E402

JOURNAL_DUMP = os.path.join(BUILD, "tests", "journal_dump")
SYNC = """
[sync]
folder = "~/Sync/walkbreak"
device_name = "Desk PC"
"""
FOLDER_FAILING = "the database keeps what the journal is owed"
FOLDER_BACK = "can be written again"


def folder(d):
    return os.path.join(d.dir, "Sync", "walkbreak")


def sync_desktop(name, config=CONFIG):
    d = Desktop(config + SYNC, name=name)
    os.makedirs(folder(d))
    return d


def device_id(d):
    with open(os.path.join(os.path.dirname(d.db_path), "device-id")) as f:
        text = f.read()
    assert re.fullmatch(r"[0-9a-f]{16}\n", text), repr(text)
    return text.strip()


def journal(d):
    """What the core reader makes of every journal in the folder."""
    files = sorted(glob.glob(os.path.join(folder(d), "*.journal")))
    if not files:
        return {"entries": []}
    r = subprocess.run([JOURNAL_DUMP, "journal", *files], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def entries(d, kind=None):
    return [e for e in journal(d)["entries"] if kind is None or e["kind"] == kind]


def wait_entry(d, what, match, timeout=10):
    return wait_until(lambda: next((e for e in entries(d) if match(e)), None), timeout, what)


def present_state(d):
    """Per (kind, id) the entry with the highest sequence."""
    latest = {}
    for e in entries(d):
        key = (e["kind"], e["id"])
        if key not in latest or e["seq"] > latest[key]["seq"]:
            latest[key] = e
    return latest


def presence_path(d):
    return os.path.join(folder(d), f"desk-pc.{device_id(d)}.presence")


def presence(d):
    r = subprocess.run([JOURNAL_DUMP, "presence", presence_path(d)], capture_output=True,
                       text=True)
    return json.loads(r.stdout) if r.returncode == 0 else None


def wait_presence(d, state, timeout=10):
    return wait_until(lambda: (lambda p: p if p and p["state"] == state else None)(presence(d)),
                      timeout, f"the presence file to say {state}")


def walk_rows(d):
    return {row[0]: row for row in d.db_rows(
        "SELECT id, start_utc, end_utc, utc_offset, how, note FROM walks")}


def same_walk(entry, row):
    _, start, end, offset, how, note = row
    return (entry["op"] == "put" and entry["start"] == start and entry["end"] == end and
            entry["utc_offset"] == offset and entry["how"] == how and entry["note"] == note)


def records_reach_the_journal():
    with sync_desktop("sync-records") as d:
        d.move_pointer()
        d.start_daemon()
        me = device_id(d)
        name = wait_entry(d, "the device name's entry", lambda e: e["kind"] == "device_name")
        assert name == {"device": me, "seq": 1, "kind": "device_name", "id": 1, "op": "put",
                        "name": "Desk PC"}, name
        [path] = glob.glob(os.path.join(folder(d), "*.journal"))
        month = time.strftime("%Y-%m", time.gmtime())
        assert os.path.basename(path) == f"desk-pc.{me}.{month}.journal", path
        assert wait_presence(d, "sitting")["device"] == me

        # A walk logged by hand through the daemon.
        r = d.cli("log", "1m", "--note", "round the park")
        assert r.returncode == 0 and "through walkbreakd" in r.stdout, (r.stdout, r.stderr)
        logged = wait_entry(d, "the logged walk's entry", lambda e: e.get("note"))
        rows = walk_rows(d)
        assert same_walk(logged, rows[logged["id"]]), (logged, rows)
        assert logged["how"] == "manual"

        # A walk credited on return; the presence file follows the user.
        mtime = os.stat(presence_path(d)).st_mtime_ns
        with d.at_keyboard(0.3):
            time.sleep(2)
        assert os.stat(presence_path(d)).st_mtime_ns == mtime, "presence rewritten while sitting"
        d.move_pointer()
        time.sleep(0.3)
        credits = d.daemon_log_text().count("walk credited")
        last_input = time.time()
        d.move_pointer()
        away = wait_presence(d, "away")
        assert last_input - 1 <= away["since"] <= last_input + 1, (away, last_input)
        time.sleep(1.5)  # away for longer than walk.min
        # Back, and at the keyboard while the test looks: with away_after =
        # 1s a single touch says "away" again before a slow poll reads "sitting".
        with d.at_keyboard(0.3):
            wait_until(lambda: d.daemon_log_text().count("walk credited") > credits, 20,
                       "the walk to be credited")
            back = wait_presence(d, "sitting")
        assert back["since"] >= away["since"] + 2, (away, back)
        # Credited as "auto", or as "reminder" when one of the second-scale
        # reminders came within walk.grace.
        credited = wait_entry(d, "the credited walk's entry",
                              lambda e: e["kind"] == "walk" and e["how"] != "manual")
        rows = walk_rows(d)
        assert same_walk(credited, rows[credited["id"]]), (credited, rows)

        # An edit and a delete are entries of their own.
        r = d.cli("edit", str(logged["id"]), "--duration", "30s")
        assert r.returncode == 0, r.stderr
        edited = wait_entry(d, "the edit's entry",
                            lambda e: e["id"] == logged["id"] and e["seq"] > logged["seq"] and
                            e.get("end") == logged["start"] + 30)
        assert edited["note"] == "round the park"
        r = d.cli("delete", str(credited["id"]))
        assert r.returncode == 0, r.stderr
        wait_entry(d, "the deletion's entry",
                   lambda e: e["id"] == credited["id"] and e["op"] == "delete")

        read = journal(d)
        seqs = [e["seq"] for e in read["entries"]]
        assert seqs == list(range(1, len(seqs) + 1)), seqs
        assert read["damaged_lines"] == 0 and read["duplicate_lines"] == 0, read
        assert not read["torn_tail"], read
        # The journal's present state is the database's.
        state = present_state(d)
        rows = walk_rows(d)
        journaled = {i for (kind, i), e in state.items() if kind == "walk" and e["op"] == "put"}
        assert journaled == set(rows), (state, rows)
        for i in journaled:
            assert same_walk(state[("walk", i)], rows[i]), (state[("walk", i)], rows[i])
        bouts = d.db_rows("SELECT COUNT(*) FROM sitting_bouts")[0][0]
        assert bouts == sum(1 for (kind, _), e in state.items() if kind == "sitting_bout"), state

        assert d.stop_daemon() == 0
        assert presence(d)["state"] == "away"
        assert len(entries(d, "sitting_bout")) == bouts + 1  # the bout closed at exit


def direct_writes_journaled_at_start():
    with sync_desktop("sync-offline") as d:
        d.env["TZ"], east = noon_zone()  # an hour ago is today
        d.start_daemon()
        assert d.cli("log", "1m").returncode == 0
        first = wait_entry(d, "the first walk", lambda e: e["kind"] == "walk")
        assert d.stop_daemon() == 0
        before = entries(d)

        # walkbreakd is stopped: the CLI writes the database itself.
        r = d.cli("log", "1m", "--at", hhmm(time.time() - 3600, east), "--note", "while stopped")
        assert r.returncode == 0, r.stderr
        assert "through walkbreakd" not in r.stdout, r.stdout
        r = d.cli("delete", str(first["id"]))
        assert r.returncode == 0, r.stderr
        assert entries(d) == before, "the CLI wrote the journal"

        d.start_daemon()
        offline = wait_entry(d, "the walk logged while stopped",
                             lambda e: e.get("note") == "while stopped")
        rows = walk_rows(d)
        assert same_walk(offline, rows[offline["id"]]), (offline, rows)
        wait_entry(d, "the deletion made while stopped",
                   lambda e: e["id"] == first["id"] and e["op"] == "delete")
        seqs = [e["seq"] for e in entries(d)]
        assert seqs == list(range(1, len(seqs) + 1)), seqs


def set_writable(path, writable):
    for f in glob.glob(os.path.join(path, "*")) + glob.glob(os.path.join(path, ".*")):
        os.chmod(f, 0o600 if writable else 0o400)
    os.chmod(path, 0o700 if writable else 0o500)


def read_only_folder():
    prefix = file_modes_enforced()
    with sync_desktop("sync-readonly") as d:
        d.move_pointer()
        start_daemon(d, prefix=prefix)
        wait_entry(d, "the device name's entry", lambda e: e["kind"] == "device_name")
        set_writable(folder(d), False)
        try:
            take_walk(d)  # the presence changes too: both refused
            wait_until(lambda: FOLDER_FAILING in d.daemon_log_text(), 10, "the failure's log line")
            take_walk(d)
            assert d.status()["state"] == "sitting"
            assert len(d.db_rows("SELECT id FROM walks")) == 2, "tracking stopped"
            assert d.daemon_log_text().count(FOLDER_FAILING) == 1, d.daemon_log_text()
            assert entries(d, "walk") == []
        finally:
            set_writable(folder(d), True)
        d.daemon.send_signal(signal.SIGHUP)
        wait_until(lambda: len(entries(d, "walk")) == 2, 10, "the held walks in the journal")
        wait_until(lambda: FOLDER_BACK in d.daemon_log_text(), 5, "the recovery's log line")
        assert d.daemon_log_text().count(FOLDER_BACK) == 1, d.daemon_log_text()
        assert d.daemon_log_text().count(FOLDER_FAILING) == 1, d.daemon_log_text()
        assert presence(d)["state"] == "sitting"


def no_timer_while_nothing_changes():
    from test_wakeups import CONFIG as QUIET, armed_timers, check_only_the_reminder_is_armed
    with sync_desktop("sync-wakeups", QUIET) as d:
        d.move_pointer()
        proc = d.start_daemon()
        with d.at_keyboard():
            assert d.cli("log", "1m").returncode == 0
            wait_entry(d, "the logged walk", lambda e: e["kind"] == "walk")
            wait_until(lambda: len(armed_timers(proc.pid)) <= 2, 5, "the clients' timers to go")
            check_only_the_reminder_is_armed(proc.pid, "after a journaled walk")
            mtime = os.stat(presence_path(d)).st_mtime_ns
            time.sleep(2)
            assert os.stat(presence_path(d)).st_mtime_ns == mtime


SCENARIOS = {f.__name__: f for f in (records_reach_the_journal, direct_writes_journaled_at_start,
                                     read_only_folder, no_timer_while_nothing_changes)}

if __name__ == "__main__":
    if sys.argv[1:2] == [] or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: test_sync_journal.py {{{'|'.join(SCENARIOS)}}}")
    run(SCENARIOS[sys.argv[1]])
