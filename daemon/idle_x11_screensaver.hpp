// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "x11-screensaver": the degraded fallback for X servers without SYNC. The
// MIT-SCREEN-SAVER extension only answers "how long since the last input?",
// so this source asks with adaptive sleeps: while active it sleeps until the
// threshold could first be reached (threshold - idle time); while idle it
// re-asks every second, since nothing tells it when input resumes. The X
// connection is also watched, so a lost display is noticed at once.
#include <memory>

#include <boost/asio/io_context.hpp>
#include "core/result.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// Connects to $DISPLAY and checks for MIT-SCREEN-SAVER. Watching begins with
// start(), which logs that this is a degraded fallback.
core::Result<std::unique_ptr<IdleSource>> open_x11_screensaver_idle_source(
    boost::asio::io_context& io, IdleCallbacks callbacks, Logger& log);

}  // namespace walkbreak::daemon
