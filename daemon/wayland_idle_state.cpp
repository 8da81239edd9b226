// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/wayland_idle_state.hpp"

#include <utility>

namespace walkbreak::daemon {

bool WaylandIdleState::start() {
    running_ = true;
    if (idle_) replace_ = true;
    return !idle_;
}

void WaylandIdleState::stop() {
    running_ = false;
    idle_ = false;
    replace_ = false;
}

void WaylandIdleState::idled(std::uint32_t timeout_ms) {
    if (!running_ || idle_) return;
    idle_ = true;
    log_.debug("idle", "{}: idle for {} ms", backend_, timeout_ms);
    if (callbacks_.on_idle) callbacks_.on_idle(core::Millis{timeout_ms});
}

void WaylandIdleState::resumed(const std::function<void()>& recreate) {
    if (!idle_) return;
    idle_ = false;
    if (replace_) {
        replace_ = false;
        recreate();
    }
    log_.debug("idle", "{}: active", backend_);
    if (callbacks_.on_active) callbacks_.on_active();
}

void WaylandIdleState::lost(std::string reason) {
    running_ = false;
    idle_ = false;
    log_.debug("idle", "{}: {}", backend_, reason);
    auto on_lost = callbacks_.on_lost;  // a copy: calling it may destroy *this
    if (on_lost) on_lost(std::move(reason));
}

}  // namespace walkbreak::daemon
