// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/app.hpp"

#include <unistd.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// Paths as the user sees them from anywhere: `config path` prints them, and
// a daemon started elsewhere would read a relative one differently.
core::Paths absolute_paths(core::Paths paths) {
    for (std::string* p : {&paths.config, &paths.db, &paths.socket}) {
        std::error_code ec;
        auto absolute = std::filesystem::absolute(*p, ec);
        if (!ec) *p = absolute.lexically_normal().string();
    }
    return paths;
}

// The command line's first word that is not an option, and the value of a
// global option taking one: the command the user meant to run.
std::optional<std::string> command_word(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--config" || a == "--db" || a == "--socket") {
            ++i;
        } else if (!a.starts_with("-")) {
            return std::string(a);
        }
    }
    return std::nullopt;
}

// Levenshtein distance, for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + change});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// What CLI11 said, then where to look: the command's own --help when the
// command is known, else "did you mean" the nearest command.
std::string parse_error_message(std::string_view what, int argc, const char* const* argv,
                                const std::vector<CommandSpec>& table) {
    std::string out = fmt::format("walkbreak: {}\n", what);
    const auto word = command_word(argc, argv);
    if (!word) return out + "run walkbreak --help\n";
    for (const auto& spec : table) {
        if (spec.name == *word) return out + fmt::format("run walkbreak {} --help\n", *word);
    }
    // A command the word begins, else the one fewest edits away (at most two).
    std::string_view nearest;
    std::size_t best = 3;
    for (const auto& spec : table) {
        const std::size_t d =
            word->size() >= 2 && spec.name.starts_with(*word) ? 0 : edit_distance(*word, spec.name);
        if (d < best) {
            best = d;
            nearest = spec.name;
        }
    }
    if (!nearest.empty()) {
        return fmt::format(
            "walkbreak: unknown command \"{}\"; did you mean {}?\n"
            "run walkbreak --help\n",
            *word, nearest);
    }
    return fmt::format("walkbreak: unknown command \"{}\"\nrun walkbreak --help\n", *word);
}

}  // namespace

std::vector<CommandSpec> command_table() {
    std::vector<CommandSpec> all;
    for (auto group : {daemon_commands(), report_commands(), record_commands(), checkin_commands(),
                       config_commands(), devices_commands(), doctor_commands()}) {
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
    e.in = &std::cin;
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0) e.host_name = host;
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
            err << parse_error_message(e.what(), argc, argv, command_table());
            return exit_usage;
        }
        Context context{
            absolute_paths(core::resolve_paths(overrides, environment.env, environment.uid)),
            environment.now,
            environment.terminal,
            out,
            err,
            overrides.config.has_value() ||
                !environment.env("WALKBREAK_CONFIG").value_or("").empty(),
            environment.in,
            environment.env("HOME"),
            environment.host_name};
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
