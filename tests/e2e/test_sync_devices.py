#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Several computers through a real Syncthing (docs/SYNC.md): two instances on
this machine share one folder (tests/e2e/syncthing.py). Journal lines written
in A's folder, encoded here with zlib's CRC-32 as the document's frame says,
reach B's folder, and `walkbreak devices` on B lists A with its name and
highest sequence; an append arrives as such. Then the same journal is changed
on both sides while B is switched off: Syncthing keeps one version and makes a
conflict copy of the other, which `walkbreak devices` lists as ignored while
it goes on reading the original.

Skips (77) only when Syncthing is not installed or this machine has no TCP on
127.0.0.1, saying which."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from desktop import CLI, run  # noqa: E402
from syncthing import SharedFolder, require_syncthing  # noqa: E402

DESK = "3f2a9c0d5e6b7a81"    # A's walkbreak device id
LAPTOP = "00c4e1a27b9d3f58"  # B's
JOURNAL = f"desk.{DESK}.2026-12.journal"
WALK_START = 1796626800       # 2026-12-07 07:00 UTC


def line(payload):
    """One journal line: VERSION SP PAYLOAD SP CRC-32 of what precedes it, LF."""
    body = "1 " + json.dumps(payload, separators=(",", ":"))
    return f"{body} {zlib.crc32(body.encode()):08x}\n"


def walk(seq, walk_id, minutes, note=""):
    start = WALK_START + 3600 * walk_id
    return line({"device": DESK, "seq": seq, "kind": "walk", "id": walk_id, "op": "put",
                 "start": start, "end": start + 60 * minutes, "utc_offset": 3600,
                 "how": "manual", "note": note})


def append(path, text, mtime=None):
    with open(path, "a") as f:
        f.write(text)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return None


class Walkbreak:
    """The walkbreak CLI of computer B: its sync folder is B's shared folder."""

    def __init__(self, root, folder, device_id):
        self.dir = os.path.join(root, "walkbreak-b")
        os.makedirs(os.path.join(self.dir, "data"))
        self.config = os.path.join(self.dir, "config.toml")
        with open(self.config, "w") as f:
            f.write(f'[sync]\nfolder = "{folder}"\ndevice_name = "laptop"\n')
        self.db = os.path.join(self.dir, "data", "walkbreak.db")
        with open(os.path.join(self.dir, "data", "device-id"), "w") as f:
            f.write(device_id + "\n")
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.dir,
                    "XDG_RUNTIME_DIR": os.path.join(self.dir, "run"), "TZ": "UTC"}

    def devices(self, *args):
        r = subprocess.run([CLI, "--config", self.config, "--db", self.db, "--socket",
                            os.path.join(self.dir, "run", "control.sock"), "devices", *args],
                           env=self.env, capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, f"walkbreak devices: {r.returncode}\n{r.stdout}{r.stderr}"
        return r.stdout


def main():
    require_syncthing()
    if not os.access(CLI, os.X_OK):
        raise AssertionError(f"no walkbreak at {CLI}: set WALKBREAK_BUILD_DIR")
    started = time.monotonic()
    root = tempfile.mkdtemp(prefix="walkbreak-sync-")
    try:
        with SharedFolder(root) as shared:
            a, b = shared.a, shared.b
            at_a = os.path.join(a.folder, JOURNAL)
            at_b = os.path.join(b.folder, JOURNAL)
            wb = Walkbreak(root, b.folder, LAPTOP)

            # A's first two entries reach B whole, and B's walkbreak reads them.
            append(at_a, line({"device": DESK, "seq": 1, "kind": "device_name", "id": 1,
                               "op": "put", "name": "desk"}) + walk(2, 1, 12, "round the park"))
            shared.deliver(a, b, lambda: read(at_b) == read(at_a), "A's journal on B")
            listed = json.loads(wb.devices("--json"))
            assert listed["folder"] == b.folder and listed["this_device"] == LAPTOP, listed
            assert [d["id"] for d in listed["devices"]] == [DESK], listed
            desk = listed["devices"][0]
            assert desk["name"] == "desk" and not desk["this_device"], desk
            assert desk["last_sequence"] == 2 and desk["missing_sequences"] == 0, desk
            assert desk["journal_files"] == 1 and desk["last_news"], desk
            assert listed["ignored"] == [], listed
            text = wb.devices()
            assert "\ndesk\n  id 3f2a9c0d5e6b7a81, 1 journal file, up to entry 2, none missing\n" \
                in text, text

            # An append arrives as one: B reads the third entry.
            append(at_a, walk(3, 2, 20))
            shared.deliver(a, b, lambda: read(at_b) == read(at_a), "A's append on B")
            desk = json.loads(wb.devices("--json"))["devices"][0]
            assert desk["last_sequence"] == 3 and desk["missing_sequences"] == 0, desk

            # With B switched off, A appends its fourth entry and someone edits
            # A's journal by hand on B, earlier. B back on: Syncthing keeps A's
            # newer version and makes a conflict copy of B's.
            b.stop()
            now = time.time()
            append(at_b, walk(4, 9, 5, "typed by hand on B"), mtime=now - 120)
            append(at_a, walk(4, 3, 15), mtime=now)
            a.scan()
            b.start()
            b.scan()
            shared.wait_connected()

            def conflict_copies(side):
                return sorted(n for n in os.listdir(side.folder) if ".sync-conflict-" in n)

            b.wait_for(lambda: conflict_copies(b) and read(at_b) == read(at_a),
                       "the conflict copy and A's version on B", timeout=30)
            for one, other in ((a, b), (b, a)):
                one.wait_for(lambda o=one, p=other: o.in_sync_with(p), "in sync after the conflict")
            copies = conflict_copies(b)
            prefix = f"desk.{DESK}.2026-12.sync-conflict-"
            assert len(copies) == 1 and copies[0].startswith(prefix), copies
            assert copies[0].endswith(".journal"), copies
            assert "typed by hand on B" in read(os.path.join(b.folder, copies[0]))
            assert "typed by hand on B" not in read(at_b)

            listed = json.loads(wb.devices("--json"))
            assert listed["ignored"] == [{"file": copies[0], "why": "conflict_copy",
                                          "detail": listed["ignored"][0]["detail"]}], listed
            desk = listed["devices"][0]
            assert desk["last_sequence"] == 4 and desk["missing_sequences"] == 0, desk
            assert desk["journal_files"] == 1 and desk["conflicting_entries"] == 0, desk
            text = wb.devices()
            assert f"\nignored: 1 file\n  {copies[0]}:" in text, text
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"sync through Syncthing: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    run(main)
