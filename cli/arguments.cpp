// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/arguments.hpp"

#include <charconv>

#include <fmt/format.h>

#include "core/duration.hpp"

namespace walkbreak::cli {

using namespace std::chrono;

core::Result<core::Date> parse_date_argument(std::string_view text, core::Date today) {
    return core::parse_date(text, today);
}

core::Result<DateRange> parse_month_argument(std::string_view text, core::Date today) {
    if (text.empty()) {
        const year_month_day t{today};
        const year_month ym{t.year(), t.month()};
        return DateRange{sys_days{ym / 1}, sys_days{ym / last}};
    }
    const auto bad = core::Error{fmt::format(R"(expected a month like 2026-03, got "{}")", text)};
    // Reuse the date parser on the first of the month; it checks every digit.
    if (text.size() != 7 || text[4] != '-') return bad;
    auto first = core::parse_date(fmt::format("{}-01", text), today);
    if (!first) return bad;
    const year_month_day ymd{*first};
    return DateRange{*first, sys_days{ymd.year() / ymd.month() / last}};
}

DateRange week_of(core::Date day) {
    const weekday wd{day};
    // iso_encoding: Monday 1 ... Sunday 7.
    const core::Date monday = day - days{wd.iso_encoding() - 1};
    return DateRange{monday, monday + days{6}};
}

core::Result<CivilTime> parse_at_argument(std::string_view text, core::Date today) {
    const auto bad = [&] {
        return core::Error{
            fmt::format(R"(expected a time like 14:30 or 2026-03-29 14:30, got "{}")", text)};
    };
    std::string_view date_part;
    std::string_view time_part = text;
    if (auto space = text.find_last_of(" T"); space != std::string_view::npos) {
        date_part = text.substr(0, space);
        time_part = text.substr(space + 1);
    }
    auto time = core::parse_time_of_day(time_part);
    if (!time) return bad();
    if (date_part.empty()) return CivilTime{today, *time};
    auto date = core::parse_date(date_part, today);
    if (!date) return bad();
    return CivilTime{*date, *time};
}

core::Result<std::int64_t> parse_walk_id(std::string_view text) {
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (text.empty() || ec != std::errc{} || ptr != end || id <= 0 || text.front() == '+') {
        return core::Error{fmt::format(
            R"(expected a walk id (a positive whole number, as walkbreak history shows), got "{}")",
            text)};
    }
    return id;
}

core::Result<core::Seconds> parse_positive_duration(std::string_view text) {
    auto d = core::parse_duration(text);
    if (!d) return d;
    if (*d <= core::Seconds{0}) {
        return core::Error{fmt::format(R"(expected a duration longer than 0s, got "{}")", text)};
    }
    return d;
}

}  // namespace walkbreak::cli
