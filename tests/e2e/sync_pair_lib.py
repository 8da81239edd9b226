# SPDX-License-Identifier: GPL-3.0-or-later
"""Two computers for the end-to-end sync tests (test_sync_pair.py,
test_sync_live.py): each a Desktop with its own walkbreakd whose `[sync]
folder` is the shared folder of its own real Syncthing
(tests/e2e/syncthing.py), and what the tests read of that folder."""
import glob
import json
import os
import subprocess

from desktop import BUILD, wait_until

JOURNAL_DUMP = os.path.join(BUILD, "tests", "journal_dump")


class Computer:
    """One desktop and its Syncthing: the walkbreakd there, its folder."""

    def __init__(self, desktop, syncthing, name):
        self.d = desktop
        self.st = syncthing
        self.name = name
        self.folder = syncthing.folder

    def start(self, zone, config):
        """Starts walkbreakd at --verbose with `config`, a format string with
        {folder} and {name}."""
        self.d.write_config(config.format(folder=self.folder, name=self.name))
        self.d.env["TZ"] = zone
        self.d.start_daemon(extra_args=("--verbose",))
        with open(os.path.join(os.path.dirname(self.d.db_path), "device-id")) as f:
            self.id = f.read().strip()
        assert len(self.id) == 16, self.id

    def journals(self, writer):
        """`writer`'s journal files as this computer's folder has them."""
        return sorted(glob.glob(os.path.join(self.folder, f"{writer.name}.{writer.id}.*.journal")))

    def entries(self, writer):
        """What walkbreak's reader makes of `writer`'s journals in this folder."""
        files = self.journals(writer)
        if not files:
            return []
        r = subprocess.run([JOURNAL_DUMP, "journal", *files], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)["entries"]

    def journal_bytes(self, writer):
        out = {}
        for path in self.journals(writer):
            with open(path, "rb") as f:
                out[os.path.basename(path)] = f.read()
        return out

    def presence_path(self, writer):
        return os.path.join(self.folder, f"{writer.name}.{writer.id}.presence")

    def presence(self, writer):
        """`writer`'s presence as this computer's folder has it (walkbreak's
        own reader), or None while there is none."""
        path = self.presence_path(writer)
        if not os.path.exists(path):
            return None
        r = subprocess.run([JOURNAL_DUMP, "presence", path], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    def presence_bytes(self, writer):
        try:
            with open(self.presence_path(writer), "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None

    def walk_seconds(self, *device):
        return self.d.cli_json("stats", "--day", "today", *device)["walk_seconds"]

    def history(self):
        return self.d.cli_json("history")["walks"]

    def folder_state(self):
        """Every file in the folder with its size, time and inode: a write,
        even of the same bytes, or a rename into place changes it."""
        out = {}
        for name in os.listdir(self.folder):
            s = os.stat(os.path.join(self.folder, name))
            out[name] = (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)
        return out


def journaled(c, match, what):
    """Waits for this computer's daemon to have journaled an entry `match`es."""
    return wait_until(lambda: next((e for e in c.entries(c) if match(e)), None), 10, what)


def carry(shared, sender, receiver, what):
    """Syncthing brings the sender's journals, as they are now, to the
    receiver's folder. "Now" holds until the scan as long as the sender's
    daemon writes only what the test asks of it, and the test has waited for
    that."""
    want = sender.journal_bytes(sender)
    shared.deliver(sender.st, receiver.st, lambda: receiver.journal_bytes(sender) == want, what)


def carry_presence(shared, sender, receiver, what):
    """Syncthing brings the sender's presence file, as it is now, to the
    receiver's folder."""
    want = sender.presence_bytes(sender)
    assert want is not None, f"{sender.name} has no presence file"
    shared.deliver(sender.st, receiver.st, lambda: receiver.presence_bytes(sender) == want, what)
