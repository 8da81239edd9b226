#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Database faults: a read-only file, a full disk, a locked database, a
corrupted file and a schema from the future. In each case walkbreakd says
so once in its log, keeps tracking and reminding in memory, writes what it
holds once the fault clears, and never overwrites a file it cannot read.

Usage: test_db_faults.py SCENARIO
"""
import hashlib
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, Skip, run, wait_until  # noqa: E402
from faults import (CONFIG, create_database, file_modes_enforced, log_count,  # noqa: E402
                    start_daemon, take_walk)

STORE_FAILING = "walkbreak keeps tracking and will write"
STORE_BACK = "database writable again"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def walks_in_db(d):
    return d.db_rows("SELECT COUNT(*) FROM walks")[0][0]


def walks_in_main_file(d):
    """Walks in the main file, read without creating -wal/-shm files: a
    reader would create them with the main file's mode (here 0444), which
    would keep the database unwritable after the fault is lifted."""
    with sqlite3.connect(f"file:{d.db_path}?immutable=1", uri=True) as db:
        return db.execute("SELECT COUNT(*) FROM walks").fetchone()[0]


def keeps_working_in_memory(d):
    """Reminds on time and credits a walk with the database out of reach;
    the walk counts in today's minutes all the same."""
    with d.at_keyboard(0.3):
        d.wait_shown("Time for a walk", timeout=20)
    take_walk(d)
    assert d.status()["today_walk_seconds"] > 0, d.status()
    assert d.daemon.poll() is None


def writes_once_cleared(d, walks_expected):
    wait_until(lambda: walks_in_db(d) >= walks_expected, 45, "the held walk to be written")
    wait_until(lambda: STORE_BACK in d.daemon_log_text(), 5, "the recovery message")
    assert d.db_rows("PRAGMA integrity_check") == [("ok",)]


def read_only():
    prefix = file_modes_enforced()
    with Desktop(CONFIG, name="dbro") as d:
        create_database(d)
        os.chmod(d.db_path, 0o444)
        before = sha256(d.db_path)
        start_daemon(d, prefix=prefix)
        wait_until(lambda: STORE_FAILING in d.daemon_log_text(), 10, "the read-only message")
        assert "cannot write" in d.daemon_log_text()
        keeps_working_in_memory(d)
        assert sha256(d.db_path) == before, "a read-only database was changed"
        assert not os.path.exists(d.db_path + "-wal")
        assert walks_in_main_file(d) == 0
        assert log_count(d, STORE_FAILING) == 1, d.daemon_log_text()
        os.chmod(d.db_path, 0o600)
        writes_once_cleared(d, 1)


def ignore_sigxfsz():
    # Writing past RLIMIT_FSIZE raises SIGXFSZ, which kills by default;
    # ignored, the write fails with EFBIG as on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def full_disk_rlimit():
    """RLIMIT_FSIZE lowered on the running daemon: every write to a file
    fails with EFBIG (SQLite reports a disk I/O error). Its log goes to a
    pipe, which the limit does not apply to."""
    with Desktop(CONFIG, name="dbfsize") as d:
        create_database(d)
        p = start_daemon(d, preexec_fn=ignore_sigxfsz, log_to_pipe=True)
        _, hard = resource.prlimit(p.pid, resource.RLIMIT_FSIZE)
        resource.prlimit(p.pid, resource.RLIMIT_FSIZE, (0, hard))
        try:
            keeps_working_in_memory(d)
            wait_until(lambda: STORE_FAILING in d.daemon_log_text(), 10, "the write failure")
            assert walks_in_db(d) == 0
            assert log_count(d, STORE_FAILING) == 1, d.daemon_log_text()
        finally:
            resource.prlimit(p.pid, resource.RLIMIT_FSIZE, (hard, hard))
        writes_once_cleared(d, 1)


def full_disk_tmpfs():
    """A real full file system: a 512 KiB tmpfs filled up (root only)."""
    if os.geteuid() != 0:
        raise Skip("mounting a tmpfs needs root; full_disk_rlimit covers a normal user")
    with Desktop(CONFIG, name="dbfull") as d:
        mnt = os.path.join(d.dir, "small")
        os.mkdir(mnt)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", mnt],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise Skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
        try:
            d.db_path = os.path.join(mnt, "walkbreak.db")
            create_database(d)
            start_daemon(d)
            filler = os.path.join(mnt, "filler")
            with open(filler, "wb", buffering=0) as f:
                try:
                    while True:
                        f.write(b"\0" * 4096)
                except OSError:
                    pass  # ENOSPC: the disk is full
            keeps_working_in_memory(d)
            wait_until(lambda: STORE_FAILING in d.daemon_log_text(), 10, "the disk-full message")
            assert "full" in d.daemon_log_text(), d.daemon_log_text()
            assert walks_in_db(d) == 0
            os.unlink(filler)
            writes_once_cleared(d, 1)
        finally:
            if d.daemon.poll() is None:
                d.stop_daemon()
            subprocess.run(["umount", "-l", mnt])


