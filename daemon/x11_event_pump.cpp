// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/x11_event_pump.hpp"

#include <utility>

#include <boost/asio/error.hpp>

namespace walkbreak::daemon {

X11EventPump::X11EventPump(boost::asio::io_context& io, X11Display& display,
                           std::function<void(const XEvent&)> on_event,
                           std::function<void(std::string)> on_lost)
    : display_(display),
      fd_(io, display.fd()),
      kick_(io),
      on_event_(std::move(on_event)),
      on_lost_(std::move(on_lost)) {}

X11EventPump::~X11EventPump() {
    // Xlib owns the descriptor and closes it in XCloseDisplay.
    if (fd_.is_open()) (void)fd_.release();
}

void X11EventPump::start() {
    if (lost_) return;
    running_ = true;
    kick_.post([this] { drain(); });
}

void X11EventPump::stop() {
    running_ = false;
    kick_.cancel();
    if (lost_) return;
    fd_.cancel();
    waiting_ = false;
}

void X11EventPump::wait() {
    if (waiting_ || lost_ || !running_) return;
    waiting_ = true;
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                   [this](const boost::system::error_code& ec) {
                       // Cancelled by stop(), fail() or the destructor: `this` may be gone.
                       if (ec == boost::asio::error::operation_aborted) return;
                       waiting_ = false;
                       if (ec) {
                           fail("waiting on the X connection failed: " + ec.message());
                           return;
                       }
                       drain();
                   });
}

void X11EventPump::drain() {
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
    wait();
}

// The last thing a handler does: on_lost may destroy this pump.
void X11EventPump::fail(std::string reason) {
    if (lost_) return;
    lost_ = true;
    running_ = false;
    kick_.cancel();
    // Stop watching: the descriptor stays open (Xlib's) but leaves the reactor.
    if (fd_.is_open()) (void)fd_.release();
    auto on_lost = std::move(on_lost_);
    if (on_lost) on_lost(std::move(reason));
}

}  // namespace walkbreak::daemon
