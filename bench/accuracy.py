#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How punctual walkbreakd is, on a desktop of tests/e2e/desktop.py:

1. Reminders: the daemon's own promise (`next_reminder_in_seconds`) against
   the moment its Notify call reaches the session bus. The status counts
   down in whole seconds, rounded up; polling it every 20 ms and catching
   the step from k to k-1 pins the due time between two requests, which
   bounds the due time to about 20 ms. dbus-monitor stamps the Notify call
   as the bus delivers it, so the delay is what the user sees, less dunst's
   drawing. Each reminder is answered with Skip, which starts the next.
2. Idle to active: the user returns (xdotool moves the pointer at T0) and
   `walkbreak status --follow --json` prints the new state. The figure is
   an upper bound: it includes xdotool's own start-up, the daemon, and the
   CLI relaying the line; the round trip of a plain status request on the
   control socket is reported beside it as the size of the relay's share.

Usage: accuracy.py [--reminders N] [--returns N] [--json FILE] [--check] [--build-dir DIR]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

CONFIG = """
[idle]
away_after = "2s"
[reminder]
interval = "15s"
escalate_after = "0s"
"""
TARGET_REMINDER_S = 1.0
TARGET_RETURN_MS = 100.0


def bracket_due(socket_path, timeout=3.0):
    """(low, high) monotonic bounds of the next reminder's due time."""
    prev = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply, t_sent, t_received = benchlib.control_request(socket_path, {"cmd": "status"})
        st = reply.get("status", reply)
        k = st.get("next_reminder_in_seconds")
        if k is not None and prev is not None and k == prev[0] - 1:
            # ceil(due - now) was prev[0] at some instant in [prev sent, prev
            # received] and k at some instant in [t_sent, t_received]: the
            # step to k happened at due - k, between those two requests.
            return prev[1] + k, t_received + k
        prev = (k, t_sent) if k is not None else None
        time.sleep(0.02)
    raise AssertionError("next_reminder_in_seconds did not count down")


class NotifyMonitor:
    """Times of Notify calls on the session bus, as monotonic seconds."""

    def __init__(self, env):
        self.times = []
        self.proc = subprocess.Popen(
            ["dbus-monitor", "--session",
             "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        pattern = re.compile(r"method call time=([0-9.]+).*member=Notify")
        for line in self.proc.stdout:
            m = pattern.search(line)
            if m:
                # dbus-monitor stamps with the wall clock; convert to monotonic.
                self.times.append(float(m.group(1)) - (time.time() - time.monotonic()))

    def close(self):
        self.proc.terminate()
        self.proc.wait(5)


def reminder_delays(d, desktop_mod, count):
    monitor = NotifyMonitor(d.env)
    time.sleep(0.5)  # dbus-monitor has subscribed
    delays, widths = [], []
    try:
        with d.at_keyboard(period=0.5):
            for _ in range(count):
                desktop_mod.wait_until(
                    lambda: (benchlib.status(d.socket_path).get("next_reminder_in_seconds") or 0) >= 3,
                    20, "a reminder at least 3 s away")
                seen = len(monitor.times)
                low, high = bracket_due(d.socket_path)
                due = (low + high) / 2
                desktop_mod.wait_until(lambda: len(monitor.times) > seen, 30, "the Notify call")
                delays.append(monitor.times[seen] - due)
                widths.append(high - low)
                desktop_mod.wait_until(lambda: benchlib.status(d.socket_path)["reminder_showing"],
                                       5, "the reminder in the status")
                d.press("Skip")
                desktop_mod.wait_until(
                    lambda: not benchlib.status(d.socket_path)["reminder_showing"], 10,
                    "Skip to be taken")
    finally:
        monitor.close()
    return delays, widths


def return_latencies(d, desktop_mod, count):
    follow = subprocess.Popen([desktop_mod.CLI, "--config", d.config_path, "--db", d.db_path,
                               "--socket", d.socket_path, "status", "--follow", "--json"],
                              env=d.env, stdout=subprocess.PIPE, text=True)
    lines = []
    lock = threading.Condition()

    def read():
        for line in follow.stdout:
            t = time.monotonic()
            with lock:
                lines.append((t, json.loads(line)))
                lock.notify_all()
    threading.Thread(target=read, daemon=True).start()

    def wait_for(pred, after, timeout):
        deadline = time.monotonic() + timeout
        with lock:
            while True:
                for t, s in lines:
                    if t >= after and pred(s):
                        return t
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out waiting for a status line")
                lock.wait(left)

    upper, lower = [], []
    try:
        for _ in range(count):
            d.move_pointer()
            wait_for(lambda s: s["state"] == "away", time.monotonic(), 15)
            time.sleep(0.5)
            t0 = time.monotonic()
            subprocess.run(["xdotool", "mousemove", "500", str(100 + len(upper))], env=d.env,
                           check=True)
            t1 = time.monotonic()
            seen = wait_for(lambda s: s["state"] != "away", t0, 5)
            upper.append((seen - t0) * 1000)
            lower.append(max(0.0, seen - t1) * 1000)
    finally:
        follow.terminate()
        follow.wait(5)
    return upper, lower


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reminders", type=int, default=5)
    ap.add_argument("--returns", type=int, default=10)
    ap.add_argument("--json")
    ap.add_argument("--build-dir")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    desktop_mod = benchlib.use_build(args.build_dir)
    try:
        desktop_mod.require("Xvfb", "dbus-daemon", "dbus-monitor", "dunst", "dunstctl", "xdotool")
    except desktop_mod.Skip as e:
        print(f"SKIP: {e}")
        return 77
    with desktop_mod.Desktop(CONFIG, name="bench-accuracy") as d:
        d.move_pointer()
        d.start_daemon()
        delays, widths = reminder_delays(d, desktop_mod, args.reminders)
        round_trips = []
        for _ in range(20):
            _, t_sent, t_received = benchlib.control_request(d.socket_path, {"cmd": "status"})
            round_trips.append((t_received - t_sent) * 1000)
        upper, lower = return_latencies(d, desktop_mod, args.returns)
    result = {
        "reminder_delay_s": delays, "due_bracket_width_s": widths,
        "reminder_delay_max_s": max(delays), "reminder_delay_median_s": statistics.median(delays),
        "return_latency_ms_upper": upper, "return_latency_ms_after_xdotool": lower,
        "return_latency_median_ms": statistics.median(upper), "return_latency_max_ms": max(upper),
        "status_round_trip_median_ms": statistics.median(round_trips),
    }
    print(f"reminder delay after its due time: median {result['reminder_delay_median_s'] * 1000:.0f}"
          f" ms, max {result['reminder_delay_max_s'] * 1000:.0f} ms over {len(delays)} reminders "
          f"(due time known to +-{max(widths) * 500:.0f} ms)")
    print(f"idle -> active seen on status --follow: median {result['return_latency_median_ms']:.1f}"
          f" ms, max {result['return_latency_max_ms']:.1f} ms after xdotool started "
          f"(median {statistics.median(lower):.1f} ms after it exited); a status round trip takes "
          f"{result['status_round_trip_median_ms']:.2f} ms")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
    if args.check:
        failures = []
        if max(abs(x) for x in delays) > TARGET_REMINDER_S:
            failures.append(f"a reminder came {result['reminder_delay_max_s']:.3f} s off its time")
        if result["return_latency_median_ms"] > TARGET_RETURN_MS:
            failures.append(f"idle -> active took {result['return_latency_median_ms']:.1f} ms")
        for line in failures:
            print(f"FAIL: {line}", file=sys.stderr)
        if failures:
            return 1
        print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
