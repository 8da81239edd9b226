// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/idle_x11_sync.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include <boost/asio/io_context.hpp>

// Xlib last: it defines macros (None, Bool, Status) that clash with C++ code;
// the extension header after it, since it uses Xlib's types without including it.
#include "daemon/idle_reporter.hpp"
#include "daemon/x11_display.hpp"
#include "daemon/x11_event_pump.hpp"

#include <X11/extensions/sync.h>

namespace walkbreak::daemon {
namespace {

std::int64_t to_int64(const XSyncValue& v) {
    return static_cast<std::int64_t>(
        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(XSyncValueHigh32(v))) << 32U) |
        XSyncValueLow32(v));
}

XSyncValue to_sync_value(std::int64_t n) {
    XSyncValue v;
    const auto u = static_cast<std::uint64_t>(n);
    XSyncIntsToValue(&v, static_cast<unsigned int>(u & 0xffffffffU),
                     static_cast<int>(static_cast<std::int32_t>(u >> 32U)));
    return v;
}

// States: active (one alarm: IDLETIME >= threshold) and idle (one alarm:
// IDLETIME <= a value just below the idle time reported, which input resets
// to 0). Comparison tests, not transitions, so that an alarm armed after the
// condition already holds fires at once and no transition is ever missed.
class X11SyncIdleSource final : public IdleSource {
public:
    X11SyncIdleSource(boost::asio::io_context& io, std::unique_ptr<X11Display> display,
                      XSyncCounter idle_counter, int event_base, IdleCallbacks callbacks,
                      Logger& log)
        : reporter_(name(), std::move(callbacks), log),
          display_(std::move(display)),
          pump_(
              io, *display_, [this](const XEvent& e) noexcept { on_event(e); },
              [this](std::string reason) noexcept { report_lost(std::move(reason)); }),
          idle_counter_(idle_counter),
          event_base_(event_base) {}

    ~X11SyncIdleSource() override {
        if (!pump_.lost()) {
            destroy_alarm(idle_alarm_);
            destroy_alarm(active_alarm_);
            XFlush(display_->get());
        }
    }

    std::string_view name() const override { return "x11-sync"; }

    void start(core::Seconds threshold) override {
        threshold_ = threshold;
        if (pump_.lost()) return;
        if (!reporter_.reported_idle()) {
            destroy_alarm(idle_alarm_);
            arm_idle_alarm();
        }
        pump_.start();
    }

    void stop() override {
        reporter_.forget();
        pump_.stop();
        if (pump_.lost()) return;
        destroy_alarm(idle_alarm_);
        destroy_alarm(active_alarm_);
        XFlush(display_->get());
    }

private:
    void on_event(const XEvent& event) {
        if (event.type == event_base_ + XSyncAlarmNotify)
            on_alarm(reinterpret_cast<const XSyncAlarmNotifyEvent&>(event));
    }

    void on_alarm(const XSyncAlarmNotifyEvent& event) {
        if (event.state == XSyncAlarmDestroyed || event.alarm == None) return;
        if (event.alarm == idle_alarm_ && !reporter_.reported_idle()) {
            const std::int64_t idle_ms = to_int64(event.counter_value);
            destroy_alarm(idle_alarm_);
            arm_active_alarm(idle_ms);
            reporter_.idle(core::Millis{idle_ms});
        } else if (event.alarm == active_alarm_ && reporter_.reported_idle()) {
            destroy_alarm(active_alarm_);
            arm_idle_alarm();
            reporter_.active();
        }
    }

    void arm_idle_alarm() {
        idle_alarm_ = create_alarm(core::Millis{threshold_}.count(), XSyncPositiveComparison);
    }

    void arm_active_alarm(std::int64_t idle_ms) {
        // Input resets IDLETIME to 0, below any value under the current one.
        active_alarm_ = create_alarm(idle_ms > 1 ? idle_ms - 1 : 0, XSyncNegativeComparison);
    }

    XSyncAlarm create_alarm(std::int64_t value, XSyncTestType test) {
        XSyncAlarmAttributes attributes;
        std::memset(&attributes, 0, sizeof attributes);
        attributes.trigger.counter = idle_counter_;
        attributes.trigger.value_type = XSyncAbsolute;
        attributes.trigger.wait_value = to_sync_value(value);
        attributes.trigger.test_type = test;
        attributes.delta = to_sync_value(0);
        attributes.events = True;
        const unsigned long mask = XSyncCACounter | XSyncCAValueType | XSyncCAValue |
                                   XSyncCATestType | XSyncCADelta | XSyncCAEvents;
        const XSyncAlarm alarm = XSyncCreateAlarm(display_->get(), mask, &attributes);
        XFlush(display_->get());
        return alarm;
    }

    void destroy_alarm(XSyncAlarm& alarm) {
        if (alarm == None) return;
        XSyncDestroyAlarm(display_->get(), alarm);
        alarm = None;
    }

    // The pump's last act: on_lost may destroy this source.
    void report_lost(std::string reason) {
        idle_alarm_ = active_alarm_ = None;  // gone with the connection
        reporter_.lost(std::move(reason));
    }

    IdleReporter reporter_;
    std::unique_ptr<X11Display> display_;
    X11EventPump pump_;
    XSyncCounter idle_counter_;
    int event_base_;
    core::Seconds threshold_{};
    XSyncAlarm idle_alarm_{None};
    XSyncAlarm active_alarm_{None};
};

}  // namespace

core::Result<std::unique_ptr<IdleSource>> open_x11_sync_idle_source(boost::asio::io_context& io,
                                                                    IdleCallbacks callbacks,
                                                                    Logger& log) {
    auto opened = X11Display::open();
    if (!opened) return core::Error{opened.error()};
    std::unique_ptr<X11Display> display = std::move(opened).value();
    Display* dpy = display->get();

    int event_base = 0;
    int error_base = 0;
    int major = 0;
    int minor = 0;
    if (!XSyncQueryExtension(dpy, &event_base, &error_base) ||
        !XSyncInitialize(dpy, &major, &minor))
        return core::Error{"the X server " + display->name() + " has no SYNC extension"};

    XSyncCounter idle_counter = None;
    int count = 0;
    if (XSyncSystemCounter* counters = XSyncListSystemCounters(dpy, &count)) {
        for (int i = 0; i < count; ++i) {
            if (std::strcmp(counters[i].name, "IDLETIME") == 0) idle_counter = counters[i].counter;
        }
        XSyncFreeSystemCounterList(counters);
    }
    if (display->lost()) return core::Error{"lost the connection to " + display->name()};
    if (idle_counter == None)
        return core::Error{"the SYNC extension of " + display->name() + " has no IDLETIME counter"};

    log.debug("idle", "x11-sync: SYNC {}.{} on {}", major, minor, display->name());
    return std::unique_ptr<IdleSource>{new X11SyncIdleSource{
        io, std::move(display), idle_counter, event_base, std::move(callbacks), log}};
}

}  // namespace walkbreak::daemon
