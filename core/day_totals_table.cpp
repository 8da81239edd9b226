// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/day_totals_table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/store_totals.hpp"

namespace walkbreak::core {
namespace {

using std::chrono::days;
using namespace std::chrono_literals;

// Any real zone's offset lies within this of UTC (as store_totals assumes).
constexpr auto max_offset = 14h;

constexpr std::string_view day_columns =
    "day, walk_seconds, walks, sitting_seconds, longest_sitting, "
    "sent, walked, snoozed, skipped, ignored, meeting_seconds";

bool is_empty(const DayTotals& t) {
    DayTotals nothing;
    nothing.date = t.date;
    return t == nothing;
}

std::int64_t day_number(Date d) { return d.time_since_epoch().count(); }

// Replaces the kept days [from, to] with what the rows say under `starts_at`.
void store_days(Database& db, Date from, Date to, TimeOfDay starts_at) {
    Statement drop(db, "DELETE FROM day_totals WHERE day BETWEEN ?1 AND ?2");
    drop.bind(1, day_number(from)).bind(2, day_number(to)).run();
    Statement insert(db, fmt::format("INSERT INTO day_totals({}) VALUES "
                                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                     day_columns));
    for (const DayTotals& t : compute_day_totals(db, from, to, starts_at)) {
        if (is_empty(t)) continue;  // the table is sparse: a missing day is a zero day
        insert.reset();
        insert.bind(1, day_number(t.date))
            .bind(2, t.walk_seconds.count())
            .bind(3, t.walks)
            .bind(4, t.sitting_seconds.count())
            .bind(5, t.longest_sitting.count())
            .bind(6, t.reminders.sent)
            .bind(7, t.reminders.walked)
            .bind(8, t.reminders.snoozed)
            .bind(9, t.reminders.skipped)
            .bind(10, t.reminders.ignored)
            .bind(11, t.meeting_seconds.count())
            .run();
    }
}

// The earliest and latest instant of any row; none in an empty database.
std::optional<std::pair<std::int64_t, std::int64_t>> rows_extent(Database& db) {
    Statement st(db,
                 "SELECT min(lo), max(hi) FROM ("
                 " SELECT min(start_utc) AS lo, max(end_utc) AS hi FROM walks"
                 " UNION ALL SELECT min(start_utc), max(end_utc) FROM sitting_bouts"
                 " UNION ALL SELECT min(start_utc), max(end_utc) FROM meetings"
                 " UNION ALL SELECT min(shown_utc), max(shown_utc) FROM reminders)");
    if (!st.step() || st.column_is_null(0)) return std::nullopt;
    return std::pair{st.column_int64(0), st.column_int64(1)};
}

}  // namespace

std::optional<TimeOfDay> day_totals_basis(Database& db) {
    Statement st(db, "SELECT starts_at FROM day_totals_basis");
    if (!st.step()) return std::nullopt;
    return TimeOfDay{st.column_int64(0)};
}

bool day_totals_current(Database& db, TimeOfDay starts_at) {
    if (day_totals_basis(db) != starts_at) return false;
    Statement dirty(db, "SELECT 1 FROM day_totals_dirty LIMIT 1");
    return !dirty.step();
}

void rebuild_day_totals(Database& db, TimeOfDay starts_at) {
    db.exec("DELETE FROM day_totals; DELETE FROM day_totals_basis; DELETE FROM day_totals_dirty");
    Statement basis(db, "INSERT INTO day_totals_basis(starts_at) VALUES (?1)");
    basis.bind(1, static_cast<std::int64_t>(starts_at.count())).run();
    if (const auto extent = rows_extent(db)) {
        // Every offset within +-14 h puts the rows' days in here.
        store_days(db, std::chrono::floor<days>(from_unix_seconds(extent->first) - max_offset),
                   std::chrono::floor<days>(from_unix_seconds(extent->second) + max_offset),
                   starts_at);
    }
}

void settle_day_totals(Database& db) {
    const auto basis = day_totals_basis(db);
    std::vector<std::pair<Date, Date>> runs;
    {
        Statement st(db, "SELECT start_utc, end_utc, utc_offset FROM day_totals_dirty");
        while (basis && st.step()) {
            const UtcOffset offset{st.column_int64(2)};
            runs.emplace_back(local_day(from_unix_seconds(st.column_int64(0)), offset, *basis),
                              local_day(from_unix_seconds(st.column_int64(1)), offset, *basis));
        }
    }
    if (runs.empty()) {
        if (!basis) db.exec("DELETE FROM day_totals_dirty");  // nothing is kept
        return;
    }
    std::sort(runs.begin(), runs.end());
    Date from = runs.front().first;
    Date to = runs.front().second;
    for (const auto& [first, last] : runs) {
        if (first > to + days{1}) {
            store_days(db, from, to, *basis);
            from = first;
        }
        to = std::max(to, last);
    }
    store_days(db, from, to, *basis);
    db.exec("DELETE FROM day_totals_dirty");
}

std::vector<DayTotals> read_kept_day_totals(Database& db, Date from, Date to) {
    std::vector<DayTotals> out;
    for (Date d = from; d <= to; d += days{1}) {
        DayTotals t;
        t.date = d;
        out.push_back(t);
    }
    Statement st(db,
                 fmt::format("SELECT {} FROM day_totals WHERE day BETWEEN ?1 AND ?2", day_columns));
    st.bind(1, day_number(from)).bind(2, day_number(to));
    while (st.step()) {
        auto& t = out[static_cast<std::size_t>(st.column_int64(0) - day_number(from))];
        t.walk_seconds = Seconds{st.column_int64(1)};
        t.walks = static_cast<int>(st.column_int64(2));
        t.sitting_seconds = Seconds{st.column_int64(3)};
        t.longest_sitting = Seconds{st.column_int64(4)};
        t.reminders.sent = static_cast<int>(st.column_int64(5));
        t.reminders.walked = static_cast<int>(st.column_int64(6));
        t.reminders.snoozed = static_cast<int>(st.column_int64(7));
        t.reminders.skipped = static_cast<int>(st.column_int64(8));
        t.reminders.ignored = static_cast<int>(st.column_int64(9));
        t.meeting_seconds = Seconds{st.column_int64(10)};
    }
    return out;
}

}  // namespace walkbreak::core
