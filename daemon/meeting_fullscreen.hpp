// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The fullscreen signal: holds while a fullscreen window has the focus. Which
// backend sees it is the session's to decide, as for the idle sources
// (idle_probe.hpp): under Wayland the compositor's windows through
// wlr-foreign-toplevel-management ("wlr-foreign-toplevel",
// meeting_fullscreen_wlr.hpp), since X11 there sees only the windows of
// Xwayland clients; otherwise the X server's through EWMH ("x11-ewmh",
// meeting_fullscreen_x11.hpp). A backend reports the windows' state alone:
// that a fullscreen window counts only while there is no input is the
// tracker's rule.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {

// Opens the backend of this session; its error is the reason for the user.
core::Result<std::unique_ptr<MeetingSource>> open_fullscreen_source(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log);

}  // namespace walkbreak::daemon
