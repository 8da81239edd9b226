# SPDX-License-Identifier: GPL-3.0-or-later
"""Two real Syncthing instances on this machine, sharing one folder, for the
end-to-end tests of several computers (docs/SYNC.md).

Each instance has a private home (`syncthing generate --home`), listens on a
free port of 127.0.0.1 only and knows the other by its device ID at a static
tcp://127.0.0.1:PORT address. Everything that would reach beyond this machine
is off before the first start: global discovery, relays, NAT traversal (UPnP,
NAT-PMP and STUN), local discovery (LAN broadcasts), usage and crash
reporting, upgrade checks, and the GUI's browser. The file system watcher is
off too: a test asks for a scan (POST /rest/db/scan), so that a change is
seen at once rather than after the watcher's delay.

Waits follow Syncthing's event stream (GET /rest/events, long-polled): a
condition is checked again after each event and never after a fixed sleep.
WALKBREAK_SYNC_TRACE=1 prints how long each wait took.
"""
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from desktop import PATIENCE, Skip

FOLDER_ID = "walkbreak"
# No proxy for 127.0.0.1, whatever the environment says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
# Nothing may leave the machine even if an option slipped through: every URL
# Syncthing knows points at a closed port here.
_NOWHERE = "http://127.0.0.1:1/"


def require_syncthing():
    """Skips (exit 77) when Syncthing cannot run here, saying exactly why."""
    if shutil.which("syncthing") is None:
        raise Skip("syncthing is not installed (scripts/install-deps test installs it)")
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=5):
                pass
    except OSError as e:
        raise Skip(f"no TCP on the loopback interface (127.0.0.1): {e}") from e


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _set(parent, tag, value):
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = str(value)
    return node


