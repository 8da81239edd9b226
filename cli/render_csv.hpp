// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CSV for spreadsheets: a header row, then one row per record; fields quoted
// as RFC 4180 says (a field holding a comma, quote, CR or LF is wrapped in
// double quotes, and its quotes are doubled). Rows end in "\n", which every
// spreadsheet reads; the columns are a stable interface (cli/README.md).
#include <string>
#include <string_view>
#include <vector>

#include "cli/report.hpp"

namespace walkbreak::cli {

// One field, quoted when it needs to be.
std::string csv_field(std::string_view text);

// date,walk_minutes,walk_seconds,walks,goal_minutes,sitting_minutes,
// longest_sitting_minutes,reminders_sent,reminders_walked,reminders_snoozed,
// reminders_skipped,reminders_ignored,meeting_minutes
std::string days_csv(const RangeReport& report);

// Every record in one table, told apart by `kind` (walk, sitting, reminder,
// checkin, meeting): kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note
// `value` is how a walk was credited, a reminder's outcome, a check-in's feel
// or a meeting's signals ("microphone,camera", quoted for its comma).
std::string export_csv(const ExportData& data);

// `history --csv`, newest first as given, one origin per walk:
// id,device,device_id,this_device,start,end,seconds,minutes,how,note
// `device` the name of who recorded it (this computer's own too), `device_id`
// its id (empty for this computer before it has one), `this_device` true or
// false; another device's `id` is its own.
std::string history_csv(const std::vector<core::WalkRecord>& walks,
                        const std::vector<WalkOrigin>& origins);

}  // namespace walkbreak::cli
