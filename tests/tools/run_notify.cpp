// SPDX-License-Identifier: GPL-3.0-or-later
// run_notify: shows a notification with actions and prints the action pressed.
//   run_notify [--kind reminder|break|checkin] [--summary S] [--body B] [--critical]
//              [--count N] [--every SECONDS] [--timeout SECONDS] [--verbose]
//   run_notify --info    the notification server's name, version and capabilities
// Shows the notice N times (default 1), `every` seconds apart, then waits up to
// `timeout` seconds for an action. Exits 0 after an action or the timeout.
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/logger.hpp"
#include "daemon/notification_server.hpp"
#include "daemon/notifier.hpp"
#include "tests/tools/tool_output.hpp"

namespace {

using walkbreak::daemon::NoticeAction;
using walkbreak::daemon::NoticeKind;

walkbreak::daemon::Notice make_notice(std::string_view kind) {
    walkbreak::daemon::Notice n;
    if (kind == "break") {
        n.kind = NoticeKind::BreakQuestion;
        n.summary = "Away 7 min — log as a walk?";
        n.actions = {NoticeAction::LogWalk, NoticeAction::NotAWalk};
        n.click = NoticeAction::LogWalk;
        n.actions_fallback_text = "Run `walkbreak log 7m` to log it.";
    } else if (kind == "checkin") {
        n.kind = NoticeKind::Checkin;
        n.summary = "How does your back feel?";
        n.actions = {NoticeAction::Better, NoticeAction::Same, NoticeAction::Worse};
    } else {
        n.kind = NoticeKind::Reminder;
        n.summary = "Time for a walk";
        n.body = "You have been sitting for 45 minutes.";
        n.actions = {NoticeAction::WalkNow, NoticeAction::Snooze, NoticeAction::Skip};
        n.click = NoticeAction::WalkNow;
        n.actions_fallback_text = "Run `walkbreak walk`, `walkbreak snooze` or `walkbreak skip`.";
    }
    return n;
}

int usage() {
    fmt::print(stderr,
               "usage: run_notify [--kind reminder|break|checkin] [--summary S] [--body B]"
               " [--critical]\n                  [--count N] [--every SECONDS]"
               " [--timeout SECONDS] [--verbose]\n       run_notify --info\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace walkbreak;
    daemon::Notice notice = make_notice("reminder");
    long count = 1;
    double every = 2;
    double timeout = 30;
    bool verbose = false;
    bool info = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--kind" && has_value) {
            notice = make_notice(argv[++i]);
        } else if (arg == "--summary" && has_value) {
            notice.summary = argv[++i];
        } else if (arg == "--body" && has_value) {
            notice.body = argv[++i];
        } else if (arg == "--critical") {
            notice.critical = true;
        } else if (arg == "--count" && has_value) {
            count = std::strtol(argv[++i], nullptr, 10);
        } else if (arg == "--every" && has_value) {
            every = std::strtod(argv[++i], nullptr);
        } else if (arg == "--timeout" && has_value) {
            timeout = std::strtod(argv[++i], nullptr);
        } else if (arg == "--verbose") {
            verbose = true;
        } else if (arg == "--info") {
            info = true;
        } else {
            return usage();
        }
    }

    boost::asio::io_context io;
    daemon::Logger log{false, verbose};
    daemon::Notifier notifier{io,
                              [&](NoticeKind, NoticeAction action) noexcept {
                                  tools::print_event(fmt::format("action: {}", action_key(action)));
                                  io.stop();
                              },
                              log};

    if (info) {
        const daemon::ServerInfo s = daemon::query_notification_server(std::chrono::seconds{2});
        if (!s.reachable) {
            fmt::print("server: unreachable\n");
        } else {
            fmt::print("server: {} {} ({}), spec {}\ncapabilities:", s.name, s.version, s.vendor,
                       s.spec_version);
            for (const auto& cap : s.capabilities) fmt::print(" {}", cap);
            fmt::print("\n");
        }
        io.poll();  // log lines posted by the GLib thread
        return 0;
    }

    const auto to_duration = [](double seconds) {
        return std::chrono::milliseconds{static_cast<long long>(seconds * 1000)};
    };
    boost::asio::steady_timer timer{io};
    long shown = 0;
    std::function<void()> show_next = [&] {
        notifier.show(notice);
        tools::print_event(fmt::format("shown {}", ++shown));
        timer.expires_after(to_duration(shown < count ? every : timeout));
        timer.async_wait([&](const boost::system::error_code& ec) {
            if (ec) return;
            if (shown < count) {
                show_next();
            } else {
                tools::print_event("timeout: no action");
                io.stop();
            }
        });
    };
    show_next();

    boost::asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
    io.run();
    return 0;
}
