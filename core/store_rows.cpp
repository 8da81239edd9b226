// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store_rows.hpp"

#include <fmt/format.h>

namespace walkbreak::core {

void unknown_value(const Database& db, std::string_view table, std::int64_t id,
                   std::string_view value) {
    throw StoreError(
        StoreError::Kind::Corrupt,
        fmt::format("{}: {} row {} holds an unknown value \"{}\"", db.path(), table, id, value));
}

WalkRecord read_walk(const Database& db, const Statement& st, int first) {
    WalkRecord w;
    w.id = st.column_int64(first);
    w.start = from_unix_seconds(st.column_int64(first + 1));
    w.end = from_unix_seconds(st.column_int64(first + 2));
    w.utc_offset = UtcOffset{st.column_int64(first + 3)};
    const std::string how = st.column_text(first + 4);
    const auto parsed = credit_how_from(how);
    if (!parsed) unknown_value(db, "walks", w.id, how);
    w.how = *parsed;
    w.note = st.column_text(first + 5);
    return w;
}

std::vector<WalkRecord> read_walks(Database& db, Statement& st) {
    std::vector<WalkRecord> walks;
    while (st.step()) walks.push_back(read_walk(db, st));
    return walks;
}

CheckinRecord read_checkin(const Database& db, const Statement& st, int first) {
    const std::string feel = st.column_text(first + 2);
    const auto parsed = back_feel_from(feel);
    if (!parsed) unknown_value(db, "checkins", st.column_int64(first), feel);
    return {from_unix_seconds(st.column_int64(first + 1)), *parsed,
            UtcOffset{st.column_int64(first + 3)}};
}

std::vector<CheckinRecord> read_checkins(Database& db, Statement& st) {
    std::vector<CheckinRecord> checkins;
    while (st.step()) checkins.push_back(read_checkin(db, st));
    return checkins;
}

}  // namespace walkbreak::core
