// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Range queries shared by Store's methods; internal to the store (and its
// tests, which check how many rows a query reads).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/sqlite.hpp"
#include "core/store.hpp"

namespace walkbreak::core {

// Whose rows a query reads: this computer's tables, or the other devices'
// (the device_* tables), of every other device or of one.
struct RowSource {
    bool other_devices{false};
    std::optional<DeviceId> device;  // with other_devices: that device's rows only
    std::string_view prefix() const { return other_devices ? "device_" : ""; }
};

// The longest walk / sitting bout in seconds (0 when there is none), read from
// the *_length indexes in O(log n). A row overlapping an instant t started at
// or after t minus this, which bounds a range scan on start_utc.
std::int64_t longest_span_seconds(Database& db, std::string_view table);
std::int64_t longest_walk_seconds(Database& db);
std::int64_t longest_sitting_bout_seconds(Database& db);
std::int64_t longest_meeting_seconds(Database& db);

// Walks overlapping [from, to), oldest first, within the caller's
// transaction (store.cpp).
std::vector<WalkRecord> select_walks_between(Database& db, WallTime from, WallTime to);
// The stored walks that `walk` could walk twice (check_walked_once's input):
// those sharing part of its span, and any of exactly its span.
std::vector<WalkRecord> walks_near(Database& db, const WalkRecord& walk);

// Unix seconds [lo, hi) holding every instant whose local day lies in [from,
// to], for any day.starts_at and a utc_offset within +-14 h like every real
// zone: the bounds of a range scan for rows that may land on those days.
struct UnixSpan {
    std::int64_t lo{0};
    std::int64_t hi{0};
};
UnixSpan local_days_span(Date from, Date to);

// One entry per date in [from, to] (none when to < from), computed from the
// rows. Reads only rows near the range: each row's local day comes from its
// own utc_offset, assumed within +-14 h like every real zone. Walking time is
// the union of the walks, meeting time the union of the meetings. Within the
// caller's transaction.
std::vector<DayTotals> compute_day_totals(Database& db, Date from, Date to, TimeOfDay starts_at);

// The same for another device's rows alone (no meetings: none are journaled).
std::vector<DayTotals> compute_device_day_totals(Database& db, DeviceId device, Date from, Date to,
                                                 TimeOfDay starts_at);
// The same for this computer's rows and every other device's together: the
// union rule across devices (core/device_totals.hpp); meetings are this
// computer's.
std::vector<DayTotals> compute_all_devices_day_totals(Database& db, Date from, Date to,
                                                      TimeOfDay starts_at);

// Whether the database holds any other device.
bool has_other_devices(Database& db);

// Store::day_totals: from the kept table of `scope` when it is kept for
// `starts_at` (O(days)), else computed from the rows; in one read snapshot.
std::vector<DayTotals> query_day_totals(Database& db, Date from, Date to, TimeOfDay starts_at,
                                        DeviceScope scope = DeviceScope::all());

}  // namespace walkbreak::core
