// SPDX-License-Identifier: GPL-3.0-or-later
// Store::day_totals: an index range read in SQL, the local-day arithmetic in
// C++ (core/civil.hpp), so that every row uses its own utc_offset.
#include "core/store_totals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "core/day_totals_table.hpp"
#include "core/device_totals.hpp"
#include "core/walk_union.hpp"

namespace walkbreak::core {
namespace {

using namespace std::chrono_literals;

// Local day D (from `starts_at`, offset o) begins at UTC D + starts_at - o. With
// o within +-14 h and starts_at within [0, 24 h), every date in [from, to]
// lies within [from - margin, to + 1 day + margin) UTC.
constexpr std::int64_t margin_seconds = std::chrono::seconds(14h + 24h).count();

// One DayTotals per date, zero days included.
class DayTable {
public:
    DayTable(Date from, Date to) : from_(from) {
        for (Date d = from; d <= to; d += std::chrono::days{1}) {
            DayTotals day;
            day.date = d;
            days_.push_back(day);
        }
    }
    // Null for a date outside the range (rows read for the margins).
    DayTotals* find(Date d) {
        if (d < from_) return nullptr;
        const auto index = static_cast<std::size_t>((d - from_).count());
        return index < days_.size() ? &days_[index] : nullptr;
    }
    std::vector<DayTotals> take() { return std::move(days_); }

private:
    Date from_;
    std::vector<DayTotals> days_;
};

std::int64_t longest(Database& db, std::string_view sql) {
    Statement st(db, sql);
    return st.step() ? st.column_int64(0) : 0;  // max() of no rows is NULL, read as 0
}

// The SQL condition of rows overlapping [lo, hi) on `column` ranges: ?1 is
// lo minus the longest span in the table, ?2 hi, ?3 lo; ?4 the device.
std::string overlap_sql(std::string_view columns, std::string_view table, const RowSource& rows) {
    return fmt::format(
        "SELECT {} FROM {}{} WHERE start_utc >= ?1 AND start_utc < ?2 "
        "AND end_utc >= ?3{}",
        columns, rows.prefix(), table, rows.device ? " AND device = ?4" : "");
}

Statement& bind_device(Statement& st, const RowSource& rows, int index) {
    if (rows.device) st.bind(index, rows.device->hex());
    return st;
}

// [start, end) spans with offsets: walks or sitting bouts overlapping [lo, hi),
// found by a range on start_utc widened by the longest span in the table.
// Zero-length spans at lo are included.
template <typename Visit>
void visit_spans(Database& db, std::string_view table, const RowSource& rows, std::int64_t lo,
                 std::int64_t hi, Visit&& visit) {
    const std::string name = fmt::format("{}{}", rows.prefix(), table);
    Statement st(db, overlap_sql("start_utc, end_utc, utc_offset", table, rows));
    st.bind(1, lo - longest_span_seconds(db, name)).bind(2, hi).bind(3, lo);
    bind_device(st, rows, 4);
    while (st.step()) {
        visit(from_unix_seconds(st.column_int64(0)), from_unix_seconds(st.column_int64(1)),
              UtcOffset{st.column_int64(2)});
    }
}

// The rows of `table` (walks or meetings) overlapping [lo, hi), as spans.
std::vector<LocalSpan> local_spans(Database& db, std::string_view table, const RowSource& rows,
                                   std::int64_t lo, std::int64_t hi) {
    std::vector<LocalSpan> spans;
    visit_spans(db, table, rows, lo, hi, [&](WallTime start, WallTime end, UtcOffset offset) {
        spans.push_back({start, end, offset});
    });
    return spans;
}

// Walking time is the union of the walks (core/walk_union.hpp): rows that
// overlap, as older databases or several recorders may hold, count once.
// Meetings follow the same rule: they should never overlap, but imports may.
void add_walks(Database& db, const RowSource& rows, DayTable& table, std::int64_t lo,
               std::int64_t hi, TimeOfDay starts_at) {
    const auto walks = local_spans(db, "walks", rows, lo, hi);
    for (const DayUnion& walking : union_by_local_day(walks, starts_at)) {
        if (auto* day = table.find(walking.date)) {
            day->walk_seconds = walking.seconds;
            day->walks = walking.pieces;
        }
    }
}

// Time in meetings, by the union rule like walks: one call that two
// computers both heard counts once (the spans of every source in `sources`).
void add_meetings(Database& db, std::initializer_list<RowSource> sources, DayTable& table,
                  std::int64_t lo, std::int64_t hi, TimeOfDay starts_at) {
    std::vector<LocalSpan> meetings;
    for (const RowSource& rows : sources) {
        const auto spans = local_spans(db, "meetings", rows, lo, hi);
        meetings.insert(meetings.end(), spans.begin(), spans.end());
    }
    for (const DayUnion& meeting : union_by_local_day(meetings, starts_at)) {
        if (auto* day = table.find(meeting.date)) day->meeting_seconds = meeting.seconds;
    }
}

void add_sitting(Database& db, const RowSource& rows, DayTable& table, std::int64_t lo,
                 std::int64_t hi, TimeOfDay starts_at) {
    visit_spans(
        db, "sitting_bouts", rows, lo, hi, [&](WallTime start, WallTime end, UtcOffset offset) {
            for (const DayShare& share : split_by_local_day(start, end, offset, starts_at)) {
                if (auto* day = table.find(share.date)) {
                    day->sitting_seconds += share.seconds;
                    day->longest_sitting = std::max(day->longest_sitting, share.seconds);
                }
            }
        });
}

// The reminders of `rows` shown in [lo, hi).
template <typename Visit>
void visit_reminders(Database& db, const RowSource& rows, std::int64_t lo, std::int64_t hi,
                     Visit&& visit) {
    Statement st(db, fmt::format("SELECT shown_utc, outcome, utc_offset FROM {}reminders "
                                 "WHERE shown_utc >= ?1 AND shown_utc < ?2{}",
                                 rows.prefix(), rows.device ? " AND device = ?3" : ""));
    st.bind(1, lo).bind(2, hi);
    bind_device(st, rows, 3);
    while (st.step()) {
        // The schema's CHECK admits only known outcomes; anything else would be
        // a damaged file, counted as sent only.
        visit(from_unix_seconds(st.column_int64(0)), reminder_outcome_from(st.column_text(1)),
              UtcOffset{st.column_int64(2)});
    }
}

void add_reminders(Database& db, const RowSource& rows, DayTable& table, std::int64_t lo,
                   std::int64_t hi, TimeOfDay starts_at) {
    visit_reminders(db, rows, lo, hi,
                    [&](WallTime shown, std::optional<ReminderOutcome> outcome, UtcOffset offset) {
                        auto* day = table.find(local_day(shown, offset, starts_at));
                        if (day == nullptr) return;
                        auto& r = day->reminders;
                        ++r.sent;
                        if (!outcome) return;
                        switch (*outcome) {
                            case ReminderOutcome::Walked:
                                ++r.walked;
                                break;
                            case ReminderOutcome::Snoozed:
                                ++r.snoozed;
                                break;
                            case ReminderOutcome::Skipped:
                                ++r.skipped;
                                break;
                            case ReminderOutcome::Ignored:
                                ++r.ignored;
                                break;
                        }
                    });
}

// One device's rows as one device counts them.
std::vector<DayTotals> compute_rows_day_totals(Database& db, const RowSource& rows, Date from,
                                               Date to, TimeOfDay starts_at) {
    if (to < from) return {};
    DayTable table(from, to);
    const auto [lo, hi] = local_days_span(from, to);
    add_walks(db, rows, table, lo, hi, starts_at);
    add_sitting(db, rows, table, lo, hi, starts_at);
    add_meetings(db, {rows}, table, lo, hi, starts_at);
    add_reminders(db, rows, table, lo, hi, starts_at);
    return table.take();
}

// The other devices' spans in `table` (walks or sitting_bouts) overlapping [lo, hi).
void add_other_devices_spans(Database& db, std::string_view table, std::int64_t lo, std::int64_t hi,
                             std::vector<DeviceSpan>& out) {
    const RowSource others{true, std::nullopt};
    Statement st(db, overlap_sql("start_utc, end_utc, utc_offset, device", table, others));
    st.bind(1, lo - longest_span_seconds(db, fmt::format("device_{}", table)))
        .bind(2, hi)
        .bind(3, lo);
    while (st.step()) {
        const auto device = DeviceId::parse(st.column_text(3));
        if (!device) continue;  // the schema's CHECK admits 16 characters, not only hex
        out.push_back(DeviceSpan{*device, from_unix_seconds(st.column_int64(0)),
                                 from_unix_seconds(st.column_int64(1)),
                                 UtcOffset{st.column_int64(2)}});
    }
}

// This computer's spans in `table` overlapping [lo, hi), tagged `local`.
void add_this_device_spans(Database& db, std::string_view table, DeviceId local, std::int64_t lo,
                           std::int64_t hi, std::vector<DeviceSpan>& out) {
    visit_spans(db, table, RowSource{}, lo, hi, [&](WallTime start, WallTime end, UtcOffset o) {
        out.push_back(DeviceSpan{local, start, end, o});
    });
}

}  // namespace

std::int64_t longest_span_seconds(Database& db, std::string_view table) {
    return longest(db, fmt::format("SELECT max(end_utc - start_utc) FROM {}", table));
}

std::int64_t longest_walk_seconds(Database& db) { return longest_span_seconds(db, "walks"); }

std::int64_t longest_sitting_bout_seconds(Database& db) {
    return longest_span_seconds(db, "sitting_bouts");
}

std::int64_t longest_meeting_seconds(Database& db) { return longest_span_seconds(db, "meetings"); }

UnixSpan local_days_span(Date from, Date to) {
    return {to_unix_seconds(WallTime{from}) - margin_seconds,
            to_unix_seconds(WallTime{to + std::chrono::days{1}}) + margin_seconds};
}

std::vector<DayTotals> compute_day_totals(Database& db, Date from, Date to, TimeOfDay starts_at) {
    return compute_rows_day_totals(db, RowSource{}, from, to, starts_at);
}

std::vector<DayTotals> compute_device_day_totals(Database& db, DeviceId device, Date from, Date to,
                                                 TimeOfDay starts_at) {
    return compute_rows_day_totals(db, RowSource{true, device}, from, to, starts_at);
}

std::vector<DayTotals> compute_all_devices_day_totals(Database& db, Date from, Date to,
                                                      TimeOfDay starts_at) {
    if (to < from) return {};
    const auto [lo, hi] = local_days_span(from, to);
    DevicesActivity activity;
    add_other_devices_spans(db, "walks", lo, hi, activity.walks);
    add_other_devices_spans(db, "sitting_bouts", lo, hi, activity.sitting);
    std::vector<DeviceSpan> others = activity.walks;
    others.insert(others.end(), activity.sitting.begin(), activity.sitting.end());
    const DeviceId local = id_apart_from(others);
    add_this_device_spans(db, "walks", local, lo, hi, activity.walks);
    add_this_device_spans(db, "sitting_bouts", local, lo, hi, activity.sitting);
    for (const RowSource rows : {RowSource{}, RowSource{true, std::nullopt}}) {
        visit_reminders(db, rows, lo, hi,
                        [&](WallTime shown, std::optional<ReminderOutcome> outcome, UtcOffset o) {
                            // An unknown outcome (a damaged file) counts as sent only; the
                            // totals across devices have no such case, so it is left out.
                            if (!outcome) return;
                            ReminderRecord r;
                            r.shown = shown;
                            r.outcome = *outcome;
                            r.utc_offset = o;
                            activity.reminders.push_back(r);
                        });
    }
    auto days = day_totals_across_devices(std::move(activity), from, to, starts_at);
    DayTable meetings(from, to);
    add_meetings(db, {RowSource{}, RowSource{true, std::nullopt}}, meetings, lo, hi, starts_at);
    const auto meeting_days = meetings.take();
    for (std::size_t i = 0; i < days.size(); ++i) {
        days[i].meeting_seconds = meeting_days[i].meeting_seconds;
    }
    return days;
}

bool has_other_devices(Database& db) {
    Statement st(db, "SELECT 1 FROM devices LIMIT 1");
    return st.step();
}

std::vector<DayTotals> query_day_totals(Database& db, Date from, Date to, TimeOfDay starts_at,
                                        DeviceScope scope) {
    if (to < from) return {};
    // One snapshot, so that a commit between the reads cannot show a walk
    // without the reminder that led to it.
    Transaction snapshot(db, Transaction::Kind::Read);
    std::vector<DayTotals> totals;
    if (const auto other = scope.other()) {
        totals = compute_device_day_totals(db, *other, from, to, starts_at);
    } else if (scope.is_all() && has_other_devices(db)) {
        totals = day_totals_current(db, starts_at, KeptTotals::AllDevices)
                     ? read_kept_day_totals(db, from, to, KeptTotals::AllDevices)
                     : compute_all_devices_day_totals(db, from, to, starts_at);
    } else {
        totals = day_totals_current(db, starts_at, KeptTotals::ThisDevice)
                     ? read_kept_day_totals(db, from, to, KeptTotals::ThisDevice)
                     : compute_day_totals(db, from, to, starts_at);
    }
    snapshot.commit();
    return totals;
}

}  // namespace walkbreak::core
