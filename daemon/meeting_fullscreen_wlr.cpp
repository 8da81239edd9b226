// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_fullscreen_wlr.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <wayland-client.h>

#include "daemon/c_callback.hpp"
#include "daemon/meeting_reporter.hpp"
#include "daemon/wayland_connection.hpp"
#include "wlr-foreign-toplevel-management-unstable-v1-client-protocol.h"

namespace walkbreak::daemon {
namespace {

// Version 2 added the fullscreen state; 3 only the parent event.
constexpr std::uint32_t needed_version = 2;

struct WindowState {
    bool activated{false};
    bool fullscreen{false};
    bool operator==(const WindowState&) const = default;
};

// The `state` event's array of zwlr_foreign_toplevel_handle_v1_state values,
// 32 bits each; values from later versions are skipped.
WindowState read_states(const wl_array& states) {
    WindowState state;
    const auto* bytes = static_cast<const unsigned char*>(states.data);
    for (std::size_t at = 0; at + sizeof(std::uint32_t) <= states.size;
         at += sizeof(std::uint32_t)) {
        std::uint32_t value = 0;
        std::memcpy(&value, bytes + at, sizeof value);
        if (value == ZWLR_FOREIGN_TOPLEVEL_HANDLE_V1_STATE_ACTIVATED) state.activated = true;
        if (value == ZWLR_FOREIGN_TOPLEVEL_HANDLE_V1_STATE_FULLSCREEN) state.fullscreen = true;
    }
    return state;
}

class WlrFullscreenSource;

// One window as the compositor lists it. What `state` and `app_id` say is
// applied at `done`, which makes a change of several events one change.
// Owned by the source, which destroys it when the compositor says `closed`.
class ListedWindow {
public:
    ListedWindow(WlrFullscreenSource& source, zwlr_foreign_toplevel_handle_v1* handle,
                 unsigned number)
        : source_(source), handle_(handle), number_(number) {
        static const zwlr_foreign_toplevel_handle_v1_listener listener{
            wayland_listener<&ListedWindow::on_title>,  wayland_listener<&ListedWindow::on_app_id>,
            wayland_listener<&ListedWindow::on_output>, wayland_listener<&ListedWindow::on_output>,
            wayland_listener<&ListedWindow::on_state>,  wayland_listener<&ListedWindow::on_done>,
            wayland_listener<&ListedWindow::on_closed>, wayland_listener<&ListedWindow::on_parent>};
        zwlr_foreign_toplevel_handle_v1_add_listener(handle_, &listener, this);
    }
    ~ListedWindow() { zwlr_foreign_toplevel_handle_v1_destroy(handle_); }
    ListedWindow(const ListedWindow&) = delete;
    ListedWindow& operator=(const ListedWindow&) = delete;

    const WindowState& state() const { return state_; }
    const std::string& app_id() const { return app_id_; }
    unsigned number() const { return number_; }  // in the order listed, for the log

private:
    void on_title(zwlr_foreign_toplevel_handle_v1*, const char*) noexcept {}
    void on_app_id(zwlr_foreign_toplevel_handle_v1*, const char* app_id) noexcept {
        pending_app_id_ = app_id;
    }
    void on_output(zwlr_foreign_toplevel_handle_v1*, wl_output*) noexcept {}
    void on_state(zwlr_foreign_toplevel_handle_v1*, wl_array* states) noexcept {
        pending_ = read_states(*states);
    }
    void on_done(zwlr_foreign_toplevel_handle_v1*) noexcept;
    void on_closed(zwlr_foreign_toplevel_handle_v1*) noexcept;  // destroys this
    void on_parent(zwlr_foreign_toplevel_handle_v1*, zwlr_foreign_toplevel_handle_v1*) noexcept {}

    WlrFullscreenSource& source_;
    zwlr_foreign_toplevel_handle_v1* handle_;
    unsigned number_;
    WindowState state_;
    WindowState pending_;
    std::string app_id_;
    std::string pending_app_id_;
};

class WlrFullscreenSource final : public MeetingSource {
public:
    WlrFullscreenSource(boost::asio::io_context& io, std::unique_ptr<WaylandConnection> connection,
                        MeetingSourceCallbacks callbacks, Logger& log)
        : log_(log),
          reporter_(io, core::MeetingSignal::Fullscreen, std::move(callbacks), log),
          connection_(std::move(connection)) {}

    ~WlrFullscreenSource() override {
        windows_.clear();
        stop_listing();
        connection_->send_requests();
    }

    core::MeetingSignal signal() const override { return reporter_.signal(); }
    std::string_view backend() const override { return "wlr-foreign-toplevel"; }
    bool holds() const override { return reporter_.holds(); }

