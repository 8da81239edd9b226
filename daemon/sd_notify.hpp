// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The systemd service readiness protocol (Type=notify). Each call sends one
// datagram to $NOTIFY_SOCKET; without it (not started by systemd) each is a
// no-op. Failures are ignored: readiness is advisory and must never stop the
// daemon. Any thread, though the daemon calls them from the loop thread.
#include <string_view>

namespace walkbreak::daemon {

// READY=1 with a human-readable STATUS= (shown by `systemctl status`).
void notify_ready(std::string_view status);
void notify_status(std::string_view status);
// RELOADING=1 with MONOTONIC_USEC, as Type=notify-reload expects; call
// notify_ready() again once the reload is done.
void notify_reloading();
void notify_stopping();

}  // namespace walkbreak::daemon
