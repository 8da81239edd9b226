// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/wayland_connection.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <fmt/format.h>
#include <wayland-client.h>

#include "daemon/c_callback.hpp"

namespace walkbreak::daemon {

core::Result<std::unique_ptr<WaylandConnection>> WaylandConnection::open(
    boost::asio::io_context& io) {
    const char* name = std::getenv("WAYLAND_DISPLAY");
    if (name == nullptr || *name == '\0') return core::Error{"WAYLAND_DISPLAY is not set"};
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr)
        return core::Error{
            fmt::format("cannot connect to Wayland display {} ({})", name, std::strerror(errno))};
    std::unique_ptr<WaylandConnection> self{new WaylandConnection{io, display, name}};

    static const wl_registry_listener listener{
        wayland_listener<&WaylandConnection::on_global>,
        wayland_listener<&WaylandConnection::on_global_remove>};
    self->registry_ = wl_display_get_registry(display);
    wl_registry_add_listener(self->registry_, &listener, self.get());
    if (wl_display_roundtrip(display) < 0) return core::Error{self->error_reason()};
    return self;
}

WaylandConnection::WaylandConnection(boost::asio::io_context& io, wl_display* display,
                                     std::string name)
    : display_(display),
      name_(std::move(name)),
      watch_(io, wl_display_get_fd(display),
             [this](std::uint32_t events) noexcept { on_ready(events); }),
      first_arm_(io, [this]() noexcept { arm(); }) {}

WaylandConnection::~WaylandConnection() {
    watch_.cancel();  // before libwayland closes the descriptor
    if (reading_) wl_display_cancel_read(display_);
    if (registry_ != nullptr) wl_registry_destroy(registry_);
    wl_display_disconnect(display_);
}

const WaylandConnection::Global* WaylandConnection::find(std::string_view interface) const {
    auto it = std::find_if(globals_.begin(), globals_.end(),
                           [&](const Global& g) { return g.interface == interface; });
    return it != globals_.end() ? &*it : nullptr;
}

void* WaylandConnection::bind(const Global& global, const wl_interface& interface,
                              std::uint32_t version) {
    return wl_registry_bind(registry_, global.name, &interface, version);
}

core::Outcome WaylandConnection::roundtrip() {
    if (wl_display_roundtrip(display_) < 0) return core::Error{error_reason()};
    return core::success();
}

void WaylandConnection::on_global(wl_registry*, std::uint32_t name, const char* interface,
                                  std::uint32_t version) noexcept {
    globals_.push_back(Global{name, interface, version});
}

void WaylandConnection::on_global_remove(wl_registry*, std::uint32_t name) noexcept {
    std::erase_if(globals_, [&](const Global& g) { return g.name == name; });
}

void WaylandConnection::watch(Callback<void(std::string)> on_lost) {
    on_lost_ = std::move(on_lost);
    if (watching_ || lost_) return;
    watching_ = true;
    first_arm_.schedule();
}

// What cannot be written now waits for the descriptor to take it; a dead
// connection is reported by the read side.
void WaylandConnection::send_requests() {
    if (lost_) return;
    if (wl_display_flush(display_) < 0 && errno == EAGAIN) {
        watch_.schedule_write();
    } else {
        watch_.cancel_write();
    }
}

// Dispatches whatever is already queued, announces the read, sends what the
// listeners asked for and waits for the compositor. Single-threaded, the
// prepared read simply stays open until the fd is readable.
void WaylandConnection::arm() {
    while (wl_display_prepare_read(display_) != 0) {
        if (wl_display_dispatch_pending(display_) < 0) {
            fail(error_reason());
            return;
        }
    }
    reading_ = true;
    send_requests();
    watch_.schedule_read();
}

void WaylandConnection::on_ready(std::uint32_t events) {
    if ((events & FdEvent::write) != 0) send_requests();
    // Not reading yet: the first arm() is still to come.
    if (!reading_ || (events & (FdEvent::read | FdEvent::error | FdEvent::hangup)) == 0) return;
    reading_ = false;
    // A hang-up reads as end of file: read_events fails with EPIPE.
    if (wl_display_read_events(display_) < 0 || wl_display_dispatch_pending(display_) < 0) {
        fail(error_reason());
        return;
    }
    arm();
}

// The last thing a handler does: on_lost may destroy this connection.
void WaylandConnection::fail(std::string reason) {
    if (lost_) return;
    lost_ = true;
    watching_ = false;
    if (reading_) wl_display_cancel_read(display_);
    reading_ = false;
    first_arm_.cancel();
    watch_.cancel();
    const Callback<void(std::string)> on_lost = std::move(on_lost_);
    if (on_lost) on_lost(std::move(reason));
}

std::string WaylandConnection::error_reason() const {
    const int code = wl_display_get_error(display_);
    if (code == EPROTO) {
        const wl_interface* interface = nullptr;
        std::uint32_t id = 0;
        const std::uint32_t error = wl_display_get_protocol_error(display_, &interface, &id);
        return fmt::format("protocol error {} on {}@{} from the compositor on {}", error,
                           interface != nullptr ? interface->name : "unknown", id, name_);
    }
    if (code == 0 || code == EPIPE || code == ECONNRESET)
        return fmt::format("the compositor closed the connection to {}", name_);
    return fmt::format("the connection to {} failed: {}", name_, std::strerror(code));
}

}  // namespace walkbreak::daemon
