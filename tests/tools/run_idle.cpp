// SPDX-License-Identifier: GPL-3.0-or-later
// run_idle: prints the idle/active transitions the probed idle backend sees.
//   run_idle [--threshold SECONDS] [--backend NAME] [--ignore-inhibitors]
//            [--tracker] [--verbose]
//   run_idle --list     the backends and whether each would start here
// --ignore-inhibitors sets idle.inhibitors_keep_sitting = false. --tracker
// also feeds the reports to a core::Tracker (idle.away_after = the threshold)
// and prints its state when it changes: "tracker away", "tracker sitting".
// SIGUSR1 doubles the threshold (source->start() again, as on a reload).
// Runs until SIGINT/SIGTERM, also after the backend reported its display lost.
#include <boost/asio/io_context.hpp>

#include <time.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/signal_set.hpp>

#include "core/tracker.hpp"
#include "daemon/idle_probe.hpp"
#include "daemon/logger.hpp"
#include "tests/tools/tool_output.hpp"

namespace {

using walkbreak::core::IdleBackend;

bool parse_backend(std::string_view name, IdleBackend& out) {
    constexpr std::pair<std::string_view, IdleBackend> names[] = {
        {"auto", IdleBackend::Auto},        {"ext-idle-notify", IdleBackend::ExtIdleNotify},
        {"kde-idle", IdleBackend::KdeIdle}, {"gnome-mutter", IdleBackend::GnomeMutter},
        {"x11-sync", IdleBackend::X11Sync}, {"x11-screensaver", IdleBackend::X11ScreenSaver},
    };
    for (const auto& [n, b] : names) {
        if (n == name) {
            out = b;
            return true;
        }
    }
    return false;
}

int usage() {
    fmt::print(stderr,
               "usage: run_idle [--threshold SECONDS] [--backend NAME] "
               "[--ignore-inhibitors] [--tracker] [--verbose]\n"
               "       run_idle --list\n");
    return 2;
}

// Both clocks now, as the daemon reads them (the zone does not matter here).
walkbreak::core::Moment now_moment() {
    timespec boot{};
    clock_gettime(CLOCK_BOOTTIME, &boot);
    return {std::chrono::time_point_cast<walkbreak::core::Millis>(std::chrono::system_clock::now()),
            std::chrono::duration_cast<walkbreak::core::Millis>(
                std::chrono::seconds{boot.tv_sec} + std::chrono::nanoseconds{boot.tv_nsec}),
            walkbreak::core::UtcOffset{0}};
}

// Feeds the idle reports to the tracker and prints its state as it changes.
// Reminders are not driven (no Tick deadlines): only presence matters here.
class TrackerPrinter {
public:
    explicit TrackerPrinter(const walkbreak::core::Config& config)
        : tracker_(config, now_moment()) {
        print();
    }
    void feed(const walkbreak::core::Event& event) {
        (void)tracker_.handle(event, now_moment());
        print();
    }

private:
    void print() {
        if (shown_ == tracker_.state()) return;
        shown_ = tracker_.state();
        walkbreak::tools::print_event(
            fmt::format("tracker {}", walkbreak::core::to_string(tracker_.state())));
    }
    walkbreak::core::Tracker tracker_;
    std::optional<walkbreak::core::TrackerState> shown_;
};

}  // namespace

int main(int argc, char** argv) {
    using namespace walkbreak;
    long threshold = 5;
    core::Config config;
    bool tracker = false;
    bool verbose = false;
    bool list = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--threshold" && i + 1 < argc) {
            threshold = std::strtol(argv[++i], nullptr, 10);
            if (threshold <= 0) return usage();
        } else if (arg == "--backend" && i + 1 < argc) {
            if (!parse_backend(argv[++i], config.idle.backend)) return usage();
        } else if (arg == "--ignore-inhibitors") {
            config.idle.inhibitors_keep_sitting = false;
        } else if (arg == "--tracker") {
            tracker = true;
        } else if (arg == "--verbose") {
            verbose = true;
        } else if (arg == "--list") {
            list = true;
        } else {
            return usage();
        }
    }

    boost::asio::io_context io;
    daemon::Logger log{false, verbose};
    if (list) {
        for (const auto& row : daemon::list_idle_backends(io, log))
            fmt::print("{} {}{}{}\n", row.name, row.available ? "available" : "unavailable",
                       row.reason.empty() ? "" : ": ", row.reason);
        return 0;
    }

    config.idle.away_after = core::Seconds{threshold};
    std::optional<TrackerPrinter> printer;
    if (tracker) printer.emplace(config);
    daemon::IdleCallbacks callbacks;
    callbacks.on_idle = [&](core::Millis idle_for) noexcept {
        tools::print_event(fmt::format("idle {}ms", idle_for.count()));
        if (printer) printer->feed(core::event::UserIdle{idle_for});
    };
    callbacks.on_active = [&]() noexcept {
        tools::print_event("active");
        if (printer) printer->feed(core::event::UserActive{});
    };
    callbacks.on_lost = [](std::string reason) noexcept { tools::print_event("lost: " + reason); };
    auto source = daemon::probe_idle_source(io, config.idle, callbacks, log);
    if (!source) {
        tools::print_event("no backend");
        return 1;
    }
    source->start(core::Seconds{threshold});
    tools::print_event(fmt::format("watching with {}, threshold {}s", source->name(), threshold));

    // SIGUSR1 doubles the threshold, as a config reload would change it.
    boost::asio::signal_set reload{io, SIGUSR1};
    std::function<void()> wait_for_reload = [&] {
        reload.async_wait([&](const boost::system::error_code& ec, int) {
            if (ec) return;
            threshold *= 2;
            source->start(core::Seconds{threshold});
            tools::print_event(fmt::format("threshold {}s", threshold));
            wait_for_reload();
        });
    };
    wait_for_reload();
    boost::asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([&](const boost::system::error_code&, int) {
        source->stop();
        reload.cancel();
        io.stop();
    });
    io.run();
    tools::print_event("exit");
    return 0;
}
