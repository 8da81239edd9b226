// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// walkbreakd's command line.
#include <optional>

#include "core/paths.hpp"

namespace walkbreak::daemon {

struct Options {
    core::PathOverrides paths;
    bool verbose{false};
    // Set when the process should exit right away (--help, --version, a usage
    // error), with this status.
    std::optional<int> exit_now;
};

Options parse_options(int argc, char** argv);

}  // namespace walkbreak::daemon
