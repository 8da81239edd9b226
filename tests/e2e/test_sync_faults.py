#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sync folder faults (docs/SYNC.md "Failures", "Reading the folder"): a real
walkbreakd whose [sync] folder lies on a small tmpfs mounted for the test, so
that the faults are the kernel's own, not imitations.
 - full: the tmpfs filled up, so that appending to the journal fails with
   ENOSPC. Walks logged through the daemon are stored and counted all the
   same; the failure is logged once, not once per record; once the filler is
   deleted the retry timer (1 s, doubling, up to 5 minutes: no new record,
   no SIGHUP, no event in the folder) writes the owed lines, the recovery is
   logged once, and the journal holds every entry exactly once.
 - unmounted_same: the folder's file system unmounted (a bind mount of the
   tmpfs taken away) and mounted again with the same contents; inotify says
   nothing about a bind mount going, so only the mount table
   (/proc/self/mountinfo) tells. The reader says the folder is gone and
   waits; local tracking goes on, the writer's failure is logged once; after
   the mount, without a restart, the reader reads the other device's journal
   again (a walk written there meanwhile counts) and the writer catches up:
   its journal holds every entry exactly once.
 - unmounted_fresh: the tmpfs itself unmounted (lazily if busy) and a fresh,
   empty one mounted, in which the folder appears only later (the sync
   engine setting it up again): the folder is found through the directory
   above it on the new file system, the other device's restored journal is
   read, and the owed lines make a new journal of this device, each once.
 - garbage: a large random file, files named like journals that hold junk
   (one past the size a journal can have), and a directory named like a
   journal: each is ignored with at most one log line, the other device's
   valid journal is still read as it changes, and the daemon neither crashes
   nor spins.
