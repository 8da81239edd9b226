// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak doctor`.
#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/doctor_checks.hpp"

namespace walkbreak::cli {
namespace {

class DoctorCommand final : public Command {
public:
    explicit DoctorCommand(CLI::App& app) {
        app.add_flag("--json", json_,
                     "Print JSON: {\"healthy\",\"findings\":[{\"area\",\"subject\",\"health\","
                     "\"detail\",\"fix\"}]}");
    }

    int run(Context& context) override {
        const auto report = run_doctor_checks(context.paths);
        context.out << (json_ ? render_doctor_json(report)
                              : render_doctor_text(report, context.terminal.colour));
        return report.healthy() ? exit_ok : exit_failure;
    }

private:
    bool json_{false};
};

}  // namespace

std::vector<CommandSpec> doctor_commands() {
    return {{"doctor", "Setup",
             "Check idle detection, notifications, logind, the service, the database; "
             "say how to fix each problem",
             &make_command<DoctorCommand>}};
}

}  // namespace walkbreak::cli
