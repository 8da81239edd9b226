// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/x11_display.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace walkbreak::daemon {
namespace {

// Xlib's error handlers are process-wide by X's design, so these two are the
// only X state that is not per connection. Both just return:
//  - a protocol error must not exit the daemon (Xlib's default); none is
//    expected from the few requests the idle backends send, but the
//    fullscreen source meets BadWindow whenever the window it follows is
//    closed before it lets go of it (its requests then fail, which it
//    checks);
//  - an I/O error is reported per display by on_io_error_exit, which libX11
//    (>= 1.8) calls after this handler instead of exiting.
int ignore_protocol_error(Display*, XErrorEvent*) noexcept { return 0; }
int ignore_io_error(Display*) noexcept { return 0; }

}  // namespace

core::Result<std::unique_ptr<X11Display>> X11Display::open() {
    const char* name = std::getenv("DISPLAY");
    if (name == nullptr || *name == '\0') return core::Error{"DISPLAY is not set"};
    XSetErrorHandler(ignore_protocol_error);
    XSetIOErrorHandler(ignore_io_error);
    Display* display = XOpenDisplay(nullptr);
    if (display == nullptr) return core::Error{fmt::format("cannot open display {}", name)};
    std::unique_ptr<X11Display> self{new X11Display{display}};
    XSetIOErrorExitHandler(display, &X11Display::on_io_error_exit, self.get());
    return self;
}

X11Display::X11Display(Display* display) : display_(display) {}

X11Display::~X11Display() {
    // After an I/O error libX11 skips the round trips of a normal close (or
    // meets the error again, which on_io_error_exit absorbs) and frees the
    // structure; the exit handler still points at this object until then.
    XCloseDisplay(display_);
}

int X11Display::fd() const { return XConnectionNumber(display_); }

std::string X11Display::name() const {
    const char* s = XDisplayString(display_);
    return s != nullptr ? s : "";
}

void X11Display::on_io_error_exit(Display*, void* self) noexcept {
    // Called from inside whichever Xlib function met the error. Returning
    // (instead of exiting) makes that function fail; the owner checks lost().
    static_cast<X11Display*>(self)->lost_ = true;
}

}  // namespace walkbreak::daemon
