// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI's argument parsers, and the command line as a whole: exit codes and
// the messages of bad arguments, run in-process against a temporary database.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "cli/arguments.hpp"
#include "cli_test_support.hpp"
#include "core/civil.hpp"

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
    CHECK(*parse_month_argument("last", sunday) ==
          DateRange{sys_days{2026y / February / 1}, sys_days{2026y / February / 28}});
    CHECK(parse_month_argument("last", sys_days{2026y / January / 10})->from ==
          sys_days{2025y / December / 1});
    for (std::string_view bad :
         {"2026-13", "2026-3", "march", "2026-03-01", "-026-03", "0001-01"}) {
        auto r = parse_month_argument(bad, sunday);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::StartsWith("expected a month like 2026-03 or last"));
    }
}

TEST_CASE("dates as people type them: weekdays, days back, and no year 1", "[cli]") {
    CHECK(*parse_date_argument("monday", sunday) == sys_days{2026y / March / 23});
    CHECK(*parse_date_argument("sun", sunday) == sunday);
    CHECK(*parse_date_argument("saturday", sunday) == sunday - days{1});
    CHECK(*parse_date_argument("-3d", sunday) == sunday - days{3});
    CHECK(*parse_date_argument("-0d", sunday) == sunday);
    CHECK(*parse_date_argument("yesterday", sunday) == sunday - days{1});
    auto r = parse_date_argument("0001-01-01", sunday);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == R"(expected a date from 1970 on, got "0001-01-01")");
    // Days back reach no further: found by fuzz_date_time ("-029100dT0:33").
    r = parse_date_argument("-29100d", sunday);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == R"(expected a date from 1970 on, got "-29100d")");
    for (std::string_view bad : {"someday", "-3", "3d", "-xd", "moon", "-99999999d"}) {
        INFO(bad);
        r = parse_date_argument(bad, sunday);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::StartsWith("expected a date like 2026-03-29, today, "
                                                "yesterday, a weekday (monday) or -3d"));
    }
    CHECK(*parse_week_argument("last", sunday) ==
          DateRange{sys_days{2026y / March / 16}, sys_days{2026y / March / 22}});
    CHECK(*parse_week_argument("wednesday", sunday) == week_of(sunday));
    CHECK_THAT(parse_week_argument("soon", sunday).error(), Catch::EndsWith("or last"));
    CHECK(*parse_time_argument("9:05") == minutes{545});
    CHECK_FALSE(parse_time_argument("9:5").ok());
}

TEST_CASE("a week runs Monday to Sunday around any of its days", "[cli]") {
    const DateRange expected{sys_days{2026y / March / 23}, sunday};
    CHECK(week_of(sunday) == expected);
    CHECK(week_of(sys_days{2026y / March / 23}) == expected);
    CHECK(week_of(sys_days{2026y / March / 25}) == expected);
    CHECK(week_of(sys_days{2026y / March / 30}).from == sys_days{2026y / March / 30});
}

