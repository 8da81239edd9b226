# SPDX-License-Identifier: GPL-3.0-or-later
"""A private desktop for end-to-end tests: a real X server (Xvfb), a private
D-Bus session bus, dunst as the notification server, optionally a private
system bus with python-dbusmock's logind, and walkbreakd with a test config.

Everything lives in one temporary directory and is torn down on exit. The
test acts as the user: xdotool moves the pointer, dunst's context menu
(through a dmenu stand-in script) presses notification actions, and the
`walkbreak` CLI and the SQLite file say what happened.
"""
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager

BUILD = os.environ.get("WALKBREAK_BUILD_DIR", "")
DAEMON = os.path.join(BUILD, "daemon", "walkbreakd")
CLI = os.path.join(BUILD, "cli", "walkbreak")
# Debian's interpreter, which has python3-dbusmock (another python3 may come first in PATH).
SYSTEM_PYTHON = "/usr/bin/python3"


BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class Skip(Exception):
    """A tool the test needs is not installed: ctest reports it as skipped."""


def require(*tools):
    for tool in tools:
        if shutil.which(tool) is None:
            raise Skip(f"{tool} is not installed (scripts/install-deps test installs it)")


# How many times longer than on an idle machine a wait may take before the test
# counts as hung. Tests wait for events and never fail for being slow: timings
# are measured in bench/.
PATIENCE = int(os.environ.get("WALKBREAK_TEST_PATIENCE", "10"))


def wait_until(predicate, timeout, what, patience=PATIENCE):
    """Polls `predicate` until it returns a true value, which is returned.
    `timeout` is about how long the event takes on an idle machine; the wait
    gives up after `patience` times as long (1 where a timeout is an expected
    outcome rather than a hung test)."""
    limit = timeout * patience
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {limit}s waiting for {what}")