Skips (77) only where a tmpfs cannot be mounted (not root, or no permission).
Usage: test_sync_faults.py SCENARIO"""
import glob
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import BUILD, Desktop, Skip, run, wait_until  # noqa: E402
from faults import assert_not_spinning, log_count  # noqa: E402
from journal_lines import journal_name, name_line, walk_line  # noqa: E402
from test_walk_records import hhmm, noon_zone  # noqa: E402

JOURNAL_DUMP = os.path.join(BUILD, "tests", "journal_dump")
LAPTOP = "00c4e1a27b9d3f58"
TABLET = "7b00000000000002"
PHONE = "7b00000000000003"
# No reminder and no change of presence while a test runs: the only things
# that make the writer try again are the ones a scenario does on purpose.
CONFIG = """
[idle]
away_after = "30m"
[reminder]
interval = "2h"
[sync]
folder = "{folder}"
device_name = "desk"
"""
FOLDER_FAILING = "the database keeps what the journal is owed"
FOLDER_BACK = "can be written again"
READER_GONE = "is gone (deleted, moved or unmounted)"


class Mounts:
    """The file systems a test mounts, taken away again at the end (lazily:
    a failed test may have left something open there)."""

    def __init__(self):
        self.points = []

    def tmpfs(self, point, size, first=False):
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                            point], capture_output=True, text=True)
        if r.returncode != 0 and first:
            raise Skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
        assert r.returncode == 0, r.stderr
        self.points.append(point)

    def bind(self, source, point):
        r = subprocess.run(["mount", "--bind", source, point], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        self.points.append(point)

    def unmount(self, point):
        """umount, or a lazy one if something holds the file system busy."""
        r = subprocess.run(["umount", point], capture_output=True, text=True)
        if r.returncode != 0:
            r = subprocess.run(["umount", "-l", point], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        self.points.remove(point)

    def close(self):
        for point in reversed(self.points):
            subprocess.run(["umount", "-l", point], capture_output=True)
        self.points.clear()


def need_root():
    if os.geteuid() != 0:
        raise Skip("mounting a tmpfs needs root; test_sync_journal's read_only_folder covers "
                   "a failing folder for a normal user")


def sync_desktop(name):
    """A desktop whose sync folder will be `disk`/walkbreak; `disk` is where
    each scenario mounts its file system."""
    need_root()
    d = Desktop("", name=name)
    d.disk = os.path.join(d.dir, "disk")
    d.folder = os.path.join(d.disk, "walkbreak")
    os.mkdir(d.disk)
    d.write_config(CONFIG.format(folder=d.folder))
    d.env["TZ"], d.east = noon_zone()  # the walks of the last hours lie on today
    return d


def make_folder(d):
    os.mkdir(d.folder)
    open(os.path.join(d.folder, ".stfolder"), "w").close()


def own_id(d):
    with open(os.path.join(os.path.dirname(d.db_path), "device-id")) as f:
        return f.read().strip()


def own_journal(d):
    """What walkbreak's reader makes of this computer's journals."""
    files = sorted(glob.glob(os.path.join(d.folder, f"*.{own_id(d)}.*.journal")))
    if not files:
        return {"entries": [], "damaged_lines": 0, "duplicate_lines": 0}
    r = subprocess.run([JOURNAL_DUMP, "journal", *files], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def journaled_notes(d):
    return sorted(e["note"] for e in own_journal(d)["entries"]
                  if e["kind"] == "walk" and e["op"] == "put")


def each_entry_once(read, first_seq=1):
    """Every sequence from `first_seq` to the last, each exactly once, in
    whichever files they are."""
    seqs = sorted(e["seq"] for e in read["entries"])
    assert seqs == list(range(first_seq, first_seq + len(seqs))), seqs
    assert read["duplicate_lines"] == 0, read
    return seqs


def log_walk(d, note, minutes_ago):
    """A walk logged by hand through the daemon: it is stored in the
    database whatever the folder does."""
    at = hhmm(time.time() - 60 * minutes_ago, d.east)
    r = d.cli("log", "1m", "--at", at, "--note", note)
    assert r.returncode == 0 and "through walkbreakd" in r.stdout, (r.stdout, r.stderr)
    assert (note,) in d.db_rows("SELECT note FROM walks"), f"{note} not stored"


def walks_here(d):
    return d.cli_json("stats", "--day", "today", "--device", "this")["walks"]


def today(d):
    return d.cli_json("stats", "--day", "today")


def fill_up(path):
    """Writes zeros to `path` until the file system is full."""
    with open(path, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass  # ENOSPC
    # Whatever is left is smaller than a page: a byte more does not fit.
    with open(path, "ab", buffering=0) as f:
        try:
            while True:
                f.write(b"\0")
        except OSError:
            pass


def full():
    with sync_desktop("syncfull") as d:
        mounts = Mounts()
        try:
            mounts.tmpfs(d.disk, "1m", first=True)
            make_folder(d)
            d.start_daemon()
            wait_until(lambda: own_journal(d)["entries"], 10, "the device name's entry")
            log_walk(d, "before", 200)
            wait_until(lambda: journaled_notes(d) == ["before"], 10, "the first walk's entry")

            # The filler is beside the folder, not in it: deleting it tells
            # the daemon nothing, so only the writer's retry can notice.
            filler = os.path.join(d.disk, "filler")
            fill_up(filler)
            # The journal's last page may still have room for a few lines:
            # walks are logged until one does not fit.
            logged = ["before"]
            while FOLDER_FAILING not in d.daemon_log_text():
                assert len(logged) < 60, "the journal never failed on a full file system"
                logged.append(f"walk {len(logged)}")
                log_walk(d, logged[-1], 200 - 2 * len(logged))
            failed_at = time.monotonic()
            assert "No space left on device" in d.daemon_log_text(), d.daemon_log_text()
            for _ in range(3):  # each one a write that fails again
                logged.append(f"walk {len(logged)}")
                log_walk(d, logged[-1], 200 - 2 * len(logged))
            # Local tracking goes on: the walks are counted here.
            assert walks_here(d) == len(logged), (walks_here(d), logged)
            assert today(d)["walks"] == len(logged)
            assert log_count(d, FOLDER_FAILING) == 1, d.daemon_log_text()
            assert journaled_notes(d) != sorted(logged), "nothing was refused"
            assert d.daemon.poll() is None

            os.unlink(filler)
            # The retry's delay has grown to about as long as the failure has
            # lasted; nothing else is done to wake the writer.
            waited = time.monotonic() - failed_at
            wait_until(lambda: journaled_notes(d) == sorted(logged), waited + 2,
                       "the owed lines to be written by the retry")
            wait_until(lambda: FOLDER_BACK in d.daemon_log_text(), 5, "the recovery's log line")
            read = own_journal(d)
            each_entry_once(read)
            # A line cut where the file system ran out is one damaged line:
            # its entry was written again whole.
            assert read["damaged_lines"] <= 1, read
            assert not read.get("torn_tail"), read
            assert log_count(d, FOLDER_FAILING) == 1, d.daemon_log_text()
            assert log_count(d, FOLDER_BACK) == 1, d.daemon_log_text()
            assert d.stop_daemon() == 0
        finally:
            if d.daemon is not None and d.daemon.poll() is None:
                d.stop_daemon()
            mounts.close()


def write_laptop(d, walks):
    """The laptop's journal as its walkbreak wrote it: its name and `walks`
    (start, end) in order."""
    month = time.strftime("%Y-%m", time.gmtime())
    text = name_line(LAPTOP, 1, "laptop")
    for i, (start, end) in enumerate(walks):
        text += walk_line(LAPTOP, 2 + i, 1 + i, start, end, utc_offset=d.east)
    path = os.path.join(d.folder, journal_name("laptop", LAPTOP, month))
    with open(path + ".part", "w") as f:
        f.write(text)
    os.rename(path + ".part", path)  # whole, as a sync engine moves a file in


def unmounted(fresh):
    """Takes the folder's file system away while walkbreakd runs and puts it
    back: the same contents (a bind mount of a tmpfs kept aside) or a fresh,
    empty tmpfs."""
    with sync_desktop("syncumount") as d:
        mounts = Mounts()
        try:
            if fresh:
                mounts.tmpfs(d.disk, "1m", first=True)
            else:
                # The tmpfs kept aside in `store`: its contents outlive the
                # bind mount over `disk`, as a drive's outlive its mounting.
                store = os.path.join(d.dir, "store")
                os.mkdir(store)
                mounts.tmpfs(store, "1m", first=True)
                mounts.bind(store, d.disk)
            make_folder(d)
            now = int(time.time())
            laptop_walks = [(now - 3 * 3600, now - 3 * 3600 + 240)]
            write_laptop(d, laptop_walks)
            d.start_daemon(extra_args=("--verbose",))
            wait_until(lambda: today(d)["walk_seconds"] == 240, 10, "the laptop's walk")
            log_walk(d, "before", 150)
            wait_until(lambda: journaled_notes(d) == ["before"], 10, "the first walk's entry")
            before = own_journal(d)

            mounts.unmount(d.disk)
            assert not os.path.exists(d.folder)
            wait_until(lambda: READER_GONE in d.daemon_log_text(), 10,
                       "the reader to say the folder is gone")
            log_walk(d, "while gone 1", 120)
            wait_until(lambda: FOLDER_FAILING in d.daemon_log_text(), 10,
                       "the writer's failure line")
            assert "No such file or directory" in d.daemon_log_text(), d.daemon_log_text()
            log_walk(d, "while gone 2", 110)
            assert walks_here(d) == 3
            # The laptop's walk stays counted: nothing stored is forgotten.
            assert today(d)["walk_seconds"] == 240 + 3 * 60, today(d)
            assert log_count(d, FOLDER_FAILING) == 1, d.daemon_log_text()
            assert log_count(d, READER_GONE) == 1, d.daemon_log_text()
            assert d.daemon.poll() is None
            reads_before = log_count(d, "reading the sync folder")

            # Meanwhile the laptop walked again; its engine brings the file
            # when the folder is back.
            laptop_walks.append((now - 90 * 60, now - 90 * 60 + 300))
            if fresh:
                mounts.tmpfs(d.disk, "1m")
                # The folder is made on the new file system right after the
                # mount, as a sync engine would: seen through the mount table
                # (inotify on the directory under the mount point sees none of
                # it), before or after the daemon has looked again.
                make_folder(d)
                write_laptop(d, laptop_walks)
            else:
                # Written aside while unmounted: seen only by reading again.
                saved = d.folder
                d.folder = os.path.join(store, "walkbreak")
                write_laptop(d, laptop_walks)
                d.folder = saved
                mounts.bind(store, d.disk)

            wait_until(lambda: log_count(d, "reading the sync folder") > reads_before, 10,
                       "the reader to read the folder again")
            assert f"reading the sync folder {d.folder} again" in d.daemon_log_text()
            wait_until(lambda: today(d)["walk_seconds"] == 240 + 300 + 3 * 60, 10,
                       "the laptop's walk made while the folder was away")
            # Caught up by the retry timer: nothing else was logged.
            wait_until(lambda: FOLDER_BACK in d.daemon_log_text(), 10, "the writer's recovery")
            read = own_journal(d)
            if fresh:
                # A new journal of the owed lines alone: what was written
                # before went with the old file system.
                assert journaled_notes(d) == ["while gone 1", "while gone 2"], read
                each_entry_once(read, first_seq=max(e["seq"] for e in before["entries"]) + 1)
            else:
                assert journaled_notes(d) == ["before", "while gone 1", "while gone 2"], read
                each_entry_once(read)
            assert read["damaged_lines"] == 0, read
            assert log_count(d, FOLDER_FAILING) == 1, d.daemon_log_text()
            assert log_count(d, FOLDER_BACK) == 1, d.daemon_log_text()
            assert log_count(d, READER_GONE) == 1, d.daemon_log_text()
            assert d.stop_daemon() == 0
        finally:
            if d.daemon is not None and d.daemon.poll() is None:
                d.stop_daemon()
            mounts.close()


def unmounted_same():
    unmounted(fresh=False)


def unmounted_fresh():
    unmounted(fresh=True)


def garbage():
    with sync_desktop("syncgarbage") as d:
        mounts = Mounts()
        try:
            mounts.tmpfs(d.disk, "96m", first=True)
            make_folder(d)
            now = int(time.time())
            laptop_walks = [(now - 3 * 3600, now - 3 * 3600 + 240)]
            write_laptop(d, laptop_walks)
            d.start_daemon(extra_args=("--verbose",))
            wait_until(lambda: today(d)["walk_seconds"] == 240, 10, "the laptop's walk")
            month = time.strftime("%Y-%m", time.gmtime())
            rng = random.Random(16)

            def junk(name, size, lines=True):
                data = rng.randbytes(size)
                if lines:  # lines of junk, each one damaged, not one torn tail
                    data = data.replace(b"\n", b"").replace(b"\x00", b"\n") + b"\n"
                # Moved in whole, as a sync engine does: read at its full size.
                path = os.path.join(d.folder, name)
                with open(os.path.join(d.folder, f".{name}.tmp"), "wb") as f:
                    f.write(data)
                os.rename(os.path.join(d.folder, f".{name}.tmp"), path)

            big = "photos.tar"
            junk(big, 8 << 20, lines=False)
            tablet = journal_name("tablet", TABLET, month)
            junk(tablet, 1 << 20)
            old_laptop = journal_name("laptop", LAPTOP, "2020-01")
            junk(old_laptop, 256 << 10)
            # Larger than any journal: not read into memory at all.
            phone = journal_name("phone", PHONE, month)
            junk(phone, 65 << 20, lines=False)
            directory = journal_name("laptop", LAPTOP, "2020-02")
            os.mkdir(os.path.join(d.folder, directory))
            open(os.path.join(d.folder, directory, "inside"), "w").close()

            # The laptop's valid journal is still read when it changes.
            laptop_walks.append((now - 2 * 3600, now - 2 * 3600 + 300))
            write_laptop(d, laptop_walks)
            wait_until(lambda: today(d)["walk_seconds"] == 240 + 300, 10,
                       "the laptop's new walk beside the garbage")
            told = {
                big: f"{big}: not a file walkbreak knows; ignored",
                phone: f"{phone}: cannot read it: {65 << 20} bytes, far more than a journal",
                directory: f"{directory}: cannot read it: not a regular file",
                tablet: f"{tablet}: no line of it can be read (",
                old_laptop: f"{old_laptop}: no line of it can be read (",
            }
            for name, line in told.items():
                wait_until(lambda: line in d.daemon_log_text(), 10, f"the line about {name}")
            # The junk journals: every line damaged, nothing merged, no device
            # made of them; the laptop keeps its records.
            devices = dict(d.db_rows("SELECT id, name FROM devices"))
            assert devices == {LAPTOP: "laptop"}, devices
            assert today(d)["walks"] == 2, today(d)

            # Changed again, and the folder read again: still told once each.
            with open(os.path.join(d.folder, big), "ab") as f:
                f.write(b"more")
            with open(os.path.join(d.folder, phone), "ab") as f:
                f.write(b"more\n")
            for name in (tablet, old_laptop):
                with open(os.path.join(d.folder, name), "ab") as f:
                    f.write(rng.randbytes(1000).replace(b"\n", b"") + b"\n")
            os.rename(os.path.join(d.folder, directory), os.path.join(d.folder, directory + "x"))
            os.rename(os.path.join(d.folder, directory + "x"), os.path.join(d.folder, directory))
            laptop_walks.append((now - 3600, now - 3600 + 60))
            write_laptop(d, laptop_walks)
            wait_until(lambda: today(d)["walk_seconds"] == 240 + 300 + 60, 10,
                       "the laptop's third walk")
            log = d.daemon_log_text()
            for name, line in told.items():
                assert log.count(line) == 1, (name, log)
            # Beyond that one notice, the junk journals are said at debug
            # level only, each time they are read (their damaged lines).
            for name in (tablet, old_laptop):
                for text in log.splitlines():
                    if name in text and told[name] not in text:
                        assert text.startswith("walkbreakd: debug ") and " damaged," in text, text

            # Nothing loops over the garbage.
            assert_not_spinning(d.daemon.pid)
            assert d.daemon.poll() is None
            assert d.cli_ok("status", "--json")
            assert d.stop_daemon() == 0
        finally:
            if d.daemon is not None and d.daemon.poll() is None:
                d.stop_daemon()
            mounts.close()


SCENARIOS = {f.__name__: f for f in (full, unmounted_same, unmounted_fresh, garbage)}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(SCENARIOS)}}}")
    run(SCENARIOS[sys.argv[1]])
