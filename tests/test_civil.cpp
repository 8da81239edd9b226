// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdlib>
#include <ctime>
#include <numeric>
#include <optional>
#include <string>
#include <catch2/catch.hpp>

#include "time_zone_support.hpp"

#include "core/civil.hpp"

using namespace walkbreak::core;
using namespace std::chrono;
using namespace std::chrono_literals;
using walkbreak::test::ScopedTimeZone;

namespace {

constexpr Date date(int y, unsigned m, unsigned d) { return Date{year{y} / month{m} / day{d}}; }

WallTime utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
    return WallTime{date(y, mo, d)} + hours{h} + minutes{mi} + seconds{s};
}

constexpr TimeOfDay hm(int h, int m) { return TimeOfDay{h * 60 + m}; }

Seconds total(const std::vector<DayShare>& shares) {
    return std::accumulate(shares.begin(), shares.end(), Seconds{0},
                           [](Seconds sum, const DayShare& s) { return sum + s.seconds; });
}

}  // namespace

TEST_CASE("parse_date reads ISO dates, today and yesterday", "[civil]") {
    const Date today = date(2026, 3, 29);
    CHECK(parse_date("2026-03-29", today).value() == today);
    CHECK(parse_date("2024-02-29", today).value() == date(2024, 2, 29));
    CHECK(parse_date("1999-12-31", today).value() == date(1999, 12, 31));
    CHECK(parse_date("today", today).value() == today);
    CHECK(parse_date("yesterday", today).value() == date(2026, 3, 28));
    CHECK(parse_date("yesterday", date(2026, 1, 1)).value() == date(2025, 12, 31));
    CHECK(parse_date("yesterday", date(2024, 3, 1)).value() == date(2024, 2, 29));
}

TEST_CASE("parse_date refuses anything but a real calendar date", "[civil]") {
    const Date today = date(2026, 3, 29);
    for (const char* bad : {"", "2026-3-29", "2026-03-9", "26-03-29", "2026/03/29", "2026-03-29 ",
                            " 2026-03-29", "2026-03-29T10:00", "+026-03-29", "2026-+3-29", "Today",
                            "tomorrow", "20260329", "2026-03-2x"}) {
        CAPTURE(bad);
        const auto r = parse_date(bad, today);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("expected a date like 2026-03-29"));
    }
    for (const char* unreal : {"2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10",
                               "2026-01-00", "2100-02-29"}) {
        CAPTURE(unreal);
        const auto r = parse_date(unreal, today);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error() ==
              std::string{"expected a date that exists in the calendar, got \""} + unreal + "\"");
    }
}

TEST_CASE("parse_time_of_day reads 24-hour HH:MM only", "[civil]") {
    CHECK(parse_time_of_day("00:00").value() == 0min);
    CHECK(parse_time_of_day("07:05").value() == 7h + 5min);
    CHECK(parse_time_of_day("23:59").value() == 1439min);
    for (const char* bad : {"", "7:05", "07:5", "24:00", "07:60", "07-05", "07:05 ", "0705",
                            "-1:00", "7am", "07:05:00", "+7:05"}) {
        CAPTURE(bad);
        const auto r = parse_time_of_day(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error() ==
              std::string{"expected a time of day like 07:05 (24-hour HH:MM), got \""} + bad +
                  "\"");
    }
}

TEST_CASE("dates and times of day format as they are parsed", "[civil]") {
    CHECK(format_date(date(2026, 3, 9)) == "2026-03-09");
    CHECK(format_date(date(987, 1, 2)) == "0987-01-02");
    CHECK(format_time_of_day(hm(7, 5)) == "07:05");
    CHECK(format_time_of_day(0min) == "00:00");
    CHECK(format_time_of_day(1439min) == "23:59");
    for (int m = 0; m < 1440; m += 7) {
        CHECK(parse_time_of_day(format_time_of_day(TimeOfDay{m})).value() == TimeOfDay{m});
    }
    for (Date d = date(2023, 12, 25); d < date(2024, 3, 5); d += days{1}) {
        CHECK(parse_date(format_date(d), Date{}).value() == d);
    }
}

