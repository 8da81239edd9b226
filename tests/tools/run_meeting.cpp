// SPDX-License-Identifier: GPL-3.0-or-later
// run_meeting: prints what the meeting sources see, one line per change:
// "camera: holds", "camera: ends", "do-not-disturb: holds".
//   run_meeting [--signals NAME,...] [--camera-devices GLOB] [--ignore-app NAME]...
//               [--verbose]
//   run_meeting --list     each signal and whether it can be seen here
// --signals defaults to every signal but manual; --camera-devices to
// "/dev/video*"; --ignore-app is meeting.ignore_apps. Prints "watching NAME
// with BACKEND" for each source opened; with none, "no source" and exits 1
// (--verbose logs why). Else runs until SIGINT/SIGTERM, then prints "exit".
#include <csignal>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "core/meeting_signal.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"
#include "tests/tools/tool_output.hpp"

namespace {

using walkbreak::core::MeetingSignal;

int usage() {
    fmt::print(stderr,
               "usage: run_meeting [--signals NAME,...] [--camera-devices GLOB]\n"
               "                   [--ignore-app NAME]... [--verbose]\n"
               "       run_meeting --list [--camera-devices GLOB]\n");
    return 2;
}

bool parse_signals(std::string_view list, std::vector<MeetingSignal>& out) {
    out.clear();
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const auto signal = walkbreak::core::meeting_signal_from_string(list.substr(0, comma));
        if (!signal) return false;
        out.push_back(*signal);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return !out.empty();
}

}  // namespace

int main(int argc, char** argv) {
    using namespace walkbreak;
    daemon::MeetingSourceOptions options;  // every desktop signal, as by default
    bool verbose = false;
    bool list = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--signals" && i + 1 < argc) {
            if (!parse_signals(argv[++i], options.signals)) return usage();
        } else if (arg == "--camera-devices" && i + 1 < argc) {
            options.camera_devices = argv[++i];
        } else if (arg == "--ignore-app" && i + 1 < argc) {
            options.ignore_apps.emplace_back(argv[++i]);
        } else if (arg == "--verbose" || arg == "--list") {
            (arg == "--list" ? list : verbose) = true;
        } else {
            return usage();
        }
    }

    boost::asio::io_context io;
    daemon::Logger log{false, verbose};
    if (list) {
        for (const auto& row : daemon::list_meeting_signals(io, options, log)) {
            if (row.available)
                fmt::print("{} available ({}){}{}\n", core::to_string(row.signal), row.backend,
                           row.detail.empty() ? "" : ": ", row.detail);
            else
                fmt::print("{} not available: {}\n", core::to_string(row.signal), row.reason);
        }
        return 0;
    }

    daemon::MeetingSourceCallbacks callbacks;
    callbacks.on_change = [](MeetingSignal signal, bool holds) noexcept {
        tools::print_event(
            fmt::format("{}: {}", core::to_string(signal), holds ? "holds" : "ends"));
    };
    const auto sources = daemon::open_meeting_sources(io, options, callbacks, log);
    for (const auto& source : sources)
        tools::print_event(fmt::format("watching {} with {}", core::to_string(source->signal()),
                                       source->backend()));
    if (sources.empty()) {
        tools::print_event("no source");
        return 1;
    }

    boost::asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
    io.run();
    tools::print_event("exit");
    return 0;
}