    // Binds the manager and reads the windows it lists at once (a round
    // trip, running the listeners), then follows the changes from the loop.
    core::Outcome start(const WaylandConnection::Global& manager) {
        static const zwlr_foreign_toplevel_manager_v1_listener listener{
            wayland_listener<&WlrFullscreenSource::on_window>,
            wayland_listener<&WlrFullscreenSource::on_finished>};
        manager_ = static_cast<zwlr_foreign_toplevel_manager_v1*>(
            connection_->bind(manager, zwlr_foreign_toplevel_manager_v1_interface, needed_version));
        zwlr_foreign_toplevel_manager_v1_add_listener(manager_, &listener, this);
        if (auto answered = connection_->roundtrip(); !answered) return answered;
        following_ = true;
        reporter_.start(fullscreen_focused());
        connection_->watch([this](std::string reason) noexcept { on_lost(std::move(reason)); });
        return core::success();
    }

    // A window's `done`: what changed in it is in effect now.
    void changed(const ListedWindow& window, const WindowState& before) {
        if (window.state() == before) return;
        log_.debug("meeting", "fullscreen: window {} ({}) {}, {}", window.number(),
                   window.app_id().empty() ? "no app id" : window.app_id(),
                   window.state().activated ? "activated" : "not activated",
                   window.state().fullscreen ? "fullscreen" : "not fullscreen");
        update();
    }

    void closed(const ListedWindow& window) {
        std::erase_if(windows_, [&](const auto& w) { return w.get() == &window; });
        update();
    }

private:
    // A new window; its state follows, up to its first `done`.
    void on_window(zwlr_foreign_toplevel_manager_v1*,
                   zwlr_foreign_toplevel_handle_v1* handle) noexcept {
        windows_.push_back(std::make_unique<ListedWindow>(*this, handle, ++listed_));
    }

    // The compositor lists no more windows (it destroys the manager).
    void on_finished(zwlr_foreign_toplevel_manager_v1*) noexcept {
        zwlr_foreign_toplevel_manager_v1_destroy(manager_);
        manager_ = nullptr;
        stop_watching("the compositor stopped listing its windows");
    }

    void on_lost(std::string reason) noexcept { stop_watching(std::move(reason)); }

    void stop_watching(std::string reason) {
        log_.warning("meeting", "fullscreen: {}; not watching", reason);
        windows_.clear();
        connection_->send_requests();
        update();
    }

    // Asks the compositor to stop listing; what it still sends meanwhile goes
    // to a destroyed proxy, which libwayland drops.
    void stop_listing() {
        if (manager_ == nullptr) return;
        zwlr_foreign_toplevel_manager_v1_stop(manager_);
        zwlr_foreign_toplevel_manager_v1_destroy(manager_);
        manager_ = nullptr;
    }

    bool fullscreen_focused() const {
        return std::any_of(windows_.begin(), windows_.end(), [](const auto& w) {
            return w->state().activated && w->state().fullscreen;
        });
    }

    // Windows listed during start()'s round trip are the state at open.
    void update() {
        if (following_) reporter_.set(fullscreen_focused());
    }

    Logger& log_;
    MeetingReporter reporter_;
    std::unique_ptr<WaylandConnection> connection_;  // first in, last out: outlives the proxies
    zwlr_foreign_toplevel_manager_v1* manager_{nullptr};
    std::vector<std::unique_ptr<ListedWindow>> windows_;
    unsigned listed_{0};  // windows listed so far
    bool following_{false};
};

void ListedWindow::on_done(zwlr_foreign_toplevel_handle_v1*) noexcept {
    const WindowState before = state_;
    state_ = pending_;
    app_id_ = pending_app_id_;
    source_.changed(*this, before);
}

void ListedWindow::on_closed(zwlr_foreign_toplevel_handle_v1*) noexcept { source_.closed(*this); }

}  // namespace

core::Result<std::unique_ptr<MeetingSource>> open_wlr_fullscreen_source(
    boost::asio::io_context& io, const MeetingSourceOptions&, MeetingSourceCallbacks callbacks,
    Logger& log) {
    auto connection = WaylandConnection::open(io);
    if (!connection) return core::Error{connection.error()};
    const WaylandConnection& c = **connection;
    const WaylandConnection::Global* manager =
        c.find(zwlr_foreign_toplevel_manager_v1_interface.name);
    if (manager == nullptr)
        return core::Error{"the compositor on " + c.name() +
                           " offers no wlr-foreign-toplevel-management; GNOME and KDE set "
                           "do-not-disturb themselves for presentations and screen sharing"};
    if (manager->version < needed_version)
        return core::Error{"the compositor on " + c.name() +
                           " offers wlr-foreign-toplevel-management version 1, which does not "
                           "tell fullscreen windows"};

    log.debug("meeting", "fullscreen: zwlr_foreign_toplevel_manager_v1 version {} on {}",
              manager->version, c.name());
    const WaylandConnection::Global global = *manager;  // the list may change in start()
    auto source = std::make_unique<WlrFullscreenSource>(io, std::move(connection).value(),
                                                        std::move(callbacks), log);
    if (auto started = source->start(global); !started) return core::Error{started.error()};
    return std::unique_ptr<MeetingSource>{std::move(source)};
}

}  // namespace walkbreak::daemon
