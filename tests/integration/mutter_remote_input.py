# SPDX-License-Identifier: GPL-3.0-or-later
'''Real input for a headless Mutter, through its RemoteDesktop D-Bus API.

Creates and starts a remote desktop session on the session bus and prints
"ready"; then each line on stdin moves the pointer by one pixel (a real
relative motion event from a virtual input device, as gnome-remote-desktop
sends) and prints "moved" once Mutter has taken it. Mutter closes the session
when its creator leaves the bus, so this runs for the whole test.
'''
import sys

from gi.repository import Gio, GLib

NAME = 'org.gnome.Mutter.RemoteDesktop'
SESSION_IFACE = 'org.gnome.Mutter.RemoteDesktop.Session'


def main():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION)

    def call(path, iface, method, args=None, reply=None):
        return bus.call_sync(NAME, path, iface, method, args, reply and GLib.VariantType(reply),
                             Gio.DBusCallFlags.NONE, 10000)

    (session,) = call('/org/gnome/Mutter/RemoteDesktop', NAME, 'CreateSession',
                      reply='(o)').unpack()
    call(session, SESSION_IFACE, 'Start')
    print('ready', flush=True)
    step = 1.0
    for _ in sys.stdin:
        call(session, SESSION_IFACE, 'NotifyPointerMotionRelative',
             GLib.Variant('(dd)', (step, step)))
        step = -step  # back and forth: the pointer stays on the screen
        print('moved', flush=True)


if __name__ == '__main__':
    main()
