// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How stdout looks: its width and whether it takes colour.
#include "core/paths.hpp"

namespace walkbreak::cli {

struct Terminal {
    int width{80};       // columns
    bool colour{false};  // ANSI colour escapes are welcome
    bool is_tty{false};
};

// The width comes from the terminal (TIOCGWINSZ), else $COLUMNS, else 80.
// Colour only when stdout is a terminal and NO_COLOR is unset or empty
// (https://no-color.org).
Terminal detect_terminal(int fd, const core::GetEnv& env);

}  // namespace walkbreak::cli
