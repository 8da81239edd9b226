// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bookkeeping both Wayland idle protocols share. Each gives the client an
// object with a timeout that says "idle" once the timeout passes without
// input and "resumed" on the next input, counting from the object's creation.
// A new threshold therefore means a new object — but not while idle: dropping
// the object then would lose the "resumed" the user's next input will bring,
// so the change waits for it. Loop thread only.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "daemon/idle_reporter.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

class WaylandIdleState {
public:
    WaylandIdleState(std::string_view backend, IdleCallbacks callbacks, Logger& log)
        : reporter_(backend, std::move(callbacks), log) {}

    // Starts or changes the threshold. True when the caller should create its
    // timeout object now; false while idle, when resumed() asks for it later.
    bool start();
    void stop();
    // The object's "idle" and "resumed" events. `recreate` replaces the
    // object when a threshold change was waiting for the user's return.
    void idled(std::uint32_t timeout_ms);
    void resumed(const std::function<void()>& recreate);
    // The compositor is gone. Calls on_lost last: it may destroy the owner.
    void lost(std::string reason);

private:
    IdleReporter reporter_;
    bool running_{false};
    bool replace_{false};  // the threshold changed while idle
};

}  // namespace walkbreak::daemon
