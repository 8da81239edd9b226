// SPDX-License-Identifier: GPL-3.0-or-later
// [meeting]: what each key accepts, and what it says when it does not.
#include <string>
#include <catch2/catch.hpp>

#include "config_test_support.hpp"
#include "core/config.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

ConfigParse parse_meeting(const std::string& key, const std::string& value) {
    return parse_config("[meeting]\n" + key + " = " + value + "\n", "t.toml");
}

}  // namespace

TEST_CASE("meetings are on by default, with every desktop signal", "[config][meeting]") {
    const Config c;
    CHECK(c.meeting.enabled);
    CHECK(c.meeting.signals == std::vector{MeetingSignal::Microphone, MeetingSignal::Camera,
                                           MeetingSignal::DoNotDisturb, MeetingSignal::Fullscreen});
    CHECK(c.meeting.remind_after == 1min);
    CHECK(c.meeting.max_hold == 2h);
    CHECK(c.meeting.ignore_apps.empty());
    CHECK(c.meeting.camera_devices == "/dev/video*");
}

TEST_CASE("meeting.signals takes each desktop signal once", "[config][meeting]") {
    SECTION("a subset, in the file's order") {
        const auto r = parse_meeting("signals", R"(["do-not-disturb", "camera"])");
        REQUIRE(r.config.has_value());
        CHECK(r.config->meeting.signals ==
              std::vector{MeetingSignal::DoNotDisturb, MeetingSignal::Camera});
    }
    SECTION("none: only `walkbreak meeting` starts one") {
        const auto r = parse_meeting("signals", "[]");
        REQUIRE(r.config.has_value());
        CHECK(r.config->meeting.signals.empty());
    }
    SECTION("an unknown name says which are known") {
        check_diagnostics(parse_meeting("signals", R"(["camera", "webcam"])").errors,
                          {{2, 22, "meeting.signals",
                            R"(expected one of "microphone", "camera", "do-not-disturb", )"
                            R"("fullscreen", got "webcam")"}});
    }
    SECTION("the manual signal is not a setting") {
        CHECK_FALSE(parse_meeting("signals", R"(["manual"])").config.has_value());
    }
    SECTION("twice") {
        check_diagnostics(
            parse_meeting("signals", R"(["camera", "camera"])").errors,
            {{2, 22, "meeting.signals", R"(expected each signal once, got "camera" again)"}});
    }
    SECTION("not an array, or not strings") {
        check_diagnostics(
            parse_meeting("signals", R"("camera")").errors,
            {{2, 11, "meeting.signals",
              R"(expected an array of signals like ["microphone", "camera"], got a string)"}});
        CHECK_FALSE(parse_meeting("signals", "[1]").config.has_value());
    }
}

TEST_CASE("meeting durations have limits", "[config][meeting]") {
    CHECK(parse_meeting("remind_after", R"("0s")").config.has_value());
    CHECK(parse_meeting("remind_after", R"("1h")").config.has_value());
    check_diagnostics(
        parse_meeting("remind_after", R"("1h1s")").errors,
        {{2, 16, "meeting.remind_after", R"(expected a duration from 0s to 1h, got "1h1s")"}});
    CHECK(parse_meeting("remind_after", R"("20m")").warnings.size() == 1);

    CHECK_FALSE(parse_meeting("max_hold", R"("59s")").config.has_value());
    CHECK(parse_meeting("max_hold", R"("1m")").warnings.size() == 1);
    CHECK(parse_meeting("max_hold", R"("12h")").warnings.empty());
    CHECK_FALSE(parse_meeting("max_hold", R"("12h1s")").config.has_value());
}

TEST_CASE("meeting.ignore_apps and camera_devices are checked", "[config][meeting]") {
    const auto apps = parse_meeting("ignore_apps", R"(["nerd-dictation", "Speech Note"])");
    REQUIRE(apps.config.has_value());
    CHECK(apps.config->meeting.ignore_apps ==
          std::vector<std::string>{"nerd-dictation", "Speech Note"});
    check_diagnostics(
        parse_meeting("ignore_apps", R"(["ok", ""])").errors,
        {{2, 22, "meeting.ignore_apps", "expected an application name, got an empty string"}});

    CHECK(parse_meeting("camera_devices", R"("/dev/v4l/by-id/*")").config.has_value());
    check_diagnostics(parse_meeting("camera_devices", R"("video*")").errors,
                      {{2, 18, "meeting.camera_devices",
                        R"(expected an absolute path or glob like "/dev/video*", got "video*")"}});
}

TEST_CASE("[meeting] is shown as the file spells it, and read back", "[config][meeting]") {
    Config c;
    c.meeting.signals = {MeetingSignal::Fullscreen};
    c.meeting.ignore_apps = {"tab\there", R"(back\slash "quote")"};
    const std::string text = format_config(c);
    CHECK_THAT(text, Catch::Contains("[meeting]\nenabled = true\nsignals = [\"fullscreen\"]\n"));
    const auto r = parse_config(text, "show.toml");
    REQUIRE(r.config.has_value());
    CHECK(r.config->meeting == c.meeting);
}
