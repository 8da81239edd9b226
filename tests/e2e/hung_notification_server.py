#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A notification server that hangs: it owns org.freedesktop.Notifications,
says who it is and what it can do, and never answers Notify or
CloseNotification. Each call received is appended to the file given as the
first argument, so that a test knows a call is waiting.

Usage: hung_notification_server.py CALLS-FILE   (on DBUS_SESSION_BUS_ADDRESS)
"""
import sys

from gi.repository import Gio, GLib

INTERFACE = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
  </interface>
</node>
"""

calls_file = sys.argv[1]
waiting = []  # the invocations never answered, kept so GDBus does not answer them either


def on_call(_bus, _sender, _path, _interface, method, _params, invocation):
    with open(calls_file, "a") as f:
        f.write(method + "\n")
    if method == "GetCapabilities":
        invocation.return_value(GLib.Variant("(as)", (["actions", "body"],)))
    elif method == "GetServerInformation":
        invocation.return_value(GLib.Variant("(ssss)", ("hung", "tests", "0.1", "1.2")))
    else:
        waiting.append(invocation)


def on_bus(bus, _name):
    node = Gio.DBusNodeInfo.new_for_xml(INTERFACE)
    bus.register_object("/org/freedesktop/Notifications", node.interfaces[0], on_call)


Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.Notifications",
                 Gio.BusNameOwnerFlags.NONE, on_bus, None, lambda *_: sys.exit(1))
GLib.MainLoop().run()
