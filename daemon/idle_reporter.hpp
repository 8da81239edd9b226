// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bookkeeping every idle backend shares: the daemon is told "idle" once,
// and then owes "active" on the user's next input — never two idles in a
// row, never an active without an idle before it. Each report is one debug
// line naming the backend. Backends keep only what is specific to their
// protocol and ask this whether they are in the idle half. Loop thread only.
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

class IdleReporter {
public:
    // `backend` has static storage: the backend's name().
    IdleReporter(std::string_view backend, IdleCallbacks callbacks, Logger& log)
        : backend_(backend), callbacks_(std::move(callbacks)), log_(log) {}

    // Reports "idle for `idle_for`" unless idle was reported already; true
    // when it reported.
    bool idle(core::Millis idle_for);
    // Reports "active" if idle was reported; true when it reported.
    bool active();
    // Forgets an idle report without telling anyone (the backend stopped,
    // or its connection went: the daemon hears of that through on_lost).
    void forget() { reported_idle_ = false; }
    // On_idle was called and on_active is owed.
    bool reported_idle() const { return reported_idle_; }
    // The backend's connection is gone: forgets, then calls on_lost last —
    // it may destroy the backend that owns this reporter.
    void lost(std::string reason);

private:
    std::string_view backend_;
    IdleCallbacks callbacks_;
    Logger& log_;
    bool reported_idle_{false};
};

}  // namespace walkbreak::daemon
