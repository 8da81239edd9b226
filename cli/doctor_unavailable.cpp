// SPDX-License-Identifier: GPL-3.0-or-later
// Built without the daemon's backends (WALKBREAK_BUILD_DAEMON=OFF): no doctor.
#include "cli/command.hpp"

namespace walkbreak::cli {

std::vector<CommandSpec> doctor_commands() { return {}; }

}  // namespace walkbreak::cli
