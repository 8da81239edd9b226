// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>
#include <catch2/catch.hpp>

#include "config_test_support.hpp"
#include "core/config.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

ConfigParse parse_one(const std::string& table, const std::string& key, const std::string& value) {
    return parse_config("[" + table + "]\n" + key + " = " + value + "\n", "t.toml");
}

// Whether `value` is accepted for table.key, and with how many warnings.
struct Verdict {
    bool accepted;
    std::size_t warnings;
    friend bool operator==(const Verdict&, const Verdict&) = default;
};
Verdict verdict(const std::string& table, const std::string& key, const std::string& value) {
    const auto r = parse_one(table, key, value);
    return {r.config.has_value(), r.warnings.size()};
}

constexpr Verdict ok{true, 0};
constexpr Verdict warned{true, 1};
constexpr Verdict refused{false, 0};

}  // namespace

TEST_CASE("duration limits: errors outside, warnings when unusual", "[config][ranges]") {
    CHECK(verdict("idle", "away_after", R"("0s")") == refused);
    CHECK(verdict("idle", "away_after", R"("1s")") == warned);
    CHECK(verdict("idle", "away_after", R"("29s")") == warned);
    CHECK(verdict("idle", "away_after", R"("30s")") == ok);
    CHECK(verdict("idle", "away_after", R"("1h")") == ok);
    CHECK(verdict("idle", "away_after", R"("1h1s")") == refused);

    CHECK(verdict("reminder", "interval", R"("4s")") == refused);
    CHECK(verdict("reminder", "interval", R"("5s")") == warned);
    CHECK(verdict("reminder", "interval", R"("29m59s")") == warned);
    CHECK(verdict("reminder", "interval", R"("30m")") == ok);
    CHECK(verdict("reminder", "interval", R"("1h")") == ok);
    CHECK(verdict("reminder", "interval", R"("1h1s")") == warned);
    CHECK(verdict("reminder", "interval", R"("4h")") == warned);
    CHECK(verdict("reminder", "interval", R"("4h1s")") == refused);

    CHECK(verdict("reminder", "escalate_after", R"("0s")") == ok);
    CHECK(verdict("reminder", "escalate_after", R"("2h")") == ok);
    CHECK(verdict("reminder", "escalate_after", R"("2h1s")") == refused);

    CHECK(verdict("reminder", "snooze", R"("0s")") == refused);
    CHECK(verdict("reminder", "snooze", R"("1s")") == warned);
    CHECK(verdict("reminder", "snooze", R"("1m")") == ok);
    CHECK(verdict("reminder", "snooze", R"("2h1s")") == refused);

    CHECK(verdict("walk", "min", R"("0s")") == refused);
    CHECK(verdict("walk", "min", R"("1s")") == warned);
    CHECK(verdict("walk", "min", R"("1m")") == ok);
    CHECK(verdict("walk", "max", R"("4h")") == ok);
    CHECK(verdict("walk", "max", R"("4h1s")") == refused);
    CHECK(verdict("walk", "grace", R"("0s")") == ok);
    CHECK(verdict("walk", "grace", R"("2h1s")") == refused);

    CHECK(verdict("goal", "daily", R"("59s")") == refused);
    CHECK(verdict("goal", "daily", R"("8h")") == ok);
    CHECK(verdict("goal", "daily", R"("8h1s")") == refused);
    CHECK(verdict("goal", "weekly", R"("56h")") == ok);
    CHECK(verdict("goal", "weekly", R"("56h1s")") == refused);
}

TEST_CASE("walk.min may not exceed walk.max", "[config][ranges]") {
    SECTION("equal is fine") {
        const auto r = parse_config("[walk]\nmin = \"5m\"\nmax = \"5m\"\n", "t.toml");
        CHECK(r.config.has_value());
    }
    SECTION("a max below the default min is reported at max") {
        const auto r = parse_one("walk", "max", R"("1m")");
        check_diagnostics(r.errors,
                          {{2, 7, "walk.max", R"(expected at least walk.min (2m), got "1m")"}});
    }
    SECTION("a min above the default max is reported at min") {
        const auto r = parse_one("walk", "min", R"("2h")");
        check_diagnostics(r.errors,
                          {{2, 7, "walk.min", R"(expected at most walk.max (1h), got "2h")"}});
    }
    SECTION("an unreadable max does not add a second error to min") {
        const auto r = parse_config("[walk]\nmin = \"2h\"\nmax = 30\n", "t.toml");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].key == "walk.max");
    }
}

TEST_CASE("the beginner program needs its start date", "[config][goal]") {
    SECTION("with a TOML date") {
        const auto r =
            parse_config("[goal]\nprogram = \"beginner\"\nprogram_start = 2026-03-30\n", "t.toml");
        REQUIRE(r.config.has_value());
        CHECK(r.config->goal.program_start.has_value());
    }
    SECTION("without one, the error is at goal.program") {
        const auto r = parse_one("goal", "program", R"("beginner")");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].key == "goal.program");
        CHECK(r.errors[0].line == 2);
        CHECK(r.errors[0].column == 11);
    }
    SECTION("a start date alone is ignored, with a warning") {
        const auto r = parse_one("goal", "program_start", R"("2026-03-30")");
        REQUIRE(r.config.has_value());
        check_diagnostics(r.warnings, {{2, 17, "goal.program_start",
                                        R"(ignored unless goal.program = "beginner")"}});
    }
    SECTION("a bad start date is one error, not two") {
        const auto r =
            parse_config("[goal]\nprogram = \"beginner\"\nprogram_start = \"soon\"\n", "t.toml");
        check_diagnostics(r.errors, {{3, 17, "goal.program_start",
                                      R"(expected a date like 2026-03-30, got "soon")"}});
    }
}

