// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/idle_wayland_kde.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include <wayland-client.h>

#include "daemon/c_callback.hpp"
#include "daemon/wayland_connection.hpp"
#include "daemon/wayland_idle_state.hpp"
#include "kde-idle-client-protocol.h"

namespace walkbreak::daemon {
namespace {

std::uint32_t to_timeout_ms(core::Seconds threshold) {
    const std::int64_t ms = core::Millis{threshold}.count();
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(ms, 0, UINT32_MAX));
}

// States: active (a timeout object waiting for `idle`) and idle (waiting for
// `resumed`). A timeout counts from its creation and says `resumed` only
// after `idle`, so a new threshold given while idle is applied at `resumed`.
class KdeIdleSource final : public IdleSource {
public:
    KdeIdleSource(std::unique_ptr<WaylandConnection> connection, org_kde_kwin_idle* manager,
                  wl_seat* seat, IdleCallbacks callbacks, const IdleOptions& options, Logger& log)
        : log_(log),
          state_("kde-idle", std::move(callbacks), log),
          options_(options),
          connection_(std::move(connection)),
          manager_(manager),
          seat_(seat) {}

    ~KdeIdleSource() override {
        release_timeout();
        org_kde_kwin_idle_destroy(manager_);
        wl_seat_destroy(seat_);
        connection_->send_requests();
    }

    std::string_view name() const override { return "kde-idle"; }

    void start(core::Seconds threshold) override {
        threshold_ = threshold;
        const bool create_now = state_.start();
        if (connection_->lost()) return;
        connection_->watch([this](std::string reason) noexcept { state_.lost(std::move(reason)); });
        if (!options_.inhibitors_keep_sitting && !warned_) {
            warned_ = true;
            log_.info("idle",
                      "kde-idle: org_kde_kwin_idle always lets an idle inhibitor keep "
                      "you sitting (idle.inhibitors_keep_sitting = false cannot be "
                      "honoured)");
        }
        if (!create_now) return;
        release_timeout();
        create_timeout();
        connection_->send_requests();
    }

    void stop() override {
        state_.stop();
        release_timeout();
        connection_->send_requests();
    }

private:
    void create_timeout() {
        static const org_kde_kwin_idle_timeout_listener listener{
            wayland_listener<&KdeIdleSource::idled>, wayland_listener<&KdeIdleSource::resumed>};
        timeout_ms_ = to_timeout_ms(threshold_);
        timeout_ = org_kde_kwin_idle_get_idle_timeout(manager_, seat_, timeout_ms_);
        org_kde_kwin_idle_timeout_add_listener(timeout_, &listener, this);
        log_.debug("idle", "kde-idle: idle timeout after {} ms", timeout_ms_);
    }

    void release_timeout() {
        if (timeout_ == nullptr) return;
        org_kde_kwin_idle_timeout_release(timeout_);
        timeout_ = nullptr;
    }

    void idled(org_kde_kwin_idle_timeout*) noexcept { state_.idled(timeout_ms_); }
    void resumed(org_kde_kwin_idle_timeout*) noexcept {
        state_.resumed([this] {
            release_timeout();
            create_timeout();
        });
    }

    Logger& log_;
    WaylandIdleState state_;
    IdleOptions options_;
    std::unique_ptr<WaylandConnection> connection_;  // first in, last out: outlives the proxies
    org_kde_kwin_idle* manager_;
    wl_seat* seat_;
    org_kde_kwin_idle_timeout* timeout_{nullptr};
    core::Seconds threshold_{};
    std::uint32_t timeout_ms_{0};  // of timeout_
    bool warned_{false};
};

}  // namespace

core::Result<std::unique_ptr<IdleSource>> open_kde_idle_source(boost::asio::io_context& io,
                                                               IdleCallbacks callbacks,
                                                               const IdleOptions& options,
                                                               Logger& log) {
    auto connection = WaylandConnection::open(io);
    if (!connection) return core::Error{connection.error()};
    WaylandConnection& c = **connection;
    const WaylandConnection::Global* manager = c.find(org_kde_kwin_idle_interface.name);
    if (manager == nullptr)
        return core::Error{"the compositor on " + c.name() + " offers no org_kde_kwin_idle"};
    const WaylandConnection::Global* seat = c.find(wl_seat_interface.name);
    if (seat == nullptr) return core::Error{"the compositor on " + c.name() + " offers no seat"};

    auto* m = static_cast<org_kde_kwin_idle*>(c.bind(*manager, org_kde_kwin_idle_interface, 1));
    auto* s = static_cast<wl_seat*>(c.bind(*seat, wl_seat_interface, 1));
    log.debug("idle", "kde-idle: org_kde_kwin_idle on {}", c.name());
    return std::unique_ptr<IdleSource>{
        new KdeIdleSource{std::move(connection).value(), m, s, std::move(callbacks), options, log}};
}

}  // namespace walkbreak::daemon
