// SPDX-License-Identifier: GPL-3.0-or-later
// The boundary helper for C callbacks (daemon/c_callback.hpp): each C
// function pointer reaches the member function of the object passed as user
// data, in the position its library puts it, with the other arguments and
// the result passed through. That a member which may throw is refused is
// checked by compiling tests/compile_fail/c_callback_throwing.cpp.
#include <catch2/catch.hpp>

#include <string>
#include <type_traits>

#include "daemon/c_callback.hpp"

using namespace walkbreak::daemon;

namespace {

struct Proxy {};  // stands for a C library's object, e.g. a wl_proxy

struct Listener {
    std::string seen;
    void idled(Proxy*, unsigned timeout_ms) noexcept {
        seen += "idled " + std::to_string(timeout_ms);
    }
    void resumed(Proxy*) noexcept { seen += "resumed"; }
    void on_message(sd_bus_message*) noexcept { seen += "message"; }
    int on_source() noexcept { return 7; }
    bool on_closed(Proxy*, const char* why) noexcept {
        seen += why;
        return true;
    }
};

// The shapes of the C libraries' own typedefs.
using WaylandIdled = void (*)(void* data, Proxy*, unsigned);
using SdBusHandler = int (*)(sd_bus_message*, void* data, sd_bus_error*);
using GlibSource = int (*)(void* data);
using GlibSignal = bool (*)(Proxy*, const char*, void* data);

}  // namespace

TEST_CASE("a Wayland listener calls the member on the object given first", "[c_callback]") {
    Listener listener;
    const WaylandIdled idled = wayland_listener<&Listener::idled>;
    void (*resumed)(void*, Proxy*) = wayland_listener<&Listener::resumed>;
    Proxy proxy;
    idled(&listener, &proxy, 5000);
    resumed(&listener, &proxy);
    CHECK(listener.seen == "idled 5000resumed");
}

TEST_CASE("an sd-bus handler calls the member with the message and returns 0", "[c_callback]") {
    Listener listener;
    const SdBusHandler handler = sd_bus_handler<&Listener::on_message>;
    CHECK(handler(nullptr, &listener, nullptr) == 0);
    CHECK(listener.seen == "message");
}

TEST_CASE("a GLib callback takes its object last and passes the result back", "[c_callback]") {
    Listener listener;
    const GlibSource source = glib_callback<&Listener::on_source>;
    CHECK(source(&listener) == 7);
    const GlibSignal closed = glib_callback<&Listener::on_closed>;
    Proxy proxy;
    CHECK(closed(&proxy, "dismissed", &listener));
    CHECK(listener.seen == "dismissed");
}

TEST_CASE("the C function pointers cannot throw", "[c_callback]") {
    STATIC_REQUIRE(
        std::is_nothrow_invocable_v<decltype(wayland_listener<&Listener::resumed>), void*, Proxy*>);
    STATIC_REQUIRE(std::is_nothrow_invocable_v<decltype(sd_bus_handler<&Listener::on_message>),
                                               sd_bus_message*, void*, sd_bus_error*>);
    STATIC_REQUIRE(
        std::is_nothrow_invocable_v<decltype(glib_callback<&Listener::on_source>), void*>);
}
