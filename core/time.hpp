// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The time vocabulary of walkbreak. Two clocks matter:
//  - wall time (UTC): what the user sees and what the store keeps;
//  - boot time (CLOCK_BOOTTIME): what durations are measured with, because it
//    never jumps and keeps counting through a suspend.
#include <chrono>
#include <cstdint>

namespace walkbreak::core {

using Millis = std::chrono::milliseconds;
using Seconds = std::chrono::seconds;
using WallTime = std::chrono::sys_time<Millis>;  // UTC
using Date = std::chrono::sys_days;              // a civil date, no zone attached

// Seconds east of UTC (e.g. +3600 for CET), as recorded with each stored row so
// that a walk counts on the local day in which it happened even after a move.
using UtcOffset = std::chrono::seconds;

// One reading of both clocks and of the zone, taken together by whoever feeds
// the core.
struct Moment {
    WallTime wall{};
    Millis boot{};            // time since boot, suspend included
    UtcOffset utc_offset{0};  // the local zone's offset at `wall`

    friend bool operator==(const Moment&, const Moment&) = default;
};

inline std::int64_t to_unix_seconds(WallTime t) {
    return std::chrono::floor<Seconds>(t).time_since_epoch().count();
}
inline WallTime from_unix_seconds(std::int64_t s) { return WallTime{Seconds{s}}; }

}  // namespace walkbreak::core
