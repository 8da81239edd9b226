// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/x11_event_pump.hpp"

#include <cstdint>
#include <utility>

namespace walkbreak::daemon {

X11EventPump::X11EventPump(boost::asio::io_context& io, X11Display& display,
                           Callback<void(const XEvent&)> on_event,
                           Callback<void(std::string)> on_lost)
    : display_(display),
      watch_(io, display.fd(), [this](std::uint32_t) noexcept { drain(); }),
      first_drain_(io, [this]() noexcept { drain(); }),
      on_event_(std::move(on_event)),
      on_lost_(std::move(on_lost)) {}

void X11EventPump::start() {
    if (lost_) return;
    running_ = true;
    first_drain_.schedule();
}

void X11EventPump::stop() {
    running_ = false;
    first_drain_.cancel();
    watch_.cancel();
}

// Reads what the socket has (XPending) and hands out every queued event.
void X11EventPump::drain() noexcept {
    Display* dpy = display_.get();
    while (running_ && !display_.lost() && XPending(dpy) > 0) {
        XEvent event;
        XNextEvent(dpy, &event);
        on_event_(event);
    }
    if (display_.lost()) {
        fail("the X server closed the connection to " + display_.name());
        return;
    }
    if (running_) watch_.schedule_read();
}

// The last thing a handler does: on_lost may destroy this pump.
void X11EventPump::fail(std::string reason) {
    if (lost_) return;
    lost_ = true;
    stop();
    const Callback<void(std::string)> on_lost = std::move(on_lost_);
    if (on_lost) on_lost(std::move(reason));
}

}  // namespace walkbreak::daemon
