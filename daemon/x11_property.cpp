// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/x11_property.hpp"

#include <algorithm>

namespace walkbreak::daemon {
namespace {

// In 32-bit units: EWMH lists are short (a window manager supports about a
// hundred atoms, a window has a few states); longer ones are cut here.
constexpr long max_items = 4096;

}  // namespace

std::optional<std::vector<unsigned long>> property_items(const X11PropertyReply& reply, Atom type) {
    if (reply.type != type || reply.format != 32) return std::nullopt;
    if (reply.items == 0) return std::vector<unsigned long>{};
    if (reply.data == nullptr) return std::nullopt;
    const auto* items = reinterpret_cast<const unsigned long*>(reply.data);
    return std::vector<unsigned long>(items, items + reply.items);
}

bool contains_atom(std::span<const unsigned long> atoms, Atom atom) {
    return std::find(atoms.begin(), atoms.end(), atom) != atoms.end();
}

std::optional<std::vector<unsigned long>> read_property_items(Display* display, Window window,
                                                              Atom property, Atom type) {
    X11PropertyReply reply;
    unsigned long bytes_after = 0;
    unsigned char* data = nullptr;
    if (XGetWindowProperty(display, window, property, 0, max_items, False, type, &reply.type,
                           &reply.format, &reply.items, &bytes_after, &data) != Success)
        return std::nullopt;  // Xlib allocated nothing
    reply.data = data;
    auto items = property_items(reply, type);
    if (data != nullptr) XFree(data);
    return items;
}

}  // namespace walkbreak::daemon
