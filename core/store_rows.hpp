// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Column lists and row readers of the store's tables, kept side by side so
// they cannot drift apart; shared by this computer's tables and the other
// devices' (whose rows have the same columns after `device`). Internal to the
// store.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/records.hpp"
#include "core/sqlite.hpp"

namespace walkbreak::core {

inline constexpr std::string_view walk_columns = "id, start_utc, end_utc, utc_offset, how, note";
inline constexpr std::string_view checkin_columns = "id, at_utc, feel, utc_offset";

// A StoreError (Corrupt) for a row of `table` holding a value no walkbreak writes.
[[noreturn]] void unknown_value(const Database& db, std::string_view table, std::int64_t id,
                                std::string_view value);

// The walk in the columns walk_columns names, from `first` on.
WalkRecord read_walk(const Database& db, const Statement& st, int first = 0);
std::vector<WalkRecord> read_walks(Database& db, Statement& st);
// The check-in in the columns checkin_columns names, from `first` on.
CheckinRecord read_checkin(const Database& db, const Statement& st, int first = 0);
std::vector<CheckinRecord> read_checkins(Database& db, Statement& st);

}  // namespace walkbreak::core
