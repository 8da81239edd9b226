// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "wlr-foreign-toplevel": the fullscreen signal under a wlroots compositor
// (sway, Wayfire, labwc and others). Holds while a window that the
// compositor lists through wlr-foreign-toplevel-management (version 2 or
// later: the first to tell fullscreen) is both activated and fullscreen.
// The compositor lists every window when the manager is bound and then sends
// each change, atomically at a window's `done`; the Wayland socket is read
// from the loop (WaylandConnection): no polling. Xwayland's windows are
// listed too.
//
// Limits: every change of any window's title, app id or outputs wakes the
// loop once, to be ignored; with several seats, a fullscreen window
// activated on any of them holds. The compositor finishing the list, or the
// connection lost, ends what held; the source then no longer watches.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {

// Connects to $WAYLAND_DISPLAY, binds zwlr_foreign_toplevel_manager_v1 and
// reads the windows listed (blocking round trips at open); the error says why
// not: no compositor, or one that offers no wlr-foreign-toplevel-management.
core::Result<std::unique_ptr<MeetingSource>> open_wlr_fullscreen_source(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log);

}  // namespace walkbreak::daemon
