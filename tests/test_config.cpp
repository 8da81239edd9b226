// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "config_test_support.hpp"
#include "core/config.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

constexpr Date date(int y, unsigned m, unsigned d) { return Date{year{y} / month{m} / day{d}}; }

}  // namespace

TEST_CASE("an empty config gives the built-in defaults", "[config]") {
    const auto r = parse_config("", "empty.toml");
    REQUIRE(r.config.has_value());
    CHECK(*r.config == Config{});
    CHECK(r.errors.empty());
    CHECK(r.warnings.empty());
}

TEST_CASE("every key is read from a complete config", "[config]") {
    const auto r = parse_fixture("good_full.toml");
    check_diagnostics(r.errors, {});
    check_diagnostics(r.warnings, {});
    REQUIRE(r.config.has_value());
    const Config& c = *r.config;
    CHECK(c.idle.away_after == 5min);
    CHECK(c.idle.backend == IdleBackend::X11Sync);
    CHECK_FALSE(c.idle.inhibitors_keep_sitting);
    CHECK(c.reminder.interval == 50min);
    CHECK(c.reminder.escalate_after == 0s);
    CHECK(c.reminder.snooze == 5min);
    CHECK(c.walk.min == 3min);
    CHECK(c.walk.max == 90min);
    CHECK(c.walk.grace == 10min);
    CHECK(c.walk.credit == WalkCredit::Auto);
    CHECK(c.day.starts_at == 4h + 30min);
    CHECK(c.goal.daily == 20min);
    CHECK(c.goal.weekly == 2h);
    CHECK(c.goal.program == GoalProgram::Beginner);
    CHECK(c.goal.program_start == date(2026, 3, 30));
    CHECK(c.checkin.enabled);
    REQUIRE(c.schedule.work_hours.has_value());
    CHECK(*c.schedule.work_hours == WorkHours{22h, 6h + 30min});
    CHECK(c.schedule.work_days == std::array{true, true, false, false, false, false, true});
    CHECK_FALSE(c.meeting.enabled);
    CHECK(c.meeting.signals == std::vector{MeetingSignal::Camera, MeetingSignal::Microphone});
    CHECK(c.meeting.remind_after == 0s);
    CHECK(c.meeting.max_hold == 45min);
    CHECK(c.meeting.ignore_apps == std::vector<std::string>{"nerd-dictation", "a \"quoted\" app"});
    CHECK(c.meeting.camera_devices == "/tmp/test-video*");
}

TEST_CASE("dotted keys, inline tables and a date string are read", "[config]") {
    const auto r = parse_fixture("good_partial.toml");
    check_diagnostics(r.errors, {});
    REQUIRE(r.config.has_value());
    Config expected;
    expected.reminder.interval = 40min;
    expected.walk.credit = WalkCredit::Off;
    expected.goal.program = GoalProgram::Beginner;
    expected.goal.program_start = date(2026, 4, 6);
    CHECK(*r.config == expected);
}

TEST_CASE("second-scale values for testing are allowed with warnings", "[config]") {
    const auto r = parse_fixture("testing_values.toml");
    check_diagnostics(r.errors, {});
    REQUIRE(r.config.has_value());
    CHECK(r.config->idle.away_after == 3s);
    CHECK(r.config->reminder.interval == 20s);
    CHECK(r.config->walk.max == 1min);
    check_diagnostics(
        r.warnings,
        {{3, 14, "idle.away_after",
          "3s is unusual: pausing to read or think will count as being away"},
         {6, 12, "reminder.interval",
          "20s is unusual: a short walk every 30m to 1h of sitting is what helps a back"},
         {8, 10, "reminder.snooze",
          "5s is unusual: a snoozed reminder will be back almost at once"},
         {11, 7, "walk.min", "2s is unusual: very short pauses will count as walks"}});
}

