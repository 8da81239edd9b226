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
#include "core/walk_union.hpp"

namespace walkbreak::core {

// What several devices recorded, each span tagged with its device: the
// input of the totals, from merged journals or from the store's rows.
struct DevicesActivity {
    std::vector<DeviceSpan> walks;
    std::vector<DeviceSpan> sitting;
    std::vector<ReminderRecord> reminders;  // whoever's: they add up
};

// One entry per date in [from, to] (none when to < from), days with nothing
// included, in the shape Store::day_totals gives for one device. A walk or
// bout counts on the local days of its own utc_offset. longest_sitting is the
// longest stretch of the united sitting on the day. meeting_seconds stays 0:
// the store counts meetings across devices (core/store_totals.cpp).
std::vector<DayTotals> day_totals_across_devices(DevicesActivity activity, Date from, Date to,
                                                 TimeOfDay starts_at,
                                                 Seconds tolerance = clock_skew_tolerance);
// The same for merged journals (core/journal_merge.hpp).
std::vector<DayTotals> day_totals_across_devices(std::span<const DeviceRecords> devices, Date from,
                                                 Date to, TimeOfDay starts_at,
                                                 Seconds tolerance = clock_skew_tolerance);

// A device id that none of `others` has: this computer's tag among other
// devices' spans, where only telling devices apart matters (spans seen twice
// and kept as one are alike whichever device's is kept).
DeviceId id_apart_from(std::span<const DeviceSpan> others);

// Per local day, the walking of `walks` by the union rule across devices:
// spans seen by several devices kept once (keep_each_seen_once), then united
// as walking_by_local_day does. What day_totals_across_devices counts as
// walk_seconds and walks; the daemon's total of today uses it alone.
std::vector<DayWalking> walking_across_devices(std::vector<DeviceSpan> walks, TimeOfDay starts_at,
                                               Seconds tolerance = clock_skew_tolerance);

}  // namespace walkbreak::core
