// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/idle_x11_screensaver.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/io_context.hpp>

#include "daemon/timer_event.hpp"

// Xlib last: it defines macros (None, Bool, Status) that clash with C++ code;
// the extension header after it, since it uses Xlib's types without including it.
#include "daemon/idle_reporter.hpp"
#include "daemon/x11_display.hpp"
#include "daemon/x11_event_pump.hpp"

#include <X11/extensions/scrnsaver.h>

namespace walkbreak::daemon {
namespace {

// While idle, how soon returning input is noticed (no event says so).
constexpr core::Millis idle_recheck{1000};
// Floor for the sleep while active, against rounding of the reported idle time.
constexpr core::Millis min_sleep{50};

class X11ScreenSaverIdleSource final : public IdleSource {
public:
    X11ScreenSaverIdleSource(boost::asio::io_context& io, std::unique_ptr<X11Display> display,
                             IdleCallbacks callbacks, Logger& log)
        : log_(log),
          reporter_(name(), std::move(callbacks), log),
          display_(std::move(display)),
          // The server sends nothing unasked: the pump is there to notice a
          // hang-up; a stray event (MappingNotify) is dropped.
          pump_(
              io, *display_, [](const XEvent&) noexcept {},
              [this](std::string reason) noexcept { report_lost(std::move(reason)); }),
          timer_(io, TimerClock::Monotonic, [this]() noexcept { check(); }) {}

    std::string_view name() const override { return "x11-screensaver"; }

    void start(core::Seconds threshold) override {
        threshold_ = threshold;
        if (pump_.lost()) return;
        if (!announced_) {
            announced_ = true;
            log_.warning("idle",
                         "x11-screensaver is a degraded fallback for X servers without "
                         "SYNC: the idle time is asked for with adaptive sleeps");
        }
        running_ = true;            // an idle report stands: the next input still owes "active"
        schedule(core::Millis{0});  // first check from the loop, not inside start()
        pump_.start();
    }

    void stop() override {
        running_ = false;
        reporter_.forget();
        timer_.disarm();
        pump_.stop();
    }

private:
    void schedule(core::Millis after) { timer_.arm_after(after); }

    // Callbacks come last: they may call start() or stop(); on_lost may destroy us.
    void check() {
        if (!running_) return;
        const std::optional<core::Millis> idle_for = query();
        if (!idle_for) {
            pump_.fail("the X server closed the connection to " + display_->name());
            return;
        }
        const core::Millis threshold{threshold_};
        const core::Millis until_threshold = std::max(threshold - *idle_for, min_sleep);
        if (!reporter_.reported_idle()) {
            if (*idle_for < threshold) {
                schedule(until_threshold);
                return;
            }
            last_idle_for_ = *idle_for;
            schedule(idle_recheck);
            reporter_.idle(*idle_for);
        } else if (*idle_for < last_idle_for_) {
            schedule(until_threshold);
            reporter_.active();
        } else {
            last_idle_for_ = *idle_for;
            schedule(idle_recheck);
        }
    }

    std::optional<core::Millis> query() {
        Display* dpy = display_->get();
        XScreenSaverInfo info{};
        const Status ok = XScreenSaverQueryInfo(dpy, XDefaultRootWindow(dpy), &info);
        if (ok == 0 || display_->lost()) return std::nullopt;
        return core::Millis{static_cast<core::Millis::rep>(info.idle)};
    }

    // The pump's last act: on_lost may destroy this source.
    void report_lost(std::string reason) {
        running_ = false;
        timer_.disarm();
        reporter_.lost(std::move(reason));
    }

    Logger& log_;
    IdleReporter reporter_;
    std::unique_ptr<X11Display> display_;
    X11EventPump pump_;
    TimerEvent timer_;
    core::Seconds threshold_{};
    core::Millis last_idle_for_{};
    bool running_{false};
    bool announced_{false};
};

}  // namespace

core::Result<std::unique_ptr<IdleSource>> open_x11_screensaver_idle_source(
    boost::asio::io_context& io, IdleCallbacks callbacks, Logger& log) {
    auto opened = X11Display::open();
    if (!opened) return core::Error{opened.error()};
    std::unique_ptr<X11Display> display = std::move(opened).value();
    int event_base = 0;
    int error_base = 0;
    if (!XScreenSaverQueryExtension(display->get(), &event_base, &error_base) || display->lost())
        return core::Error{"the X server " + display->name() +
                           " has no MIT-SCREEN-SAVER extension"};
    return std::unique_ptr<IdleSource>{
        new X11ScreenSaverIdleSource{io, std::move(display), std::move(callbacks), log}};
}

}  // namespace walkbreak::daemon
