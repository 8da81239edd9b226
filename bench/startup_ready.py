#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time from exec of walkbreakd to its READY=1, as systemd sees it: the
daemon's sd_notify datagram arrives on a NOTIFY_SOCKET this script listens
on, on a desktop of tests/e2e/desktop.py (Xvfb, session bus, dunst), so the
idle probe and the notification server are the real ones.

The clock starts just before fork+exec (subprocess.Popen), so the figure
includes process creation and dynamic linking, as under systemd.

Usage: startup_ready.py [--runs N] [--json FILE] [--check] [--build-dir DIR]
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

TARGET_MS = 50.0


def one_start(d, desktop_mod, listener, notify_path):
    env = dict(d.env, NOTIFY_SOCKET=notify_path)
    t0 = time.monotonic()
    proc = subprocess.Popen([desktop_mod.DAEMON, "--config", d.config_path, "--db", d.db_path,
                             "--socket", d.socket_path], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        listener.settimeout(10)
        while True:
            data = listener.recv(4096)
            t1 = time.monotonic()
            if b"READY=1" in data.split(b"\n"):
                # CPU time spent up to READY=1, all threads: unlike the wall
                # clock, it does not grow when other work shares the CPUs.
                cpu_ns = sum(int(open(f"/proc/{proc.pid}/task/{tid}/schedstat").read().split()[0])
                             for tid in os.listdir(f"/proc/{proc.pid}/task"))
                return (t1 - t0) * 1000.0, cpu_ns / 1e6
    finally:
        proc.terminate()
        proc.wait(10)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json")
    ap.add_argument("--build-dir")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--limit-ms", type=float, default=TARGET_MS)
    args = ap.parse_args()
    desktop_mod = benchlib.use_build(args.build_dir)
    try:
        desktop_mod.require("Xvfb", "dbus-daemon", "dunst", "dunstctl", "xdotool")
    except desktop_mod.Skip as e:
        print(f"SKIP: {e}")
        return 77
    with desktop_mod.Desktop("", name="bench-startup") as d:
        notify_path = os.path.join(d.dir, "notify.sock")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
            listener.bind(notify_path)
            # The first start creates the database; every later one opens it,
            # as at each login. Both are reported; the median is of the later.
            first, _ = one_start(d, desktop_mod, listener, notify_path)
            runs = [one_start(d, desktop_mod, listener, notify_path) for _ in range(args.runs)]
    times = [wall for wall, _ in runs]
    cpu = [c for _, c in runs]
    result = {"first_start_ms": first, "runs": args.runs, "median_ms": statistics.median(times),
              "min_ms": min(times), "max_ms": max(times), "all_ms": times,
              "median_cpu_ms": statistics.median(cpu), "load_1min": os.getloadavg()[0]}
    print(f"exec to READY=1: median {result['median_ms']:.1f} ms over {args.runs} starts "
          f"(min {result['min_ms']:.1f}, max {result['max_ms']:.1f}); first start, creating the "
          f"database: {first:.1f} ms; CPU time to READY=1: median {result['median_cpu_ms']:.1f} ms; "
          f"load average {result['load_1min']:.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
    if args.check:
        if result["median_ms"] > args.limit_ms:
            print(f"FAIL: median {result['median_ms']:.1f} ms > {args.limit_ms} ms", file=sys.stderr)
            return 1
        print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
