// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak doctor`: runs walkbreak-doctor (doctor_main.cpp), found beside
// this program (a build tree), in ../libexec/walkbreak relative to it (an
// install under any prefix, ~/.local included), or where it was configured.
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace walkbreak::cli {
namespace {

std::filesystem::path find_doctor() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto dir = self.parent_path();
        for (auto candidate : {dir / "walkbreak-doctor",
                               dir.parent_path() / "libexec" / "walkbreak" / "walkbreak-doctor"}) {
            if (std::filesystem::exists(candidate, ec)) return candidate;
        }
    }
    return std::filesystem::path{WALKBREAK_LIBEXECDIR} / "walkbreak-doctor";
}

class DoctorCommand final : public Command {
public:
    explicit DoctorCommand(CLI::App& app) {
        app.add_flag("--json", json_,
                     "Print JSON: {\"healthy\",\"findings\":[{\"area\",\"subject\",\"health\","
                     "\"detail\",\"fix\"}]}");
    }

    int run(Context& context) override {
        const auto doctor = find_doctor();
        std::vector<std::string> args{doctor.string(),  "--config", context.paths.config, "--db",
                                      context.paths.db, "--socket", context.paths.socket};
        if (json_) args.emplace_back("--json");
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);

        context.out.flush();
        std::cout.flush();
        const pid_t pid = fork();
        if (pid < 0) throw failure("cannot start walkbreak-doctor: fork failed");
        if (pid == 0) {
            execv(argv[0], argv.data());
            std::cerr << "walkbreak: " << doctor.string()
                      << " is missing: walkbreak was built without the daemon's backends\n";
            _exit(exit_failure);
        }
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : exit_failure;
    }

private:
    bool json_{false};
};

}  // namespace

std::vector<CommandSpec> doctor_commands() {
    return {{"doctor", "Setup",
             "Check idle detection, notifications, logind, the service, the database, the sync "
             "folder; "
             "say how to fix each problem",
             &make_command<DoctorCommand>}};
}

}  // namespace walkbreak::cli
