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
#include "core/config.hpp"
#include "core/paths.hpp"
#include "core/protocol.hpp"

namespace walkbreak::cli {

// The DESIGN.md §4 day object:
// {"date","walk_minutes","walk_seconds","walks","goal_minutes","sitting_minutes",
//  "longest_sitting_minutes","meeting_minutes",
//  "reminders":{"sent","walked","snoozed","skipped","ignored"},
//  "goal_met","back":{"better","same","worse"} or null without checkin.enabled}
std::string day_json(const DayReport& day, bool checkins_enabled);

// The day object plus "walk_list" (as history's walks, oldest first, with
// their devices once other devices are known), "live" (the status object,
// null when walkbreakd is not running) and "program".
std::string today_json(const TodayReport& today);

// {"from","to","days":[day objects],"total_walk_minutes","total_walk_seconds",
//  "total_walks","days_goal_met","goal_weekly_minutes",
//  "weeks":[{"from","to","whole","walk_minutes","walk_seconds","goal_minutes","goal_met"}],
//  "streak":{"current_days","longest_days"},"reminders":{...summed},
//  "back":{...summed} or null,"program":{"name","week","maintenance","daily_minutes",
//  "weekly_minutes"} or null}
std::string range_json(const RangeReport& report);

// {"walks":[{"id","start","end","seconds","minutes","how","note"}]}, times in
// RFC 3339 in the zone each walk was recorded in.
std::string history_json(const std::vector<core::WalkRecord>& walks);
// The same with who recorded each walk (one origin per walk): each walk also
// has "device" (the name), "device_id" (16 hex digits, null for this computer
// before it has one) and "this_device"; another device's "id" is its own.
// Without origins, exactly the shape above.
std::string history_json(const std::vector<core::WalkRecord>& walks,
                         const std::vector<WalkOrigin>& origins);

// {"walkbreak_export":1,"walks":[...],"sitting_bouts":[...],"reminders":[...],"checkins":[...],
//  "meetings":[{"start","end","seconds","utc_offset_seconds","signals":["microphone",...]}]}
std::string export_json(const ExportData& data);

// `import --json`: {"added":{"walks","sitting_bouts","reminders","checkins","meetings"},
//  "skipped":{same keys}} (skipped: duplicates).
std::string import_json(const core::ImportResult& result);

// {"config","db","socket"}
std::string paths_json(const core::Paths& paths);

// `config check --json`: {"file", "exists", "ok", "errors": [...], "warnings": [...]},
// each diagnostic {"file", "line", "column", "key", "message"}.
std::string config_check_json(const std::string& file, bool exists, const core::ConfigParse& parse);

// One line: the status object of core::protocol::status_json.
std::string status_json_line(const core::protocol::Status& status);

}  // namespace walkbreak::cli
