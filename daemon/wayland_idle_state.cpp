// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/wayland_idle_state.hpp"

#include <utility>

namespace walkbreak::daemon {

bool WaylandIdleState::start() {
    running_ = true;
    if (reporter_.reported_idle()) replace_ = true;
    return !reporter_.reported_idle();
}

void WaylandIdleState::stop() {
    running_ = false;
    reporter_.forget();
    replace_ = false;
}

void WaylandIdleState::idled(std::uint32_t timeout_ms) {
    if (running_) reporter_.idle(core::Millis{timeout_ms});
}

void WaylandIdleState::resumed(const std::function<void()>& recreate) {
    if (!reporter_.reported_idle()) return;
    if (replace_) {
        replace_ = false;
        recreate();
    }
    reporter_.active();
}

void WaylandIdleState::lost(std::string reason) {
    running_ = false;
    reporter_.lost(std::move(reason));
}

}  // namespace walkbreak::daemon
