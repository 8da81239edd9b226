// SPDX-License-Identifier: GPL-3.0-or-later
// Store::day_totals: an index range read in SQL, the local-day arithmetic in
// C++ (core/civil.hpp), so that every row uses its own utc_offset.
#include "core/store_totals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "core/day_totals_table.hpp"
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

// [start, end) spans with offsets: walks or sitting bouts overlapping [lo, hi),
// found by a range on start_utc widened by the longest span in the table.
// Zero-length spans at lo are included.
template <typename Visit>
void visit_spans(Database& db, std::string_view sql, std::int64_t longest_span, std::int64_t lo,
                 std::int64_t hi, Visit&& visit) {
    Statement st(db, sql);
    st.bind(1, lo - longest_span).bind(2, hi).bind(3, lo);
    while (st.step()) {
        visit(from_unix_seconds(st.column_int64(0)), from_unix_seconds(st.column_int64(1)),
              UtcOffset{st.column_int64(2)});
    }
}

// The rows of `table` (walks or meetings) overlapping [lo, hi), as spans.
std::vector<LocalSpan> local_spans(Database& db, std::string_view table, std::int64_t longest_span,
                                   std::int64_t lo, std::int64_t hi) {
    std::vector<LocalSpan> spans;
    visit_spans(db,
                fmt::format("SELECT start_utc, end_utc, utc_offset FROM {} "
                            "WHERE start_utc >= ?1 AND start_utc < ?2 AND end_utc >= ?3",
                            table),
                longest_span, lo, hi, [&](WallTime start, WallTime end, UtcOffset offset) {
                    spans.push_back({start, end, offset});
                });
    return spans;
}

// Walking time is the union of the walks (core/walk_union.hpp): rows that
// overlap, as older databases or several recorders may hold, count once.
// Meetings follow the same rule: they should never overlap, but imports may.
void add_walks(Database& db, DayTable& table, std::int64_t lo, std::int64_t hi,
               TimeOfDay starts_at) {
    const auto walks = local_spans(db, "walks", longest_walk_seconds(db), lo, hi);
    for (const DayUnion& walking : union_by_local_day(walks, starts_at)) {
        if (auto* day = table.find(walking.date)) {
            day->walk_seconds = walking.seconds;
            day->walks = walking.pieces;
        }
    }
}

void add_meetings(Database& db, DayTable& table, std::int64_t lo, std::int64_t hi,
                  TimeOfDay starts_at) {
    const auto meetings = local_spans(db, "meetings", longest_meeting_seconds(db), lo, hi);
    for (const DayUnion& meeting : union_by_local_day(meetings, starts_at)) {
        if (auto* day = table.find(meeting.date)) day->meeting_seconds = meeting.seconds;
    }
}

void add_sitting(Database& db, DayTable& table, std::int64_t lo, std::int64_t hi,
                 TimeOfDay starts_at) {
    visit_spans(
        db,
        "SELECT start_utc, end_utc, utc_offset FROM sitting_bouts "
        "WHERE start_utc >= ?1 AND start_utc < ?2 AND end_utc >= ?3",
        longest_sitting_bout_seconds(db), lo, hi,
        [&](WallTime start, WallTime end, UtcOffset offset) {
            for (const DayShare& share : split_by_local_day(start, end, offset, starts_at)) {
                if (auto* day = table.find(share.date)) {
                    day->sitting_seconds += share.seconds;
                    day->longest_sitting = std::max(day->longest_sitting, share.seconds);
                }
            }
        });
}

void add_reminders(Database& db, DayTable& table, std::int64_t lo, std::int64_t hi,
                   TimeOfDay starts_at) {
    Statement st(db,
                 "SELECT shown_utc, outcome, utc_offset FROM reminders "
                 "WHERE shown_utc >= ?1 AND shown_utc < ?2");
    st.bind(1, lo).bind(2, hi);
    while (st.step()) {
        const WallTime shown = from_unix_seconds(st.column_int64(0));
        auto* day = table.find(local_day(shown, UtcOffset{st.column_int64(2)}, starts_at));
        if (day == nullptr) continue;
        auto& r = day->reminders;
        ++r.sent;
        // The schema's CHECK admits only known outcomes; anything else would be
        // a damaged file, counted as sent only.
        const auto outcome = reminder_outcome_from(st.column_text(1));
        if (!outcome) continue;
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
    }
}

}  // namespace

std::int64_t longest_walk_seconds(Database& db) {
    return longest(db, "SELECT max(end_utc - start_utc) FROM walks");
}

std::int64_t longest_sitting_bout_seconds(Database& db) {
    return longest(db, "SELECT max(end_utc - start_utc) FROM sitting_bouts");
}

std::int64_t longest_meeting_seconds(Database& db) {
    return longest(db, "SELECT max(end_utc - start_utc) FROM meetings");
}

UnixSpan local_days_span(Date from, Date to) {
    return {to_unix_seconds(WallTime{from}) - margin_seconds,
            to_unix_seconds(WallTime{to + std::chrono::days{1}}) + margin_seconds};
}

std::vector<DayTotals> compute_day_totals(Database& db, Date from, Date to, TimeOfDay starts_at) {
    if (to < from) return {};
    DayTable table(from, to);
    const auto [lo, hi] = local_days_span(from, to);
    add_walks(db, table, lo, hi, starts_at);
    add_sitting(db, table, lo, hi, starts_at);
    add_meetings(db, table, lo, hi, starts_at);
    add_reminders(db, table, lo, hi, starts_at);
    return table.take();
}

std::vector<DayTotals> query_day_totals(Database& db, Date from, Date to, TimeOfDay starts_at) {
    if (to < from) return {};
    // One snapshot, so that a commit between the reads cannot show a walk
    // without the reminder that led to it.
    Transaction snapshot(db, Transaction::Kind::Read);
    auto totals = day_totals_current(db, starts_at) ? read_kept_day_totals(db, from, to)
                                                    : compute_day_totals(db, from, to, starts_at);
    snapshot.commit();
    return totals;
}

}  // namespace walkbreak::core
