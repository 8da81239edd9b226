// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Chooses the idle source. The backends are listed in one registry table
// (idle_probe.cpp) in the order of DESIGN.md §5; Auto takes the first that
// starts, any other idle.backend value forces that one. Loop thread only.
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include "core/config.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// The parts of the environment that decide which backends are worth trying.
struct DesktopEnvironment {
    std::string display;          // $DISPLAY
    std::string wayland_display;  // $WAYLAND_DISPLAY
    static DesktopEnvironment from_environment();
};

// Returns the connected source (not yet started), or nullptr when none could
// connect; each backend tried and why it failed is logged (a backend skipped
// for its environment, e.g. no WAYLAND_DISPLAY, at debug level). X11
// backends are skipped under Wayland (Xwayland only sees X clients' input)
// unless forced. `idle` gives idle.backend and idle.inhibitors_keep_sitting;
// the backend keeps the latter for its life, so a change needs a new probe.
std::unique_ptr<IdleSource> probe_idle_source(
    boost::asio::io_context& io, const core::Config::Idle& idle, IdleCallbacks callbacks,
    Logger& log, const DesktopEnvironment& env = DesktopEnvironment::from_environment());

// One row of `walkbreak doctor`.
struct IdleBackendStatus {
    core::IdleBackend backend{core::IdleBackend::Auto};
    std::string name;  // as IdleSource::name(), e.g. "x11-sync"
    bool available{false};
    std::string reason;  // why not; empty when available
};

// Every backend in probe order, each tried by connecting and disconnecting.
std::vector<IdleBackendStatus> list_idle_backends(
    boost::asio::io_context& io, Logger& log,
    const DesktopEnvironment& env = DesktopEnvironment::from_environment());

}  // namespace walkbreak::daemon
