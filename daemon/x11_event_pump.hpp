// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads one X connection from the io_context for an idle backend: every event
// Xlib has (already queued, or read once the socket is readable) goes to
// `on_event`, and a connection that fails is reported once to `on_lost`, after
// which the descriptor has left the reactor (Xlib still owns it). The loop
// sleeps on the socket between events: nothing is polled. Loop thread only.
// Include this header from .cpp files only: Xlib defines macros such as None.
#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "daemon/deferred_call.hpp"
#include "daemon/x11_display.hpp"

namespace walkbreak::daemon {

class X11EventPump {
public:
    // `on_event` may call start() or stop(); only `on_lost` may destroy the pump.
    X11EventPump(boost::asio::io_context& io, X11Display& display,
                 std::function<void(const XEvent&)> on_event,
                 std::function<void(std::string reason)> on_lost);
    ~X11EventPump();
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
    void wait();
    void drain();

    X11Display& display_;
    boost::asio::posix::stream_descriptor fd_;
    DeferredCall kick_;
    std::function<void(const XEvent&)> on_event_;
    std::function<void(std::string)> on_lost_;
    bool running_{false};
    bool waiting_{false};
    bool lost_{false};
};

}  // namespace walkbreak::daemon