def locked():
    """Another process holds the write lock longer than the busy timeout (100 ms)."""
    with Desktop(CONFIG, name="dblock") as d:
        create_database(d)
        start_daemon(d)
        holder = sqlite3.connect(d.db_path, isolation_level=None, timeout=1)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            keeps_working_in_memory(d)
            wait_until(lambda: STORE_FAILING in d.daemon_log_text(), 20, "the locked message")
            assert "locked" in d.daemon_log_text() or "busy" in d.daemon_log_text()
            assert walks_in_db(d) == 0
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        writes_once_cleared(d, 1)
        assert log_count(d, STORE_FAILING) == 1, d.daemon_log_text()


def check_moved_aside(d, original):
    names = os.listdir(os.path.dirname(d.db_path))
    aside = [n for n in names if n.startswith("walkbreak.db.corrupt-") and
             not n.endswith(("-wal", "-shm"))]
    assert len(aside) == 1, names
    stamp = aside[0][len("walkbreak.db.corrupt-"):]
    assert len(stamp) == 15 and stamp[8] == "T" and stamp.replace("T", "").isdigit(), stamp
    path = os.path.join(os.path.dirname(d.db_path), aside[0])
    with open(path, "rb") as f:
        assert f.read() == original, "the damaged file was changed"
    assert "was moved to " + path in d.daemon_log_text(), d.daemon_log_text()


def corrupt_garbage():
    with Desktop(CONFIG, name="dbgarbage") as d:
        rng = random.Random(7)
        garbage = b"this is not a database\n" + rng.randbytes(16384)
        with open(d.db_path, "wb") as f:
            f.write(garbage)
        # A garbage -wal too: the fresh database must not replay it. (SQLite
        # itself drops a -wal without one valid frame when the failed
        # connection closes, so there may be none left to move aside.)
        with open(d.db_path + "-wal", "wb") as f:
            f.write(rng.randbytes(4096))
        start_daemon(d)
        check_moved_aside(d, garbage)
        take_walk(d)
        assert walks_in_db(d) == 1
        assert d.db_rows("PRAGMA integrity_check") == [("ok",)]
        assert log_count(d, "a fresh database is started") == 1


def corrupt_schema_page():
    """A real database whose first page (the schema) is overwritten: the
    header still says SQLite, the contents cannot be read."""
    with Desktop(CONFIG, name="dbpage") as d:
        create_database(d)
        with open(d.db_path, "r+b") as f:
            f.seek(100)
            f.write(random.Random(8).randbytes(3996))
        with open(d.db_path, "rb") as f:
            damaged = f.read()
        start_daemon(d)
        check_moved_aside(d, damaged)
        take_walk(d)
        assert walks_in_db(d) == 1


def newer_schema():
    with Desktop(CONFIG, name="dbnewer") as d:
        create_database(d)
        db = sqlite3.connect(d.db_path)
        db.execute("PRAGMA user_version = 99")
        db.close()  # checkpoints: the whole database is in the main file now
        assert not os.path.exists(d.db_path + "-wal")
        before = sha256(d.db_path)
        start_daemon(d)
        wait_until(lambda: "schema version 99" in d.daemon_log_text(), 10, "the newer-schema message")
        keeps_working_in_memory(d)
        # Waiting never makes it older: no retries, one message, no change.
        time.sleep(3)
        assert log_count(d, "schema version 99") == 1, d.daemon_log_text()
        assert sha256(d.db_path) == before, "a database from a newer walkbreak was changed"
        assert d.db_rows("PRAGMA user_version") == [(99,)]
        assert not any(n.startswith("walkbreak.db.corrupt") for n in os.listdir(d.dir))


SCENARIOS = {f.__name__: f for f in (
    read_only, full_disk_rlimit, full_disk_tmpfs, locked, corrupt_garbage, corrupt_schema_page,
    newer_schema)}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(SCENARIOS)}}}")
    run(SCENARIOS[sys.argv[1]])
