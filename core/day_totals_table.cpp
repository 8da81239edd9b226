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

std::string_view table_of(KeptTotals which) {
    return which == KeptTotals::ThisDevice ? "day_totals" : "day_totals_all_devices";
}

std::vector<DayTotals> compute(Database& db, KeptTotals which, Date from, Date to,
                               TimeOfDay starts_at) {
    return which == KeptTotals::ThisDevice
               ? compute_day_totals(db, from, to, starts_at)
               : compute_all_devices_day_totals(db, from, to, starts_at);
}

// Replaces the kept days [from, to] of `which` with what the rows say under `starts_at`.
void store_days(Database& db, KeptTotals which, Date from, Date to, TimeOfDay starts_at) {
    Statement drop(db, fmt::format("DELETE FROM {} WHERE day BETWEEN ?1 AND ?2", table_of(which)));
    drop.bind(1, day_number(from)).bind(2, day_number(to)).run();
    Statement insert(db, fmt::format("INSERT INTO {}({}) VALUES "
                                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                     table_of(which), day_columns));
    for (const DayTotals& t : compute(db, which, from, to, starts_at)) {
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

// The earliest and latest instant of any row (other devices' too for all
// devices' totals); none when there is none.
std::optional<std::pair<std::int64_t, std::int64_t>> rows_extent(Database& db, KeptTotals which) {
    std::string sql =
        "SELECT min(lo), max(hi) FROM ("
        " SELECT min(start_utc) AS lo, max(end_utc) AS hi FROM walks"
        " UNION ALL SELECT min(start_utc), max(end_utc) FROM sitting_bouts"
        " UNION ALL SELECT min(start_utc), max(end_utc) FROM meetings"
        " UNION ALL SELECT min(shown_utc), max(shown_utc) FROM reminders";
    if (which == KeptTotals::AllDevices) {
        sql +=
            " UNION ALL SELECT min(start_utc), max(end_utc) FROM device_walks"
            " UNION ALL SELECT min(start_utc), max(end_utc) FROM device_sitting_bouts"
            " UNION ALL SELECT min(start_utc), max(end_utc) FROM device_meetings"
            " UNION ALL SELECT min(shown_utc), max(shown_utc) FROM device_reminders";
    }
    Statement st(db, sql + ")");
    if (!st.step() || st.column_is_null(0)) return std::nullopt;
    return std::pair{st.column_int64(0), st.column_int64(1)};
}

// Computes every day of `which` from the rows.
void build_days(Database& db, KeptTotals which, TimeOfDay starts_at) {
    if (const auto extent = rows_extent(db, which)) {
        // Every offset within +-14 h puts the rows' days in here.
        store_days(
            db, which, std::chrono::floor<days>(from_unix_seconds(extent->first) - max_offset),
            std::chrono::floor<days>(from_unix_seconds(extent->second) + max_offset), starts_at);
    }
}

bool all_devices_kept(Database& db) {
    Statement st(db, "SELECT all_devices FROM day_totals_basis");
    return st.step() && st.column_int64(0) != 0;
}

void set_all_devices_kept(Database& db, bool kept) {
    db.exec(fmt::format("UPDATE day_totals_basis SET all_devices = {}", kept ? 1 : 0));
}

// The lists of rows written since the last settle that `which` depends on:
// this computer's rows for both, other devices' rows for all devices' only.
std::vector<std::string_view> dirty_lists(KeptTotals which) {
    if (which == KeptTotals::ThisDevice) return {"day_totals_dirty"};
    return {"day_totals_dirty", "day_totals_dirty_devices"};
}

// The local days (first, last) of each row listed in `dirty`, under `basis`.
std::vector<std::pair<Date, Date>> dirty_days(Database& db, std::string_view dirty,
                                              TimeOfDay basis) {
    std::vector<std::pair<Date, Date>> days_of_rows;
    Statement st(db, fmt::format("SELECT start_utc, end_utc, utc_offset FROM {}", dirty));
    while (st.step()) {
        const UtcOffset offset{st.column_int64(2)};
        days_of_rows.emplace_back(local_day(from_unix_seconds(st.column_int64(0)), offset, basis),
                                  local_day(from_unix_seconds(st.column_int64(1)), offset, basis));
    }
    return days_of_rows;
}

// `spans` of days joined into contiguous runs (adjacent days join too), in order.
std::vector<std::pair<Date, Date>> contiguous(std::vector<std::pair<Date, Date>> spans) {
    std::vector<std::pair<Date, Date>> runs;
    std::sort(spans.begin(), spans.end());
    for (const auto& [first, last] : spans) {
        if (!runs.empty() && first <= runs.back().second + days{1}) {
            runs.back().second = std::max(runs.back().second, last);
        } else {
            runs.emplace_back(first, last);
        }
    }
    return runs;
}

}  // namespace

std::optional<TimeOfDay> day_totals_basis(Database& db) {
    Statement st(db, "SELECT starts_at FROM day_totals_basis");
    if (!st.step()) return std::nullopt;
    return TimeOfDay{st.column_int64(0)};
}

bool day_totals_current(Database& db, TimeOfDay starts_at, KeptTotals which) {
    if (day_totals_basis(db) != starts_at) return false;
    if (which == KeptTotals::AllDevices && !all_devices_kept(db)) return false;
    for (const std::string_view dirty : dirty_lists(which)) {
        Statement st(db, fmt::format("SELECT 1 FROM {} LIMIT 1", dirty));
        if (st.step()) return false;
    }
    return true;
}

void rebuild_day_totals(Database& db, TimeOfDay starts_at) {
    db.exec(
        "DELETE FROM day_totals; DELETE FROM day_totals_all_devices; "
        "DELETE FROM day_totals_basis; DELETE FROM day_totals_dirty; "
        "DELETE FROM day_totals_dirty_devices");
    Statement basis(db, "INSERT INTO day_totals_basis(starts_at) VALUES (?1)");
    basis.bind(1, static_cast<std::int64_t>(starts_at.count())).run();
    build_days(db, KeptTotals::ThisDevice, starts_at);
    if (has_other_devices(db)) {
        build_days(db, KeptTotals::AllDevices, starts_at);
        set_all_devices_kept(db, true);
    }
}

void settle_day_totals(Database& db) {
    const auto basis = day_totals_basis(db);
    if (!basis) {
        // Nothing is kept.
        db.exec("DELETE FROM day_totals_dirty; DELETE FROM day_totals_dirty_devices");
        return;
    }
    // All devices' days are kept exactly while there is another device: built
    // when the first comes (whoever wrote its rows), dropped when the last goes.
    const bool others = has_other_devices(db);
    if (others != all_devices_kept(db)) {
        // Built from every row as they are now: what other devices' rows
        // changed is in it already.
        db.exec("DELETE FROM day_totals_all_devices; DELETE FROM day_totals_dirty_devices");
        if (others) build_days(db, KeptTotals::AllDevices, *basis);
        set_all_devices_kept(db, others);
    }
    const auto local = dirty_days(db, "day_totals_dirty", *basis);
    const bool all_kept = others;
    auto everyone = all_kept ? dirty_days(db, "day_totals_dirty_devices", *basis)
                             : std::vector<std::pair<Date, Date>>{};
    if (local.empty() && everyone.empty()) return;
    for (const auto& [from, to] : contiguous(local)) {
        store_days(db, KeptTotals::ThisDevice, from, to, *basis);
    }
    if (all_kept) {
        everyone.insert(everyone.end(), local.begin(), local.end());
        for (const auto& [from, to] : contiguous(std::move(everyone))) {
            store_days(db, KeptTotals::AllDevices, from, to, *basis);
        }
    }
    db.exec("DELETE FROM day_totals_dirty; DELETE FROM day_totals_dirty_devices");
}

std::vector<DayTotals> read_kept_day_totals(Database& db, Date from, Date to, KeptTotals which) {
    std::vector<DayTotals> out;
    for (Date d = from; d <= to; d += days{1}) {
        DayTotals t;
        t.date = d;
        out.push_back(t);
    }
    Statement st(db, fmt::format("SELECT {} FROM {} WHERE day BETWEEN ?1 AND ?2", day_columns,
                                 table_of(which)));
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
