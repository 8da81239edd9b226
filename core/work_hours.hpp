// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Work hours (schedule.work_hours on schedule.work_days) as pure local-time
// arithmetic: local time is `wall + offset`, the offset being the one the
// caller read with the wall clock. No zone database is consulted.
#include <optional>

#include "core/config.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

// Whether the local time is inside the work hours. Without work hours set,
// always true. Hours whose end is before their start run past midnight and
// belong to the day they start on ("22:00-06:00" on Friday covers Friday
// night until Saturday 06:00); equal start and end mean 24 hours from start.
bool in_work_hours(const Config::Schedule& schedule, WallTime wall, UtcOffset offset);

// How long until in_work_hours() changes, assuming the offset stays as it is;
// none when it never does (no work hours, no work day, or around the clock
// every day). A DST change before then moves the true boundary by the
// difference; the caller asks again after every event, which corrects it.
std::optional<Millis> until_work_hours_change(const Config::Schedule& schedule, WallTime wall,
                                              UtcOffset offset);

}  // namespace walkbreak::core
