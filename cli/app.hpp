// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The walkbreak command line as a function: arguments and an environment in,
// text on two streams and an exit code out. main() only supplies the process.
#include <istream>
#include <ostream>

#include "cli/terminal.hpp"
#include "core/paths.hpp"
#include "core/time.hpp"

namespace walkbreak::cli {

struct Environment {
    core::GetEnv env;  // WALKBREAK_*, XDG_*, NO_COLOR, COLUMNS
    unsigned uid{0};
    core::WallTime now{};
    Terminal terminal;
    std::istream* in{nullptr};  // standard input, for `import -`; none reads as empty
    std::string host_name;      // gethostname(2); empty when unknown
};

// This process's environment, clock and stdout.
Environment process_environment();

// Parses `argv`, runs the command and returns the exit code: 0 ok, 1 failure,
// 2 usage error. Never throws; errors are printed as "walkbreak: <message>".
int run_walkbreak(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                  const Environment& environment);

}  // namespace walkbreak::cli
