// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak config check | show | path`.
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/command_support.hpp"
#include "cli/render_json.hpp"
#include "core/config.hpp"

namespace walkbreak::cli {

namespace {

class ConfigCommand final : public Command {
public:
    explicit ConfigCommand(CLI::App& app) {
        app.require_subcommand(1, 1);
        // `check` is what runs when neither `show` nor `path` was asked for.
        check_ = app.add_subcommand(
            "check", "Validate the config file; errors point at file:line:col (exit 1)");
        check_->add_flag("--json", json_,
                         "Print JSON: {\"file\",\"exists\",\"ok\",\"errors\",\"warnings\"}");
        show_ = app.add_subcommand("show", "Print the effective configuration, every key");
        show_->add_flag("--json", json_, "Print JSON: one object per section");
        path_ = app.add_subcommand("path", "Print where the config, database and socket are");
        path_->add_flag("--json", json_, "Print JSON: {\"config\",\"db\",\"socket\"}");
    }

    int run(Context& context) override {
        if (path_->parsed()) {
            if (json_) {
                context.out << paths_json(context.paths);
            } else {
                context.out << fmt::format("config  {}\ndb      {}\nsocket  {}\n",
                                           context.paths.config, context.paths.db,
                                           context.paths.socket);
            }
            return exit_ok;
        }
        check_config_given(context);
        const auto parsed = core::load_config_file(context.paths.config);
        std::error_code ec;
        const bool exists = std::filesystem::exists(context.paths.config, ec);
        if (check_->parsed() && json_) {
            context.out << config_check_json(context.paths.config, exists, parsed);
            return parsed.config ? exit_ok : exit_failure;
        }
        // Unusual values are for `check` (and doctor) to point out, not for every look.
        if (!show_->parsed()) {
            for (const auto& w : parsed.warnings) {
                context.err << fmt::format("warning: {}\n", w.to_string());
            }
        }
        if (!parsed.config) {
            for (const auto& e : parsed.errors) context.err << e.to_string() << '\n';
            return exit_failure;
        }
        if (show_->parsed()) {
            context.out << (json_ ? core::format_config_json(*parsed.config)
                                  : core::format_config(*parsed.config));
            return exit_ok;
        }
        if (!exists) {
            context.out << fmt::format("{}: no such file; the built-in defaults apply\n",
                                       context.paths.config);
        } else {
            context.out << fmt::format("{}: ok\n", context.paths.config);
        }
        return exit_ok;
    }

private:
    CLI::App* check_{nullptr};
    CLI::App* show_{nullptr};
    CLI::App* path_{nullptr};
    bool json_{false};
};

}  // namespace

std::vector<CommandSpec> config_commands() {
    return {
        {"config", "Setup", "Check, show or locate the configuration",
         &make_command<ConfigCommand>},
    };
}

}  // namespace walkbreak::cli
