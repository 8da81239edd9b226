#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""walkbreakd's footprint on a real X server (Xvfb) with dunst: memory, CPU
time, context switches and threads while (a) the user works without pause,
(b) the user is away, (c) reminders fire every minute, (d) the user is away
with a real audio server (PipeWire and its pulse server) running beside it,
so that the microphone meeting signal is watched.

Each scenario gets its own desktop (tests/e2e/desktop.py) so the three can
run at once; every figure is per process, read from /proc/PID and
/proc/PID/task/*, once a second, from outside.

Usage: daemon_footprint.py [--window S] [--scenario working,away,reminders,audio]
                           [--json FILE] [--check] [--build-dir DIR]
"""
import argparse
import json
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

# (a) and (b): the defaults but a short away threshold, so that (b) reports
# idle within seconds and most of the window is "away with nothing due".
QUIET_CONFIG = """
[idle]
away_after = "10s"
"""
# (c): a reminder after one minute of sitting. Skip restarts the interval,
# so answering Skip makes one reminder a minute; left unanswered, a reminder
# escalates once and then stays until answered (DESIGN.md §3), which would
# leave the window with nothing due.
REMINDER_CONFIG = """
[reminder]
interval = "1m"
"""

# Set by SIGTERM/SIGINT: the scenarios stop sampling and tear their
# desktops down, so that no Xvfb or daemon outlives an interrupted run.
ABORT = threading.Event()

TARGET_RSS_KIB = 8 * 1024
TARGET_CPU_MS_PER_HOUR = 20.0
TARGET_WAKEUPS_PER_MIN = 1.0
# The scenarios in which nothing is due: held to the CPU and wake-up targets.
QUIET = ("working", "away", "audio")


def run_scenario(desktop_mod, name, window, period, results, errors):
    try:
        results[name] = scenario(desktop_mod, name, window, period)
    except BaseException as e:  # reported by the main thread
        errors[name] = e


def scenario(desktop_mod, name, window, period):
    config = REMINDER_CONFIG if name == "reminders" else QUIET_CONFIG
    with desktop_mod.Desktop(config, name=f"bench-{name}") as d:
        if name == "audio":
            d.start_audio()
        d.move_pointer()
        last_input = started = time.monotonic()
        proc = d.start_daemon(wait_ready=False)
        desktop_mod.wait_until(lambda: "ready:" in d.daemon_log_text(), 10, "walkbreakd ready")
        pid = proc.pid
        # One client request before the window, as `walkbreak status` would
        # make: a connection that has hung up must leave nothing that wakes
        # the daemon later (its 60 s idle timeout is disarmed with it).
        benchlib.status(d.socket_path)
        stop = threading.Event()
        workers = []
        notes = {}

        def work():
            # The user at the keyboard: the pointer moves every `period` s.
            while not stop.is_set():
                d.move_pointer()
                stop.wait(period)

        def skip_reminders():
            # Answers each reminder with Skip as soon as dunst shows it.
            answered = 0
            while not stop.is_set():
                shown = [n for n in d.shown() if "walk" in n[2].lower()]
                if len(shown) > answered:
                    answered = len(shown)
                    try:
                        d.press("Skip", patience=1)
                    except AssertionError:
                        pass  # the menu came late; counted from the log below
                stop.wait(0.2)

        if name in ("working", "reminders"):
            workers.append(threading.Thread(target=work, daemon=True))
        if name == "reminders":
            workers.append(threading.Thread(target=skip_reminders, daemon=True))
        for w in workers:
            w.start()

        if name == "audio" and "microphone: using pulseaudio" not in d.daemon_log_text():
            raise RuntimeError("audio: walkbreakd does not watch the microphone")
        if name in ("away", "audio"):
            # Wait for the idle report, confirm it, then let the connection's
            # traces settle before the window opens.
            # The idle alarm fires away_after (10 s) after the last input; the
            # window opens 3 s later. The state is checked when it closes.
            time.sleep(max(0.0, last_input + 13 - time.monotonic()))
        else:
            time.sleep(3)

        samples = [benchlib.sample(pid)]
        t_end = samples[0]["t"] + window
        while True:
            now = time.monotonic()
            if now >= t_end:
                break
            if ABORT.wait(min(1.0, t_end - now)):
                raise RuntimeError("interrupted")
            samples.append(benchlib.sample(pid))
        stop.set()
        for w in workers:
            w.join()
        memory = benchlib.memory_breakdown(pid)
        state = benchlib.status(d.socket_path)
        figures = benchlib.summarize(pid, samples, started, window)
        figures["main_thread_switch_times"] = benchlib.main_thread_switch_times(pid, samples)
        figures["state_at_end"] = state["state"]
        figures["backend"] = state["backend"]
        figures["reminders_shown"] = len([n for n in d.shown() if "walk" in n[2].lower()])
        figures.update(memory)
        figures.update(notes)
        return figures


def fmt_row(name, f):
    return (f"{name:10} rss {f['steady_rss_kib'] / 1024:5.2f} MiB  peak {f['peak_rss_kib'] / 1024:5.2f}"
            f" MiB  cpu {f['cpu_ms_per_hour']:8.1f} ms/h (ticks {f['cpu_ms_per_hour_ticks']:7.0f})"
            f"  cs/min vol {f['voluntary_per_min']:6.2f} invol {f['involuntary_per_min']:5.2f}"
            f"  main {f['main_thread_switches_per_min']:5.2f}  threads {f['thread_count']}"
            f"  reminders {f['reminders_shown']}\n           memory: anon {f['rss_anon_kib']} KiB,"
            f" file {f['rss_file_kib']} KiB, PSS {f['pss_kib']} KiB, USS {f['uss_kib']} KiB")


def check(results, cpu_limit, wakeup_limit, rss_limit, uss_limit):
    failures = []
    for name, f in results.items():
        if f["steady_rss_kib"] > rss_limit:
            failures.append(f"{name}: steady RSS {f['steady_rss_kib']} KiB > {rss_limit} KiB")
        if uss_limit is not None and f["uss_kib"] > uss_limit:
            failures.append(f"{name}: USS {f['uss_kib']} KiB > {uss_limit} KiB")
        if name in QUIET and f["cpu_ms_per_hour"] > cpu_limit:
            failures.append(f"{name}: {f['cpu_ms_per_hour']:.1f} ms CPU per hour > {cpu_limit}")
        if name in QUIET and f["main_thread_switches_per_min"] > wakeup_limit:
            failures.append(f"{name}: main thread woke {f['main_thread_switches_per_min']:.2f}"
                            f" times a minute > {wakeup_limit}")
        if name in ("away", "audio") and f["state_at_end"] != "away":
            failures.append(f"{name}: the daemon says {f['state_at_end']}, not away")
        if name == "reminders" and f["window_s"] >= 70 and f["reminders_shown"] < 1:
            failures.append("reminders: no reminder was shown")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--window", type=float, default=300.0, help="seconds per scenario (300)")
    ap.add_argument("--scenario", default="working,away,reminders,audio")
    ap.add_argument("--period", type=float, default=1.0, help="seconds between pointer moves")
    ap.add_argument("--sequential", action="store_true", help="one scenario after the other")
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--build-dir")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    # Short windows scale a few ms of CPU to a large hourly figure: the quick
    # ctest run passes a looser CPU bound.
    ap.add_argument("--cpu-limit", type=float, default=TARGET_CPU_MS_PER_HOUR)
    ap.add_argument("--wakeup-limit", type=float, default=TARGET_WAKEUPS_PER_MIN)
    ap.add_argument("--rss-limit-kib", type=float, default=TARGET_RSS_KIB)
    # The daemon's own memory (USS), apart from shared library pages.
    ap.add_argument("--uss-limit-kib", type=float)
    args = ap.parse_args()
    try:
        desktop_mod = benchlib.use_build(args.build_dir)
    except SystemExit:
        raise
    names = [n for n in args.scenario.split(",") if n]
    for n in names:
        if n not in ("working", "away", "reminders", "audio"):
            ap.error(f"unknown scenario {n}")
    try:
        desktop_mod.require("Xvfb", "dbus-daemon", "dunst", "dunstctl", "xdotool")
    except desktop_mod.Skip as e:
        print(f"SKIP: {e}")
        return 77

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: ABORT.set())
    results, errors = {}, {}
    threads = [threading.Thread(target=run_scenario,
                                args=(desktop_mod, n, args.window, args.period, results, errors))
               for n in names]
    for t in threads:
        t.start()
        if args.sequential:
            t.join()
    for t in threads:
        t.join()
    for name, e in errors.items():
        print(f"{name}: {type(e).__name__}: {e}", file=sys.stderr)
    if errors:
        return 1
    for name in names:
        print(fmt_row(name, results[name]))
        for t in results[name]["threads"]:
            print(f"           thread {t['name']:16} vol/min {t['voluntary_per_min']:6.2f}"
                  f"  invol/min {t['involuntary_per_min']:5.2f}  cpu {t['cpu_ms']:7.2f} ms")
        print(f"           main thread switched at (s, n): {results[name]['main_thread_switch_times']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": benchlib.machine(), "window_s": args.window,
                       "scenarios": results}, f, indent=2)
    if args.check:
        failures = check(results, args.cpu_limit, args.wakeup_limit, args.rss_limit_kib,
                         args.uss_limit_kib)
        for line in failures:
            print(f"FAIL: {line}", file=sys.stderr)
        if failures:
            return 1
        print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