TEST_CASE("local_utc_offset follows the zone's daylight saving time", "[civil][dst]") {
    {
        const ScopedTimeZone tz{"Europe/Berlin"};
        CHECK(local_utc_offset(utc(2026, 1, 15, 12, 0)) == 1h);
        CHECK(local_utc_offset(utc(2026, 7, 15, 12, 0)) == 2h);
        // The spring change is at 01:00 UTC on the last Sunday of March.
        CHECK(local_utc_offset(utc(2026, 3, 29, 0, 59, 59)) == 1h);
        CHECK(local_utc_offset(utc(2026, 3, 29, 1, 0)) == 2h);
    }
    {
        const ScopedTimeZone tz{"America/New_York"};
        CHECK(local_utc_offset(utc(2026, 1, 15, 12, 0)) == -5h);
        CHECK(local_utc_offset(utc(2026, 7, 15, 12, 0)) == -4h);
    }
    const ScopedTimeZone tz{"UTC"};
    CHECK(local_utc_offset(utc(2026, 7, 15, 12, 0)) == 0s);
}

TEST_CASE("local_to_wall finds the instant of a local time", "[civil]") {
    const ScopedTimeZone tz{"Europe/Berlin"};
    CHECK(local_to_wall(date(2026, 1, 15), 0min) == utc(2026, 1, 14, 23, 0));
    CHECK(local_to_wall(date(2026, 7, 15), hm(4, 0)) == utc(2026, 7, 15, 2, 0));
    CHECK(local_to_wall(date(2026, 3, 29), hm(1, 59)) == utc(2026, 3, 29, 0, 59));
    CHECK(local_to_wall(date(2026, 3, 29), hm(3, 0)) == utc(2026, 3, 29, 1, 0));
}

TEST_CASE("local_to_wall moves a time in a DST gap to the end of the gap", "[civil][dst]") {
    SECTION("Europe/Berlin skips 02:00-03:00 on 2026-03-29") {
        const ScopedTimeZone tz{"Europe/Berlin"};
        CHECK(local_to_wall(date(2026, 3, 29), hm(2, 0)) == utc(2026, 3, 29, 1, 0));
        CHECK(local_to_wall(date(2026, 3, 29), hm(2, 30)) == utc(2026, 3, 29, 1, 0));
        CHECK(local_to_wall(date(2026, 3, 29), hm(2, 59)) == utc(2026, 3, 29, 1, 0));
    }
    SECTION("America/New_York skips 02:00-03:00 on 2026-03-08") {
        const ScopedTimeZone tz{"America/New_York"};
        CHECK(local_to_wall(date(2026, 3, 8), hm(1, 59)) == utc(2026, 3, 8, 6, 59));
        CHECK(local_to_wall(date(2026, 3, 8), hm(2, 30)) == utc(2026, 3, 8, 7, 0));
        CHECK(local_to_wall(date(2026, 3, 8), hm(3, 0)) == utc(2026, 3, 8, 7, 0));
    }
}

TEST_CASE("local_to_wall takes the first of two instants in a DST overlap", "[civil][dst]") {
    SECTION("Europe/Berlin repeats 02:00-03:00 on 2026-10-25") {
        const ScopedTimeZone tz{"Europe/Berlin"};
        CHECK(local_to_wall(date(2026, 10, 25), hm(2, 0)) == utc(2026, 10, 25, 0, 0));
        CHECK(local_to_wall(date(2026, 10, 25), hm(2, 30)) == utc(2026, 10, 25, 0, 30));
        CHECK(local_to_wall(date(2026, 10, 25), hm(3, 0)) == utc(2026, 10, 25, 2, 0));
    }
    SECTION("America/New_York repeats 01:00-02:00 on 2026-11-01") {
        const ScopedTimeZone tz{"America/New_York"};
        CHECK(local_to_wall(date(2026, 11, 1), hm(1, 30)) == utc(2026, 11, 1, 5, 30));
        CHECK(local_to_wall(date(2026, 11, 1), hm(2, 0)) == utc(2026, 11, 1, 7, 0));
    }
}

TEST_CASE("local_day changes at local midnight", "[civil]") {
    const UtcOffset cet = 1h;
    CHECK(local_day(utc(2026, 1, 14, 22, 59, 59), cet, 0min) == date(2026, 1, 14));
    CHECK(local_day(utc(2026, 1, 14, 23, 0), cet, 0min) == date(2026, 1, 15));
    CHECK(local_day(utc(2026, 1, 15, 0, 0) - 1ms, 0s, 0min) == date(2026, 1, 14));
    CHECK(local_day(utc(2026, 1, 15, 0, 0), 0s, 0min) == date(2026, 1, 15));
    CHECK(local_day(utc(2026, 1, 15, 4, 59), -5h, 0min) == date(2026, 1, 14));
    CHECK(local_day(utc(2026, 1, 15, 5, 0), -5h, 0min) == date(2026, 1, 15));
}

