// SPDX-License-Identifier: GPL-3.0-or-later
// walkbreak-doctor: the checks behind `walkbreak doctor`. A program of its own
// because it links the daemon's desktop backends (X11, Wayland, GLib, sd-bus):
// every other walkbreak command starts faster without loading them.
// Usage (from `walkbreak doctor`): walkbreak-doctor --config P --db P --socket P [--json]
#include <unistd.h>

#include <iostream>
#include <string_view>

#include "cli/doctor_checks.hpp"
#include "cli/terminal.hpp"

int main(int argc, char** argv) {
    using namespace walkbreak;
    core::PathOverrides overrides;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--json") {
            json = true;
        } else if (arg == "--config" && has_value) {
            overrides.config = argv[++i];
        } else if (arg == "--db" && has_value) {
            overrides.db = argv[++i];
        } else if (arg == "--socket" && has_value) {
            overrides.socket = argv[++i];
        } else {
            std::cerr << "walkbreak-doctor: unexpected argument " << arg
                      << "; run it as `walkbreak doctor`\n";
            return 2;
        }
    }
    const auto paths = core::resolve_paths(overrides, core::process_env, geteuid());
    const auto report = cli::run_doctor_checks(paths);
    const auto terminal = cli::detect_terminal(STDOUT_FILENO, core::process_env);
    std::cout << (json ? cli::render_doctor_json(report)
                       : cli::render_doctor_text(report, terminal.colour));
    return report.healthy() ? 0 : 1;
}
