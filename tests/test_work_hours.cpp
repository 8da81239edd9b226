// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/work_hours.hpp"

using namespace walkbreak::core;
using namespace std::chrono_literals;

namespace {
constexpr Date monday{std::chrono::year{2026} / 3 / 30};

Config::Schedule hours(int start_minute, int end_minute) {
    Config::Schedule s;
    s.work_hours = WorkHours{TimeOfDay{start_minute}, TimeOfDay{end_minute}};
    return s;
}

// Local `t` on `d` in a zone two hours east of UTC.
WallTime at(Date d, Millis t) { return WallTime{d.time_since_epoch()} + t - 2h; }
}  // namespace

TEST_CASE("without work hours it is always work time", "[work_hours]") {
    const Config::Schedule none;
    CHECK(in_work_hours(none, at(monday + std::chrono::days{5}, 3h), 2h));
    CHECK_FALSE(until_work_hours_change(none, at(monday, 3h), 2h));
}

TEST_CASE("day hours: inside from start to end on work days, in local time", "[work_hours]") {
    const auto s = hours(9 * 60, 17 * 60 + 30);
    CHECK_FALSE(in_work_hours(s, at(monday, 8h + 59min), 2h));
    CHECK(in_work_hours(s, at(monday, 9h), 2h));
    CHECK(in_work_hours(s, at(monday, 17h + 29min), 2h));
    CHECK_FALSE(in_work_hours(s, at(monday, 17h + 30min), 2h));
    CHECK_FALSE(in_work_hours(s, at(monday + std::chrono::days{5}, 10h), 2h));  // Saturday
    // The offset given decides the local time: 09:30 here is 08:30 an hour west.
    CHECK_FALSE(in_work_hours(s, at(monday, 9h + 30min), 1h));
    CHECK(until_work_hours_change(s, at(monday, 8h), 2h) == Millis{1h});
    CHECK(until_work_hours_change(s, at(monday, 12h), 2h) == Millis{5h + 30min});
    CHECK(until_work_hours_change(s, at(monday + std::chrono::days{4}, 18h), 2h) == Millis{63h});
}

TEST_CASE("night hours run past midnight and belong to the day they start", "[work_hours]") {
    const auto s = hours(22 * 60, 6 * 60);
    const Date friday = monday + std::chrono::days{4};
    CHECK(in_work_hours(s, at(friday, 23h), 2h));
    CHECK(in_work_hours(s, at(friday + std::chrono::days{1}, 5h), 2h));  // Saturday early
    CHECK_FALSE(in_work_hours(s, at(friday + std::chrono::days{1}, 23h), 2h));
    CHECK_FALSE(in_work_hours(s, at(monday, 5h), 2h));  // Sunday night was not a work night
    CHECK(until_work_hours_change(s, at(friday, 23h), 2h) == Millis{7h});
}

TEST_CASE("no work day, or all hours of every day, never changes", "[work_hours]") {
    auto s = hours(9 * 60, 17 * 60);
    s.work_days.fill(false);
    CHECK_FALSE(in_work_hours(s, at(monday, 10h), 2h));
    CHECK_FALSE(until_work_hours_change(s, at(monday, 10h), 2h));
    auto always = hours(0, 0);
    always.work_days.fill(true);
    CHECK(in_work_hours(always, at(monday, 3h), 2h));
    CHECK_FALSE(until_work_hours_change(always, at(monday, 3h), 2h));
}
