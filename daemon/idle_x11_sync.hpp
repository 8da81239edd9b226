// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "x11-sync": idle detection through the X11 SYNC extension's IDLETIME system
// counter. The X server raises an alarm when the idle time reaches the
// threshold and, while idle, another when it drops back (any input), so the
// daemon sleeps between transitions: no polling, no timers.
#include <memory>

#include <boost/asio/io_context.hpp>
#include "core/result.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// Connects to $DISPLAY and checks for SYNC and its IDLETIME counter; the
// error says which is missing. Watching begins with start().
core::Result<std::unique_ptr<IdleSource>> open_x11_sync_idle_source(boost::asio::io_context& io,
                                                                    IdleCallbacks callbacks,
                                                                    Logger& log);

}  // namespace walkbreak::daemon
