// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The do-not-disturb signal: holds while the notification server on the
// session bus holds notifications back, in whichever way that server offers:
//  - "dunst": the `paused` property of org.dunstproject.cmd0 at
//    /org/freedesktop/Notifications. dunst 1.9 (Debian 12) emits
//    PropertiesChanged for it whenever it is set over D-Bus, which is what
//    `dunstctl set-paused` does. Its older way, SIGUSR1/SIGUSR2 (deprecated
//    for dunstctl), changes it without any signal, and dunst 1.9 emits none
//    for its other properties either: such a pause is not seen until dunst
//    is next paused or resumed over D-Bus, or restarted;
//  - "freedesktop-inhibited": the `Inhibited` property of
//    org.freedesktop.Notifications (KDE Plasma), through PropertiesChanged;
//  - "gnome-show-banners": for a server that has neither and names itself
//    gnome-shell in GetServerInformation, GSettings' show-banners key of
//    org.gnome.desktop.notifications being false (gnome_show_banners.hpp),
//    when its schema is installed and GSettings uses dconf.
// They are asked in that order. The owner of org.freedesktop.Notifications
// is followed: when the server leaves, do-not-disturb ends; when one comes
// (dunst restarted or D-Bus activated after walkbreakd started, GNOME Shell
// restarted, or another server), its way is asked anew. The bus fd is an SdBusLoop, the GSettings
// key is heard on a GLib context run from the loop: no polling, no thread of ours.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {

// Connects to the session bus and asks the running notification server, or
// waits for one when none runs yet; an error says why not (no session bus, a
// server without do-not-disturb, GNOME Shell without its schema or dconf). Blocking calls
// at open, each bounded by a timeout.
core::Result<std::unique_ptr<MeetingSource>> open_dnd_source(boost::asio::io_context& io,
                                                             const MeetingSourceOptions& options,
                                                             MeetingSourceCallbacks callbacks,
                                                             Logger& log);

}  // namespace walkbreak::daemon