TEST_CASE("a misspelt key is an error with a suggestion", "[config][diagnostics]") {
    const auto r = parse_fixture("typo_key.toml");
    CHECK_FALSE(r.config.has_value());
    check_diagnostics(r.errors,
                      {{2, 1, "reminder.intervall",
                        "unknown key `reminder.intervall`; did you mean `reminder.interval`?"},
                       {6, 1, "walk.interval",
                        "unknown key `walk.interval`; did you mean `reminder.interval`?"}});
}

TEST_CASE("an unknown table is an error with a suggestion when one is close",
          "[config][diagnostics]") {
    const auto r = parse_fixture("unknown_table.toml");
    CHECK_FALSE(r.config.has_value());
    check_diagnostics(r.errors,
                      {{1, 2, "remindr", "unknown table `remindr`; did you mean `reminder`?"},
                       {4, 2, "notifications",
                        "unknown table `notifications`; expected one of: idle, reminder, walk, "
                        "day, goal, checkin, schedule, meeting, sync"}});
}

TEST_CASE("keys that fit nowhere say what is allowed", "[config][diagnostics]") {
    SECTION("a key of a table written at the root") {
        const auto r = parse_config("interval = \"30m\"\n", "c.toml");
        check_diagnostics(
            r.errors,
            {{1, 1, "interval", "unknown key `interval`; did you mean `reminder.interval`?"}});
    }
    SECTION("an unknown key with nothing close lists the table's keys") {
        const auto r = parse_config("[reminder]\nvolume = 3\n", "c.toml");
        check_diagnostics(r.errors, {{2, 1, "reminder.volume",
                                      "unknown key `reminder.volume`; expected one of: interval, "
                                      "escalate_after, snooze"}});
    }
    SECTION("an unknown key at the root") {
        const auto r = parse_config("colour = \"blue\"\n", "c.toml");
        check_diagnostics(
            r.errors,
            {{1, 1, "colour", "unknown key `colour`; keys belong in tables like [reminder]"}});
    }
    SECTION("a table given as a value") {
        const auto r = parse_config("\nreminder = 5\n", "c.toml");
        check_diagnostics(r.errors,
                          {{2, 12, "reminder", "expected a table ([reminder]), got an integer"}});
    }
    SECTION("a subtable of a known table") {
        const auto r = parse_config("[walk.extra]\nx = 1\n", "c.toml");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].key == "walk.extra");
        CHECK(r.errors[0].line == 1);
        CHECK(r.errors[0].message ==
              "unknown key `walk.extra`; expected one of: min, max, grace, "
              "credit");
    }
}

TEST_CASE("bad durations say what a duration looks like", "[config][diagnostics]") {
    const auto r = parse_fixture("bad_duration.toml");
    CHECK_FALSE(r.config.has_value());
    check_diagnostics(
        r.errors,
        {{2, 12, "reminder.interval",
          R"(expected a duration with a unit, like "45m", got the bare number 45 )"
          R"((write "45s", "45m" or "45h"))"},
         {3, 10, "reminder.snooze", R"(expected a duration like 90s, 5m or 1h30m, got "5")"},
         {4, 18, "reminder.escalate_after",
          R"(expected a duration like 90s, 5m or 1h30m, got "1h30")"},
         {7, 9, "walk.grace", R"(expected a duration string like "45m", got a float)"}});
}

