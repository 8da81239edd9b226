// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Range queries shared by Store's methods; internal to the store (and its
// tests, which check how many rows a query reads).
#include <cstdint>
#include <vector>

#include "core/sqlite.hpp"

namespace walkbreak::core {

// The longest walk / sitting bout in seconds (0 when there is none), read from
// the *_length indexes in O(log n). A row overlapping an instant t started at
// or after t minus this, which bounds a range scan on start_utc.
std::int64_t longest_walk_seconds(Database& db);
std::int64_t longest_sitting_bout_seconds(Database& db);

// Unix seconds [lo, hi) holding every instant whose local day lies in [from,
// to], for any day.starts_at and a utc_offset within +-14 h like every real
// zone: the bounds of a range scan for rows that may land on those days.
struct UnixSpan {
    std::int64_t lo{0};
    std::int64_t hi{0};
};
UnixSpan local_days_span(Date from, Date to);

// Store::day_totals: one entry per date in [from, to] (none when to < from).
// Reads only rows near the range: each row's local day comes from its own
// utc_offset, assumed within +-14 h like every real zone.
std::vector<DayTotals> query_day_totals(Database& db, Date from, Date to, TimeOfDay starts_at);

}  // namespace walkbreak::core
