// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/messages.hpp"

using namespace walkbreak::core;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("durations read naturally", "[messages]") {
    CHECK(minutes_phrase(59s) == "0 minutes");
    CHECK(minutes_phrase(1min) == "1 minute");
    CHECK(minutes_phrase(47min + 59s) == "47 minutes");
    CHECK(minutes_phrase(119min) == "119 minutes");
    CHECK(minutes_phrase(2h) == "2 hours");
    CHECK(minutes_phrase(3h + 1min) == "3 hours 1 minute");
    CHECK(short_duration(7min + 30s) == "7 min");
    CHECK(short_duration(90min) == "1 h 30 min");
    CHECK(short_duration(2h) == "2 h");
}

TEST_CASE("the reminder says how long and gives a tip", "[messages]") {
    const Tip tip{"Let your shoulders drop and relax."};
    const Message m = reminder_message(action::ShowReminder{false, tip, 47min, std::nullopt});
    CHECK(m.summary == "Time for a walk");
    CHECK(m.body == "You've been sitting for 47 minutes. Let your shoulders drop and relax.");
    const Message e = reminder_message(action::ShowReminder{true, tip, 60min, std::nullopt});
    CHECK(e.summary != m.summary);
    CHECK_THAT(e.summary, Contains("walk"));
    CHECK_THAT(e.body, Contains("60 minutes") && Contains(std::string(tip.text)));
}

TEST_CASE("a reminder held for a meeting says how long the meeting was", "[messages][meeting]") {
    const Tip tip{"Start gently."};
    const Message m = reminder_message(action::ShowReminder{false, tip, 70min, 50min + 30s});
    CHECK(m.summary == "That was a 50-minute meeting — time to stand up and walk");
    CHECK(m.body == "You've been sitting for 70 minutes. Start gently.");
    // A meeting shorter than a minute still reads as one.
    CHECK_THAT(reminder_message(action::ShowReminder{true, tip, 46min, 20s}).summary,
               Contains("a 1-minute meeting"));
}

TEST_CASE("the break question gives the length and the local times", "[messages]") {
    const WallTime start =
        WallTime{std::chrono::sys_days{std::chrono::year{2026} / 3 / 30}} + 12h + 2min + 40s;
    const Message m = break_question_message(action::AskAboutBreak{start, start + 7min}, 2h);
    CHECK(m.summary == "Away 7 min — log as a walk?");
    CHECK_THAT(m.body, Contains("14:02–14:09"));
}

TEST_CASE("welcome back shows today's minutes against the goal", "[messages]") {
    const Message m = welcome_back_message(action::WelcomeBack{7min, true}, 12min + 50s, 30min);
    CHECK(m.summary == "Welcome back — 12 of 30 minutes walked today");
    CHECK_THAT(m.body, Contains("7 minutes") && Contains("18 minutes to go"));
    const Message done = welcome_back_message(action::WelcomeBack{90min, false}, 31min, 30min);
    CHECK_THAT(done.body, Contains("goal") && !Contains("Logged"));
}

TEST_CASE("the check-in and the scale-back message", "[messages]") {
    CHECK(checkin_message().summary == "How does your back feel?");
    const Message m = scale_back_message();
    CHECK_THAT(m.body, Contains("three walks in a row") && Contains("shorter"));
    for (const char* red_flag : {"see a doctor", "severe pain", "numbness", "tingling",
                                 "leg weakness", "general wellness reminder, not medical advice"}) {
        INFO(red_flag);
        CHECK_THAT(m.body, Contains(red_flag));
    }
}
