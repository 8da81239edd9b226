// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Text for people: pure functions from data to the exact string printed.
// Every line ends in '\n' and has no trailing spaces. Colour (ANSI escapes)
// only when style.colour is set; the caller decides (TTY and NO_COLOR).
#include <string>
#include <string_view>
#include <vector>

#include "cli/report.hpp"
#include "core/protocol.hpp"

namespace walkbreak::cli {

struct TextStyle {
    int width{80};  // columns available
    bool colour{false};
};

// A bar per day with the day's goal marked, then the summary lines:
//   Mon 03-23  ███████████▏     │  22/30 min    longest sit 48m  back ↑
// The bar's scale is the largest goal or walk in the range; the marker '│'
// stands where the goal is; a met goal is marked " ✓". The longest sitting
// bout is shown when any day has sitting recorded, the back trend when
// check-ins are enabled. Then: the total, each week against goal.weekly, the
// goal streak, what came of the reminders, the back check-ins, and the
// beginner program's week.
std::string render_days_text(const RangeReport& report, const TextStyle& style);

// A day's back check-ins as one glyph: "↑" more better than worse, "↓" more
// worse than better, "→" otherwise, "" without check-ins.
std::string back_trend_glyph(const BackFeelCounts& back);

// `walkbreak today`: render_day_text, the walks with their times and how they
// were credited, the daemon's live state when it runs, check-ins and program.
// Walk times are shown in the zone each was recorded in; the pause end in `offset`.
std::string render_today_text(const TodayReport& today, const TextStyle& style, core::WallTime now,
                              core::UtcOffset offset);

// One day in more detail: walked vs goal, the bar, sitting and reminders.
std::string render_day_text(const DayReport& day, const TextStyle& style);
// Its parts: the headline and the bar (none while nothing is walked)...
std::string render_day_head(const DayReport& day, const TextStyle& style);
// ...and sitting ("no data" on a day walkbreakd did not measure) and reminders.
std::string render_day_counts(const DayReport& day, const TextStyle& style);

// The heading of a range view: "March 2026", "week of 2026-03-23 to
// 2026-03-29", "Sun 2026-03-29", or "2026-03-01 to 2026-03-15 (15 days)".
std::string range_heading(core::Date from, core::Date to);

// The walks, as given (newest first from `history`): id, date, times, length,
// how, note. The date is the walkbreak day (from `starts_at`), as in stats.
std::string render_history_text(const std::vector<core::WalkRecord>& walks,
                                core::TimeOfDay starts_at = core::TimeOfDay{0});
// The same with who recorded each walk (one origin per walk): a DEVICE
// column after the id, and no id for another device's walk (it cannot be
// edited here). Without origins, exactly the view above.
std::string render_history_text(const std::vector<core::WalkRecord>& walks,
                                const std::vector<WalkOrigin>& origins, core::TimeOfDay starts_at);

// The daemon's status on one line, e.g.
//   sitting for 25m · next reminder in 20m · today 22/30 min · idle backend x11-sync
// Times of day are shown in `offset`; a pause ending on another day than `now` shows its date.
std::string render_status_text(const core::protocol::Status& status, core::WallTime now,
                               core::UtcOffset offset);

// Where the beginner program stands, e.g. "beginner program: week 2 of 4,
// 15 min a day, 75 a week" (the weekly target with `with_weekly`), "... starts
// on 2026-04-06; ..." before it starts, "... done; ..." in maintenance.
std::string program_line(const ProgramReport& program, bool with_weekly);

// The latest back check-ins on one line ("recent check-ins: worse, same
// (newest first)"), then, while the last worse_in_a_row_to_scale_back or more
// answers were "worse", the scale-back advice and the red flags, wrapped to
// `width` after `indent`. Empty without check-ins.
std::string recent_checkins_text(const std::vector<core::CheckinRecord>& newest_first, int width,
                                 std::string_view indent);

// "25m", "1h30m", "45s": whole minutes from a minute up, seconds below.
std::string short_duration(core::Seconds s);

}  // namespace walkbreak::cli