TEST_CASE("program_start accepts only real dates", "[config][goal]") {
    const auto check_error = [](const std::string& value, const std::string& message) {
        CAPTURE(value);
        const auto r = parse_one("goal", "program_start", value);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].message == message);
    };
    check_error(R"("today")", R"(expected a date like 2026-03-30, got "today")");
    check_error(R"("2026-02-30")",
                R"(expected a date that exists in the calendar, got "2026-02-30")");
    check_error("2026-03-30T10:00:00", "expected a date like 2026-03-30, got a date-time");
    check_error("20260330", "expected a date like 2026-03-30, got an integer");
}

TEST_CASE("work hours and days are checked", "[config][schedule]") {
    SECTION("hours may run past midnight") {
        const auto r = parse_one("schedule", "work_hours", R"("22:00-06:00")");
        REQUIRE(r.config.has_value());
        CHECK(*r.config->schedule.work_hours == WorkHours{22h, 6h});
    }
    SECTION("equal start and end mean around the clock") {
        const auto r = parse_one("schedule", "work_hours", R"("00:00-00:00")");
        REQUIRE(r.config.has_value());
        CHECK(*r.config->schedule.work_hours == WorkHours{0min, 0min});
    }
    SECTION("malformed hours are refused") {
        for (const char* bad : {R"("09:00")", R"("09:00-17:30 ")", R"("09:00 - 17:30")",
                                R"("9:00-17:30")", R"("09:00-24:00")", R"("09:00_17:30")"}) {
            CAPTURE(bad);
            CHECK_FALSE(parse_one("schedule", "work_hours", bad).config.has_value());
        }
    }
    SECTION("days without hours are ignored, with a warning") {
        const auto r = parse_one("schedule", "work_days", R"(["mon"])");
        REQUIRE(r.config.has_value());
        check_diagnostics(r.warnings, {{2, 13, "schedule.work_days",
                                        "ignored unless schedule.work_hours is set"}});
    }
    SECTION("no days at all with hours gives a warning") {
        const auto r =
            parse_config("[schedule]\nwork_hours = \"09:00-17:00\"\nwork_days = []\n", "t.toml");
        REQUIRE(r.config.has_value());
        CHECK(r.config->schedule.work_days == std::array<bool, 7>{});
        check_diagnostics(r.warnings, {{3, 13, "schedule.work_days",
                                        "no work days: reminders will never be shown"}});
    }
}

TEST_CASE("a weekly goal below the daily one gives a warning", "[config][goal]") {
    const auto r = parse_config("[goal]\ndaily = \"40m\"\nweekly = \"30m\"\n", "t.toml");
    REQUIRE(r.config.has_value());
    check_diagnostics(r.warnings, {{3, 10, "goal.weekly", "30m is less than goal.daily (40m)"}});
}

TEST_CASE("diagnostics print as file:line:col: key: message", "[config][diagnostics]") {
    CHECK(ConfigDiagnostic{"c.toml", 3, 12, "reminder.interval", "expected x"}.to_string() ==
          "c.toml:3:12: reminder.interval: expected x");
    CHECK(ConfigDiagnostic{"c.toml", 1, 2, "", "Error while parsing"}.to_string() ==
          "c.toml:1:2: Error while parsing");
    CHECK(ConfigDiagnostic{"/x/c.toml", 0, 0, "", "expected a readable file"}.to_string() ==
          "/x/c.toml: expected a readable file");
}

TEST_CASE("load_config_file: a missing file is the defaults", "[config][file]") {
    const auto r = load_config_file(fixture_path("does-not-exist.toml"));
    REQUIRE(r.config.has_value());
    CHECK(*r.config == Config{});
    CHECK(r.errors.empty());
}

TEST_CASE("load_config_file: an unreadable file is one error without a place", "[config][file]") {
    const std::string dir = fixture_path("");  // a directory cannot be read as a file
    const auto r = load_config_file(dir);
    CHECK_FALSE(r.config.has_value());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].file == dir);
    CHECK(r.errors[0].line == 0);
    CHECK(r.errors[0].key.empty());
    CHECK(r.errors[0].message == "expected a readable file: Is a directory");
}

TEST_CASE("load_config_file: diagnostics name the file by its path", "[config][file]") {
    const std::string path = fixture_path("typo_key.toml");
    const auto r = load_config_file(path);
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].to_string() == path +
                                         ":2:1: reminder.intervall: unknown key "
                                         "`reminder.intervall`; did you mean `reminder.interval`?");
    const auto good = load_config_file(fixture_path("good_full.toml"));
    CHECK(good.config.has_value());
}
