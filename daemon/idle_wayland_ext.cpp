// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/idle_wayland_ext.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include <wayland-client.h>

#include "daemon/c_callback.hpp"
#include "daemon/wayland_connection.hpp"
#include "daemon/wayland_idle_state.hpp"
#include "ext-idle-notify-v1-client-protocol.h"

namespace walkbreak::daemon {
namespace {

constexpr std::uint32_t max_notifier_version = 2;  // 2: get_input_idle_notification

std::uint32_t to_timeout_ms(core::Seconds threshold) {
    const std::int64_t ms = core::Millis{threshold}.count();
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(ms, 0, UINT32_MAX));
}

// States: active (a notification with the threshold as its timeout, waiting
// for `idled`) and idle (waiting for `resumed`). The protocol counts a
// notification's timeout from its creation, and sends `resumed` only after
// `idled`: so a new threshold given while idle is applied at `resumed`,
// where the idle notification has seen the input, never by dropping it.
class ExtIdleNotifySource final : public IdleSource {
public:
    ExtIdleNotifySource(std::unique_ptr<WaylandConnection> connection,
                        ext_idle_notifier_v1* notifier, std::uint32_t version, wl_seat* seat,
                        IdleCallbacks callbacks, const IdleOptions& options, Logger& log)
        : log_(log),
          state_("ext-idle-notify", std::move(callbacks), log),
          options_(options),
          connection_(std::move(connection)),
          notifier_(notifier),
          seat_(seat),
          version_(version) {}

    ~ExtIdleNotifySource() override {
        destroy_notification();
        ext_idle_notifier_v1_destroy(notifier_);
        wl_seat_destroy(seat_);
        connection_->send_requests();
    }

    std::string_view name() const override { return "ext-idle-notify"; }

    void start(core::Seconds threshold) override {
        threshold_ = threshold;
        const bool create_now = state_.start();
        if (connection_->lost()) return;
        connection_->watch([this](std::string reason) noexcept { state_.lost(std::move(reason)); });
        if (!options_.inhibitors_keep_sitting && version_ < 2 && !warned_) {
            warned_ = true;
            log_.info("idle",
                      "ext-idle-notify: the compositor offers version 1 only, where an "
                      "idle inhibitor always keeps you sitting "
                      "(idle.inhibitors_keep_sitting = false cannot be honoured)");
        }
        if (!create_now) return;
        destroy_notification();
        create_notification();
        connection_->send_requests();
    }

    void stop() override {
        state_.stop();
        destroy_notification();
        connection_->send_requests();
    }

private:
    void create_notification() {
        static const ext_idle_notification_v1_listener listener{
            wayland_listener<&ExtIdleNotifySource::idled>,
            wayland_listener<&ExtIdleNotifySource::resumed>};
        timeout_ms_ = to_timeout_ms(threshold_);
        const bool input_only = !options_.inhibitors_keep_sitting && version_ >= 2;
        notification_ =
            input_only
                ? ext_idle_notifier_v1_get_input_idle_notification(notifier_, timeout_ms_, seat_)
                : ext_idle_notifier_v1_get_idle_notification(notifier_, timeout_ms_, seat_);
        ext_idle_notification_v1_add_listener(notification_, &listener, this);
        log_.debug("idle", "ext-idle-notify: {} notification after {} ms",
                   input_only ? "input-only" : "inhibitor-aware", timeout_ms_);
    }

    void destroy_notification() {
        if (notification_ == nullptr) return;
        ext_idle_notification_v1_destroy(notification_);
        notification_ = nullptr;
    }

    void idled(ext_idle_notification_v1*) noexcept { state_.idled(timeout_ms_); }
    void resumed(ext_idle_notification_v1*) noexcept {
        state_.resumed([this] {
            destroy_notification();
            create_notification();
        });
    }

    Logger& log_;
    WaylandIdleState state_;
    IdleOptions options_;
    std::unique_ptr<WaylandConnection> connection_;  // first in, last out: outlives the proxies
    ext_idle_notifier_v1* notifier_;
    wl_seat* seat_;
    std::uint32_t version_;
    ext_idle_notification_v1* notification_{nullptr};
    core::Seconds threshold_{};
    std::uint32_t timeout_ms_{0};  // of notification_
    bool warned_{false};
};

}  // namespace

core::Result<std::unique_ptr<IdleSource>> open_ext_idle_notify_source(boost::asio::io_context& io,
                                                                      IdleCallbacks callbacks,
                                                                      const IdleOptions& options,
                                                                      Logger& log) {
    auto connection = WaylandConnection::open(io);
    if (!connection) return core::Error{connection.error()};
    WaylandConnection& c = **connection;
    const WaylandConnection::Global* notifier = c.find(ext_idle_notifier_v1_interface.name);
    if (notifier == nullptr)
        return core::Error{"the compositor on " + c.name() + " offers no ext_idle_notifier_v1"};
    const WaylandConnection::Global* seat = c.find(wl_seat_interface.name);
    if (seat == nullptr) return core::Error{"the compositor on " + c.name() + " offers no seat"};

    const std::uint32_t version = std::min(notifier->version, max_notifier_version);
    auto* n = static_cast<ext_idle_notifier_v1*>(
        c.bind(*notifier, ext_idle_notifier_v1_interface, version));
    auto* s = static_cast<wl_seat*>(c.bind(*seat, wl_seat_interface, 1));
    log.debug("idle", "ext-idle-notify: ext_idle_notifier_v1 version {} on {}", version, c.name());
    return std::unique_ptr<IdleSource>{new ExtIdleNotifySource{
        std::move(connection).value(), n, version, s, std::move(callbacks), options, log}};
}

}  // namespace walkbreak::daemon
