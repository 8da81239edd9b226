// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/idle_probe.hpp"

#include <array>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "daemon/idle_gnome_mutter.hpp"
#include "daemon/idle_wayland_ext.hpp"
#include "daemon/idle_wayland_kde.hpp"
#include "daemon/idle_x11_screensaver.hpp"
#include "daemon/idle_x11_sync.hpp"

namespace walkbreak::daemon {
namespace {

using OpenFn = core::Result<std::unique_ptr<IdleSource>> (*)(boost::asio::io_context&,
                                                             IdleCallbacks, const IdleOptions&,
                                                             Logger&);
// Cheap look at the environment before connecting: success, or why the
// backend is not worth trying here. `forced` when idle.backend names it.
using WorthTryingFn = core::Outcome (*)(const DesktopEnvironment&, bool forced);

struct IdleBackendEntry {
    core::IdleBackend backend;
    std::string_view name;
    WorthTryingFn worth_trying;
    OpenFn open;
};

// For the backends that take no options (X11 has no idle inhibitors to tell apart).
template <core::Result<std::unique_ptr<IdleSource>> (*Open)(boost::asio::io_context&, IdleCallbacks,
                                                            Logger&)>
core::Result<std::unique_ptr<IdleSource>> without_options(boost::asio::io_context& io,
                                                          IdleCallbacks callbacks,
                                                          const IdleOptions&, Logger& log) {
    return Open(io, std::move(callbacks), log);
}

constexpr OpenFn open_x11_sync = without_options<open_x11_sync_idle_source>;
constexpr OpenFn open_x11_screensaver = without_options<open_x11_screensaver_idle_source>;

core::Outcome wayland_only(const DesktopEnvironment& env, bool) {
    if (env.wayland_display.empty()) return core::Error{"WAYLAND_DISPLAY is not set"};
    return core::success();
}

// The session bus decides: connecting to it says why when there is none.
core::Outcome needs_nothing(const DesktopEnvironment&, bool) { return core::success(); }

core::Outcome x11_only(const DesktopEnvironment& env, bool forced) {
    if (env.display.empty()) return core::Error{"DISPLAY is not set"};
    if (!env.wayland_display.empty() && !forced)
        return core::Error{
            "WAYLAND_DISPLAY is set and Xwayland only sees the input of X clients "
            "(set idle.backend to use it anyway)"};
    return core::success();
}

// The registry, in probe order (DESIGN.md §5). A backend is one line here;
// every one builds on Debian 12, so all are always compiled in.
using B = core::IdleBackend;
using Entry = IdleBackendEntry;
constexpr std::array registry{
    Entry{B::ExtIdleNotify, "ext-idle-notify", wayland_only, open_ext_idle_notify_source},
    Entry{B::KdeIdle, "kde-idle", wayland_only, open_kde_idle_source},
    Entry{B::GnomeMutter, "gnome-mutter", needs_nothing, open_gnome_mutter_source},
    Entry{B::X11Sync, "x11-sync", x11_only, open_x11_sync},
    Entry{B::X11ScreenSaver, "x11-screensaver", x11_only, open_x11_screensaver},
};

std::string built_in_names() {
    std::string names;
    for (const IdleBackendEntry& entry : registry) {
        if (!names.empty()) names += ", ";
        names += entry.name;
    }
    return names;
}

// "a, b: why; c: other why": backends failing for the same reason share it.
std::string summarize(const std::vector<std::pair<std::string_view, std::string>>& failures) {
    std::string text;
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const auto& [name, why] = failures[i];
        const bool last = i + 1 == failures.size();
        text += name;
        if (!last && failures[i + 1].second == why) {
            text += ", ";
            continue;
        }
        text += ": " + why;
        if (!last) text += "; ";
    }
    return text;
}

std::string getenv_string(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

}  // namespace

DesktopEnvironment DesktopEnvironment::from_environment() {
    return {getenv_string("DISPLAY"), getenv_string("WAYLAND_DISPLAY")};
}

std::unique_ptr<IdleSource> probe_idle_source(boost::asio::io_context& io,
                                              const core::Config::Idle& idle,
                                              IdleCallbacks callbacks, Logger& log,
                                              const DesktopEnvironment& env) {
    const core::IdleBackend wanted = idle.backend;
    const IdleOptions options{idle.inhibitors_keep_sitting};
    const bool forced = wanted != core::IdleBackend::Auto;
    std::vector<std::pair<std::string_view, std::string>> failures;  // name, why
    for (const IdleBackendEntry& entry : registry) {
        if (forced && entry.backend != wanted) continue;
        if (auto worth = entry.worth_trying(env, forced); !worth) {
            // Expected where that desktop is not running: only worth a debug line.
            log.debug("idle", "{} not tried: {}", entry.name, worth.error());
            failures.emplace_back(entry.name, worth.error());
            continue;
        }
        auto source = entry.open(io, callbacks, options, log);
        if (source) {
            log.notice("idle", "using {}{}", entry.name, forced ? " (idle.backend)" : "");
            return std::move(source).value();
        }
        log.info("idle", "{} not used: {}", entry.name, source.error());
        failures.emplace_back(entry.name, source.error());
    }
    if (forced && failures.empty()) {
        log.warning("idle", "idle.backend names a backend that is not built in (built in: {})",
                    built_in_names());
    } else {
        log.warning("idle",
                    "no idle backend available ({}); away time is only noticed "
                    "through lock and suspend",
                    summarize(failures));
    }
    return nullptr;
}

std::vector<IdleBackendStatus> list_idle_backends(boost::asio::io_context& io, Logger& log,
                                                  const DesktopEnvironment& env) {
    std::vector<IdleBackendStatus> rows;
    for (const IdleBackendEntry& entry : registry) {
        IdleBackendStatus row{entry.backend, std::string{entry.name}, false, {}};
        if (auto worth = entry.worth_trying(env, false); !worth) {
            row.reason = worth.error();
        } else if (auto source = entry.open(io, IdleCallbacks{}, IdleOptions{}, log); !source) {
            row.reason = source.error();
        } else {
            row.available = true;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace walkbreak::daemon
