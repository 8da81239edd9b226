// SPDX-License-Identifier: GPL-3.0-or-later
#include <optional>
#include <sstream>
#include <string>
#include <catch2/catch.hpp>

#include "config_test_support.hpp"
#include "core/config.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const char* const all_keys[] = {"away_after",
                                "backend",
                                "inhibitors_keep_sitting",
                                "interval",
                                "escalate_after",
                                "snooze",
                                "min",
                                "max",
                                "grace",
                                "credit",
                                "starts_at",
                                "daily",
                                "weekly",
                                "program",
                                "program_start",
                                "enabled",
                                "work_hours",
                                "work_days",
                                "signals",
                                "remind_after",
                                "max_hold",
                                "ignore_apps",
                                "camera_devices",
                                "folder",
                                "device_name",
                                "settle"};

Config round_trip(const Config& c) {
    const std::string text = format_config(c);
    INFO(text);
    const auto r = parse_config(text, "show.toml");
    for (const auto& e : r.errors) {
        UNSCOPED_INFO(e.to_string());
    }
    REQUIRE(r.config.has_value());
    return *r.config;
}

// The `key = value` of a line `<prefix>key = value`, where key is [a-z_]+.
// (No std::regex: g++ 12 warns inside it under the sanitizers.)
std::optional<std::string> setting_after(const std::string& line, std::string_view prefix) {
    if (line.rfind(prefix, 0) != 0) {
        return std::nullopt;
    }
    const std::string rest = line.substr(prefix.size());
    const auto key_end = rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz_");
    if (key_end == 0 || key_end == std::string::npos || rest.compare(key_end, 3, " = ") != 0 ||
        rest.size() == key_end + 3) {
        return std::nullopt;
    }
    return rest;
}

// `# key = value` becomes `key = value`; explanations and headers stay as they are.
std::string uncomment_settings(const std::string& text, int& uncommented) {
    std::istringstream in{text};
    std::string out;
    std::string line;
    uncommented = 0;
    while (std::getline(in, line)) {
        if (const auto setting = setting_after(line, "# ")) {
            out += *setting + "\n";
            ++uncommented;
        } else {
            out += line + "\n";
        }
    }
    return out;
}

}  // namespace

TEST_CASE("format_config spells out every key with its value", "[config][format]") {
    const std::string text = format_config(Config{});
    for (const char* key : all_keys) {
        CAPTURE(key);
        CHECK_THAT(text, Catch::Contains(std::string{key} + " = ") ||
                             Catch::Contains(std::string{"# "} + key + " is not set"));
    }
    CHECK_THAT(text, Catch::Contains("[reminder]\ninterval = \"45m\"\n"));
    CHECK_THAT(text, Catch::Contains("weekly = \"2h30m\"\n"));
    CHECK_THAT(text,
               Catch::Contains("work_days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n"));
}

TEST_CASE("format_config output parses back to the same config", "[config][format]") {
    SECTION("the defaults") {
        CHECK(round_trip(Config{}) == Config{});
        CHECK(parse_config(format_config(Config{}), "show.toml").warnings.empty());
    }
    SECTION("every key changed") {
        const auto full = parse_fixture("good_full.toml");
        REQUIRE(full.config.has_value());
        CHECK(round_trip(*full.config) == *full.config);
    }
    SECTION("unusual but valid values") {
        Config c;
        c.idle.away_after = 3s;
        c.idle.backend = IdleBackend::X11ScreenSaver;
        c.reminder.interval = 1h + 1s;
        c.reminder.escalate_after = 0s;
        c.walk.min = 1s;
        c.walk.grace = 0s;
        c.walk.credit = WalkCredit::Off;
        c.day.starts_at = 23h + 59min;
        c.goal.program = GoalProgram::Beginner;
        c.goal.program_start = Date{year{2024} / 2 / 29};
        c.schedule.work_hours = WorkHours{0min, 23h + 59min};
        c.schedule.work_days = {false, false, false, false, false, true, true};
        CHECK(round_trip(c) == c);
        c.schedule.work_days = {};
        CHECK(round_trip(c) == c);
    }
    SECTION("each backend and credit") {
        for (auto b :
             {IdleBackend::Auto, IdleBackend::ExtIdleNotify, IdleBackend::KdeIdle,
              IdleBackend::GnomeMutter, IdleBackend::X11Sync, IdleBackend::X11ScreenSaver}) {
            Config c;
            c.idle.backend = b;
            CHECK(round_trip(c) == c);
        }
        for (auto w : {WalkCredit::Ask, WalkCredit::Auto, WalkCredit::Off}) {
            Config c;
            c.walk.credit = w;
            CHECK(round_trip(c) == c);
        }
    }
}

