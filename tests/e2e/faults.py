# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the fault-injection tests (test_db_faults.py,
test_env_faults.py) on top of desktop.Desktop: starting walkbreakd under a
wrapper or with its log on a pipe, reading /proc, and the user taking a walk
that walkbreakd credits by itself (walk.credit = "auto")."""
import os
import shutil
import signal
import subprocess
import threading
import time

from desktop import DAEMON, Skip, wait_until

# Second-scale: away after 1 s without input, a walk from 1 s, credited
# automatically on return; a reminder after 5 s of sitting.
CONFIG = """
[idle]
away_after = "1s"
[reminder]
interval = "5s"
escalate_after = "5s"
snooze = "3s"
[walk]
min = "1s"
max = "60s"
grace = "20s"
credit = "auto"
"""


def file_modes_enforced():
    """The command prefix under which walkbreakd meets file modes: as root,
    modes are not enforced, so the daemon runs without the capabilities that
    bypass them (still uid 0, so it reaches the session bus); as a normal
    user the modes alone do it."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        raise Skip("setpriv is not installed (util-linux)")
    return ("setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")


def start_daemon(d, prefix=(), preexec_fn=None, log_to_pipe=False, extra_env=None,
                 wait_ready=True):
    """Like Desktop.start_daemon, with a command `prefix` (setpriv, faketime),
    a `preexec_fn` run in the child, and optionally the log on a pipe that a
    thread copies to the log file (a pipe is not subject to RLIMIT_FSIZE)."""
    env = dict(d.env, **(extra_env or {}))
    log = open(d.log_path, "a")
    argv = [*prefix, DAEMON, "--config", d.config_path, "--db", d.db_path,
            "--socket", d.socket_path]
    if log_to_pipe:
        p = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.PIPE,
                             preexec_fn=preexec_fn)

        def copy():
            for line in p.stderr:
                log.write(line.decode(errors="replace"))
                log.flush()
        threading.Thread(target=copy, daemon=True).start()
    else:
        p = subprocess.Popen(argv, env=env, stdout=log, stderr=log, preexec_fn=preexec_fn)
    d.procs.append(p)
    d.daemon = p
    if wait_ready:
        wait_until(lambda: p.poll() is not None or d.cli_ok("status", "--json"), 15,
                   "walkbreakd's socket")
        assert p.poll() is None, f"walkbreakd exited with {p.returncode}:\n{d.daemon_log_text()}"
    return p


def create_database(d):
    """A database with the schema, made by a walkbreakd run stopped cleanly."""
    d.start_daemon()
    assert d.stop_daemon(signal.SIGTERM) == 0
    assert os.path.exists(d.db_path)


def take_walk(d, seconds=2.5):
    """Away from the desk for `seconds`, then back: with credit = "auto" the
    daemon logs "walk credited". Returns how many it had logged before.
    Counted after the first input: that input ends any absence still open
    (a test that sat still before may have one), and its credit is not this
    walk's."""
    d.move_pointer()
    time.sleep(0.3)
    before = d.daemon_log_text().count("walk credited")
    d.away_for(seconds)
    wait_until(lambda: d.daemon_log_text().count("walk credited") > before, 20,
               "the daemon to credit the walk")
    return before


def log_count(d, text):
    return d.daemon_log_text().count(text)


def cpu_seconds(pid):
    """User plus system CPU time of `pid`, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def assert_not_spinning(pid, seconds=3.0, limit=0.3):
    """CPU time over `seconds` of wall time stays near zero: nothing loops."""
    before = cpu_seconds(pid)
    time.sleep(seconds)
    used = cpu_seconds(pid) - before
    assert used < limit, f"walkbreakd used {used:.2f} s of CPU in {seconds} s"
    return used


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))
