// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI's argument parsers, and the command line as a whole: exit codes and
// the messages of bad arguments, run in-process against a temporary database.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli/arguments.hpp"
#include "cli_test_support.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace std::chrono;
using walkbreak::test::Sandbox;

namespace {

constexpr core::Date sunday = sys_days{2026y / March / 29};

}  // namespace

TEST_CASE("months parse to their first and last day", "[cli]") {
    auto feb = parse_month_argument("2028-02", sunday);
    REQUIRE(feb.ok());
    CHECK(feb->from == sys_days{2028y / February / 1});
    CHECK(feb->to == sys_days{2028y / February / 29});
    auto current = parse_month_argument("", sunday);
    REQUIRE(current.ok());
    CHECK(*current == DateRange{sys_days{2026y / March / 1}, sys_days{2026y / March / 31}});
    for (std::string_view bad : {"2026-13", "2026-3", "march", "2026-03-01", "-026-03"}) {
        auto r = parse_month_argument(bad, sunday);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::StartsWith("expected a month like 2026-03"));
    }
}

TEST_CASE("a week runs Monday to Sunday around any of its days", "[cli]") {
    const DateRange expected{sys_days{2026y / March / 23}, sunday};
    CHECK(week_of(sunday) == expected);
    CHECK(week_of(sys_days{2026y / March / 23}) == expected);
    CHECK(week_of(sys_days{2026y / March / 25}) == expected);
    CHECK(week_of(sys_days{2026y / March / 30}).from == sys_days{2026y / March / 30});
}

TEST_CASE("log --at takes a time today or a date and a time", "[cli]") {
    CHECK(*parse_at_argument("14:30", sunday) == CivilTime{sunday, minutes{870}});
    CHECK(*parse_at_argument("2026-03-01 07:05", sunday) ==
          CivilTime{sys_days{2026y / March / 1}, minutes{425}});
    CHECK(*parse_at_argument("yesterday 23:59", sunday) ==
          CivilTime{sunday - days{1}, minutes{1439}});
    CHECK(parse_at_argument("2026-03-01T07:05", sunday).ok());
    for (std::string_view bad : {"", "24:00", "7:05", "2026-02-30 10:00", "now", "10:00 today"}) {
        auto r = parse_at_argument(bad, sunday);
        INFO(bad);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::StartsWith("expected a time like 14:30 or 2026-03-29 14:30"));
    }
}

TEST_CASE("walk ids are positive whole numbers", "[cli]") {
    CHECK(*parse_walk_id("42") == 42);
    for (std::string_view bad : {"", "0", "-1", "+3", "4x", "99999999999999999999"}) {
        INFO(bad);
        CHECK_FALSE(parse_walk_id(bad).ok());
    }
}

TEST_CASE("durations for commands must be longer than zero", "[cli]") {
    CHECK(*parse_positive_duration("90s") == core::Seconds{90});
    CHECK(parse_positive_duration("0s").error() ==
          "expected a duration longer than 0s, got \"0s\"");
    CHECK_THAT(parse_positive_duration("5").error(),
               Catch::StartsWith("expected a duration like 90s, 5m or 1h30m"));
}

TEST_CASE("usage errors exit 2 and say what was expected", "[cli]") {
    Sandbox s;
    auto r = s.run({"log", "12"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err,
               Catch::StartsWith("walkbreak: log: expected a duration like 90s, 5m or 1h30m"));
    r = s.run({"log", "0s"});
    CHECK(r.code == 2);
    r = s.run({"stats", "--day", "someday"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("expected a date like 2026-03-29"));
    r = s.run({"stats", "--day", "today", "--week"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::EndsWith("run walkbreak --help\n"));
    r = s.run({"frobnicate"});
    CHECK(r.code == 2);
    r = s.run({"export", "--format", "xml"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("expected csv or json"));
    r = s.run({"delete", "abc"});
    CHECK(r.code == 2);
    r = s.run({"log", "5m", "--at", "2999-01-01 10:00"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("in the future"));
    CHECK(s.run({}).code == 2);
}

TEST_CASE("help and version exit 0 on stdout", "[cli]") {
    Sandbox s;
    auto help = s.run({"--help"});
    CHECK(help.code == 0);
    for (std::string_view cmd : {"status", "stats", "history", "log", "delete", "export", "config",
                                 "snooze", "pause", "resume", "reload"}) {
        CHECK_THAT(help.out, Catch::Contains(std::string("  ") + std::string(cmd)));
    }
    auto version = s.run({"--version"});
    CHECK(version.code == 0);
    CHECK(version.out == "walkbreak " WALKBREAK_VERSION "\n");
}

TEST_CASE("a walk logged by hand is counted, listed and deleted", "[cli]") {
    Sandbox s;
    CHECK(nlohmann::json::parse(s.run({"stats", "--json", "--day", "today"}).out)
              .at("walk_seconds") == 0);
    auto logged = s.run({"log", "12m", "--note", "round the block"});
    REQUIRE(logged.code == 0);
    CHECK_THAT(logged.out, Catch::StartsWith("logged walk 1: 12m on "));
    const auto day = nlohmann::json::parse(s.run({"stats", "--json", "--day", "today"}).out);
    CHECK(day.at("walk_minutes") == 12);
    CHECK(day.at("walk_seconds") == 720);
    const auto history = nlohmann::json::parse(s.run({"history", "--json"}).out);
    REQUIRE(history.at("walks").size() == 1);
    CHECK(history.at("walks").at(0).at("note") == "round the block");
    CHECK(s.run({"delete", "1"}).code == 0);
    auto again = s.run({"delete", "1"});
    CHECK(again.code == 1);
    CHECK(again.err == "walkbreak: no walk with id 1 (walkbreak history lists them)\n");
}

TEST_CASE("daemon commands without a daemon fail with one line", "[cli]") {
    Sandbox s;
    for (std::vector<std::string> args :
         {std::vector<std::string>{"status"}, {"walk"}, {"snooze", "5m"}, {"pause"}}) {
        auto r = s.run(args);
        CHECK(r.code == 1);
        CHECK(r.err == "walkbreak: walkbreakd is not running (no socket at " +
                           (s.home / "run" / "walkbreak" / "control.sock").string() +
                           "); start it with: systemctl --user start walkbreakd\n");
    }
}
