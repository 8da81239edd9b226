// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "ext-idle-notify": the standard Wayland idle protocol, ext-idle-notify-v1
// (sway 1.8 and later, and most current compositors). One notification
// object with the threshold as its timeout: the compositor sends `idled`
// once no input came for that long and `resumed` at the next input, so the
// daemon sleeps between transitions.
//
// Idle inhibitors (idle.inhibitors_keep_sitting): get_idle_notification
// honours them (a playing video keeps the notification from going idle),
// version 2's get_input_idle_notification counts input alone. true uses the
// former; false uses the latter where the compositor offers version 2, and
// with version 1 only cannot be honoured (logged once).
#include <memory>

#include <boost/asio/io_context.hpp>
#include "core/result.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// Connects to $WAYLAND_DISPLAY and binds ext_idle_notifier_v1 (version 2
// where offered) and a wl_seat; the error says which is missing.
core::Result<std::unique_ptr<IdleSource>> open_ext_idle_notify_source(boost::asio::io_context& io,
                                                                      IdleCallbacks callbacks,
                                                                      const IdleOptions& options,
                                                                      Logger& log);

}  // namespace walkbreak::daemon
