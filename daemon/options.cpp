// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/options.hpp"

#include <iostream>
#include <CLI/CLI.hpp>

namespace walkbreak::daemon {

Options parse_options(int argc, char** argv) {
    Options options;
    CLI::App app{
        "walkbreakd: watches how long you sit and reminds you to take short walks.\n"
        "Runs in the foreground; normally started as the systemd user service walkbreakd."};
    app.set_version_flag("--version", "walkbreakd " WALKBREAK_VERSION);
    app.add_option("--config", options.paths.config, "config file (default: XDG config dir)");
    app.add_option("--db", options.paths.db, "database (default: XDG data dir)");
    app.add_option("--socket", options.paths.socket, "control socket (default: XDG runtime dir)");
    app.add_flag("-v,--verbose", options.verbose, "log debug lines too");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // 0 for --help/--version; 2 for a usage error, as the CLI does.
        const int status = app.exit(e, std::cout, std::cerr);
        options.exit_now = status == 0 ? 0 : 2;
    }
    return options;
}

}  // namespace walkbreak::daemon
