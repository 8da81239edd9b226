// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/idle_gnome_mutter.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "daemon/c_callback.hpp"
#include "daemon/gnome_session_inhibit.hpp"
#include "daemon/idle_reporter.hpp"
#include "daemon/sd_bus_loop.hpp"
#include "daemon/sd_bus_ptr.hpp"
#include "daemon/sd_bus_watch.hpp"
#include "daemon/timer_event.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* monitor_name = "org.gnome.Mutter.IdleMonitor";
constexpr const char* monitor_path = "/org/gnome/Mutter/IdleMonitor/Core";
constexpr const char* monitor_interface = "org.gnome.Mutter.IdleMonitor";
// Bounds the blocking calls made at open, and every call's wait for a reply.
constexpr std::uint64_t call_timeout_usec = 5'000'000;

// Two named states (Phase, Monitor) and the idle report (IdleReporter) hold
// everything; watch ids are Mutter's, 0 meaning none. A reply that comes back after the source
// stopped or was given another threshold is reconciled by sync_idle_watch().
class GnomeMutterSource final : public IdleSource {
public:
    GnomeMutterSource(boost::asio::io_context& io, SdBusPtr bus, IdleCallbacks callbacks,
                      const IdleOptions& options, Logger& log)
        : log_(log),
          reporter_(name(), std::move(callbacks), log),
          options_(options),
          bus_(std::move(bus)),
          loop_(io, [this](int error) noexcept { report_lost(error); }),
          inhibitor_gone_timer_(io, TimerClock::Monotonic, [this]() noexcept {
              if (phase_ == Phase::Idle) report_idle();
          }) {}

    ~GnomeMutterSource() override {
        remove_watch(idle_watch_);
        remove_watch(active_watch_);
        loop_.stop();  // the slots go next, then the bus, flushing the removals
    }

    // Blocking AddMatch calls, at open: success, or why the source cannot work.
    core::Outcome add_matches() {
        auto fired =
            watch_signal(bus_.get(), monitor_name, monitor_path, monitor_interface, "WatchFired",
                         sd_bus_handler<&GnomeMutterSource::on_watch_fired>, this);
        if (!fired) return core::Error{fired.error()};
        auto owner = watch_name_owner(bus_.get(), monitor_name,
                                      sd_bus_handler<&GnomeMutterSource::on_owner_changed>, this);
        if (!owner) return core::Error{owner.error()};
        fired_match_ = std::move(fired).value();
        owner_match_ = std::move(owner).value();
        if (!options_.inhibitors_keep_sitting) return core::success();
        inhibit_ = std::make_unique<GnomeSessionInhibit>(
            bus_.get(), [this](bool inhibited) noexcept { on_inhibited(inhibited); }, log_);
        return inhibit_->start();
    }

    std::string_view name() const override { return "gnome-mutter"; }

    void start(core::Seconds threshold) override {
        threshold_ = threshold;
        if (phase_ == Phase::Stopped) phase_ = Phase::Active;
        if (monitor_ == Monitor::BusLost) return;
        if (!attached_) {
            attached_ = true;
            loop_.attach(bus_.get());
        }
        if (!options_.inhibitors_keep_sitting && !warned_) {
            warned_ = true;
            log_.info("idle",
                      "gnome-mutter: Mutter 3.28 and later hold idle watches back while "
                      "an idle inhibitor is active (idle.inhibitors_keep_sitting = false "
                      "cannot be honoured there)");
        }
        sync_idle_watch();
        send_queued();
    }

    void stop() override {
        phase_ = Phase::Stopped;
        reporter_.forget();
        inhibitor_gone_timer_.disarm();
        if (monitor_ == Monitor::BusLost) return;
        sync_idle_watch();
        remove_watch(active_watch_);
        send_queued();
    }

private:
    std::uint64_t threshold_ms() const {
        return static_cast<std::uint64_t>(core::Millis{threshold_}.count());
    }

