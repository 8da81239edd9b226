// SPDX-License-Identifier: GPL-3.0-or-later
// Reading EWMH's lists (daemon/x11_property.hpp): a format-32 list of the
// asked type is read item by item; a missing property, another type or
// another format reads as none, so that a window whose _NET_WM_STATE a client
// set wrongly is not taken for fullscreen.
#include <catch2/catch.hpp>

#include <vector>

#include "daemon/x11_property.hpp"

#include <X11/Xatom.h>

using walkbreak::daemon::contains_atom;
using walkbreak::daemon::property_items;
using walkbreak::daemon::X11PropertyReply;

namespace {

constexpr Atom fullscreen = 401;
constexpr Atom above = 402;

// As Xlib hands format-32 data to a client: one long per item.
X11PropertyReply reply_of(const std::vector<unsigned long>& items, Atom type, int format = 32) {
    return {type, format, items.size(), reinterpret_cast<const unsigned char*>(items.data())};
}

}  // namespace

TEST_CASE("a format-32 list of the asked type is read item by item", "[x11][property]") {
    const std::vector<unsigned long> states{above, fullscreen};
    const auto items = property_items(reply_of(states, XA_ATOM), XA_ATOM);
    REQUIRE(items);
    CHECK(*items == states);
    CHECK(contains_atom(*items, fullscreen));
    CHECK_FALSE(contains_atom(*items, 403));
}

TEST_CASE("an empty list is read as empty, not as missing", "[x11][property]") {
    const auto items = property_items(reply_of({}, XA_ATOM), XA_ATOM);
    REQUIRE(items);
    CHECK(items->empty());
    CHECK_FALSE(contains_atom(*items, fullscreen));
}

TEST_CASE("a missing property reads as none", "[x11][property]") {
    CHECK_FALSE(property_items(X11PropertyReply{}, XA_ATOM));
}

TEST_CASE("a property of another type reads as none", "[x11][property]") {
    const std::vector<unsigned long> window{0x400030};
    CHECK_FALSE(property_items(reply_of(window, XA_WINDOW), XA_ATOM));
    CHECK(property_items(reply_of(window, XA_WINDOW), XA_WINDOW));
}

TEST_CASE("a property of another format reads as none", "[x11][property]") {
    const std::vector<unsigned long> states{fullscreen};
    CHECK_FALSE(property_items(reply_of(states, XA_ATOM, 8), XA_ATOM));
    CHECK_FALSE(property_items(reply_of(states, XA_ATOM, 16), XA_ATOM));
}
