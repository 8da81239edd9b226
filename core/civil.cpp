// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/civil.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <ctime>

namespace walkbreak::core {
namespace {

using std::chrono::days;
using std::chrono::floor;

constexpr std::int64_t seconds_per_day = 86400;
constexpr int minutes_per_day = 1440;

// Exactly the digits of `s` as a number; no sign, no space, nothing else.
std::optional<int> digits(std::string_view s) {
    if (s.empty()) {
        return std::nullopt;
    }
    int n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        n = n * 10 + (c - '0');
    }
    return n;
}

std::int64_t offset_at(std::int64_t unix_seconds) {
    return local_utc_offset(from_unix_seconds(unix_seconds)).count();
}

}  // namespace

Result<Date> parse_date(std::string_view text, Date today) {
    if (text == "today") {
        return today;
    }
    if (text == "yesterday") {
        return today - days{1};
    }
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return Error{fmt::format(
            R"(expected a date like 2026-03-29, "today" or "yesterday", got "{}")", text)};
    }
    const auto y = digits(text.substr(0, 4));
    const auto m = digits(text.substr(5, 2));
    const auto d = digits(text.substr(8, 2));
    if (!y || !m || !d) {
        return Error{fmt::format(
            R"(expected a date like 2026-03-29, "today" or "yesterday", got "{}")", text)};
    }
    const std::chrono::year_month_day ymd{std::chrono::year{*y},
                                          std::chrono::month{static_cast<unsigned>(*m)},
                                          std::chrono::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        return Error{fmt::format(R"(expected a date that exists in the calendar, got "{}")", text)};
    }
    return Date{ymd};
}

Result<TimeOfDay> parse_time_of_day(std::string_view text) {
    const auto bad = [&] {
        return Error{
            fmt::format(R"(expected a time of day like 07:05 (24-hour HH:MM), got "{}")", text)};
    };
    if (text.size() != 5 || text[2] != ':') {
        return bad();
    }
    const auto h = digits(text.substr(0, 2));
    const auto m = digits(text.substr(3, 2));
    if (!h || !m || *h > 23 || *m > 59) {
        return bad();
    }
    return TimeOfDay{*h * 60 + *m};
}

std::string format_date(Date d) {
    const std::chrono::year_month_day ymd{d};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

// Out-of-range values are taken modulo a day rather than printed as "25:00".
std::string format_time_of_day(TimeOfDay t) {
    const auto m = ((t.count() % minutes_per_day) + minutes_per_day) % minutes_per_day;
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

UtcOffset local_utc_offset(WallTime at) {
    const auto t = static_cast<std::time_t>(to_unix_seconds(at));
    std::tm tm{};
    if (localtime_r(&t, &tm) == nullptr) {
        return UtcOffset{0};
    }
    return UtcOffset{tm.tm_gmtoff};
}

// mktime() leaves the instant of a time in a DST gap to the C library (glibc
// moves it by the size of the gap, in a direction that depends on tm_isdst), so
// the instant is found here from localtime_r() alone: the earliest instant whose
// local time is at or after the one asked for. That is the first of the two
// instants of an overlap, and the end of the gap for a time inside one.
WallTime local_to_wall(Date d, TimeOfDay t) {
    const std::int64_t local =
        std::chrono::duration_cast<Seconds>((d + t).time_since_epoch()).count();
    // Any offset in force near `local` is in force at one of these (offsets are
    // within a day of UTC, and zones do not change rules twice in two days).
    std::array<std::int64_t, 3> offsets{offset_at(local - seconds_per_day), offset_at(local),
                                        offset_at(local + seconds_per_day)};
    std::optional<std::int64_t> best;
    for (const auto off : offsets) {
        const auto u = local - off;
        if (offset_at(u) == off && (!best || u < *best)) {
            best = u;
        }
    }
    if (best) {
        return from_unix_seconds(*best);
    }
    // In a gap: local time jumps over `local` somewhere in (lo, hi].
    const auto [min_off, max_off] = std::minmax_element(offsets.begin(), offsets.end());
    std::int64_t lo = local - *max_off;
    std::int64_t hi = local - *min_off;
    while (hi - lo > 1) {
        const auto mid = lo + (hi - lo) / 2;
        if (mid + offset_at(mid) >= local) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    return from_unix_seconds(hi);
}

Date local_day(WallTime at, UtcOffset offset, TimeOfDay starts_at) {
    return floor<days>(at + offset - starts_at);
}

Date today(WallTime now, TimeOfDay starts_at) {
    return local_day(now, local_utc_offset(now), starts_at);
}

// Shares are whole seconds, counted so that they add up to exactly
// floor(end - start): each day gets floor(its end - start) minus what the days
// before it got. A day that would get less than a second is left out.
std::vector<DayShare> split_by_local_day(WallTime start, WallTime end, UtcOffset offset,
                                         TimeOfDay starts_at) {
    std::vector<DayShare> shares;
    if (end <= start) {
        return shares;
    }
    const auto shift = offset - starts_at;
    const WallTime first = start + shift;
    const WallTime last = end + shift;
    Seconds counted{0};
    for (WallTime cursor = first; cursor < last;) {
        const Date day = floor<days>(cursor);
        const WallTime next = std::min<WallTime>(day + days{1}, last);
        const auto upto = floor<Seconds>(next - first);
        if (upto > counted) {
            shares.push_back({day, upto - counted});
        }
        counted = upto;
        cursor = next;
    }
    return shares;
}

std::string format_rfc3339(WallTime at, UtcOffset offset) {
    const auto local = std::chrono::floor<std::chrono::seconds>(at) + offset;
    const auto day = floor<days>(local);
    const std::chrono::hh_mm_ss<std::chrono::seconds> tod{local - day};
    const auto off = std::abs(offset.count());
    return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(Date{day}),
                       tod.hours().count(), tod.minutes().count(), tod.seconds().count(),
                       offset.count() < 0 ? '-' : '+', off / 3600, off / 60 % 60);
}

}  // namespace walkbreak::core
