// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <string>

namespace walkbreak::cli {

Terminal detect_terminal(int fd, const core::GetEnv& env) {
    Terminal t;
    t.is_tty = ::isatty(fd) == 1;
    winsize size{};
    if (t.is_tty && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        t.width = size.ws_col;
    } else if (auto columns = env("COLUMNS")) {
        int n = 0;
        const char* end = columns->data() + columns->size();
        auto [ptr, ec] = std::from_chars(columns->data(), end, n);
        if (ec == std::errc{} && ptr == end && n > 0 && n <= 1000) t.width = n;
    }
    const auto no_color = env("NO_COLOR");
    t.colour = t.is_tty && (!no_color || no_color->empty());
    return t;
}

}  // namespace walkbreak::cli
