// SPDX-License-Identifier: GPL-3.0-or-later
// run_session: prints what the session watcher sees from logind on the system
// bus (lock, unlock, suspend, resume) until SIGINT/SIGTERM. Without a system
// bus or logind it says so and keeps running, as the daemon does.
//   run_session [--verbose]
#include <csignal>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "daemon/logger.hpp"
#include "daemon/session_watcher.hpp"
#include "tests/tools/tool_output.hpp"

int main(int argc, char** argv) {
    using namespace walkbreak;
    const bool verbose = argc > 1 && std::string_view{argv[1]} == "--verbose";
    if (argc > 2 || (argc == 2 && !verbose)) {
        fmt::print(stderr, "usage: run_session [--verbose]\n");
        return 2;
    }

    boost::asio::io_context io;
    daemon::Logger log{false, verbose};
    daemon::SessionCallbacks callbacks;
    callbacks.on_lock = []() noexcept { tools::print_event("lock"); };
    callbacks.on_unlock = []() noexcept { tools::print_event("unlock"); };
    callbacks.on_suspend = []() noexcept { tools::print_event("suspend"); };
    callbacks.on_resume = []() noexcept { tools::print_event("resume"); };
    daemon::SessionWatcher watcher{io, callbacks, log};
    if (auto started = watcher.start(); started)
        tools::print_event("watching");
    else {
        log.warning("session", "{}: lock and suspend will not be noticed", started.error());
        tools::print_event("not watching");
    }

    boost::asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
    io.run();
    tools::print_event("exit");
    return 0;
}
