// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The commands that change walks by hand: log, edit, delete. Each holds the
// union rule (core/walk_union.hpp): a span of time is walked once.
#include <memory>

#include "cli/command.hpp"

namespace walkbreak::cli {

std::unique_ptr<Command> make_log_command(CLI::App& app);
std::unique_ptr<Command> make_edit_command(CLI::App& app);
std::unique_ptr<Command> make_delete_command(CLI::App& app);

}  // namespace walkbreak::cli
