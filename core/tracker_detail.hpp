// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers shared by the tracker's source files (tracker*.cpp); not an API.
#include <algorithm>
#include <chrono>
#include <optional>

#include "core/config.hpp"
#include "core/time.hpp"

namespace walkbreak::core::tracker_detail {

template <typename... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

// Every duration that comes from an event or the config is bounded to a year
// before it is added to a boot instant, so no input can overflow the clock.
inline constexpr Millis longest{std::chrono::days{366}};

inline Millis bounded(Millis d) { return std::clamp(d, Millis{0}, longest); }
inline Millis bounded(Seconds d) {
    if (d <= Seconds{0}) return Millis{0};
    if (d >= std::chrono::duration_cast<Seconds>(longest)) return longest;
    return Millis{d};
}

// The wall-clock instant of boot instant `at`, read back from `now`. Every
// instant the tracker reports is derived this way, so the durations between
// them are boot-clock durations: never negative, whatever the wall clock did.
inline WallTime wall_at(const Moment& now, Millis at) { return now.wall - (now.boot - at); }
// The other way: the boot instant of wall-clock instant `t`, read from `now`.
inline Millis boot_at(const Moment& now, WallTime t) { return now.boot - (now.wall - t); }

// Intervals of at least a second: a zero interval would ask to be woken at
// once, forever. (The config check keeps real values sensible; this is the
// tracker not trusting its input.)
inline Millis reminder_interval(const Config& c) {
    return std::max(Millis{1000}, bounded(c.reminder.interval));
}
inline Millis snooze_length(const Config& c, std::optional<Seconds> asked) {
    return std::max(Millis{1000}, bounded(asked.value_or(c.reminder.snooze)));
}
inline Millis walk_min(const Config& c) { return bounded(c.walk.min); }

}  // namespace walkbreak::core::tracker_detail
