// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>
#include <catch2/catch.hpp>

#include "core/duration.hpp"

using namespace walkbreak::core;
using namespace std::chrono_literals;

TEST_CASE("parse_duration reads h, m and s groups", "[duration]") {
    CHECK(parse_duration("90s").value() == 90s);
    CHECK(parse_duration("5m").value() == 5min);
    CHECK(parse_duration("1h30m").value() == 90min);
    CHECK(parse_duration("2h").value() == 2h);
    CHECK(parse_duration("1h5m30s").value() == 1h + 5min + 30s);
    CHECK(parse_duration("1h1s").value() == 3601s);
    CHECK(parse_duration("0s").value() == 0s);
    CHECK(parse_duration("0h0m0s").value() == 0s);
    CHECK(parse_duration("90m").value() == 90min);
    CHECK(parse_duration("007m").value() == 7min);
}

TEST_CASE("parse_duration refuses bare numbers, unknown units and disorder", "[duration]") {
    for (const char* bad : {"",     "5",    "m",    "h5",   "5x",   "5M",     "5 m",    " 5m",
                            "5m ",  "-5m",  "+5m",  "1.5h", "1,5h", "1h30",   "1m1h",   "1s1m",
                            "1m1m", "1h1h", "5min", "5ms",  "1d",   "1h 30m", "1h-30m", "5m\n"}) {
        CAPTURE(bad);
        const auto r = parse_duration(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error() ==
              std::string{"expected a duration like 90s, 5m or 1h30m, got \""} + bad + "\"");
    }
}

TEST_CASE("parse_duration refuses numbers too large instead of overflowing", "[duration]") {
    CHECK(parse_duration("100000h").value() == 100000h);
    CHECK(parse_duration("360000000s").value() == 100000h);
    for (const char* huge :
         {"100001h", "99999h60m1s", "360000001s", "9223372036854775807s",
          "99999999999999999999999999999h", "18446744073709551616m", "100000h1s"}) {
        CAPTURE(huge);
        const auto r = parse_duration(huge);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error() == std::string{"duration \""} + huge + "\" is too long: at most 100000h");
    }
}

TEST_CASE("format_duration gives the shortest canonical spelling", "[duration]") {
    CHECK(format_duration(5400s) == "1h30m");
    CHECK(format_duration(90s) == "1m30s");
    CHECK(format_duration(0s) == "0s");
    CHECK(format_duration(59s) == "59s");
    CHECK(format_duration(60s) == "1m");
    CHECK(format_duration(3600s) == "1h");
    CHECK(format_duration(3601s) == "1h1s");
    CHECK(format_duration(150min) == "2h30m");
    CHECK(format_duration(100h) == "100h");
    CHECK(format_duration(-90s) == "-1m30s");
}

TEST_CASE("format_duration output parses back to the same duration", "[duration]") {
    for (Seconds d = 0s; d < 3h; d += 37s) {
        CAPTURE(d.count());
        CHECK(parse_duration(format_duration(d)).value() == d);
    }
    CHECK(parse_duration(format_duration(100000h)).value() == 100000h);
}