    // One idle watch with the current threshold while running, none otherwise.
    void sync_idle_watch() {
        if (monitor_ != Monitor::Present || idle_call_) return;  // its reply calls this again
        const bool running = phase_ != Phase::Stopped;
        if (idle_watch_ != 0 && (!running || idle_watch_ms_ != threshold_ms()))
            remove_watch(idle_watch_);
        if (!running || idle_watch_ != 0) return;
        idle_watch_ms_ = threshold_ms();
        sd_bus_slot* slot = nullptr;
        const int r = sd_bus_call_method_async(
            bus_.get(), &slot, monitor_name, monitor_path, monitor_interface, "AddIdleWatch",
            sd_bus_handler<&GnomeMutterSource::on_idle_watch_added>, this, "t", idle_watch_ms_);
        idle_call_.reset(slot);
        if (r < 0)
            log_.warning("idle", "gnome-mutter: cannot add an idle watch: {}", std::strerror(-r));
    }

    void add_active_watch() {
        if (monitor_ != Monitor::Present || active_watch_ != 0 || active_call_) return;
        sd_bus_slot* slot = nullptr;
        const int r = sd_bus_call_method_async(
            bus_.get(), &slot, monitor_name, monitor_path, monitor_interface, "AddUserActiveWatch",
            sd_bus_handler<&GnomeMutterSource::on_active_watch_added>, this, nullptr);
        active_call_.reset(slot);
        if (r < 0)
            log_.warning("idle", "gnome-mutter: cannot add a user-active watch: {}",
                         std::strerror(-r));
    }

    void remove_watch(std::uint32_t& id) {
        if (id == 0) return;
        sd_bus_call_method_async(bus_.get(), nullptr, monitor_name, monitor_path, monitor_interface,
                                 "RemoveWatch", nullptr, nullptr, "u", id);
        id = 0;
    }

    // Requests made outside sd_bus_process() are written now: SdBusLoop only
    // looks at what sd-bus wants to write after it has processed something.
    void send_queued() { sd_bus_flush(bus_.get()); }

    void on_idle_watch_added(sd_bus_message* reply) noexcept {
        idle_call_.reset();
        std::uint32_t id = 0;
        if (const sd_bus_error* e = sd_bus_message_get_error(reply)) {
            log_.warning("idle", "gnome-mutter: AddIdleWatch failed: {}",
                         e->message != nullptr ? e->message : e->name);
        } else if (sd_bus_message_read(reply, "u", &id) >= 0) {
            idle_watch_ = id;
            sync_idle_watch();  // stopped, or given another threshold, meanwhile
        }
    }

    void on_active_watch_added(sd_bus_message* reply) noexcept {
        active_call_.reset();
        std::uint32_t id = 0;
        if (const sd_bus_error* e = sd_bus_message_get_error(reply)) {
            log_.warning("idle", "gnome-mutter: AddUserActiveWatch failed: {}",
                         e->message != nullptr ? e->message : e->name);
        } else if (sd_bus_message_read(reply, "u", &id) >= 0) {
            active_watch_ = id;
            if (phase_ != Phase::Idle) remove_watch(active_watch_);
        }
    }

    void on_watch_fired(sd_bus_message* m) noexcept {
        std::uint32_t id = 0;
        if (sd_bus_message_read(m, "u", &id) >= 0 && id != 0) watch_fired(id);
    }

    void watch_fired(std::uint32_t id) {
        if (id == idle_watch_) {
            if (phase_ != Phase::Active) return;
            phase_ = Phase::Idle;
            add_active_watch();
            report_idle();
        } else if (id == active_watch_) {
            active_watch_ = 0;  // one-shot: Mutter has dropped it
            if (phase_ != Phase::Idle) return;
            phase_ = Phase::Active;
            inhibitor_gone_timer_.disarm();
            reporter_.active();  // nothing owed when the inhibitor held idle back
        }
    }

    void report_idle() {
        if (reporter_.reported_idle()) return;
        if (inhibit_ && inhibit_->inhibited()) {
            log_.debug("idle", "gnome-mutter: idle, held back while an idle inhibitor is active");
            return;
        }
        reporter_.idle(core::Millis{threshold_});
    }

