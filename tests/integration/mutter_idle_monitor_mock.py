# SPDX-License-Identifier: GPL-3.0-or-later
'''python3-dbusmock template: GNOME Mutter's org.gnome.Mutter.IdleMonitor.

The interface at /org/gnome/Mutter/IdleMonitor/Core as Mutter has it
(AddIdleWatch, AddUserActiveWatch, RemoveWatch, GetIdletime, the WatchFired
signal), without the input: the test plays the user through two methods on
org.freedesktop.DBus.Mock:
  BecomeIdle(t idle_ms)  every idle watch with an interval up to idle_ms that
                         has not fired in this idle period fires
  BecomeActive()         every user-active watch fires and is dropped (they
                         are one-shot), and a new idle period begins
Each call is logged by dbusmock (--logfile), so the test can see what the
client registered.
'''

import dbus
from dbusmock import MOCK_IFACE

BUS_NAME = 'org.gnome.Mutter.IdleMonitor'
MAIN_OBJ = '/org/gnome/Mutter/IdleMonitor/Core'
MAIN_IFACE = 'org.gnome.Mutter.IdleMonitor'
SYSTEM_BUS = False


def load(mock, _parameters):
    mock.watches = {}  # id -> interval in ms; 0 for a user-active watch
    mock.fired = set()  # idle watches that fired in this idle period
    mock.next_id = 1
    mock.idle_ms = 0


def _add(self, interval):
    watch = self.next_id
    self.next_id += 1
    self.watches[watch] = int(interval)
    return dbus.UInt32(watch)


def _fire(self, watch):
    self.EmitSignal(MAIN_IFACE, 'WatchFired', 'u', [dbus.UInt32(watch)])


@dbus.service.method(MAIN_IFACE, in_signature='t', out_signature='u')
def AddIdleWatch(self, interval):
    return _add(self, interval)


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='u')
def AddUserActiveWatch(self):
    return _add(self, 0)


@dbus.service.method(MAIN_IFACE, in_signature='u', out_signature='')
def RemoveWatch(self, watch):
    self.watches.pop(int(watch), None)
    self.fired.discard(int(watch))


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='t')
def GetIdletime(self):
    return dbus.UInt64(self.idle_ms)


@dbus.service.method(MOCK_IFACE, in_signature='t', out_signature='')
def BecomeIdle(self, idle_ms):
    self.idle_ms = int(idle_ms)
    for watch, interval in sorted(self.watches.items()):
        if 0 < interval <= self.idle_ms and watch not in self.fired:
            self.fired.add(watch)
            _fire(self, watch)


@dbus.service.method(MOCK_IFACE, in_signature='', out_signature='')
def BecomeActive(self):
    self.idle_ms = 0
    self.fired.clear()
    for watch in [w for w, interval in sorted(self.watches.items()) if interval == 0]:
        del self.watches[watch]
        _fire(self, watch)
