// SPDX-License-Identifier: GPL-3.0-or-later
// walkbreakd: parse the arguments, load the config, build the graph, run.
#include <unistd.h>

#include <csignal>
#include <exception>
#include <iostream>
#include <boost/asio/io_context.hpp>

#include "core/config.hpp"
#include "daemon/options.hpp"
#include "daemon/service.hpp"

namespace {

// EX_CONFIG from sysexits.h; the unit's RestartPreventExitStatus names it.
constexpr int exit_bad_config = 78;

void print_chain(const std::exception& e, int depth = 0) {
    std::cerr << (depth == 0 ? "walkbreakd: " : "  because: ") << e.what() << '\n';
    try {
        std::rethrow_if_nested(e);
    } catch (const std::exception& inner) {
        print_chain(inner, depth + 1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace walkbreak;
    // A client that hangs up mid-reply must not kill the daemon with SIGPIPE,
    // nor a file-size limit with SIGXFSZ: the write fails and is retried.
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        const auto options = daemon::parse_options(argc, argv);
        if (options.exit_now) return *options.exit_now;
        auto log = daemon::Logger::from_environment(options.verbose);
        const auto paths = core::resolve_paths(options.paths, core::process_env, geteuid());

        auto parsed = core::load_config_file(paths.config);
        for (const auto& w : parsed.warnings) log.warning("config", "{}", w.to_string());
        if (!parsed.config) {
            for (const auto& e : parsed.errors) log.error("config", "{}", e.to_string());
            return exit_bad_config;
        }

        boost::asio::io_context io;
        daemon::SystemClock clock{io};
        daemon::Recorder recorder{clock, paths.db, daemon::open_sqlite_store, log};
        daemon::Service service(io, clock, recorder, daemon::desktop_session(io, log), log, paths,
                                *parsed.config);
        service.start();
        io.run();
        return 0;
    } catch (const std::exception& e) {
        print_chain(e);
        return 1;
    }
}
