#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: meetings. A call without typing is not an absence, the
reminder that falls due in it waits until just after it, and nothing is
credited; a call of a minute or more is recorded when it ends and counted
in the day's meeting minutes. The manual signal (`walkbreak meeting`, `meeting end`), a call
recording the microphone of a real PipeWire, a camera
node of the test's own held open by a process, and do-not-disturb on the real
dunst (`dunstctl set-paused`).
Usage: test_meetings.py [desktop_signals | microphone]"""
import os
import signal
import subprocess
import sys
import time
from datetime import datetime

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, run, wait_until  # noqa: E402

# Away after 2 s without input; a reminder after 12 s of sitting; a walk of
# 3-60 s would be credited without a question. A reminder held for a meeting
# comes 2 s after it.
CONFIG = """
[idle]
away_after = "2s"
[reminder]
interval = "12s"
escalate_after = "0s"
[walk]
min = "3s"
max = "60s"
credit = "auto"
[meeting]
remind_after = "2s"
camera_devices = "{dir}/video*"
"""

HELD = "meeting — time to stand up and walk"


def held_in_meeting(d):
    s = d.status()
    return s["meeting"] is not None and s["next_reminder_in_seconds"] is None


def a_call_on_the_microphone():
    """The real thing: parecord records a microphone of a real PipeWire."""
    with Desktop(CONFIG.format(dir="/nonexistent"), name="meeting-mic") as d:
        d.start_audio()
        d.start_daemon()
        assert "microphone: using pulseaudio" in d.daemon_log_text(), d.daemon_log_text()
        with d.at_keyboard():
            time.sleep(1)
            call = d.record_microphone()
            wait_until(lambda: (d.status()["meeting"] or {}).get("signals") == ["microphone"], 15,
                       "the recording to be a meeting")
        # Listening without typing, long past idle.away_after, until the reminder is held.
        wait_until(lambda: held_in_meeting(d), 30, "the due reminder to be held")
        assert d.status()["state"] == "sitting"
        assert not any(HELD in n[2] for n in d.shown()), d.shown()
        # A call of over a minute, so that it is recorded and counts a minute.
        since = datetime.fromisoformat(d.status()["meeting"]["since"]).timestamp()
        wait_until(lambda: time.time() >= since + 62 and held_in_meeting(d), 90,
                   "the call to last over a minute")
        assert d.db_rows("SELECT COUNT(*) FROM meetings") == [(0,)]  # recorded when it ends
        with d.at_keyboard():
            call.terminate()
            call.wait()
            n = d.wait_shown(HELD, timeout=15)
            assert "sitting for" in n[3], n
        # The row is written when the call ends, and the day's totals count it.
        rows = d.db_rows("SELECT start_utc, end_utc, signals FROM meetings")
        assert len(rows) == 1 and rows[0][2] == "microphone", rows
        start, end, _ = rows[0]
        assert start <= since + 1 and end - start >= 62, (rows, since)
        day = d.cli_json("stats", "--day", "today")
        assert day["meeting_minutes"] == (end - start) // 60 >= 1, day
        assert f"{day['meeting_minutes']} min in meetings" in d.cli("today").stdout
        assert d.stop_daemon(signal.SIGTERM) == 0
        assert d.db_rows("SELECT COUNT(*) FROM walks") == [(0,)]
        assert d.db_rows("SELECT COUNT(*) FROM meetings") == [(1,)]


def a_call_without_typing_is_sitting():
    with Desktop(CONFIG.format(dir="/nonexistent"), name="meeting") as d:
        d.start_daemon()
        with d.at_keyboard():
            time.sleep(1)
            r = d.cli("meeting")
            assert r.returncode == 0, r.stderr
            assert r.stdout == "in a meeting until `walkbreak meeting end`; reminders wait\n", r.stdout
        # Listening: no input for far longer than idle.away_after, until the
        # reminder is due (at 12 s) and held.
        wait_until(lambda: held_in_meeting(d), 30, "the due reminder to be held")
        s = d.status()
        assert s["state"] == "sitting", s
        assert s["meeting"]["signals"] == ["manual"], s
        assert s["sitting_seconds"] >= 12, s
        assert not any(HELD in n[2] for n in d.shown()), d.shown()
        text = d.cli("status").stdout
        assert "in a meeting since " in text and "(manual)" in text, text

        with d.at_keyboard():
            r = d.cli("meeting", "end")
            assert r.stdout == "meeting ended\n", r.stdout
            n = d.wait_shown(HELD, timeout=15)
            assert "sitting for" in n[3], n
            assert d.status()["meeting"] is None
        assert d.stop_daemon(signal.SIGTERM) == 0
        # Not a minute of the call was credited as a walk.
        assert d.db_rows("SELECT COUNT(*) FROM walks") == [(0,)]
        bouts = d.db_rows("SELECT COUNT(*) FROM sitting_bouts")
        assert bouts == [(1,)], bouts  # one bout: the call did not end it

        r = d.cli("meeting", "soon")
        assert r.returncode == 2 and "or `end`" in r.stderr, (r.returncode, r.stderr)


def desktop_signals():
    with Desktop(CONFIG.format(dir="{dir}"), name="meeting-signals") as d:
        d.write_config(CONFIG.format(dir=d.dir))
        node = os.path.join(d.dir, "video0")
        open(node, "w").close()
        d.start_daemon()
        assert "camera: using inotify" in d.daemon_log_text(), d.daemon_log_text()
        # A video call opens the camera.
        call = subprocess.Popen(["sh", "-c", f"exec 3<'{node}'; exec sleep 600"], env=d.env)
        try:
            wait_until(lambda: (d.status()["meeting"] or {}).get("signals") == ["camera"], 15,
                       "the open camera to be a meeting")
            subprocess.run(["dunstctl", "set-paused", "true"], env=d.env, check=True)
            wait_until(lambda: (d.status()["meeting"] or {}).get("signals")
                       == ["camera", "do-not-disturb"], 15, "do-not-disturb to count too")
            waybar = d.cli("status", "--waybar").stdout
            assert '"class":"meeting"' in waybar, waybar
        finally:
            call.terminate()
            call.wait()
        wait_until(lambda: d.status()["meeting"]["signals"] == ["do-not-disturb"], 15,
                   "the closed camera to end its part")
        subprocess.run(["dunstctl", "set-paused", "false"], env=d.env, check=True)
        wait_until(lambda: d.status()["meeting"] is None, 15, "the meeting to end")
        waybar = d.cli("status", "--waybar").stdout
        assert '"class":"meeting"' not in waybar, waybar
        assert d.stop_daemon(signal.SIGTERM) == 0


if __name__ == "__main__":
    scenarios = {"desktop_signals": desktop_signals, "microphone": a_call_on_the_microphone}
    run(scenarios.get(sys.argv[1] if sys.argv[1:] else "", a_call_without_typing_is_sitting))
