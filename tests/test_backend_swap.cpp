// SPDX-License-Identifier: GPL-3.0-or-later
// The reload-swaps-a-backend race: what one pass of the loop found ready is
// handled in turn, and a handler may destroy the owner of what comes next
// (as a reload or a lost backend replaces what it owns). What comes next
// must then never run: built with WALKBREAK_SANITIZE, AddressSanitizer
// reports a use after free if it does.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <wayland-server-core.h>

#include "daemon/wayland_connection.hpp"

using walkbreak::daemon::WaylandConnection;

namespace {

// A Wayland server with no globals in a private runtime directory; stop()
// closes every client's socket at once.
class Compositor {
public:
    Compositor() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "walkbreak-swap-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        dir_ = pattern;
        ::setenv("XDG_RUNTIME_DIR", dir_.c_str(), 1);
        display_ = wl_display_create();
        REQUIRE(display_ != nullptr);
        const char* name = wl_display_add_socket_auto(display_);
        REQUIRE(name != nullptr);
        ::setenv("WAYLAND_DISPLAY", name, 1);
        thread_ = std::thread{[this] { wl_display_run(display_); }};
    }
    ~Compositor() {
        stop();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    Compositor(const Compositor&) = delete;
    Compositor& operator=(const Compositor&) = delete;

    void stop() {
        if (display_ == nullptr) return;
        wl_display_terminate(display_);
        thread_.join();
        wl_display_destroy_clients(display_);
        wl_display_destroy(display_);
        display_ = nullptr;
    }

private:
    std::filesystem::path dir_;
    wl_display* display_{nullptr};
    std::thread thread_;
};

std::unique_ptr<WaylandConnection> connect(boost::asio::io_context& io) {
    auto connection = WaylandConnection::open(io);
    REQUIRE(connection);
    return std::move(*connection);
}

}  // namespace

TEST_CASE("a connection lost in the same pass as another may destroy both", "[loop][wayland]") {
    Compositor compositor;
    boost::asio::io_context io;
    std::unique_ptr<WaylandConnection> first = connect(io);
    std::unique_ptr<WaylandConnection> second = connect(io);
    int lost = 0;
    auto swap_out_both = [&](std::string) noexcept {
        ++lost;
        first.reset();
        second.reset();
    };
    first->watch(swap_out_both);
    second->watch(swap_out_both);
    while (io.poll() > 0) {
    }  // both connections now wait for the compositor

    compositor.stop();  // both sockets hang up before the loop looks again
    while (io.poll() > 0) {
    }
    CHECK(lost == 1);
    CHECK(first == nullptr);
    CHECK(second == nullptr);
}
