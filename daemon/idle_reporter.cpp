// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/idle_reporter.hpp"

#include <utility>

namespace walkbreak::daemon {

bool IdleReporter::idle(core::Millis idle_for) {
    if (reported_idle_) return false;
    reported_idle_ = true;
    log_.debug("idle", "{}: idle for {} ms", backend_, idle_for.count());
    if (callbacks_.on_idle) callbacks_.on_idle(idle_for);
    return true;
}

bool IdleReporter::active() {
    if (!reported_idle_) return false;
    reported_idle_ = false;
    log_.debug("idle", "{}: active", backend_);
    if (callbacks_.on_active) callbacks_.on_active();
    return true;
}

void IdleReporter::lost(std::string reason) {
    reported_idle_ = false;
    log_.debug("idle", "{}: {}", backend_, reason);
    const Callback<void(std::string)> on_lost = callbacks_.on_lost;  // may destroy *this
    if (on_lost) on_lost(std::move(reason));
}

}  // namespace walkbreak::daemon
