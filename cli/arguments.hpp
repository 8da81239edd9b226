// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parsers for the CLI's arguments. Pure: "today" is passed in. Every error
// message says what was expected, e.g. `expected a month like 2026-03`.
#include <cstdint>
#include <string_view>
#include <variant>

#include "core/civil.hpp"
#include "core/result.hpp"

namespace walkbreak::cli {

// An inclusive range of days.
struct DateRange {
    core::Date from{};
    core::Date to{};
    friend bool operator==(const DateRange&, const DateRange&) = default;
};

// "YYYY-MM-DD" (from 1970 on), "today", "yesterday", a weekday ("monday" or
// "mon": the latest on or before today) or "-3d" (three days before today).
core::Result<core::Date> parse_date_argument(std::string_view text, core::Date today);

// "HH:MM" or "H:MM", 24-hour.
core::Result<core::TimeOfDay> parse_time_argument(std::string_view text);

// "YYYY-MM" or "last" (the month before today's); empty means the month that
// holds `today`.
core::Result<DateRange> parse_month_argument(std::string_view text, core::Date today);

// `--week`: any date parse_date_argument takes, or "last" (the week before
// today's); the ISO week that holds it.
core::Result<DateRange> parse_week_argument(std::string_view text, core::Date today);

// The ISO week, Monday to Sunday, that holds `day`.
DateRange week_of(core::Date day);

// A local date and time of day as the user wrote it.
struct CivilTime {
    core::Date date{};
    core::TimeOfDay time{};
    friend bool operator==(const CivilTime&, const CivilTime&) = default;
};

// `--at now`: the walk ended now, as without --at (a start would be a walk
// that has not ended yet).
struct EndsNow {
    friend bool operator==(const EndsNow&, const EndsNow&) = default;
};
// What `log --at` and `edit --at` name: when the walk started, or that it ended now.
using AtArgument = std::variant<EndsNow, CivilTime>;

// `--at`: "now", "HH:MM" (or "H:MM") on `today`, or "<date> HH:MM" where <date>
// is anything parse_date_argument takes ("2026-03-29 14:30", "yesterday 18:00").
core::Result<AtArgument> parse_at_argument(std::string_view text, core::Date today);

// A count from 1 to `most`, e.g. `history --limit`.
core::Result<int> parse_count_argument(std::string_view text, int most);

// A walk id as `walkbreak history` shows it: a positive whole number.
core::Result<std::int64_t> parse_walk_id(std::string_view text);

// A duration (core::parse_duration) that must be longer than zero.
core::Result<core::Seconds> parse_positive_duration(std::string_view text);

}  // namespace walkbreak::cli