TEST_CASE("log --at takes now, a time today or a date and a time", "[cli]") {
    const auto civil = [](std::string_view text) {
        auto at = parse_at_argument(text, sunday);
        INFO(text);
        REQUIRE(at.ok());
        REQUIRE(std::holds_alternative<CivilTime>(*at));
        return std::get<CivilTime>(*at);
    };
    CHECK(civil("14:30") == CivilTime{sunday, minutes{870}});
    CHECK(civil("2026-03-01 07:05") == CivilTime{sys_days{2026y / March / 1}, minutes{425}});
    CHECK(civil("yesterday 23:59") == CivilTime{sunday - days{1}, minutes{1439}});
    CHECK(civil("2026-03-01T07:05") == CivilTime{sys_days{2026y / March / 1}, minutes{425}});
    CHECK(civil("9:05") == CivilTime{sunday, minutes{545}});
    CHECK(civil("friday 7:05") == CivilTime{sunday - days{2}, minutes{425}});
    // "now" is not a start: the walk ended now, as without --at.
    CHECK(*parse_at_argument("now", sunday) == AtArgument{EndsNow{}});
    for (std::string_view bad : {"", "24:00", "7:5", "2026-02-30 10:00", "10:00 today",
                                 "0001-01-01 10:00", "Now", "now 10:00", "today now"}) {
        auto r = parse_at_argument(bad, sunday);
        INFO(bad);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(),
                   Catch::StartsWith("expected now, a time like 14:30 or 2026-03-29 14:30"));
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
    CHECK_THAT(r.err, Catch::EndsWith("run walkbreak stats --help\n"));
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

TEST_CASE("a bad argument points at the command's help, an unknown command at the nearest",
          "[cli]") {
    Sandbox s;
    auto r = s.run({"statz"});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "walkbreak: unknown command \"statz\"; did you mean stats?\nrun walkbreak --help\n");
    r = s.run({"hist"});
    CHECK_THAT(r.err, Catch::Contains("did you mean history?"));
    r = s.run({"--db", "x.db", "xyzzy"});
    CHECK(r.err == "walkbreak: unknown command \"xyzzy\"\nrun walkbreak --help\n");
    r = s.run({"stats", "--bogus"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::EndsWith("run walkbreak stats --help\n"));
    r = s.run({"history", "--limit", "abc"});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "walkbreak: --limit: expected a whole number from 1 to 1000000, got \"abc\"\n"
          "run walkbreak history --help\n");
    r = s.run({"stats", "--day", "0001-01-01"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("expected a date from 1970 on"));
    CHECK(s.run({"stats", "--week", "last"}).code == 0);
    CHECK(s.run({"stats", "--day", "monday"}).code == 0);
}

TEST_CASE("a named config file must exist; config path is absolute", "[cli]") {
    Sandbox s;
    auto r = s.run({"--config", (s.home / "nope.toml").string(), "today"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("walkbreak: --config " + (s.home / "nope.toml").string() +
                                        ": no such file\n"));
    r = s.run({"--db", "relative.db", "config", "path", "--json"});
    CHECK(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("db") == (std::filesystem::current_path() / "relative.db").string());
}

TEST_CASE("reports fall back to the defaults with one warning on a broken config", "[cli]") {
    Sandbox s;
    std::filesystem::create_directories(s.home / "config" / "walkbreak");
    std::ofstream(s.home / "config" / "walkbreak" / "config.toml") << "[reminder]\ninterval = 5\n";
    for (const char* view : {"today", "stats", "history"}) {
        const auto r = s.run({view});
        INFO(view);
        CHECK(r.code == 0);
        CHECK_THAT(r.err, Catch::EndsWith("has 1 error; using the defaults (walkbreak config "
                                          "check)\n"));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    const auto check = s.run({"config", "check", "--json"});
    CHECK(check.code == 1);
    const auto j = nlohmann::json::parse(check.out);
    CHECK(j.at("ok") == false);
    CHECK(j.at("errors").at(0).at("key") == "reminder.interval");
    CHECK(j.at("errors").at(0).at("line") == 2);
}

TEST_CASE("config show --json has every section", "[cli]") {
    Sandbox s;
    auto r = s.run({"config", "show", "--json"});
    CHECK(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("reminder").at("interval") == "45m");
    CHECK(j.at("goal").at("daily") == "30m");
    // An unusual value is check's (and doctor's) to point out, not every command's.
    std::filesystem::create_directories(s.home / "config" / "walkbreak");
    std::ofstream(s.home / "config" / "walkbreak" / "config.toml") << "[reminder]\ninterval = "
                                                                      "\"10m\"\n";
    for (std::vector<std::string> args :
         {std::vector<std::string>{"config", "show"}, {"today"}, {"stats"}, {"history"}}) {
        r = s.run(args);
        INFO(args.front());
        CHECK(r.code == 0);
        CHECK(r.err.empty());
    }
    r = s.run({"config", "check"});
    CHECK_THAT(r.err, Catch::StartsWith("warning: "));
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

TEST_CASE("files named on the command line fail with the reason", "[cli]") {
    Sandbox s;
    auto r = s.run({"import", s.home.string()});
    CHECK(r.code == 1);
    CHECK(r.err == "walkbreak: " + s.home.string() + ": is a directory; expected a file\n");
    r = s.run({"chart", "-o", "/no/such/dir/x.svg"});
    CHECK(r.code == 1);
    CHECK(r.err == "walkbreak: cannot write /no/such/dir/x.svg: No such file or directory\n");
    r = s.run({"chart", "-o", (s.home / "x.png").string()});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("expected a file name ending in .svg"));
    s.input = "kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note\n";
    r = s.run({"import", "-"});
    CHECK(r.code == 0);
    CHECK(r.out == "imported nothing; skipped 0 duplicates\n");
}

TEST_CASE("day.starts_at dates a walk the same in log, history and stats", "[cli]") {
    Sandbox s;
    std::filesystem::create_directories(s.home / "config" / "walkbreak");
    std::ofstream(s.home / "config" / "walkbreak" / "config.toml") << "[day]\nstarts_at = "
                                                                      "\"04:00\"\n";
    const core::Date wednesday = sys_days{2026y / March / 25};
    s.now = core::local_to_wall(wednesday, hours{12});
    auto r = s.run({"log", "10m", "--at", "1:00"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains(" on 2026-03-24 01:00–01:10"));
    CHECK_THAT(s.run({"history"}).out, Catch::Contains("2026-03-24  01:00–01:10"));
    const auto day = nlohmann::json::parse(s.run({"stats", "--day", "2026-03-24", "--json"}).out);
    CHECK(day.at("walk_minutes") == 10);
}

TEST_CASE("log --at now and edit --at now end the walk now", "[cli]") {
    Sandbox s;
    const core::Date wednesday = sys_days{2026y / March / 25};
    s.now = core::local_to_wall(wednesday, hours{12});
    auto r = s.run({"log", "10m", "--at", "now"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains(" on 2026-03-25 11:50–12:00"));
    REQUIRE(s.run({"log", "5m", "--at", "9:00"}).code == 0);
    s.now = core::local_to_wall(wednesday, hours{13});
    r = s.run({"edit", "2", "--at", "now"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains(" on 2026-03-25 12:55–13:00 (was "));
    r = s.run({"edit", "2", "--at", "now", "--duration", "20m"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains(" on 2026-03-25 12:40–13:00 (was "));
}
