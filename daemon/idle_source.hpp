// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An idle source watches the desktop for input and says when the user went
// idle and when they came back. One backend per file; probe_idle_source()
// (idle_probe.cpp) tries them in the order of DESIGN.md §5. Every backend is
// event-driven: it registers its file descriptor with the io_context and
// never wakes on a fixed tick. Callbacks run on the loop thread, often from
// inside a C library's dispatch, so they are noexcept (event_callback.hpp).
#include <memory>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "daemon/event_callback.hpp"

namespace walkbreak::daemon {

struct IdleCallbacks {
    // No input for `idle_for` (at least the threshold given to start()).
    Callback<void(core::Millis idle_for)> on_idle;
    // Input again after an idle report.
    Callback<void()> on_active;
    // The backend's connection is gone (display closed, compositor exited).
    // The source reports nothing more; the daemon keeps running without it.
    Callback<void(std::string reason)> on_lost;
};

// What a backend is told at open, from the [idle] config section.
struct IdleOptions {
    // idle.inhibitors_keep_sitting: an idle inhibitor (a playing video) keeps
    // the user sitting. Backends whose protocol cannot tell inhibitors apart
    // from input say so once in the log when this is false.
    bool inhibitors_keep_sitting{true};
};

class IdleSource {
public:
    virtual ~IdleSource() = default;
    // "x11-sync", "x11-screensaver", "ext-idle-notify", "kde-idle", "gnome-mutter".
    virtual std::string_view name() const = 0;
    // Begins watching with `threshold` as the idle time that means away.
    // Calling it again changes the threshold (config reload).
    virtual void start(core::Seconds threshold) = 0;
    virtual void stop() = 0;
};

}  // namespace walkbreak::daemon
