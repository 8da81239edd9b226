# SPDX-License-Identifier: GPL-3.0-or-later
'''python3-dbusmock template: GNOME Shell's notification server, as far as
walkbreak's do-not-disturb sees it.

org.freedesktop.Notifications at /org/freedesktop/Notifications with
GetServerInformation and GetCapabilities as GNOME Shell 43 answers them, and
no do-not-disturb property: GNOME Shell keeps its do-not-disturb in the
GSettings key org.gnome.desktop.notifications show-banners, which the test
sets through the real dconf. With the parameter {"name": "NAME"} the server
calls itself NAME instead of gnome-shell.
'''

import dbus

BUS_NAME = 'org.freedesktop.Notifications'
MAIN_OBJ = '/org/freedesktop/Notifications'
MAIN_IFACE = 'org.freedesktop.Notifications'
SYSTEM_BUS = False


def load(mock, parameters):
    mock.server_name = parameters.get('name', 'gnome-shell')


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='ssss')
def GetServerInformation(self):
    return (self.server_name, 'GNOME', '43.9', '1.2')


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='as')
def GetCapabilities(self):
    return dbus.Array(['actions', 'body', 'body-markup', 'icon-static', 'persistence', 'sound'],
                      signature='s')
