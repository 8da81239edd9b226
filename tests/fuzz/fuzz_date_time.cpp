// SPDX-License-Identifier: GPL-3.0-or-later
// The date and time-of-day parsers on any bytes, core's and the CLI's `--at`
// and month arguments: a value or an error, never a crash; a value prints with
// format_* to text that parses back to the same value.
#include <fmt/format.h>

#include "cli/arguments.hpp"
#include "core/civil.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace walkbreak;
using namespace std::chrono;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    const core::Date today = sys_days{2026y / March / 29};  // "today" and "yesterday" are relative

    if (const auto d = core::parse_date(text, today)) {
        const auto again = core::parse_date(core::format_date(*d), today);
        fuzz::check(again.ok() && *again == *d, "format_date round-trips");
    }
    if (const auto t = core::parse_time_of_day(text)) {
        fuzz::check(*t >= minutes{0} && *t < hours{24}, "a time of day is within the day");
        const auto again = core::parse_time_of_day(core::format_time_of_day(*t));
        fuzz::check(again.ok() && *again == *t, "format_time_of_day round-trips");
    }
    if (const auto at = cli::parse_at_argument(text, today)) {
        // "now" names no time to write back; every other value is a start.
        if (const auto* start = std::get_if<cli::CivilTime>(&*at)) {
            const auto written = fmt::format("{} {}", core::format_date(start->date),
                                             core::format_time_of_day(start->time));
            const auto again = cli::parse_at_argument(written, today);
            fuzz::check(again.ok() && *again == *at, "--at round-trips");
        } else {
            fuzz::check(text == "now", "only now ends a walk now");
        }
    }
    if (const auto month = cli::parse_month_argument(text, today)) {
        const auto written = core::format_date(month->from).substr(0, 7);  // YYYY-MM
        const auto again = cli::parse_month_argument(written, today);
        fuzz::check(again.ok() && *again == *month, "a month round-trips");
    }
    return 0;
}
