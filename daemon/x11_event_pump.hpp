// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads one X connection from the io_context for an idle backend: every event
// Xlib has (already queued, or read once the socket is readable) goes to
// `on_event`, and a connection that fails is reported once to `on_lost`, after
// which the descriptor is no longer watched (Xlib still owns it). The loop
// sleeps on the socket between events: nothing is polled. Loop thread only.
// Include this header from .cpp files only: Xlib defines macros such as None.
#include <string>

#include <boost/asio/io_context.hpp>

#include "daemon/defer_event.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/x11_display.hpp"

namespace walkbreak::daemon {

class X11EventPump {
public:
    // `on_event` may call start() or stop(); `on_lost` may destroy the pump.
    X11EventPump(boost::asio::io_context& io, X11Display& display,
                 Callback<void(const XEvent&)> on_event,
                 Callback<void(std::string reason)> on_lost);
    X11EventPump(const X11EventPump&) = delete;
    X11EventPump& operator=(const X11EventPump&) = delete;

    // Starts reading. Events already in Xlib's queue, or a connection already
    // found dead, are handled from the loop, never inside start().
    void start();
    void stop();
    // Reports the connection lost, as if the pump had found it so. Idempotent:
    // `on_lost` runs at most once.
    void fail(std::string reason);
    bool lost() const { return lost_; }

private:
    void drain() noexcept;

    X11Display& display_;
    FdEvent watch_;           // Xlib's descriptor, closed by XCloseDisplay
    DeferEvent first_drain_;  // what Xlib has queued already
    Callback<void(const XEvent&)> on_event_;
    Callback<void(std::string)> on_lost_;
    bool running_{false};
    bool lost_{false};
};

}  // namespace walkbreak::daemon
