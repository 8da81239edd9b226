# SPDX-License-Identifier: GPL-3.0-or-later
'''python3-dbusmock template: the inhibitors of GNOME's org.gnome.SessionManager.

Inhibit(app_id, toplevel_xid, reason, flags) -> cookie, Uninhibit(cookie) and
IsInhibited(flags) at /org/gnome/SessionManager, with the InhibitorAdded and
InhibitorRemoved signals and the InhibitedActions property (the union of the
flags, announced with PropertiesChanged: what Mutter's idle monitor watches),
as gnome-session has them. Flag 8 is "idle". Unlike
gnome-session, an inhibitor stays until Uninhibit even when its caller leaves
the bus, so that a test can take one with a one-shot gdbus call.
'''

import dbus

BUS_NAME = 'org.gnome.SessionManager'
MAIN_OBJ = '/org/gnome/SessionManager'
MAIN_IFACE = 'org.gnome.SessionManager'
SYSTEM_BUS = False


def load(mock, _parameters):
    mock.inhibitors = {}  # cookie -> flags
    mock.next_cookie = 1
    mock.AddProperties(MAIN_IFACE, dbus.Dictionary({'InhibitedActions': dbus.UInt32(0)},
                                                   signature='sv'))


def _update_inhibited_actions(mock):
    actions = 0
    for flags in mock.inhibitors.values():
        actions |= flags
    mock.UpdateProperties(MAIN_IFACE, {'InhibitedActions': dbus.UInt32(actions)})


def _path(cookie):
    return dbus.ObjectPath(f'/org/gnome/SessionManager/Inhibitor{cookie}')


@dbus.service.method(MAIN_IFACE, in_signature='susu', out_signature='u')
def Inhibit(self, _app_id, _toplevel_xid, _reason, flags):
    cookie = self.next_cookie
    self.next_cookie += 1
    self.inhibitors[cookie] = int(flags)
    _update_inhibited_actions(self)
    self.EmitSignal(MAIN_IFACE, 'InhibitorAdded', 'o', [_path(cookie)])
    return dbus.UInt32(cookie)


@dbus.service.method(MAIN_IFACE, in_signature='u', out_signature='')
def Uninhibit(self, cookie):
    if self.inhibitors.pop(int(cookie), None) is not None:
        _update_inhibited_actions(self)
        self.EmitSignal(MAIN_IFACE, 'InhibitorRemoved', 'o', [_path(int(cookie))])


@dbus.service.method(MAIN_IFACE, in_signature='u', out_signature='b')
def IsInhibited(self, flags):
    return dbus.Boolean(any(f & int(flags) for f in self.inhibitors.values()))
