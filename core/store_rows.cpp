// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store_rows.hpp"

#include <fmt/format.h>

namespace walkbreak::core {
namespace {

[[noreturn]] void unknown_value(const Database& db, std::string_view table, std::int64_t id,
                                std::string_view value) {
    throw StoreError(
        StoreError::Kind::Corrupt,
        fmt::format("{}: {} row {} holds an unknown value \"{}\"", db.path(), table, id, value));
}

// The stored spelling in `column` through `from` (records.hpp's tables).
template <typename Enum>
Enum named(const Database& db, const Statement& st, int column, std::string_view table,
           std::optional<Enum> (*from)(std::string_view)) {
    const std::string text = st.column_text(column);
    const auto value = from(text);
    if (!value) unknown_value(db, table, st.column_int64(0), text);
    return *value;
}

}  // namespace

WalkRecord read_walk(const Database& db, const Statement& st) {
    WalkRecord w;
    w.id = st.column_int64(0);
    w.start = from_unix_seconds(st.column_int64(1));
    w.end = from_unix_seconds(st.column_int64(2));
    w.utc_offset = UtcOffset{st.column_int64(3)};
    w.how = named<CreditHow>(db, st, 4, "walks", &credit_how_from);
    w.note = st.column_text(5);
    return w;
}

std::vector<WalkRecord> read_walks(Database& db, Statement& st) {
    std::vector<WalkRecord> walks;
    while (st.step()) walks.push_back(read_walk(db, st));
    return walks;
}

SittingBout read_sitting_bout(const Statement& st) {
    return {from_unix_seconds(st.column_int64(1)), from_unix_seconds(st.column_int64(2)),
            UtcOffset{st.column_int64(3)}};
}

ReminderRecord read_reminder(const Database& db, const Statement& st) {
    return {from_unix_seconds(st.column_int64(1)), st.column_int64(2) != 0,
            named<ReminderOutcome>(db, st, 3, "reminders", &reminder_outcome_from),
            from_unix_seconds(st.column_int64(4)), UtcOffset{st.column_int64(5)}};
}

CheckinRecord read_checkin(const Database& db, const Statement& st) {
    return {from_unix_seconds(st.column_int64(1)),
            named<BackFeel>(db, st, 2, "checkins", &back_feel_from), UtcOffset{st.column_int64(3)}};
}

std::vector<CheckinRecord> read_checkins(Database& db, Statement& st) {
    std::vector<CheckinRecord> checkins;
    while (st.step()) checkins.push_back(read_checkin(db, st));
    return checkins;
}

MeetingRecord read_meeting(const Database& db, const Statement& st) {
    const std::string text = st.column_text(4);
    auto signals = signals_from_text(text);
    if (!signals) unknown_value(db, "meetings", st.column_int64(0), text);
    return {from_unix_seconds(st.column_int64(1)), from_unix_seconds(st.column_int64(2)),
            UtcOffset{st.column_int64(3)}, std::move(*signals)};
}

}  // namespace walkbreak::core
