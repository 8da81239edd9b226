// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One connection to the X server for an idle backend or a meeting source,
// which must survive the server going away. Xlib's defaults exit the process on a protocol error or
// an I/O error; X11Display replaces them so that a lost display is only
// recorded (lost() turns true) and the caller stops using it. Loop thread only.
// Include this header from .cpp files only: Xlib defines macros such as None.
#include <memory>
#include <string>

#include <X11/Xlib.h>

#include "core/result.hpp"

namespace walkbreak::daemon {

class X11Display {
public:
    // Opens $DISPLAY, or says why it cannot.
    static core::Result<std::unique_ptr<X11Display>> open();
    ~X11Display();  // XCloseDisplay, also after the connection was lost
    X11Display(const X11Display&) = delete;
    X11Display& operator=(const X11Display&) = delete;

    Display* get() const { return display_; }
    int fd() const;
    // True once Xlib has met an I/O error (server killed, socket closed).
    // From then on only the destructor may touch the display.
    bool lost() const { return lost_; }
    std::string name() const;

private:
    explicit X11Display(Display* display);
    static void on_io_error_exit(Display* display, void* self) noexcept;

    Display* display_;
    bool lost_{false};
};

}  // namespace walkbreak::daemon
