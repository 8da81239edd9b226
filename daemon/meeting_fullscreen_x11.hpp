// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "x11-ewmh": the fullscreen signal on X11. Holds while the active window, as
// the window manager publishes it in the root window's _NET_ACTIVE_WINDOW,
// has _NET_WM_STATE_FULLSCREEN in its _NET_WM_STATE (EWMH). A connection of
// its own selects PropertyNotify on the root window and on the active window
// only, moving that selection as the active window changes; the X socket is
// read from the loop (X11EventPump): no polling. Whether typing in that
// window makes it work rather than a meeting is the tracker's rule, not this
// source's.
//
// Limits: under Wayland X11 sees only the windows of Xwayland clients, so
// open_fullscreen_source() (meeting_fullscreen.hpp) does not open it there;
// a window manager that starts publishing EWMH after the
// source opened is not seen until it is opened again; a window manager that
// leaves _NET_ACTIVE_WINDOW on a window it closed keeps the signal held until
// it moves it. Every change of another property of the active window (its
// title, say) wakes the loop once, to be ignored.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {

// Connects to $DISPLAY and checks that the window manager publishes the
// active window; an error says why not (no display, no EWMH window manager).
// Blocking round trips to the X server at open.
core::Result<std::unique_ptr<MeetingSource>> open_x11_fullscreen_source(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log);

}  // namespace walkbreak::daemon
