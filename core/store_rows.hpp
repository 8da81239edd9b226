// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The store's rows as records: each table's column list and the reader of a
// row selected with it, kept side by side so that they cannot drift apart.
// Every list starts with the row's id; the other devices' tables have the
// same columns after `device`. A value no walkbreak stores (an
// unknown outcome, say) is StoreError::Kind::Corrupt, naming table and row.
// Internal to the store.
#include <string_view>
#include <vector>

#include "core/records.hpp"
#include "core/sqlite.hpp"

namespace walkbreak::core {

inline constexpr std::string_view walk_columns = "id, start_utc, end_utc, utc_offset, how, note";
inline constexpr std::string_view sitting_bout_columns = "id, start_utc, end_utc, utc_offset";
inline constexpr std::string_view reminder_columns =
    "id, shown_utc, escalated, outcome, resolved_utc, utc_offset";
inline constexpr std::string_view checkin_columns = "id, at_utc, feel, utc_offset";
inline constexpr std::string_view meeting_columns = "id, start_utc, end_utc, utc_offset, signals";

WalkRecord read_walk(const Database& db, const Statement& st);
std::vector<WalkRecord> read_walks(Database& db, Statement& st);  // every row st yields
SittingBout read_sitting_bout(const Statement& st);
ReminderRecord read_reminder(const Database& db, const Statement& st);
CheckinRecord read_checkin(const Database& db, const Statement& st);
std::vector<CheckinRecord> read_checkins(Database& db, Statement& st);  // every row st yields
MeetingRecord read_meeting(const Database& db, const Statement& st);

}  // namespace walkbreak::core
