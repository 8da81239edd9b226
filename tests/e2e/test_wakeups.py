#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: while nothing is due, nothing in walkbreakd is set to wake it.

The daemon sleeps in epoll; the only things that can wake it without an event
from outside are its timerfds. The kernel shows each one's clock and time left
in /proc/PID/fdinfo, so this test reads them while the user works, after CLI
calls and with a `status --follow` client connected, and asserts that exactly
one is armed: the next reminder, on CLOCK_BOOTTIME. A timer left armed for a
client that has hung up, a retry, or the periodic timer asio's reactor keeps
once any asio timer is used (all CLOCK_MONOTONIC) fails it.
Usage: test_wakeups.py"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, wait_until  # noqa: E402

CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME = 0, 1, 7
CONFIG = """
[idle]
away_after = "1m"
[reminder]
interval = "30m"
"""


def armed_timers(pid):
    """(clockid, seconds left) of each armed timerfd of `pid`."""
    armed = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") != "anon_inode:[timerfd]":
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                info = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
        except FileNotFoundError:
            continue  # closed while listed
        sec, nsec = (int(x) for x in info["it_value"].strip(" ()").split(","))
        if sec or nsec:
            armed.append((int(info["clockid"]), sec + nsec / 1e9))
    return armed


def check_only_the_reminder_is_armed(pid, when):
    armed = armed_timers(pid)
    # ClockWatch's CLOCK_REALTIME timer is armed years ahead: it only ever
    # fires when someone sets the clock (TFD_TIMER_CANCEL_ON_SET).
    waking = [t for t in armed if t[0] != CLOCK_REALTIME or t[1] < 365 * 86400]
    assert len(waking) == 1, f"{when}: armed timerfds {armed}"
    clock, left = waking[0]
    assert clock == CLOCK_BOOTTIME, f"{when}: the armed timer is on clock {clock}: {armed}"
    assert 25 * 60 < left <= 30 * 60, f"{when}: the reminder is {left:.0f} s away: {armed}"


def main():
    with Desktop(CONFIG, name="wakeups") as d:
        d.move_pointer()
        proc = d.start_daemon()  # waits with `walkbreak status` requests
        with d.at_keyboard():
            for args in (("status",), ("status", "--json"), ("today",), ("pause", "1m"),
                         ("resume",)):
                r = d.cli(*args)
                assert r.returncode == 0, (args, r.stderr)
            # The hang-ups are read from the loop: give it a moment.
            wait_until(lambda: len(armed_timers(proc.pid)) <= 2, 5, "the clients' timers to go")
            check_only_the_reminder_is_armed(proc.pid, "after CLI calls")

            follow = subprocess.Popen(
                d.cli_command("status", "--follow", "--json"), env=d.env,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                assert follow.stdout.readline(), "no status from --follow"
                time.sleep(0.5)
                check_only_the_reminder_is_armed(proc.pid, "with a subscriber")
            finally:
                follow.terminate()
                follow.wait(5)
    print("ok: only the next reminder is armed, on CLOCK_BOOTTIME")


if __name__ == "__main__":
    main()
