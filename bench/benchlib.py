# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared pieces of the walkbreakd benchmarks: where the build is, the test
desktop of tests/e2e/desktop.py, a direct client of the control socket, and
readers of /proc for one process and its threads.

The benchmarks observe the daemon from outside only: reading /proc/PID/...
never wakes the process it describes, so sampling does not disturb what is
measured.
"""
import json
import os
import socket
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def use_build(build_dir):
    """Imports tests/e2e/desktop.py with `build_dir` as the build to test.
    desktop.py reads WALKBREAK_BUILD_DIR when imported, so set it first."""
    if build_dir:
        os.environ["WALKBREAK_BUILD_DIR"] = os.path.abspath(build_dir)
    if not os.environ.get("WALKBREAK_BUILD_DIR"):
        sys.exit("set WALKBREAK_BUILD_DIR or pass --build-dir (a CMake build tree)")
    sys.path.insert(0, os.path.join(SOURCE, "tests", "e2e"))
    import desktop  # noqa: E402  (the path is only known here)
    # A walkbreak CLI from another build of the same sources, e.g. while the
    # CLI of this one does not build; the daemon is always the build's own.
    if os.environ.get("WALKBREAK_BENCH_CLI"):
        desktop.CLI = os.path.abspath(os.environ["WALKBREAK_BENCH_CLI"])
    for binary in (desktop.DAEMON, desktop.CLI):
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} is not built")
    return desktop


def control_request(socket_path, request, timeout=5.0):
    """One request on walkbreakd's control socket; returns (reply, t_sent,
    t_received) with monotonic times. Used instead of the CLI where a
    benchmark needs the tightest bound on when the daemon answered."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(socket_path)
        line = (json.dumps(request) + "\n").encode()
        t_sent = time.monotonic()
        s.sendall(line)
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        t_received = time.monotonic()
    return json.loads(data), t_sent, t_received


def status(socket_path):
    reply, _, _ = control_request(socket_path, {"cmd": "status"})
    return reply.get("status", reply)


def _read(path):
    with open(path) as f:
        return f.read()


def _stat_fields(text):
    # comm may hold spaces and parentheses: the fields start after the last ')'.
    return text[text.rindex(")") + 2:].split()


def _status_fields(text):
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        out[key] = value.strip()
    return out


def sample(pid):
    """A snapshot of process `pid`: memory, CPU time and, per thread, its
    name, context switches and time on a CPU (schedstat, in nanoseconds,
    which is precise where utime/stime count whole clock ticks)."""
    status_text = _status_fields(_read(f"/proc/{pid}/status"))
    stat = _stat_fields(_read(f"/proc/{pid}/stat"))
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        base = f"/proc/{pid}/task/{tid}"
        try:
            st = _status_fields(_read(f"{base}/status"))
            tstat = _stat_fields(_read(f"{base}/stat"))
            run_ns = int(_read(f"{base}/schedstat").split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue  # the thread ended between listdir and the reads
        threads[int(tid)] = {
            "name": st["Name"],
            "voluntary": int(st["voluntary_ctxt_switches"]),
            "involuntary": int(st["nonvoluntary_ctxt_switches"]),
            "cpu_ticks": int(tstat[11]) + int(tstat[12]),
            "run_ns": run_ns,
        }
    return {
        "t": time.monotonic(),
        "rss_kib": int(status_text["VmRSS"].split()[0]),
        "hwm_kib": int(status_text["VmHWM"].split()[0]),
        "threads": threads,
        "thread_count": int(status_text["Threads"]),
        # utime + stime of the whole process (all threads, also ended ones).
        "cpu_ticks": int(stat[11]) + int(stat[12]),
    }


def memory_breakdown(pid):
    """Where the resident memory is, in KiB: anonymous (heap, stacks) against
    file pages (mostly shared libraries' code, shared with every process
    that maps them); PSS charges shared pages pro rata, USS is what ending
    the process would free."""
    roll = _status_fields(_read(f"/proc/{pid}/smaps_rollup"))
    status_text = _status_fields(_read(f"/proc/{pid}/status"))

    def kib(fields, key):
        return int(fields[key].split()[0])
    return {
        "rss_anon_kib": kib(status_text, "RssAnon"),
        "rss_file_kib": kib(status_text, "RssFile"),
        "pss_kib": kib(roll, "Pss"),
        "uss_kib": kib(roll, "Private_Clean") + kib(roll, "Private_Dirty"),
    }


def summarize(pid, samples, daemon_started, window):
    """Figures over the samples of one window (first and last bound it)."""
    first, last = samples[0], samples[-1]
    seconds = last["t"] - first["t"]
    per_minute = 60.0 / seconds
    per_hour = 3600.0 / seconds
    steady = [s["rss_kib"] for s in samples if s["t"] - daemon_started >= 10.0]
    threads = []
    for tid, end in sorted(last["threads"].items()):
        start = first["threads"].get(tid)
        if start is None:
            start = {"voluntary": 0, "involuntary": 0, "run_ns": 0, "cpu_ticks": 0}
        threads.append({
            "tid": tid,
            "main": tid == pid,
            "name": end["name"],
            "voluntary_per_min": (end["voluntary"] - start["voluntary"]) * per_minute,
            "involuntary_per_min": (end["involuntary"] - start["involuntary"]) * per_minute,
            "cpu_ms": (end["run_ns"] - start["run_ns"]) / 1e6,
        })
    main = next(t for t in threads if t["main"])
    return {
        "window_s": round(seconds, 1),
        "requested_window_s": window,
        "steady_rss_kib": statistics.median(steady) if steady else None,
        "peak_rss_kib": last["hwm_kib"],
        "cpu_ms_per_hour_ticks": (last["cpu_ticks"] - first["cpu_ticks"]) * 1000.0 / CLK_TCK
        * per_hour,
        "cpu_ms_per_hour": sum(t["cpu_ms"] for t in threads) * per_hour,
        "voluntary_per_min": sum(t["voluntary_per_min"] for t in threads),
        "involuntary_per_min": sum(t["involuntary_per_min"] for t in threads),
        "main_thread_switches_per_min": main["voluntary_per_min"] + main["involuntary_per_min"],
        "thread_count": last["thread_count"],
        "thread_count_min": min(s["thread_count"] for s in samples),
        "threads": threads,
    }


def main_thread_switch_times(pid, samples):
    """Seconds into the window at which the main thread switched, from the
    one-second samples: shows whether wakeups are periodic."""
    out = []
    t0 = samples[0]["t"]
    for a, b in zip(samples, samples[1:]):
        ma, mb = a["threads"].get(pid), b["threads"].get(pid)
        if ma and mb:
            n = (mb["voluntary"] + mb["involuntary"]) - (ma["voluntary"] + ma["involuntary"])
            if n:
                out.append([round(b["t"] - t0, 1), n])
    return out


def machine():
    """The machine, without anything that names it."""
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    debian = _read("/etc/debian_version").strip() if os.path.exists("/etc/debian_version") else ""
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": os.uname().release,
            "debian": debian}