TEST_CASE("config values are spelt as the config file spells them", "[config][format]") {
    CHECK(to_string(WalkCredit::Ask) == "ask");
    CHECK(to_string(WalkCredit::Auto) == "auto");
    CHECK(to_string(WalkCredit::Off) == "off");
    CHECK(to_string(GoalProgram::None) == "none");
    CHECK(to_string(GoalProgram::Beginner) == "beginner");
    CHECK(to_string(IdleBackend::Auto) == "auto");
    CHECK(to_string(IdleBackend::ExtIdleNotify) == "ext-idle-notify");
    CHECK(to_string(IdleBackend::KdeIdle) == "kde-idle");
    CHECK(to_string(IdleBackend::GnomeMutter) == "gnome-mutter");
    CHECK(to_string(IdleBackend::X11Sync) == "x11-sync");
    CHECK(to_string(IdleBackend::X11ScreenSaver) == "x11-screensaver");
}

TEST_CASE("the example config documents every key with its default", "[config][example]") {
    const std::string example =
        read_text(std::string{WALKBREAK_SOURCE_DIR} + "/config/walkbreak.toml");

    SECTION("as shipped, with everything commented out, it is the defaults") {
        const auto r = parse_config(example, "walkbreak.toml");
        REQUIRE(r.config.has_value());
        CHECK(*r.config == Config{});
    }
    SECTION("uncommenting every setting gives the defaults, without a warning") {
        int uncommented = 0;
        const std::string text = uncomment_settings(example, uncommented);
        INFO(text);
        // Every key but the four that have no default (program_start, work_hours,
        // folder, device_name).
        CHECK(uncommented == 23);
        const auto r = parse_config(text, "walkbreak.toml");
        for (const auto& e : r.errors) {
            UNSCOPED_INFO(e.to_string());
        }
        REQUIRE(r.config.has_value());
        CHECK(r.warnings.empty());
        CHECK(*r.config == Config{});
    }
    SECTION("every key is mentioned") {
        for (const char* key : all_keys) {
            CAPTURE(key);
            CHECK_THAT(example, Catch::Contains(std::string{"# "} + key + " = ") ||
                                    Catch::Contains(std::string{"Example: "} + key + " = "));
        }
    }
    SECTION("the examples of keys without a default are valid") {
        std::string goal = "[goal]\nprogram = \"beginner\"\n";
        std::string schedule = "[schedule]\n";
        std::string sync = "[sync]\n";
        int found = 0;
        std::istringstream in{example};
        std::string line;
        while (std::getline(in, line)) {
            if (const auto setting = setting_after(line, "# Example: ")) {
                const bool of_sync =
                    setting->rfind("folder", 0) == 0 || setting->rfind("device_name", 0) == 0;
                (setting->rfind("work_", 0) == 0 ? schedule
                 : of_sync                       ? sync
                                                 : goal) += *setting + "\n";
                ++found;
            }
        }
        CHECK(found == 4);
        const std::string text = goal + schedule + sync;
        INFO(text);
        const auto r = parse_config(text, "examples.toml");
        for (const auto& e : r.errors) {
            UNSCOPED_INFO(e.to_string());
        }
        CHECK(r.errors.empty());
    }
}
