// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The command table: every command declares its arguments on a CLI11
// subcommand and runs with a Context. `walkbreak --help` is generated from
// the table, so a command exists exactly when it is listed here.
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/terminal.hpp"
#include "core/paths.hpp"
#include "core/time.hpp"

namespace CLI {
class App;
}

namespace walkbreak::cli {

// Exit codes (DESIGN.md §4).
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;  // runtime failure, daemon not running, no such id
inline constexpr int exit_usage = 2;    // a bad argument

// Thrown by commands; the top level prints "walkbreak: <what>" and exits with code().
class CommandError : public std::runtime_error {
public:
    CommandError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

// A bad argument (exit 2). The message says what was expected.
inline CommandError usage_error(const std::string& message) {
    return CommandError(exit_usage, message);
}
// The command could not do its job (exit 1).
inline CommandError failure(const std::string& message) {
    return CommandError(exit_failure, message);
}

// What a command may consult: nothing else about the process is read below main.
struct Context {
    core::Paths paths;
    core::WallTime now;
    Terminal terminal;  // stdout's width and colour
    std::ostream& out;
    std::ostream& err;
    // The config file was named (--config or WALKBREAK_CONFIG): it must exist.
    bool config_given{false};
    std::istream* in{nullptr};          // standard input; none reads as empty
    std::optional<std::string> home{};  // HOME, for "~/" in sync.folder
    // This computer's host name: its device name unless sync.device_name says
    // otherwise (docs/SYNC.md). Empty when it could not be had.
    std::string host_name{};
};

class Command {
public:
    virtual ~Command() = default;
    // Returns the exit code; throws CommandError or core::StoreError on failure.
    virtual int run(Context& context) = 0;
};

struct CommandSpec {
    std::string_view name;
    std::string_view group;  // the heading --help lists it under
    std::string_view summary;
    // Declares the command's arguments on `app`; returns the command bound to them.
    std::unique_ptr<Command> (*setup)(CLI::App& app);
};

// The usual setup: a Command whose constructor declares its arguments.
template <typename T>
std::unique_ptr<Command> make_command(CLI::App& app) {
    return std::make_unique<T>(app);
}

// Each group's commands, defined in its commands_*.cpp.
std::vector<CommandSpec> daemon_commands();
std::vector<CommandSpec> report_commands();
std::vector<CommandSpec> record_commands();
std::vector<CommandSpec> checkin_commands();
std::vector<CommandSpec> config_commands();
std::vector<CommandSpec> doctor_commands();
std::vector<CommandSpec> devices_commands();

// Every command, in the order --help lists them.
std::vector<CommandSpec> command_table();

}  // namespace walkbreak::cli
