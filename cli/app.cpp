// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/app.hpp"

#include <unistd.h>

#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/store.hpp"

namespace walkbreak::cli {

namespace {

constexpr std::string_view footer =
    "Durations: 90s, 5m, 1h30m. Dates: 2026-03-29, today, yesterday.\n"
    "Files: walkbreak config path. Environment: WALKBREAK_CONFIG, WALKBREAK_DB,\n"
    "WALKBREAK_SOCKET, NO_COLOR.\n"
    "Exit status: 0 ok, 1 failure (also: walkbreakd not running, no such id), 2 usage error.";

struct Registered {
    CLI::App* app;
    std::unique_ptr<Command> command;
};

}  // namespace

std::vector<CommandSpec> command_table() {
    std::vector<CommandSpec> all;
    for (auto group : {daemon_commands(), report_commands(), record_commands(), config_commands(),
                       doctor_commands()}) {
        all.insert(all.end(), group.begin(), group.end());
    }
    return all;
}

Environment process_environment() {
    Environment e;
    e.env = core::process_env;
    e.uid = static_cast<unsigned>(::geteuid());
    e.now = std::chrono::time_point_cast<core::Millis>(std::chrono::system_clock::now());
    e.terminal = detect_terminal(STDOUT_FILENO, e.env);
    return e;
}

int run_walkbreak(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                  const Environment& environment) {
    CLI::App app{"walkbreak: walk breaks for people who sit all day", "walkbreak"};
    app.footer(std::string(footer));
    app.set_version_flag("--version", "walkbreak " WALKBREAK_VERSION);
    app.require_subcommand(1, 1);
    core::PathOverrides overrides;
    app.add_option("--config", overrides.config, "Config file (default: XDG config dir)")
        ->type_name("PATH");
    app.add_option("--db", overrides.db, "Database (default: XDG data dir)")->type_name("PATH");
    app.add_option("--socket", overrides.socket, "walkbreakd's control socket")->type_name("PATH");

    std::vector<Registered> registered;
    for (const CommandSpec& spec : command_table()) {
        CLI::App* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
        sub->group(std::string(spec.group));
        registered.push_back(Registered{sub, spec.setup(*sub)});
    }

    std::string running = "walkbreak";
    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::Success& e) {
            // --help, --version
            return app.exit(e, out, err);
        } catch (const CLI::ParseError& e) {
            err << fmt::format("walkbreak: {}\nrun walkbreak --help\n", e.what());
            return exit_usage;
        }
        Context context{core::resolve_paths(overrides, environment.env, environment.uid),
                        environment.now, environment.terminal, out, err};
        for (auto& r : registered) {
            if (!r.app->parsed()) continue;
            running = fmt::format("walkbreak {}", r.app->get_name());
            return r.command->run(context);
        }
        return exit_usage;  // require_subcommand makes this unreachable
    } catch (const CommandError& e) {
        err << fmt::format("walkbreak: {}\n", e.what());
        if (e.code() == exit_usage) err << fmt::format("run {} --help\n", running);
        return e.code();
    } catch (const core::StoreError& e) {
        err << fmt::format("walkbreak: {}\n", e.what());
        return exit_failure;
    } catch (const std::exception& e) {
        err << fmt::format("walkbreak: {}\n", e.what());
        return exit_failure;
    }
}

}  // namespace walkbreak::cli
