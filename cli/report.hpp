// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The data the renderers show, gathered once by the commands: days with their
// goals, weeks, streaks and back check-ins, and everything `export` writes.
// Plain values, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil.hpp"
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

// goal.program = "beginner": where the user is on the range's current day.
struct ProgramReport {
    int week{
        1};  // 1-based, 0 before it starts; past core::beginner_program_weeks it is maintenance
    core::Seconds daily{0};
    core::Seconds weekly{0};
    std::optional<core::Date> starts;  // goal.program_start while week is 0
    bool maintenance() const;
};

// Consecutive days, oldest first.
struct RangeReport {
    core::Date from{};
    core::Date to{};
    std::vector<DayReport> days;
    // The day "now" stands for: today when it lies in the range, else `to`.
    // The current streak ends here, and the program and weekly goal are its.
    // make_range_report sets it; a report built by hand counts every day.
    core::Date as_of{core::Date::max()};
    core::Seconds weekly_goal{0};   // in force on as_of
    std::vector<WeekReport> weeks;  // oldest first, each clipped to the range
    // Days meeting the daily goal in a row just before `from` (looked back at
    // most a year), so that a current streak can reach back past the range.
    int streak_before{0};
    // as_of is today: a goal not met yet does not end the current streak.
    bool last_day_in_progress{false};
    bool checkins_enabled{false};
    // The latest back check-ins, newest first (at most recent_checkins_shown),
    // when checkin.enabled and the range holds today.
    std::vector<core::CheckinRecord> recent_checkins;
    std::optional<ProgramReport> program;

    core::Seconds total_walk() const;
    int total_walks() const;
    int days_goal_met() const;
    // Days meeting the goal in a row that end on as_of (or the day before,
    // while as_of is today and not met yet), streak_before included.
    int current_streak() const;
    // The longest run of days meeting the goal inside the range.
    int longest_streak() const;
    core::DayTotals::Reminders reminders() const;  // summed over the days
    BackFeelCounts back() const;                   // summed over the days
};

// Pairs each day's totals with its goals (core::goals_for). `totals` holds
// consecutive days ending on `to` and starting on or before `from`: days
// before `from` only feed streak_before. Check-ins are counted on their local
// day when checkin.enabled; `today`, when given and in the range, is as_of
// and in progress.
RangeReport make_range_report(core::Date from, core::Date to,
                              const std::vector<core::DayTotals>& totals,
                              const core::Config& config,
                              std::optional<core::Date> today = std::nullopt,
                              const std::vector<core::CheckinRecord>& checkins = {});

// Who recorded a walk (docs/SYNC.md), for the views that show it once the
// database knows other devices.
struct WalkOrigin {
    std::string device;             // its name: this computer's own, or another device's latest
    std::optional<std::string> id;  // its device id (16 hex digits), when known
    bool this_device{true};         // its id is one of this computer's walks (edit, delete)
    friend bool operator==(const WalkOrigin&, const WalkOrigin&) = default;
};

// `walkbreak today`: the day, its walks and, when walkbreakd runs, its status.
struct TodayReport {
    DayReport day;
    std::vector<core::WalkRecord> walks;  // oldest first
    // One per walk while other devices are known; none without (the views
    // then show no device, exactly as before sync).
    std::vector<WalkOrigin> origins;
    // The walkbreak day's bounds (day.starts_at applies): a walk reaching
    // past them is shown with the minutes that count on this day.
    core::WallTime day_begin{};
    core::WallTime day_end{};
    std::optional<core::protocol::Status> live;
    bool checkins_enabled{false};
    std::vector<core::CheckinRecord> recent_checkins;  // as in RangeReport
    std::optional<ProgramReport> program;
};

// How many back check-ins the reports list, newest first.
inline constexpr int recent_checkins_shown = 5;
// "Worse" after this many walks in a row: scale back (DESIGN.md §3).
inline constexpr int worse_in_a_row_to_scale_back = 3;

// The "worse" answers that lead `newest_first`: the run a better or same ends.
int worse_in_a_row(const std::vector<core::CheckinRecord>& newest_first);

// Everything in the database, oldest first (also what `import` reads).
using ExportData = core::RecordSet;

// Whole minutes, rounded down (DESIGN.md §4).
std::int64_t whole_minutes(core::Seconds s);

// An instant in the zone that was in force then.
using core::format_rfc3339;  // 2026-03-29T10:15:00+02:00 (core/civil.hpp)
std::string format_local_date(core::WallTime at, core::UtcOffset offset);  // 2026-03-29
std::string format_local_time(core::WallTime at, core::UtcOffset offset);  // 10:15

// The walkbreak day a walk started on (day.starts_at applies, as in stats).
std::string format_walk_day(const core::WalkRecord& walk, core::TimeOfDay starts_at);

// The offset to show a walk's end in: its start's, moved by as much as the
// local zone's offset changed in between, so that a walk across a DST change
// ends at the time the clock showed then.
core::UtcOffset end_offset(const core::WalkRecord& walk);

}  // namespace walkbreak::cli
