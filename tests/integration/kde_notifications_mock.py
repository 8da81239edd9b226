# SPDX-License-Identifier: GPL-3.0-or-later
'''python3-dbusmock template: KDE Plasma's notification server's do-not-disturb.

org.freedesktop.Notifications at /org/freedesktop/Notifications with
GetServerInformation and GetCapabilities, and Plasma's inhibitions:
Inhibit(desktop_entry, reason, hints) -> cookie and UnInhibit(cookie), whose
union is the Inhibited property, announced with PropertiesChanged, as
plasma-workspace 5.27 has them. With the parameter {"inhibitions": false} it
is a server with no do-not-disturb at all (no Inhibited property).
'''

import dbus

BUS_NAME = 'org.freedesktop.Notifications'
MAIN_OBJ = '/org/freedesktop/Notifications'
MAIN_IFACE = 'org.freedesktop.Notifications'
SYSTEM_BUS = False


def load(mock, parameters):
    mock.cookies = set()
    mock.next_cookie = 1
    mock.server_name = 'Plasma'
    if parameters.get('inhibitions', True):
        mock.AddProperties(MAIN_IFACE, dbus.Dictionary({'Inhibited': dbus.Boolean(False)},
                                                       signature='sv'))
    else:
        mock.server_name = 'notifyd-without-inhibitions'


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='ssss')
def GetServerInformation(self):
    return (self.server_name, 'KDE', '5.27.5', '1.2')


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='as')
def GetCapabilities(self):
    return dbus.Array(['body', 'actions', 'inhibitions'], signature='s')


@dbus.service.method(MAIN_IFACE, in_signature='ssa{sv}', out_signature='u')
def Inhibit(self, _desktop_entry, _reason, _hints):
    cookie = self.next_cookie
    self.next_cookie += 1
    self.cookies.add(cookie)
    self.UpdateProperties(MAIN_IFACE, {'Inhibited': dbus.Boolean(True)})
    return dbus.UInt32(cookie)


@dbus.service.method(MAIN_IFACE, in_signature='u', out_signature='')
def UnInhibit(self, cookie):
    self.cookies.discard(int(cookie))
    self.UpdateProperties(MAIN_IFACE, {'Inhibited': dbus.Boolean(bool(self.cookies))})
