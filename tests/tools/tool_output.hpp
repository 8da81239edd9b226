// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the run_* drivers: one stdout line per event, prefixed with the
// local time to the millisecond, flushed at once so that scripts can follow it.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>

#include <fmt/format.h>

namespace walkbreak::tools {

inline void print_event(std::string_view text) {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm local{};
    localtime_r(&seconds, &local);
    fmt::print("{:02}:{:02}:{:02}.{:03} {}\n", local.tm_hour, local.tm_min, local.tm_sec, ms, text);
    std::fflush(stdout);
}

}  // namespace walkbreak::tools
