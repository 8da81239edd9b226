// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/arguments.hpp"

#include <array>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "core/duration.hpp"

namespace walkbreak::cli {

using namespace std::chrono;

namespace {

constexpr std::array<std::string_view, 7> weekday_names{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

// The earliest year a date may have: nothing was walked before the epoch.
constexpr int first_year = 1970;
// How far "-Nd" may reach back: about a hundred years.
constexpr int most_days_back = 36600;

std::optional<core::Date> weekday_date(std::string_view text, core::Date today) {
    for (unsigned i = 0; i < weekday_names.size(); ++i) {
        const std::string_view name = weekday_names[i];
        if (text == name || (text.size() == 3 && name.substr(0, 3) == text)) {
            return today - (weekday{today} - weekday{i});
        }
    }
    return std::nullopt;
}

std::optional<core::Date> days_back(std::string_view text, core::Date today) {
    if (text.size() < 3 || text.front() != '-' || text.back() != 'd') return std::nullopt;
    int n = 0;
    const char* end = text.data() + text.size() - 1;
    auto [ptr, ec] = std::from_chars(text.data() + 1, end, n);
    if (ec != std::errc{} || ptr != end || n < 0 || n > most_days_back) return std::nullopt;
    return today - days{n};
}

}  // namespace

core::Result<core::Date> parse_date_argument(std::string_view text, core::Date today) {
    core::Result<core::Date> d = core::Error{""};
    if (auto w = weekday_date(text, today)) {
        d = *w;
    } else if (auto back = days_back(text, today)) {
        d = *back;
    } else {
        d = core::parse_date(text, today);
    }
    if (!d) {
        if (text.size() == 10 && text[4] == '-' && text[7] == '-') return d;  // says what is wrong
        return core::Error{fmt::format(
            R"(expected a date like 2026-03-29, today, yesterday, a weekday (monday) or -3d, got "{}")",
            text)};
    }
    // Every form, "-Nd" included, so that a date given back as YYYY-MM-DD parses again.
    if (year_month_day{*d}.year() < year{first_year}) {
        return core::Error{
            fmt::format(R"(expected a date from {} on, got "{}")", first_year, text)};
    }
    return d;
}

core::Result<core::TimeOfDay> parse_time_argument(std::string_view text) {
    if (text.size() == 4 && text[1] == ':')
        return core::parse_time_of_day(fmt::format("0{}", text));
    return core::parse_time_of_day(text);
}

core::Result<DateRange> parse_week_argument(std::string_view text, core::Date today) {
    if (text == "last") return week_of(today - days{7});
    auto d = parse_date_argument(text, today);
    if (!d) return core::Error{fmt::format("{} or last", d.error())};
    return week_of(*d);
}

core::Result<DateRange> parse_month_argument(std::string_view text, core::Date today) {
    if (text == "last") {
        const year_month_day t{today};
        return parse_month_argument("", sys_days{(t.year() / t.month() / 1)} - days{1});
    }
    if (text.empty()) {
        const year_month_day t{today};
        const year_month ym{t.year(), t.month()};
        return DateRange{sys_days{ym / 1}, sys_days{ym / last}};
    }
    const auto bad =
        core::Error{fmt::format(R"(expected a month like 2026-03 or last, got "{}")", text)};
    // Reuse the date parser on the first of the month; it checks every digit.
    if (text.size() != 7 || text[4] != '-') return bad;
    auto first = parse_date_argument(fmt::format("{}-01", text), today);
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

core::Result<AtArgument> parse_at_argument(std::string_view text, core::Date today) {
    if (text == "now") return AtArgument{EndsNow{}};
    const auto bad = [&] {
        return core::Error{
            fmt::format(R"(expected now, a time like 14:30 or 2026-03-29 14:30, got "{}")", text)};
    };
    std::string_view date_part;
    std::string_view time_part = text;
    if (auto space = text.find_last_of(" T"); space != std::string_view::npos) {
        date_part = text.substr(0, space);
        time_part = text.substr(space + 1);
    }
    auto time = parse_time_argument(time_part);
    if (!time) return bad();
    if (date_part.empty()) return AtArgument{CivilTime{today, *time}};
    auto date = parse_date_argument(date_part, today);
    if (!date) return bad();
    return AtArgument{CivilTime{*date, *time}};
}

core::Result<int> parse_count_argument(std::string_view text, int most) {
    int n = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, n);
    if (text.empty() || ec != std::errc{} || ptr != end || n < 1 || n > most) {
        return core::Error{
            fmt::format(R"(expected a whole number from 1 to {}, got "{}")", most, text)};
    }
    return n;
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