TEST_CASE("a TOML syntax error gives its place and toml++'s description", "[config][diagnostics]") {
    const auto r = parse_fixture("syntax_error.toml");
    CHECK_FALSE(r.config.has_value());
    CHECK(r.warnings.empty());
    REQUIRE(r.errors.size() == 1);
    const auto& e = r.errors[0];
    CHECK(e.file == "syntax_error.toml");
    CHECK(e.line == 3);
    CHECK(e.column == 14);
    CHECK(e.key.empty());
    CHECK_THAT(e.message, Catch::StartsWith("Error while parsing string"));
    CHECK_THAT(e.to_string(), Catch::StartsWith("syntax_error.toml:3:14: Error while parsing"));

    const auto missing_bracket = parse_config("[reminder\ninterval = \"45m\"\n", "b.toml");
    REQUIRE(missing_bracket.errors.size() == 1);
    CHECK(missing_bracket.errors[0].line == 1);
    CHECK_FALSE(missing_bracket.errors[0].message.empty());

    const auto duplicate = parse_config("[walk]\nmin = \"2m\"\nmin = \"3m\"\n", "d.toml");
    REQUIRE(duplicate.errors.size() == 1);
    CHECK(duplicate.errors[0].line == 3);
}

TEST_CASE("wrong types name the expected type", "[config][diagnostics]") {
    const auto r = parse_fixture("wrong_type.toml");
    CHECK_FALSE(r.config.has_value());
    check_diagnostics(
        r.errors,
        {{2, 27, "idle.inhibitors_keep_sitting",
          "expected a boolean (true or false), got a string"},
         {3, 11, "idle.backend",
          R"(expected one of "auto", "ext-idle-notify", "kde-idle", "gnome-mutter", "x11-sync", )"
          R"("x11-screensaver", got an integer)"},
         {6, 13, "day.starts_at", R"(expected a time of day string like "04:00", got an integer)"},
         {9, 11, "checkin.enabled",
          R"(expected a boolean, got the string "true" (write true without quotes))"},
         {12, 13, "schedule.work_days",
          R"(expected an array of days like ["mon", "tue", "wed", "thu", "fri"], got a string)"}});
}

TEST_CASE("values out of range are errors at the value", "[config][diagnostics]") {
    const auto r = parse_fixture("out_of_range.toml");
    CHECK_FALSE(r.config.has_value());
    check_diagnostics(
        r.errors, {{2, 14, "idle.away_after", R"(expected a duration from 1s to 1h, got "0s")"},
                   {5, 12, "reminder.interval", R"(expected a duration from 5s to 4h, got "5h")"},
                   {6, 10, "reminder.snooze", R"(expected a duration from 1s to 2h, got "3h")"},
                   {9, 7, "walk.min", R"(expected at most walk.max (1h), got "2h")"},
                   {13, 9, "goal.daily", R"(expected a duration from 1m to 8h, got "10h")"},
                   {14, 10, "goal.weekly", R"(expected a duration from 1m to 56h, got "30s")"}});
    // No warning is piled onto a value that is already an error.
    CHECK(r.warnings.empty());
}

TEST_CASE("every bad value in a file is reported, in file order", "[config][diagnostics]") {
    const auto r = parse_fixture("bad_values.toml");
    CHECK_FALSE(r.config.has_value());
    const std::string days = R"("mon", "tue", "wed", "thu", "fri", "sat", "sun")";
    check_diagnostics(
        r.errors,
        {{2, 11, "idle.backend",
          R"(expected one of "auto", "ext-idle-notify", "kde-idle", "gnome-mutter", "x11-sync", )"
          R"("x11-screensaver", got "wayland")"},
         {5, 10, "walk.credit", R"(expected one of "ask", "auto", "off", got "sometimes")"},
         {8, 13, "day.starts_at",
          R"(expected a time of day like 07:05 (24-hour HH:MM), got "4am")"},
         {11, 11, "goal.program",
          "expected goal.program_start with the beginner program: the date its first week "
          "began, like program_start = 2026-03-30"},
         {14, 14, "schedule.work_hours",
          R"(expected work hours like "09:00-17:30" (24-hour HH:MM-HH:MM), got "9-5")"},
         {15, 21, "schedule.work_days", "expected one of " + days + R"(, got "monday")"},
         {15, 31, "schedule.work_days", "expected one of " + days + ", got an integer"},
         {15, 34, "schedule.work_days", R"(expected each day once, got "mon" again)"}});
}
