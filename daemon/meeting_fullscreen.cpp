// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_fullscreen.hpp"

#include <utility>

#include "daemon/idle_probe.hpp"
#include "daemon/meeting_fullscreen_wlr.hpp"
#include "daemon/meeting_fullscreen_x11.hpp"

namespace walkbreak::daemon {

// WAYLAND_DISPLAY decides, as in the idle probe: a Wayland session with an X
// server beside it (Xwayland) is still a Wayland session, and a compositor
// without the protocol is not made up for by X11.
core::Result<std::unique_ptr<MeetingSource>> open_fullscreen_source(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log) {
    if (!DesktopEnvironment::from_environment().wayland_display.empty())
        return open_wlr_fullscreen_source(io, options, std::move(callbacks), log);
    return open_x11_fullscreen_source(io, options, std::move(callbacks), log);
}

}  // namespace walkbreak::daemon
