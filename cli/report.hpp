// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The data the renderers show, gathered once by the commands: days with their
// goals, and everything `export` writes. Plain values, no I/O.
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/records.hpp"
#include "core/store.hpp"

namespace walkbreak::cli {

// One local day: what the store counted and the daily goal in force that day.
struct DayReport {
    core::DayTotals totals;
    core::Seconds goal{0};
    bool goal_met() const { return goal > core::Seconds{0} && totals.walk_seconds >= goal; }
};

// Consecutive days, oldest first.
struct RangeReport {
    core::Date from{};
    core::Date to{};
    std::vector<DayReport> days;
    core::Seconds weekly_goal{0};  // in force on `from`
    core::Seconds total_walk() const;
    int total_walks() const;
    int days_goal_met() const;
};

// Pairs each day's totals with its goals (core::goals_for).
RangeReport make_range_report(core::Date from, core::Date to,
                              const std::vector<core::DayTotals>& totals,
                              const core::Config& config);

// Everything in the database, oldest first.
struct ExportData {
    std::vector<core::WalkRecord> walks;
    std::vector<core::SittingBout> sitting_bouts;
    std::vector<core::ReminderRecord> reminders;
    std::vector<core::CheckinRecord> checkins;
};

// Whole minutes, rounded down (DESIGN.md §4).
std::int64_t whole_minutes(core::Seconds s);

// An instant in the zone that was in force then.
std::string format_rfc3339(core::WallTime at, core::UtcOffset offset);  // 2026-03-29T10:15:00+02:00
std::string format_local_date(core::WallTime at, core::UtcOffset offset);  // 2026-03-29
std::string format_local_time(core::WallTime at, core::UtcOffset offset);  // 10:15

}  // namespace walkbreak::cli
