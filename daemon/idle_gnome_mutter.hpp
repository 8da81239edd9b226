// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "gnome-mutter": GNOME's idle monitor, org.gnome.Mutter.IdleMonitor at
// /org/gnome/Mutter/IdleMonitor/Core on the session bus, for GNOME on X11 and
// on Wayland (GNOME 43 in Debian 12 offers no Wayland idle protocol to
// clients). AddIdleWatch(threshold) fires WatchFired once the user has been
// idle that long; then a one-shot AddUserActiveWatch fires at the next input.
// The watches live in Mutter, so they are registered again whenever the bus
// name changes owner (GNOME Shell restarted). The bus fd is driven from the
// io_context (SdBusLoop): no polling.
//
// Idle inhibitors (idle.inhibitors_keep_sitting): an inhibitor taken through
// org.gnome.SessionManager (flag 8, idle) keeps the user sitting. Mutter 3.28
// and later already hold idle watches back while one is active; older ones,
// and other implementations of the interface, do not, so while the session
// manager says idle is inhibited this source holds an idle report back
// itself. When the inhibitor goes and no input came meanwhile, idle is
// reported one threshold later (with that threshold as the idle time), as
// the compositors and Mutter do: the user is taken to be away from the end
// of the video, not from its start. With the key false the session manager
// is not consulted; a Mutter that holds its watches back still does, which
// is logged once.
#include <memory>

#include <boost/asio/io_context.hpp>
#include "core/result.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// Connects to the session bus and checks that org.gnome.Mutter.IdleMonitor
// has an owner; the error says what is missing.
core::Result<std::unique_ptr<IdleSource>> open_gnome_mutter_source(boost::asio::io_context& io,
                                                                   IdleCallbacks callbacks,
                                                                   const IdleOptions& options,
                                                                   Logger& log);

}  // namespace walkbreak::daemon
