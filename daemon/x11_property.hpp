// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading window properties that hold lists of 32-bit items (atoms, window
// ids), as EWMH stores its state. Loop thread only, on the display's thread.
// Include this header from .cpp files only: Xlib defines macros such as None.
#include <optional>
#include <span>
#include <vector>

#include <X11/Xlib.h>

namespace walkbreak::daemon {

// What XGetWindowProperty answered. Xlib hands format-32 items to clients as
// an array of long, whatever the platform's long is.
struct X11PropertyReply {
    Atom type{0};  // None (0): the window has no such property
    int format{0};
    unsigned long items{0};
    const unsigned char* data{nullptr};
};

// The items of `reply` when it is a list of `type` in format 32; none when the
// property is missing or holds something else (a client setting it wrongly).
std::optional<std::vector<unsigned long>> property_items(const X11PropertyReply& reply, Atom type);

bool contains_atom(std::span<const unsigned long> atoms, Atom atom);

// Reads `property` of `window` as a list of `type`. None when the property is
// missing or malformed, and when the request fails: a window destroyed
// meanwhile answers BadWindow, which X11Display's error handler absorbs.
std::optional<std::vector<unsigned long>> read_property_items(Display* display, Window window,
                                                              Atom property, Atom type);

}  // namespace walkbreak::daemon
