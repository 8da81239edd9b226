#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Resource bounds of a running walkbreakd: thousands of control requests
(each on a connection of its own), 2000 connections opened and left idle,
clients hanging up mid-reply, and reminder round trips through the
notification server. Open file descriptors return to their baseline and
resident memory grows by less than 1 MiB after a warm-up.

Usage: test_resources.py [--requests N] [--reminders N]
"""
import argparse
import os
import resource
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, control_request as request, run, wait_until  # noqa: E402
from faults import assert_not_spinning, fd_count, rss_kib  # noqa: E402

# A reminder a second after the snooze: many notification round trips fast.
CONFIG = """
[idle]
away_after = "30s"
[reminder]
interval = "5s"
escalate_after = "0s"
snooze = "1s"
"""


def burst(path, n):
    for i in range(n):
        kind = i % 5
        if kind == 0:
            assert b'"ok":true' in request(path, b'{"cmd":"status"}\n')
        elif kind == 1:
            assert b'"ok":false' in request(path, b'{"cmd":"st\xff\xfe"}\n')
        elif kind == 2:
            request(path, b'{"cmd":"status"}\n', read=False)  # hang up before the reply
        elif kind == 3:
            request(path, b'{"cmd":"subscribe"}\n', read=False)  # a subscriber that leaves
        else:
            assert b'"ok":false' in request(path, b"x" * 5000)  # oversize


def reminder_round_trips(d, n):
    """Each: Snooze from the socket, and a second later the next reminder
    reaches dunst (its script logs it)."""
    wait_until(lambda: d.status()["reminder_showing"], 15, "a reminder")
    for _ in range(n):
        count = len(d.shown())
        assert b'"ok":true' in request(d.socket_path, b'{"cmd":"snooze"}\n')
        d.wait_shown("walk", after=count, timeout=15)
        wait_until(lambda: d.status()["reminder_showing"], 5, "the reminder state")


def resources(requests, reminders):
    # Enough descriptors for 2000 idle clients in this process.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 4096)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, want), hard))
    idle_clients = min(2000, want - 200)

    with Desktop(CONFIG, name="resources") as d:
        d.start_daemon()
        pid = d.daemon.pid
        with d.at_keyboard(1.0):
            # Warm-up: first use of every path, allocator arenas, GLib's caches.
            burst(d.socket_path, 500)
            reminder_round_trips(d, 3)
            time.sleep(1)
            fd0, rss0 = fd_count(pid), rss_kib(pid)

            burst(d.socket_path, requests)
            reminder_round_trips(d, reminders)

            idle = []
            for _ in range(idle_clients):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(d.socket_path)
                idle.append(s)
            # The daemon caps its connections: its descriptors stay bounded
            # and a normal client still gets in.
            assert d.cli_ok("status", "--json")
            assert fd_count(pid) <= fd0 + 80, (fd0, fd_count(pid))
            for s in idle:
                s.close()

            wait_until(lambda: fd_count(pid) <= fd0, 15, "descriptors back to the baseline")
            rss1 = rss_kib(pid)
        assert_not_spinning(pid, limit=0.5)
        grew = rss1 - rss0
        print(f"{requests} requests, {reminders} reminder round trips, {idle_clients} idle "
              f"connections: fds {fd0} -> {fd_count(pid)}, RSS {rss0} -> {rss1} KiB "
              f"({grew:+d} KiB)")
        assert grew < 1024, f"RSS grew by {grew} KiB"
        assert d.daemon.poll() is None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--requests", type=int, default=3000)
    p.add_argument("--reminders", type=int, default=20)
    a = p.parse_args()
    run(lambda: resources(a.requests, a.reminders))


if __name__ == "__main__":
    main()
