// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// JSON for programs: pure functions from data to the exact text printed,
// pretty-printed with two-space indents and ending in '\n' (status lines are
// one line each, so that `status --json --follow` is JSON Lines). The shapes
// are documented in cli/README.md and are a stable interface: add keys, never
// rename or remove them.
#include <string>
#include <vector>

#include "cli/report.hpp"
#include "core/paths.hpp"
#include "core/protocol.hpp"

namespace walkbreak::cli {

// The DESIGN.md §4 day object:
// {"date","walk_minutes","walk_seconds","walks","goal_minutes","sitting_minutes",
//  "longest_sitting_minutes","reminders":{"sent","walked","snoozed","skipped","ignored"}}
std::string day_json(const DayReport& day);

// {"from","to","days":[day objects],"total_walk_minutes","total_walk_seconds",
//  "total_walks","days_goal_met","goal_weekly_minutes"}
std::string range_json(const RangeReport& report);

// {"walks":[{"id","start","end","seconds","minutes","how","note"}]}, times in
// RFC 3339 in the zone each walk was recorded in.
std::string history_json(const std::vector<core::WalkRecord>& walks);

// {"walkbreak_export":1,"walks":[...],"sitting_bouts":[...],"reminders":[...],"checkins":[...]}
std::string export_json(const ExportData& data);

// {"config","db","socket"}
std::string paths_json(const core::Paths& paths);

// One line: the status object of core::protocol::status_json.
std::string status_json_line(const core::protocol::Status& status);

// One line for a Waybar "custom" module: {"text","tooltip","class","percentage"}.
std::string waybar_json_line(const core::protocol::Status& status, const std::string& tooltip);

}  // namespace walkbreak::cli
