// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/work_hours.hpp"

#include <algorithm>
#include <array>

namespace walkbreak::core {
namespace {

using std::chrono::days;
using LocalTime = std::chrono::sys_time<Millis>;  // local civil time, counted like UTC

// A time of day folded into [00:00, 24:00), whatever the config held.
Millis normalized(TimeOfDay t) {
    constexpr std::chrono::minutes day{24 * 60};
    auto m = t % day;
    if (m < std::chrono::minutes{0}) m += day;
    return m;
}

bool works_on(const std::array<bool, 7>& work_days, Date d) {
    const unsigned iso = std::chrono::weekday{d}.iso_encoding();  // Monday = 1
    return work_days[iso - 1];
}

bool inside(const Config::Schedule& schedule, const WorkHours& hours, LocalTime t) {
    const Date day = std::chrono::floor<days>(t);
    const Millis time = t - day;
    const Millis start = normalized(hours.start);
    const Millis end = normalized(hours.end);
    if (start < end) return works_on(schedule.work_days, day) && start <= time && time < end;
    return (works_on(schedule.work_days, day) && time >= start) ||
           (works_on(schedule.work_days, day - days{1}) && time < end);
}

}  // namespace

bool in_work_hours(const Config::Schedule& schedule, WallTime wall, UtcOffset offset) {
    if (!schedule.work_hours) return true;
    return inside(schedule, *schedule.work_hours, wall + offset);
}

std::optional<Millis> until_work_hours_change(const Config::Schedule& schedule, WallTime wall,
                                              UtcOffset offset) {
    if (!schedule.work_hours) return std::nullopt;
    const WorkHours& hours = *schedule.work_hours;
    const LocalTime now = wall + offset;
    const bool now_inside = inside(schedule, hours, now);
    // Every boundary is some date's start or end time; eight days ahead covers
    // a whole week's pattern.
    const Date today = std::chrono::floor<days>(now);
    std::array<LocalTime, 18> candidates{};
    for (int k = 0; k < 9; ++k) {
        const Date d = today + days{k};
        const auto i = static_cast<std::size_t>(2 * k);
        candidates[i] = d + normalized(hours.start);
        candidates[i + 1] = d + normalized(hours.end);
    }
    std::sort(candidates.begin(), candidates.end());
    for (const LocalTime c : candidates) {
        if (c > now && inside(schedule, hours, c) != now_inside) return c - now;
    }
    return std::nullopt;
}

}  // namespace walkbreak::core
