// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One client connection to the Wayland compositor, shared code of the Wayland
// idle backends and the wlr-foreign-toplevel meeting source. open() connects to $WAYLAND_DISPLAY
// and lists the globals; watch() then drives the display fd from the io_context the way libwayland
// asks for (prepare_read, flush, wait for the fd, read_events,
// dispatch_pending), so the protocol listeners run on the loop thread inside
// that handler and nothing ever polls. Loop thread only.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/fd_event.hpp"

struct wl_display;
struct wl_interface;
struct wl_registry;

namespace walkbreak::daemon {

class WaylandConnection {
public:
    struct Global {
        std::uint32_t name{0};
        std::string interface;
        std::uint32_t version{0};
    };

    // Connects and waits for the list of globals (one round trip). The error
    // says why: WAYLAND_DISPLAY unset, no compositor on it, or a broken reply.
    static core::Result<std::unique_ptr<WaylandConnection>> open(boost::asio::io_context& io);
    // Disconnects. Every proxy made through the connection must be destroyed first.
    ~WaylandConnection();
    WaylandConnection(const WaylandConnection&) = delete;
    WaylandConnection& operator=(const WaylandConnection&) = delete;

    const std::string& name() const { return name_; }  // e.g. "wayland-1"
    // The first global with this interface name, or nullptr.
    const Global* find(std::string_view interface) const;
    // Binds `global` at `version` (at most what it offers; the caller
    // clamps). Returns the new proxy, to be cast to the interface's type.
    void* bind(const Global& global, const wl_interface& interface, std::uint32_t version);
    // Sends the requests made so far and waits until the compositor has
    // answered them, running the listeners of what it sends meanwhile. For
    // open, before watch(): it blocks. The error says why the connection broke.
    core::Outcome roundtrip();

    // Starts dispatching events from the loop; the first dispatch happens in
    // a handler, never inside this call. `on_lost` is called once when the
    // compositor goes away or the connection breaks (protocol error); the
    // connection then stops watching and may be destroyed from inside
    // on_lost. Calling watch() again only replaces on_lost.
    void watch(Callback<void(std::string reason)> on_lost);
    // Sends the requests made outside a listener (listeners' requests are
    // sent before the next wait). A write that cannot go now is finished
    // from the loop; a dead connection is reported by the read side.
    void send_requests();
    bool lost() const { return lost_; }

private:
    WaylandConnection(boost::asio::io_context& io, wl_display* display, std::string name);
    // The registry's listener (c_callback.hpp).
    void on_global(wl_registry*, std::uint32_t name, const char* interface,
                   std::uint32_t version) noexcept;
    void on_global_remove(wl_registry*, std::uint32_t name) noexcept;

    void arm();
    void on_ready(std::uint32_t events);
    void fail(std::string reason);
    std::string error_reason() const;

    wl_display* display_;
    std::string name_;
    wl_registry* registry_{nullptr};
    std::vector<Global> globals_;
    FdEvent watch_;         // libwayland's descriptor, closed by libwayland
    DeferEvent first_arm_;  // the first arm() runs from the loop
    Callback<void(std::string)> on_lost_;
    bool watching_{false};
    bool reading_{false};  // between wl_display_prepare_read and read/cancel_read
    bool lost_{false};
};

}  // namespace walkbreak::daemon