TEST_CASE("day.starts_at moves the day boundary for night owls", "[civil]") {
    const UtcOffset cet = 1h;
    // 03:59 local on the 15th still belongs to the 14th when days start at 04:00.
    CHECK(local_day(utc(2026, 1, 15, 2, 59), cet, hm(4, 0)) == date(2026, 1, 14));
    CHECK(local_day(utc(2026, 1, 15, 3, 0), cet, hm(4, 0)) == date(2026, 1, 15));
    CHECK(local_day(utc(2026, 1, 14, 23, 30), cet, hm(4, 0)) == date(2026, 1, 14));
    CHECK(local_day(utc(2026, 1, 14, 23, 30), cet, 0min) == date(2026, 1, 15));
}

TEST_CASE("one instant falls on different local days after a change of time zone", "[civil]") {
    const WallTime at = utc(2026, 3, 10, 23, 30);
    CHECK(local_day(at, 0s, 0min) == date(2026, 3, 10));
    CHECK(local_day(at, 1h, 0min) == date(2026, 3, 11));
    CHECK(local_day(at, -5h, 0min) == date(2026, 3, 10));
    CHECK(local_day(at, 9h + 30min, 0min) == date(2026, 3, 11));
    CHECK(local_day(utc(2026, 3, 10, 8, 0), -10h, 0min) == date(2026, 3, 9));

    const WallTime now = utc(2026, 3, 10, 23, 30);
    {
        const ScopedTimeZone tz{"Europe/London"};
        CHECK(today(now, 0min) == date(2026, 3, 10));
    }
    {
        const ScopedTimeZone tz{"Europe/Berlin"};
        CHECK(today(now, 0min) == date(2026, 3, 11));
        CHECK(today(now, hm(4, 0)) == date(2026, 3, 10));
    }
    const ScopedTimeZone tz{"Asia/Tokyo"};
    CHECK(today(utc(2026, 3, 10, 14, 59), 0min) == date(2026, 3, 10));
    CHECK(today(utc(2026, 3, 10, 15, 0), 0min) == date(2026, 3, 11));
}

TEST_CASE("a span across midnight is split in proportion", "[civil][split]") {
    // 23:50-00:20 local (CET): ten minutes on the 14th, twenty on the 15th.
    const auto shares =
        split_by_local_day(utc(2026, 1, 14, 22, 50), utc(2026, 1, 14, 23, 20), 1h, 0min);
    REQUIRE(shares.size() == 2);
    CHECK(shares[0] == DayShare{date(2026, 1, 14), 600s});
    CHECK(shares[1] == DayShare{date(2026, 1, 15), 1200s});

    // The same walk for a night owl whose day starts at 04:00 is all on the 14th.
    CHECK(split_by_local_day(utc(2026, 1, 14, 22, 50), utc(2026, 1, 14, 23, 20), 1h, hm(4, 0)) ==
          std::vector<DayShare>{{date(2026, 1, 14), 1800s}});
}

