#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`walkbreak doctor` on a healthy private desktop, then with one thing broken
at a time: each problem is named, comes with its fix, and makes it exit 1."""
import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from desktop import CLI, Desktop, run, wait_until  # noqa: E402

CONFIG = '[reminder]\ninterval = "30m"\n'


def doctor(d, env=None):
    r = subprocess.run([CLI, "--config", d.config_path, "--db", d.db_path, "--socket",
                        d.socket_path, "doctor", "--json"], env=env or d.env,
                       capture_output=True, text=True, timeout=60)
    return r.returncode, json.loads(r.stdout)


def finding(report, area, health=None):
    for f in report["findings"]:
        if f["area"] == area and (health is None or f["health"] == health):
            return f
    raise AssertionError(f"no {health or ''} finding for {area}: {report}")


def main():
    with Desktop(CONFIG, with_logind=True, name="doctor") as d:
        d.start_daemon()
        wait_until(lambda: os.path.exists(d.db_path), 5, "the database")

        code, report = doctor(d)
        assert code == 0 and report["healthy"], report
        in_use = [f for f in report["findings"] if "uses this one" in f["detail"]]
        assert len(in_use) == 1 and in_use[0]["subject"] == "x11-sync", report
        assert "dunst" in finding(report, "notifications", "ok")["subject"]
        assert "actions" in finding(report, "notifications", "ok")["detail"]
        assert finding(report, "logind")["health"] == "ok"
        assert "running" in finding(report, "service", "ok")["detail"]
        assert "integrity ok" in finding(report, "database")["detail"]
        # Meeting signals: dunst's do-not-disturb is seen; the others say why not.
        meeting = {f["subject"]: f for f in report["findings"] if f["area"] == "meeting"}
        assert meeting["do-not-disturb"]["detail"] == "available (dunst)", meeting
        # No camera on this machine: watched for one to be plugged in, and said so.
        assert meeting["camera"]["detail"].startswith(
            "available (inotify): no camera device matches /dev/video* now"), meeting
        assert meeting["camera"]["health"] == "info", meeting
        assert sorted(meeting) == ["camera", "do-not-disturb", "fullscreen", "microphone"], meeting
        # A backend not available while another works is no "ok" line.
        for f in report["findings"]:
            assert not (f["health"] == "ok" and "not available" in f["detail"]), f
        # Sync is off: one info line, nothing to fix.
        sync = [f for f in report["findings"] if f["area"] == "sync"]
        assert len(sync) == 1 and sync[0]["health"] == "info", sync
        assert sync[0]["detail"].startswith("off") and not sync[0]["fix"], sync

        # No display: no idle source, and the fix says how to pass the display on.
        env = {k: v for k, v in d.env.items() if k != "DISPLAY"}
        code, report = doctor(d, env)
        problem = finding(report, "idle", "problem")
        assert code == 1 and "import-environment" in problem["fix"], report

        # A broken config names file, line and key.
        d.write_config('[reminder]\nintervall = "30m"\n')
        code, report = doctor(d)
        problem = finding(report, "config", "problem")
        assert code == 1 and problem["subject"] == d.config_path, problem
        assert problem["detail"].startswith("2:") and d.config_path not in problem["detail"]
        assert "did you mean" in problem["detail"], problem
        d.write_config(CONFIG)

        # Sync on: a missing folder is a problem with its fix; once there and
        # shared by Syncthing (.stfolder), it is fine, with no other device yet.
        folder = os.path.join(d.dir, "Sync", "walkbreak")
        d.write_config(CONFIG + f'[sync]\nfolder = "{folder}"\n')
        code, report = doctor(d)
        problem = finding(report, "sync", "problem")
        assert code == 1 and problem["subject"] == folder, problem
        assert problem["fix"].startswith(f"mkdir -p {folder}"), problem
        os.makedirs(folder)
        open(os.path.join(folder, ".stfolder"), "w").close()
        code, report = doctor(d)
        assert code == 0, report
        sync = {f["subject"]: f for f in report["findings"] if f["area"] == "sync"}
        assert sync[folder]["health"] == "ok", sync
        assert sync["syncthing"]["health"] == "ok", sync
        assert sync["other devices"]["detail"].startswith("none seen yet"), sync
        d.write_config(CONFIG)

        # A database from a newer walkbreak is refused, and left alone.
        assert d.stop_daemon() == 0
        with sqlite3.connect(d.db_path) as db:
            db.execute("PRAGMA user_version = 99")
        before = open(d.db_path, "rb").read()
        code, report = doctor(d)
        problem = finding(report, "database", "problem")
        assert code == 1 and "newer" in problem["fix"], problem
        assert open(d.db_path, "rb").read() == before

        # No notification server on the bus.
        subprocess.run(["pkill", "-f", f"dunst -config {d.dir}/dunstrc"], check=False)
        wait_until(lambda: not d._has_owner("org.freedesktop.Notifications"), 5, "dunst gone")
        code, report = doctor(d)
        problem = finding(report, "notifications", "problem")
        assert code == 1 and "apt install" in problem["fix"], problem


if __name__ == "__main__":
    run(main)