    // The inhibitor went while Mutter had said idle: away from now on, so
    // idle is reported one threshold later unless input comes first.
    void on_inhibited(bool inhibited) {
        inhibitor_gone_timer_.disarm();
        if (inhibited || phase_ != Phase::Idle || reporter_.reported_idle()) return;
        inhibitor_gone_timer_.arm_after(threshold_);
    }

    // NameOwnerChanged(s name, s old_owner, s new_owner) for the idle monitor.
    void on_owner_changed(sd_bus_message* m) noexcept {
        if (const std::optional<bool> present = name_has_new_owner(m)) owner_changed(*present);
    }

    void owner_changed(bool present) {
        idle_call_.reset();  // replies from the old owner no longer matter
        active_call_.reset();
        idle_watch_ = 0;  // the watches went with the old owner
        active_watch_ = 0;
        monitor_ = present ? Monitor::Present : Monitor::Absent;
        if (!present) {
            log_.info("idle", "gnome-mutter: {} left the session bus; waiting for it to return",
                      monitor_name);
            return;
        }
        log_.info("idle", "gnome-mutter: {} has a new owner; watching again", monitor_name);
        sync_idle_watch();
        if (phase_ == Phase::Idle) add_active_watch();
    }

    // The last thing SdBusLoop does: on_lost may destroy us.
    void report_lost(int error) {
        monitor_ = Monitor::BusLost;
        phase_ = Phase::Stopped;
        inhibitor_gone_timer_.disarm();
        reporter_.lost(std::string{"lost the session bus: "} + std::strerror(-error));
    }

    // Where watching stands: stopped; counting towards idle (an idle watch
    // registered); or idle (Mutter said so, a user-active watch waits for
    // input). Idle is reported unless an inhibitor holds it back.
    enum class Phase { Stopped, Active, Idle };
    // Mutter's idle monitor: on the bus, gone (waiting for a new owner), or
    // the bus itself lost (the source reports nothing more).
    enum class Monitor { Present, Absent, BusLost };

    Logger& log_;
    IdleReporter reporter_;
    IdleOptions options_;
    SdBusPtr bus_;  // declared before everything that refers to it: destroyed last
    SdBusLoop loop_;
    std::unique_ptr<GnomeSessionInhibit> inhibit_;  // only with inhibitors_keep_sitting
    SdBusSlotPtr fired_match_;
    SdBusSlotPtr owner_match_;
    SdBusSlotPtr idle_call_;           // AddIdleWatch in flight
    SdBusSlotPtr active_call_;         // AddUserActiveWatch in flight
    TimerEvent inhibitor_gone_timer_;  // idle after an inhibitor went
    core::Seconds threshold_{};
    std::uint64_t idle_watch_ms_{0};  // the threshold of idle_watch_ or of its call
    std::uint32_t idle_watch_{0};
    std::uint32_t active_watch_{0};
    Phase phase_{Phase::Stopped};
    Monitor monitor_{Monitor::Present};  // checked at open
    bool attached_{false};               // the bus is driven by loop_
    bool warned_{false};
};

}  // namespace

core::Result<std::unique_ptr<IdleSource>> open_gnome_mutter_source(boost::asio::io_context& io,
                                                                   IdleCallbacks callbacks,
                                                                   const IdleOptions& options,
                                                                   Logger& log) {
    auto bus = open_session_bus(call_timeout_usec);
    if (!bus) return core::Error{bus.error()};
    if (auto owned = require_name_owner(bus->get(), monitor_name); !owned)
        return core::Error{owned.error()};
    auto source = std::make_unique<GnomeMutterSource>(io, std::move(bus).value(),
                                                      std::move(callbacks), options, log);
    if (auto matched = source->add_matches(); !matched) return core::Error{matched.error()};
    log.debug("idle", "gnome-mutter: {} found on the session bus", monitor_name);
    return std::unique_ptr<IdleSource>{std::move(source)};
}

}  // namespace walkbreak::daemon
