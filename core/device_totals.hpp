// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per local day, the totals of several devices together (docs/SYNC.md
// "Totals across devices"): one span of time is walked once, and sat once,
// whichever computers saw it. Spans seen by several devices are kept once
// (core/seen_twice.hpp), then the union rule (core/walk_union.hpp) applies to
// all of them, walks and sitting bouts alike; reminders are each device's own
// and add up.
#include <span>
#include <vector>

#include "core/civil.hpp"
#include "core/journal_merge.hpp"
#include "core/seen_twice.hpp"
#include "core/store.hpp"

namespace walkbreak::core {

// One entry per date in [from, to] (none when to < from), days with nothing
// included, in the shape Store::day_totals gives for one device. A walk or
// bout counts on the local days of its own utc_offset. longest_sitting is the
// longest stretch of the united sitting on the day.
std::vector<DayTotals> day_totals_across_devices(std::span<const DeviceRecords> devices, Date from,
                                                 Date to, TimeOfDay starts_at,
                                                 Seconds tolerance = clock_skew_tolerance);

}  // namespace walkbreak::core