class Syncthing:
    """One instance: its home, its shared folder, its ports and REST API."""

    def __init__(self, root, name):
        self.name = name
        self.home = os.path.join(root, name, "syncthing")
        self.folder = os.path.join(root, name, "Sync", "walkbreak")
        self.log_path = os.path.join(root, name, "syncthing.log")
        self.listen_port = free_port()
        self.gui_port = free_port()
        self.proc = None
        self.last_event = 0
        out = subprocess.run(["syncthing", "generate", "--home", self.home, "--no-default-folder",
                              "--skip-port-probing"], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise AssertionError(f"syncthing generate failed: {out.stdout}{out.stderr}")
        self.config_path = os.path.join(self.home, "config.xml")
        tree = ET.parse(self.config_path)
        self.device_id = tree.getroot().find("device").get("id")
        self.api_key = tree.getroot().find("gui/apikey").text
        self.address = f"tcp://127.0.0.1:{self.listen_port}"

    # --- configuration, before the first start -------------------------------

    def configure(self, peer):
        """Shares the folder with `peer` at its static address; nothing else
        is reached."""
        tree = ET.parse(self.config_path)
        root = tree.getroot()
        own = root.find("device")
        own.set("name", self.name)
        gui = root.find("gui")
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        options = root.find("options")
        for node in options.findall("listenAddress") + options.findall("globalAnnounceServer"):
            options.remove(node)
        ET.SubElement(options, "listenAddress").text = self.address
        for tag, value in {
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "announceLANAddresses": "false",
            "startBrowser": "false",
            "urAccepted": "-1",
            "urURL": _NOWHERE,
            "crashReportingEnabled": "false",
            "crashReportingURL": _NOWHERE,
            "autoUpgradeIntervalH": "0",
            "releasesURL": _NOWHERE,
            "stunKeepaliveStartS": "0",
            "stunKeepaliveMinS": "0",
            "restartOnWakeup": "false",
            "setLowPriority": "false",
            "reconnectionIntervalS": "1",
            "progressUpdateIntervalS": "-1",
        }.items():
            _set(options, tag, value)
        _set(options, "minHomeDiskFree", "0").set("unit", "%")
        for node in options.findall("stunServer"):
            options.remove(node)

        device = ET.SubElement(root, "device", {
            "id": peer.device_id, "name": peer.name, "compression": "metadata",
            "introducer": "false", "skipIntroductionRemovals": "false", "introducedBy": ""})
        ET.SubElement(device, "address").text = peer.address
        ET.SubElement(device, "paused").text = "false"
        ET.SubElement(device, "autoAcceptFolders").text = "false"

        folder = ET.SubElement(root, "folder", {
            "id": FOLDER_ID, "label": FOLDER_ID, "path": self.folder, "type": "sendreceive",
            "rescanIntervalS": "3600", "fsWatcherEnabled": "false", "fsWatcherDelayS": "10",
            "ignorePerms": "false", "autoNormalize": "true"})
        ET.SubElement(folder, "filesystemType").text = "basic"
        for device_id in (self.device_id, peer.device_id):
            ET.SubElement(folder, "device", {"id": device_id, "introducedBy": ""})
        ET.SubElement(folder, "minDiskFree", {"unit": "%"}).text = "0"
        ET.SubElement(folder, "markerName").text = ".stfolder"
        ET.SubElement(folder, "maxConflicts").text = "10"
        tree.write(self.config_path)

    # --- the process ---------------------------------------------------------

    def start(self):
        env = dict(os.environ, STNOUPGRADE="1", STNORESTART="1", STNODEFAULTFOLDER="1",
                   HOME=os.path.dirname(self.home))
        for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                      "ALL_PROXY"):
            env.pop(proxy, None)
        log = open(self.log_path, "a")
        self.last_event = 0  # a new process numbers its events from 1
        self.proc = subprocess.Popen(
            ["syncthing", "serve", "--home", self.home, "--no-browser", "--no-restart",
             "--no-upgrade", "--logflags=3"], stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=env)
        log.close()
        # The API answers once the instance is up; until then the connection is refused.
        deadline = time.monotonic() + 30 * PATIENCE
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name}: syncthing exited {self.proc.returncode}:\n"
                                     f"{self.log()}")
            try:
                if self.get("/rest/system/ping").get("ping") == "pong":
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: the REST API never answered:\n{self.log()}")
            # Not a wait for the sync: the process is not listening yet, and
            # there is no event stream to follow before it does.
            time.sleep(0.05)

    def stop(self):
        """Shuts the instance down (a computer switched off). Pausing a device
        instead would do for a test of two sides apart, but Syncthing 1.19
        lets a paused side stall a dial from the other for its 20 s Hello
        timeout when they are resumed one after the other."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.post("/rest/system/shutdown")
            self.proc.wait(timeout=10 * PATIENCE)
        except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-6000:]
        except OSError:
            return ""

    # --- REST ----------------------------------------------------------------

    def _request(self, method, path, params=None, timeout=10):
        url = f"http://127.0.0.1:{self.gui_port}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, method=method, headers={"X-API-Key": self.api_key})
        with _OPENER.open(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def get(self, path, params=None, timeout=10):
        return self._request("GET", path, params, timeout)

    def post(self, path, params=None, timeout=60):
        return self._request("POST", path, params, timeout)

    def scan(self):
        """Scans the folder now; returns when the scan is done."""
        self.post("/rest/db/scan", {"folder": FOLDER_ID}, timeout=60 * PATIENCE)

    def connected_to(self, peer):
        connections = self.get("/rest/system/connections")["connections"]
        return connections.get(peer.device_id, {}).get("connected", False)

    def in_sync_with(self, peer):
        """This side needs nothing, and the peer has all of this side's files."""
        local = self.get("/rest/db/completion", {"folder": FOLDER_ID})
        remote = self.get("/rest/db/completion", {"folder": FOLDER_ID, "device": peer.device_id})
        return local["needItems"] == 0 and remote["completion"] == 100 and \
            remote["needItems"] == 0

    def wait_for(self, condition, what, timeout=20):
        """Follows this instance's events until `condition()` is true; each
        long poll returns at the next event or after a second without one.
        Gives up after `timeout` * PATIENCE seconds."""
        deadline = time.monotonic() + timeout * PATIENCE
        began = time.monotonic()
        while True:
            value = condition()
            if value:
                if os.environ.get("WALKBREAK_SYNC_TRACE"):
                    print(f"{self.name}: {what}: {time.monotonic() - began:.2f} s", flush=True)
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: timed out waiting for {what}\n{self.log()}")
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name}: syncthing exited while waiting for {what}:\n"
                                     f"{self.log()}")
            events = self.get("/rest/events", {"since": self.last_event, "timeout": 1},
                              timeout=30) or []
            if events:
                self.last_event = events[-1]["id"]


class SharedFolder:
    """Two instances, A and B, sharing one folder, connected and in sync."""

    def __init__(self, root):
        require_syncthing()
        self.a = Syncthing(root, "a")
        self.b = Syncthing(root, "b")
        self.a.configure(self.b)
        self.b.configure(self.a)

    def __enter__(self):
        try:
            self.a.start()
            self.b.start()
            self.wait_connected()
            for one in (self.a, self.b):
                one.wait_for(lambda o=one: os.path.isdir(o.folder) and
                             os.path.exists(os.path.join(o.folder, ".stfolder")),
                             "the folder and its .stfolder marker")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def wait_connected(self):
        for one, other in ((self.a, self.b), (self.b, self.a)):
            one.wait_for(lambda o=one, p=other: o.connected_to(p), f"a connection to {other.name}")

    def __exit__(self, *exc):
        self.a.stop()
        self.b.stop()
        return False

    def deliver(self, sender, receiver, arrived, what):
        """After a change in `sender`'s folder: scans it and waits, on the
        receiver's events, until `arrived()` holds and both sides are in sync."""
        sender.scan()
        receiver.wait_for(arrived, what)
        receiver.wait_for(lambda: receiver.in_sync_with(sender), f"{what}: in sync")
