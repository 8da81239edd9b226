// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "kde-idle": KDE's org_kde_kwin_idle, the older Wayland idle protocol that
// KWin and wlroots compositors before ext-idle-notify offer (sway 1.7 in
// Debian 12). An idle timeout object with the threshold as its timeout sends
// `idle` after that long without input and `resumed` at the next input, so
// the daemon sleeps between transitions.
//
// Idle inhibitors: both KWin and wlroots hold the timeouts back while an idle
// inhibitor is active, and the protocol has no input-only variant, so an
// inhibitor always keeps the user sitting here; idle.inhibitors_keep_sitting
// = false cannot be honoured (logged once).
#include <memory>

#include <boost/asio/io_context.hpp>
#include "core/result.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// Connects to $WAYLAND_DISPLAY and binds org_kde_kwin_idle and a wl_seat;
// the error says which is missing.
core::Result<std::unique_ptr<IdleSource>> open_kde_idle_source(boost::asio::io_context& io,
                                                               IdleCallbacks callbacks,
                                                               const IdleOptions& options,
                                                               Logger& log);

}  // namespace walkbreak::daemon
