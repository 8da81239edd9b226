// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The data the renderers show, gathered once by the commands: days with their
// goals, weeks, streaks and back check-ins, and everything `export` writes.
// Plain values, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/protocol.hpp"
#include "core/records.hpp"
#include "core/store.hpp"

namespace walkbreak::cli {

// Back check-ins on a day, by answer.
struct BackFeelCounts {
    int better{0}, same{0}, worse{0};
    int total() const { return better + same + worse; }
    friend bool operator==(const BackFeelCounts&, const BackFeelCounts&) = default;
};

// One local day: what the store counted and the daily goal in force that day.
struct DayReport {
    core::DayTotals totals;
    core::Seconds goal{0};
    BackFeelCounts back;  // filled only when checkin.enabled
    bool goal_met() const { return goal > core::Seconds{0} && totals.walk_seconds >= goal; }
};

// The part of one ISO week (Monday to Sunday) that lies in a range.
struct WeekReport {
    core::Date from{};  // a Monday, or the range's first day
    core::Date to{};    // a Sunday, or the range's last day
    core::Seconds walked{0};
    core::Seconds goal{0};  // goal.weekly in force on the week's Monday
    bool whole() const { return (to - from).count() == 6; }
    bool goal_met() const { return goal > core::Seconds{0} && walked >= goal; }
};

// goal.program = "beginner": where the user is on the range's last day.
struct ProgramReport {
    int week{1};  // 1-based; past core::beginner_program_weeks it is maintenance
    core::Seconds daily{0};
    core::Seconds weekly{0};
    bool maintenance() const;
};

// Consecutive days, oldest first.
struct RangeReport {
    core::Date from{};
    core::Date to{};
    std::vector<DayReport> days;
    core::Seconds weekly_goal{0};   // in force on `from`
    std::vector<WeekReport> weeks;  // oldest first, each clipped to the range
    // Days meeting the daily goal in a row just before `from` (looked back at
    // most a year), so that a current streak can reach back past the range.
    int streak_before{0};
    // `to` is today: a goal not met yet does not end the current streak.
    bool last_day_in_progress{false};
    bool checkins_enabled{false};
    std::optional<ProgramReport> program;

    core::Seconds total_walk() const;
    int total_walks() const;
    int days_goal_met() const;
    // Days meeting the goal in a row that end on `to` (or the day before, while
    // `to` is in progress and not met yet), streak_before included.
    int current_streak() const;
    // The longest run of days meeting the goal inside the range.
    int longest_streak() const;
    core::DayTotals::Reminders reminders() const;  // summed over the days
    BackFeelCounts back() const;                   // summed over the days
};

// Pairs each day's totals with its goals (core::goals_for). `totals` holds
// consecutive days ending on `to` and starting on or before `from`: days
// before `from` only feed streak_before. Check-ins are counted on their local
// day when checkin.enabled; `today` marks the last day as in progress.
RangeReport make_range_report(core::Date from, core::Date to,
                              const std::vector<core::DayTotals>& totals,
                              const core::Config& config, core::Date today = {},
                              const std::vector<core::CheckinRecord>& checkins = {});

// `walkbreak today`: the day, its walks and, when walkbreakd runs, its status.
struct TodayReport {
    DayReport day;
    std::vector<core::WalkRecord> walks;  // oldest first
    std::optional<core::protocol::Status> live;
    bool checkins_enabled{false};
    std::optional<ProgramReport> program;
};

// Everything in the database, oldest first (also what `import` reads).
using ExportData = core::RecordSet;

// Whole minutes, rounded down (DESIGN.md §4).
std::int64_t whole_minutes(core::Seconds s);

// An instant in the zone that was in force then.
std::string format_rfc3339(core::WallTime at, core::UtcOffset offset);  // 2026-03-29T10:15:00+02:00
std::string format_local_date(core::WallTime at, core::UtcOffset offset);  // 2026-03-29
std::string format_local_time(core::WallTime at, core::UtcOffset offset);  // 10:15

}  // namespace walkbreak::cli