def control_request(path, line, read=True):
    """Sends the bytes `line` on a connection of its own to the control socket
    at `path`, as any client could, and returns the reply line (bytes); with
    read=False it hangs up without waiting for one."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(path)
        s.sendall(line)
        if not read:
            return b""
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data


class Desktop:
    def __init__(self, config_text, with_logind=False, name="e2e", with_dunst=True):
        require("Xvfb", "dbus-daemon", "dunst", "dunstctl", "xdotool")
        self.dir = tempfile.mkdtemp(prefix=f"walkbreak-{name}-")
        self.procs = []
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.dir,
            "XDG_CONFIG_HOME": os.path.join(self.dir, "config"),
            "XDG_DATA_HOME": os.path.join(self.dir, "data"),
            "XDG_RUNTIME_DIR": os.path.join(self.dir, "run"),
            "LANG": "C.UTF-8",
            "TZ": os.environ.get("TZ", "UTC"),
        }
        os.makedirs(self.env["XDG_RUNTIME_DIR"], mode=0o700)
        self.config_path = os.path.join(self.dir, "config.toml")
        self.db_path = os.path.join(self.dir, "walkbreak.db")
        self.socket_path = os.path.join(self.env["XDG_RUNTIME_DIR"], "walkbreak", "control.sock")
        self.log_path = os.path.join(self.dir, "walkbreakd.log")
        self.shown_log = os.path.join(self.dir, "shown.log")
        self.pick_file = os.path.join(self.dir, "pick")
        self.write_config(config_text)
        self.daemon = None
        try:
            self._start_x()
            self._start_session_bus()
            if with_logind:
                self._start_logind()
            if with_dunst:
                self._start_dunst()
        except BaseException:
            self.close()
            raise

    # ---- environment ----
    def _spawn(self, argv, **kw):
        p = subprocess.Popen(argv, env=kw.pop("env", self.env), **kw)
        self.procs.append(p)
        return p

    def _start_x(self):
        r, w = os.pipe()
        self.xvfb = self._spawn(["Xvfb", "-displayfd", str(w), "-nolisten", "tcp",
                                 "-screen", "0", "800x600x24"], pass_fds=(w,),
                                stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            number = f.readline().strip()
        if not number:
            raise AssertionError("Xvfb did not start")
        self.env["DISPLAY"] = f":{number}"

    def _private_bus(self):
        # A bus daemon that serves as the session bus and, for the logind mock,
        # as the system bus. It activates no services: nothing starts behind
        # the test's back (dunst would otherwise come back when asked for).
        config = os.path.join(self.dir, "bus.conf")
        with open(config, "w") as f:
            f.write(BUS_CONFIG.format(dir=self.dir))
        p = self._spawn(["dbus-daemon", f"--config-file={config}", "--nofork",
                         "--print-address=1"], stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, text=True)
        return p.stdout.readline().strip()

    def _start_session_bus(self):
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self._private_bus()

    def _start_logind(self):
        require(SYSTEM_PYTHON, "gdbus")
        # A second private bus stands in for the system bus.
        self.env["DBUS_SYSTEM_BUS_ADDRESS"] = self._private_bus()
        self._spawn([SYSTEM_PYTHON, "-m", "dbusmock", "--system", "--template", "logind"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: self._has_owner("org.freedesktop.login1", system=True), 10,
                   "the logind mock")
        self.logind_call("org.freedesktop.DBus.Mock.AddSession", "c1", "seat0",
                         str(os.getuid()), "tester", "true", path="/org/freedesktop/login1")
        self.session_path = "/org/freedesktop/login1/session/c1"
        self.env["XDG_SESSION_ID"] = "c1"

    def start_audio(self):
        """A real audio server, headless, in this desktop's runtime directory:
        PipeWire, WirePlumber and PipeWire's pulse server, with a virtual
        microphone named "mic"."""
        require("pipewire", "wireplumber", "pipewire-pulse", "pactl", "parecord")
        logs = open(os.path.join(self.dir, "audio.log"), "a")
        self._spawn(["pipewire"], stdout=logs, stderr=logs)
        wait_until(lambda: os.path.exists(os.path.join(self.env["XDG_RUNTIME_DIR"], "pipewire-0")),
                   5, "pipewire")
        self._spawn(["wireplumber"], stdout=logs, stderr=logs)
        self._spawn(["pipewire-pulse"], stdout=logs, stderr=logs)
        wait_until(lambda: self._pactl("info").returncode == 0, 5, "pipewire-pulse")
        r = self._pactl("load-module", "module-null-sink", "media.class=Audio/Source/Virtual",
                        "sink_name=mic")
        assert r.returncode == 0, r.stderr
        wait_until(lambda: "\tmic\t" in self._pactl("list", "short", "sources").stdout, 5,
                   "the virtual microphone")

    def _pactl(self, *args):
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True)

    def record_microphone(self):
        """A call: parecord recording the virtual microphone, until terminated."""
        return self._spawn(["parecord", "--device=mic", "/dev/null"], stderr=subprocess.DEVNULL)

    def _start_dunst(self):
        dunstrc = os.path.join(self.dir, "dunstrc")
        shown = os.path.join(self.dir, "on-shown.sh")
        pick = os.path.join(self.dir, "pick.sh")
        with open(shown, "w") as f:
            # One line a notification: a body's line breaks become spaces.
            f.write("#!/bin/sh\nbody=$(printf '%s' \"$DUNST_BODY\" | tr '\\n' ' ')\n"
                    "printf '%s\\t%s\\t%s\\t%s\\n' \"$DUNST_ID\" \"$DUNST_URGENCY\" "
                    f"\"$DUNST_SUMMARY\" \"$body\" >> '{self.shown_log}'\n")
        # dunst's context menu hands its lines to "dmenu"; this one picks the
        # line whose action label is in the pick file, e.g. "Snooze".
        self.menu_log = os.path.join(self.dir, "menu.log")
        with open(pick, "w") as f:
            f.write(f"#!/bin/sh\nwant=$(cat '{self.pick_file}')\n"
                    f"tee -a '{self.menu_log}' | grep -F \"#$want \" | head -n 1\n")
        os.chmod(shown, 0o755)
        os.chmod(pick, 0o755)
        with open(dunstrc, "w") as f:
            f.write(f"[global]\n dmenu = {pick}\n show_indicators = yes\n"
                    " idle_threshold = 0\n sticky_history = yes\n"
                    f"[log_everything]\n summary = \"*\"\n script = {shown}\n")
        self._spawn(["dunst", "-config", dunstrc], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
        wait_until(lambda: self._has_owner("org.freedesktop.Notifications"), 10, "dunst")

    def _has_owner(self, name, system=False):
        address = self.env["DBUS_SYSTEM_BUS_ADDRESS" if system else "DBUS_SESSION_BUS_ADDRESS"]
        r = subprocess.run(["dbus-send", f"--bus={address}", "--print-reply",
                            "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
                           capture_output=True, text=True)
        return "boolean true" in r.stdout

    def logind_call(self, method, *args, path):
        """Calls `method` on the logind mock; its Lock/Unlock methods and its
        EmitSignal send the signals from logind's own name, as logind would."""
        r = subprocess.run(["gdbus", "call", "--system", "--dest", "org.freedesktop.login1",
                            "--object-path", path, "--method", method, *args],
                           env=self.env, capture_output=True, text=True, check=True)
        return r.stdout.strip()

    def lock_screen(self, locked=True):
        method = "Lock" if locked else "Unlock"
        self.logind_call(f"org.freedesktop.login1.Session.{method}", path=self.session_path)

    def prepare_for_sleep(self, sleeping):
        self.logind_call("org.freedesktop.DBus.Mock.EmitSignal", "org.freedesktop.login1.Manager",
                         "PrepareForSleep", "b", f"[<{'true' if sleeping else 'false'}>]",
                         path="/org/freedesktop/login1")

    # ---- walkbreak ----
    def write_config(self, text):
        with open(self.config_path, "w") as f:
            f.write(text)

    def start_daemon(self, wait_ready=True, extra_args=()):
        self.daemon_log = open(self.log_path, "a")
        self.daemon = self._spawn([DAEMON, "--config", self.config_path, "--db", self.db_path,
                                   "--socket", self.socket_path, *extra_args],
                                  stdout=self.daemon_log, stderr=self.daemon_log)
        if wait_ready:
            wait_until(lambda: self.cli_ok("status", "--json"), 10, "walkbreakd's socket")
        return self.daemon

    def stop_daemon(self, sig=signal.SIGTERM, timeout=10):
        self.daemon.send_signal(sig)
        return self.daemon.wait(timeout)

    def cli_command(self, *args):
        """The argv of `walkbreak ARGS` against this desktop's daemon and files."""
        return [CLI, "--config", self.config_path, "--db", self.db_path,
                "--socket", self.socket_path, *args]

    def cli(self, *args, check=False):
        return subprocess.run(self.cli_command(*args), env=self.env,
                              capture_output=True, text=True, check=check, timeout=30)

    def cli_ok(self, *args):
        return self.cli(*args).returncode == 0

    def cli_json(self, *args):
        r = self.cli(*args, "--json") if "--json" not in args else self.cli(*args)
        if r.returncode != 0:
            raise AssertionError(f"walkbreak {' '.join(args)} failed: {r.stderr}")
        return json.loads(r.stdout)

    def status(self):
        return self.cli_json("status")

    def db_rows(self, sql):
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True) as db:
            return db.execute(sql).fetchall()

    def daemon_log_text(self):
        with open(self.log_path) as f:
            return f.read()

    # ---- the user ----
    def move_pointer(self):
        """Input, as the user: moves the pointer to a new spot."""
        self._x = 300 if getattr(self, "_x", 0) != 300 else 301
        x = self._x
        subprocess.run(["xdotool", "mousemove", str(x), "200"], env=self.env, check=True)

    @contextmanager
    def at_keyboard(self, period=0.5):
        """The user working: input every `period` seconds until the block ends."""
        stop = threading.Event()

        def work():
            while not stop.is_set():
                self.move_pointer()
                stop.wait(period)
        t = threading.Thread(target=work, daemon=True)
        t.start()
        try:
            yield
        finally:
            stop.set()
            t.join()

    def away_for(self, seconds):
        """The user leaves the desk: no input for `seconds`, then input again."""
        time.sleep(seconds)
        self.move_pointer()

    def shown(self):
        """Notifications dunst displayed, oldest first: (id, urgency, summary, body),
        the body on one line."""
        if not os.path.exists(self.shown_log):
            return []
        with open(self.shown_log) as f:
            return [tuple(line.rstrip("\n").split("\t", 3)) for line in f if line.strip()]

    def wait_shown(self, summary_part, after=0, timeout=15):
        def found():
            for n in self.shown()[after:]:
                if summary_part in n[2] or summary_part in n[3]:
                    return n
            return None
        return wait_until(found, timeout, f"a notification with {summary_part!r}")

    def displayed_count(self):
        r = subprocess.run(["dunstctl", "count", "displayed"], env=self.env,
                           capture_output=True, text=True)
        return int(r.stdout.strip() or 0)

    def press(self, label, patience=PATIENCE):
        """Presses the button `label` of the notification on screen."""
        with open(self.pick_file, "w") as f:
            f.write(label)
        before = os.path.getsize(self.menu_log) if os.path.exists(self.menu_log) else 0
        subprocess.run(["dunstctl", "context"], env=self.env, check=True, timeout=10)
        # dunst runs the menu after dunstctl has returned.
        wait_until(lambda: os.path.exists(self.menu_log) and
                   os.path.getsize(self.menu_log) > before, 5, "dunst's context menu", patience)

    def menu_lines(self):
        """The context-menu lines dunst offered at the last press, e.g.
        '#Walk now (Time for a walk) [3,walk]'."""
        with open(self.menu_log) as f:
            return [line.rstrip("\n") for line in f]

    def close(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in reversed(self.procs):
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
        if os.environ.get("WALKBREAK_KEEP_E2E") is None:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is not None and self.daemon is not None and os.path.exists(self.log_path):
            sys.stderr.write("---- walkbreakd log ----\n" + self.daemon_log_text())
        self.close()


def run(main):
    """Runs a test function; exit 0 pass, 1 fail, 77 skip (ctest SKIP_RETURN_CODE)."""
    try:
        main()
    except Skip as e:
        print(f"SKIP: {e}")
        sys.exit(77)
    print("PASS")
