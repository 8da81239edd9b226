// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Dates and times of day as the user writes and reads them, and the local
// day that an instant belongs to.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

// Minutes after local midnight, 0..1439.
using TimeOfDay = std::chrono::minutes;

// "YYYY-MM-DD", or "today"/"yesterday" relative to `today`.
Result<Date> parse_date(std::string_view text, Date today);
// "HH:MM" (24-hour).
Result<TimeOfDay> parse_time_of_day(std::string_view text);
std::string format_date(Date d);              // 2026-03-29
std::string format_time_of_day(TimeOfDay t);  // 07:05
// 2026-03-29T10:15:00+02:00: the instant `at` in the zone `offset` east of UTC.
std::string format_rfc3339(WallTime at, UtcOffset offset);

// The zone of this process (TZ / /etc/localtime), asked through the C library.
// These are the only functions in core that consult the zone database.
UtcOffset local_utc_offset(WallTime at);
// The instant at which local civil time `d` + `t` begins in the current zone.
// In a DST gap the next valid instant is used; in an overlap, the first.
WallTime local_to_wall(Date d, TimeOfDay t);

// Day boundaries: a walkbreak day runs from `starts_at` on date D to
// `starts_at` on D+1 (day.starts_at lets night owls move midnight).
// The local day of an instant, given the offset that was in force there.
Date local_day(WallTime at, UtcOffset offset, TimeOfDay starts_at);
// Today, in the current zone.
Date today(WallTime now, TimeOfDay starts_at);

// A span [start, end) cut at the day boundaries of a fixed offset: the seconds
// that fall on each local day, in date order. An empty span gives nothing.
struct DayShare {
    Date date;
    Seconds seconds;
    friend bool operator==(const DayShare&, const DayShare&) = default;
};
std::vector<DayShare> split_by_local_day(WallTime start, WallTime end, UtcOffset offset,
                                         TimeOfDay starts_at);

}  // namespace walkbreak::core
