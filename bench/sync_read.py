#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading a big history from the sync folder (docs/SYNC.md): walkbreakd on
this computer's ten years (bench/make_ten_year_db.py) meets a laptop's ten
years of journals, one file per month, as its walkbreak would have written
them. Measured:

 - the first read at start: how long until the laptop is stored, the
   daemon's CPU time for it, and the longest the loop was held meanwhile,
   as the slowest answer to `status` requests sent back to back on the
   control socket the whole time (each request waits for the loop);
 - one new line in the laptop's current month (the everyday case): the same
   three, from the write until the walk is stored;
 - the CLI's reports on the file without the laptop and with it (hyperfine,
   as bench/cli_latency.sh times them): the totals across devices are kept
   per day, so a range costs what it cost for one device.

Run by hand; nothing here is a test (a test must not assert time).
Usage: sync_read.py BUILD_DIR [--years N] [--out FILE.json]"""
import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "e2e"))
import benchlib  # noqa: E402
import make_ten_year_db  # noqa: E402
from journal_lines import journal_name, line, name_line  # noqa: E402

LAPTOP = "00c4e1a27b9d3f58"


def write_journals(folder, years):
    """The laptop's ten years as journals, one file per UTC month of the
    records; the number of entries."""
    walks, bouts, reminders, checkins, _ = make_ten_year_db.history(years, 0, seed=2)
    records = []  # (time, kind, fields)
    for s, e, o, how, note in walks:
        records.append((s, "walk", dict(start=s, end=e, utc_offset=o, how=how, note=note)))
    for s, e, o in bouts:
        records.append((s, "sitting_bout", dict(start=s, end=e, utc_offset=o)))
    for s, esc, out, r, o in reminders:
        records.append((s, "reminder", dict(shown=s, escalated=bool(esc), outcome=out,
                                            resolved=r, utc_offset=o)))
    for a, feel, o in checkins:
        records.append((a, "checkin", dict(at=a, feel=feel, utc_offset=o)))
    records.sort(key=lambda r: r[0])
    files, ids = {}, {}
    seq = 1
    first_month = time.strftime("%Y-%m", time.gmtime(records[0][0]))
    files[first_month] = [name_line(LAPTOP, 1, "laptop")]
    for t, kind, fields in records:
        seq += 1
        ids[kind] = ids.get(kind, 0) + 1
        month = time.strftime("%Y-%m", time.gmtime(t))
        files.setdefault(month, []).append(line(LAPTOP, seq, kind, ids[kind], **fields))
    for month, lines in files.items():
        with open(os.path.join(folder, journal_name("laptop", LAPTOP, month)), "w") as f:
            f.writelines(lines)
    return seq, max(files), ids["walk"]


def stored_sequence(db):
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            row = con.execute("SELECT last_sequence FROM devices").fetchone()
            return row[0] if row else 0
    except sqlite3.Error:
        return 0


class StatusProbe:
    """`status` requests back to back on the control socket in a thread: the
    slowest round trip while it runs is how long the loop was held."""

    def __init__(self, socket_path):
        self.socket_path = socket_path
        self.times = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            try:
                _, sent, received = benchlib.control_request(self.socket_path, {"cmd": "status"})
                self.times.append(received - sent)
            except OSError:
                time.sleep(0.01)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def summary(self):
        ts = sorted(self.times)
        if not ts:
            return {"requests": 0}
        return {"requests": len(ts), "median_ms": round(ts[len(ts) // 2] * 1000, 2),
                "p99_ms": round(ts[int(len(ts) * 0.99)] * 1000, 2),
                "max_ms": round(ts[-1] * 1000, 2)}


def cpu_seconds(pid):
    return benchlib.sample(pid)["cpu_ticks"] / benchlib.CLK_TCK


def wait_for(predicate, limit):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def hyperfine(cli, config, db, socket, label, args, out_json):
    argv = [cli, "--config", config, "--db", db, "--socket", socket, *args]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=os.environ | {"TZ": "UTC"})
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--min-runs", "30", "--style", "none",
                    "--export-json", out_json, "-n", label, " ".join(argv)],
                   check=True, stdout=subprocess.DEVNULL, env=os.environ | {"TZ": "UTC"})
    with open(out_json) as f:
        r = json.load(f)["results"][0]
    return {"mean_ms": round(r["mean"] * 1000, 2), "stddev_ms": round(r["stddev"] * 1000, 2),
            "cpu_ms": round((r["user"] + r["system"]) * 1000, 1)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build")
    ap.add_argument("--years", type=float, default=10)
    ap.add_argument("--out")
    args = ap.parse_args()
    daemon = os.path.join(os.path.abspath(args.build), "daemon", "walkbreakd")
    cli = os.path.join(os.path.abspath(args.build), "cli", "walkbreak")
    if shutil.which("hyperfine") is None:
        print("SKIP: hyperfine is not installed (scripts/install-deps bench)")
        return 77
    work = tempfile.mkdtemp(prefix="walkbreak-sync-bench-")
    results = {"machine": benchlib.machine(), "load_average": os.getloadavg()[0],
               "years": args.years}
    proc = None
    try:
        db = os.path.join(work, "walkbreak.db")
        make_ten_year_db.create_schema(cli, db)
        counts = make_ten_year_db.generate(db, args.years, 0)
        make_ten_year_db.settle(cli, db)
        before = os.path.join(work, "one-device.db")
        shutil.copy(db, before)
        folder = os.path.join(work, "Sync")
        os.makedirs(folder)
        entries, current_month, walks = write_journals(folder, args.years)
        journal_bytes = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
        results["this_computer"] = counts
        results["laptop"] = {"entries": entries, "files": len(os.listdir(folder)),
                             "bytes": journal_bytes}

        run = os.path.join(work, "run")
        os.makedirs(run, mode=0o700)
        config = os.path.join(work, "config.toml")
        with open(config, "w") as f:
            f.write(f'[sync]\nfolder = "{folder}"\ndevice_name = "desk"\n')
        socket = os.path.join(run, "control.sock")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "TZ": "UTC",
               "XDG_RUNTIME_DIR": run, "XDG_CONFIG_HOME": work, "XDG_DATA_HOME": work}
        started = time.monotonic()
        proc = subprocess.Popen([daemon, "--config", config, "--db", db, "--socket", socket],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with StatusProbe(socket) as probe:
            assert wait_for(lambda: stored_sequence(db) == entries, 600), "never stored"
            read_s = time.monotonic() - started
        results["first_read"] = {"seconds": round(read_s, 2),
                                 "daemon_cpu_s": round(cpu_seconds(proc.pid), 2),
                                 "status": probe.summary()}

        cpu_before = cpu_seconds(proc.pid)
        now = int(time.time())
        path = os.path.join(folder, journal_name("laptop", LAPTOP, current_month))
        with StatusProbe(socket) as probe:
            t0 = time.monotonic()
            with open(path, "a") as f:
                f.write(line(LAPTOP, entries + 1, "walk", walks + 1, start=now - 600,
                             end=now - 300, utc_offset=0, how="auto", note=""))
            assert wait_for(lambda: stored_sequence(db) == entries + 1, 600), "never stored"
            results["new_line"] = {"seconds": round(time.monotonic() - t0, 3),
                                   "daemon_cpu_s": round(cpu_seconds(proc.pid) - cpu_before, 3)}
        results["new_line"]["status"] = probe.summary()
        results["daemon_rss_kib"] = benchlib.sample(proc.pid)["rss_kib"]
        proc.terminate()
        proc.wait(10)
        proc = None

        today = dt.date.today()
        cases = [("stats --week", ["stats", "--week"]),
                 ("stats --month", ["stats", "--month"]),
                 ("stats, ten years, --json",
                  ["stats", "--from", str(today.replace(year=today.year - int(args.years))),
                   "--to", "today", "--json"]),
                 ("history --limit 50", ["history", "--limit", "50"]),
                 ("today", ["today"])]
        results["cli"] = {}
        for label, argv in cases:
            results["cli"][label] = {
                "one_device": hyperfine(cli, config, before, socket, label, argv,
                                        os.path.join(work, "h1.json")),
                "two_devices": hyperfine(cli, config, db, socket, label, argv,
                                         os.path.join(work, "h2.json"))}
    finally:
        if proc is not None:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