TEST_CASE("split_by_local_day covers whole days and edge cases", "[civil][split]") {
    SECTION("a span within one day is one share") {
        CHECK(split_by_local_day(utc(2026, 5, 1, 10, 0), utc(2026, 5, 1, 10, 7), 0s, 0min) ==
              std::vector<DayShare>{{date(2026, 5, 1), 420s}});
    }
    SECTION("an empty or reversed span gives nothing") {
        CHECK(split_by_local_day(utc(2026, 5, 1, 10, 0), utc(2026, 5, 1, 10, 0), 0s, 0min).empty());
        CHECK(split_by_local_day(utc(2026, 5, 1, 11, 0), utc(2026, 5, 1, 10, 0), 0s, 0min).empty());
    }
    SECTION("a span ending exactly at midnight stays on its day") {
        CHECK(split_by_local_day(utc(2026, 5, 1, 23, 0), utc(2026, 5, 2, 0, 0), 0s, 0min) ==
              std::vector<DayShare>{{date(2026, 5, 1), 3600s}});
    }
    SECTION("a span over several days gives full days in between") {
        const auto shares =
            split_by_local_day(utc(2026, 5, 1, 12, 0), utc(2026, 5, 4, 6, 0), -4h, 0min);
        REQUIRE(shares.size() == 4);
        CHECK(shares[0] == DayShare{date(2026, 5, 1), 16h});
        CHECK(shares[1] == DayShare{date(2026, 5, 2), 24h});
        CHECK(shares[2] == DayShare{date(2026, 5, 3), 24h});
        CHECK(shares[3] == DayShare{date(2026, 5, 4), 2h});
    }
    SECTION("milliseconds around a boundary add up to the whole seconds of the span") {
        const WallTime start = utc(2026, 5, 1, 23, 59, 59) + 500ms;
        const WallTime end = utc(2026, 5, 2, 0, 0, 10) + 700ms;
        const auto shares = split_by_local_day(start, end, 0s, 0min);
        CHECK(total(shares) == floor<Seconds>(end - start));
        REQUIRE(shares.size() == 1);
        CHECK(shares[0].date == date(2026, 5, 2));
    }
}

TEST_CASE("day lengths through a DST week come from local_to_wall", "[civil][dst]") {
    SECTION("Europe/Berlin spring week has one 23-hour day") {
        const ScopedTimeZone tz{"Europe/Berlin"};
        for (Date d = date(2026, 3, 23); d <= date(2026, 3, 30); d += days{1}) {
            CAPTURE(format_date(d));
            const auto length = local_to_wall(d + days{1}, 0min) - local_to_wall(d, 0min);
            CHECK(length == (d == date(2026, 3, 29) ? 23h : 24h));
        }
    }
    SECTION("Europe/Berlin autumn week has one 25-hour day") {
        const ScopedTimeZone tz{"Europe/Berlin"};
        for (Date d = date(2026, 10, 19); d <= date(2026, 10, 26); d += days{1}) {
            CAPTURE(format_date(d));
            const auto length = local_to_wall(d + days{1}, 0min) - local_to_wall(d, 0min);
            CHECK(length == (d == date(2026, 10, 25) ? 25h : 24h));
        }
    }
    SECTION("America/New_York spring week with days starting at 02:30, inside the gap") {
        const ScopedTimeZone tz{"America/New_York"};
        // 02:30 does not exist on 2026-03-08: that day starts at the end of the gap.
        CHECK(local_to_wall(date(2026, 3, 8), hm(2, 30)) == utc(2026, 3, 8, 7, 0));
        CHECK(local_to_wall(date(2026, 3, 9), hm(2, 30)) -
                  local_to_wall(date(2026, 3, 8), hm(2, 30)) ==
              23h + 30min);
        CHECK(local_to_wall(date(2026, 3, 8), hm(2, 30)) -
                  local_to_wall(date(2026, 3, 7), hm(2, 30)) ==
              23h + 30min);
    }
    SECTION("walks every evening of the week land on their local days") {
        const ScopedTimeZone tz{"Europe/Berlin"};
        for (Date d = date(2026, 3, 23); d <= date(2026, 3, 31); d += days{1}) {
            CAPTURE(format_date(d));
            // A walk from 23:45 to 00:15 local, recorded with the offset at its start.
            const WallTime start = local_to_wall(d, hm(23, 45));
            const WallTime end = local_to_wall(d + days{1}, hm(0, 15));
            const auto shares = split_by_local_day(start, end, local_utc_offset(start), 0min);
            REQUIRE(shares.size() == 2);
            CHECK(shares[0] == DayShare{d, 900s});
            CHECK(shares[1] == DayShare{d + days{1}, 900s});
        }
    }
    SECTION("a walk over the spring change counts its real length") {
        const ScopedTimeZone tz{"Europe/Berlin"};
        // 01:30 CET to 03:30 CEST is one hour.
        const WallTime start = local_to_wall(date(2026, 3, 29), hm(1, 30));
        const WallTime end = local_to_wall(date(2026, 3, 29), hm(3, 30));
        CHECK(split_by_local_day(start, end, local_utc_offset(start), 0min) ==
              std::vector<DayShare>{{date(2026, 3, 29), 3600s}});
    }
}
