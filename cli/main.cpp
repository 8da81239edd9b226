// SPDX-License-Identifier: GPL-3.0-or-later
// walkbreak, the CLI: everything but the process itself is in walkbreak_cli_lib.
#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
    return walkbreak::cli::run_walkbreak(argc, argv, std::cout, std::cerr,
                                         walkbreak::cli::process_environment());
}
