// SPDX-License-Identifier: GPL-3.0-or-later
// Walks logged by hand through walkbreakd (core/tracker_logged.cpp): credited
// as given, and, while the user is present, a walk that ends inside the
// sitting bout restarts it and the reminder interval at its end. Each
// scenario checks the actions in order and the Checker audits every step.
#include <catch2/catch.hpp>

#include "tracker_harness.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

const event::Answer snooze_30m{event::ReminderAnswer::Snooze, Seconds{30min}};
const event::Answer skip{event::ReminderAnswer::Skip, std::nullopt};

// A walk of `length` that ended `ago` before now.
event::ManualWalk logged(const Script& day, Millis ago, Seconds length, std::string note = "") {
    const WallTime end = day.now().wall - ago;
    return event::ManualWalk{end - length, length, std::move(note), std::nullopt};
}

Seconds sitting(Script& day) { return day.tracker().snapshot(day.now()).sitting_for; }

}  // namespace

TEST_CASE("a walk logged for just now restarts the sitting bout and the reminder interval",
          "[tracker]") {
    Script day;
    day.wait(30min);
    day.send(logged(day, 0min, 10min, "stairs"));
    CHECK(day.take() == Lines{"bout 20m", "walk manual 10m"});
    CHECK(sitting(day) == 0s);
    CHECK(day.wake_in() == Millis{45min});
    day.wait(44min);
    CHECK(day.take().empty());
    day.wait(1min);
    CHECK(day.take() == Lines{"remind 45m"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a walk logged inside the bout restarts it at the walk's end", "[tracker]") {
    Script day;
    day.wait(40min);
    day.send(logged(day, 15min, 10min));  // 09:15-09:25
    CHECK(day.take() == Lines{"bout 15m", "walk manual 10m"});
    CHECK(sitting(day) == 15min);
    CHECK(day.wake_in() == Millis{30min});  // 45 minutes from 09:25
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a walk begun before the bout and ended inside it leaves no bout before it",
          "[tracker]") {
    Script day;  // sitting since 09:00
    day.wait(30min);
    day.send(logged(day, 20min, 20min));  // 08:50-09:10
    CHECK(day.take() == Lines{"walk manual 20m"});
    CHECK(sitting(day) == 20min);
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a walk logged for earlier in the day leaves sitting and reminders alone", "[tracker]") {
    Script day;
    day.wait(20min);
    day.walk_away(5min);  // back at 09:25: the bout began then
    day.wait(30min);
    day.take();
    day.send(logged(day, 40min, 10min));  // 08:45-08:55, before this bout
    CHECK(day.take() == Lines{"walk manual 10m"});
    CHECK(sitting(day) == 30min);
    CHECK(day.wake_in() == Millis{15min});

    const WallTime yesterday = local_moment(monday - std::chrono::days{1}, 18h).wall;
    day.send(event::ManualWalk{yesterday, 20min, "evening walk", {}});
    const auto actions = day.take_actions();
    REQUIRE(actions.size() == 1);
    const auto& walk = std::get<action::CreditWalk>(actions[0]).walk;
    CHECK(walk.how == CreditHow::Manual);
    CHECK(walk.start == yesterday);
    CHECK(walk.seconds() == 20min);
    CHECK(walk.note == "evening walk");
    CHECK(sitting(day) == 30min);
    day.send(event::ManualWalk{yesterday, -5min, "", {}});
    CHECK(day.take().empty());
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a walk that has not ended yet leaves sitting alone", "[tracker]") {
    Script day;
    day.wait(30min);
    day.send(logged(day, -5min, 10min));  // 09:25-09:35, and it is 09:30
    CHECK(day.take() == Lines{"walk manual 10m"});
    CHECK(sitting(day) == 30min);
    CHECK(day.wake_in() == Millis{15min});
}

TEST_CASE("a walk logged after the reminder was shown answers it as walked", "[tracker]") {
    Script day;
    day.wait(47min);
    CHECK(day.take() == Lines{"remind 45m"});
    day.send(logged(day, 0min, 2min));  // 09:45-09:47
    CHECK(day.take() == Lines{"bout 45m", "withdraw", "reminder walked", "walk manual 2m"});
    CHECK_FALSE(day.tracker().snapshot(day.now()).reminder_showing);
    CHECK(day.wake_in() == Millis{45min});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a reminder made premature by a walk logged before it is withdrawn as ignored",
          "[tracker]") {
    Script day;
    day.wait(50min);
    CHECK(day.take() == Lines{"remind 45m"});
    day.send(logged(day, 20min, 10min));  // 09:20-09:30: 45 minutes from then is 10:15
    CHECK(day.take() == Lines{"bout 20m", "withdraw", "reminder ignored", "walk manual 10m"});
    CHECK(sitting(day) == 20min);
    CHECK(day.wake_in() == Millis{25min});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a reminder shown a whole interval after the logged walk stands", "[tracker]") {
    Script day;
    day.wait(45min);
    day.send(event::Answer{event::ReminderAnswer::Snooze, Seconds{10min}});
    day.wait(10min);  // shown again at 09:55
    CHECK(day.take() == Lines{"remind 45m", "withdraw", "reminder snoozed", "remind 55m"});
    day.send(logged(day, 52min, 2min));  // 09:01-09:03: 45 minutes from then is 09:48
    CHECK(day.take() == Lines{"bout 1m", "walk manual 2m"});
    CHECK(day.tracker().snapshot(day.now()).reminder_showing);
    CHECK(sitting(day) == 52min);
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a logged walk never brings a reminder forward", "[tracker]") {
    SECTION("past a skip") {
        Script day;
        day.wait(40min);
        day.send(skip);  // the next at 10:25
        day.wait(10min);
        day.send(logged(day, 30min, 10min));  // 09:10-09:20
        CHECK(day.take() == Lines{"bout 10m", "walk manual 10m"});
        CHECK(sitting(day) == 30min);
        CHECK(day.wake_in() == Millis{35min});
        CHECK(day.checker().problem().empty());
    }
    SECTION("past a snooze") {
        Script day;
        day.wait(45min);
        day.send(snooze_30m);  // back at 10:15
        day.wait(5min);
        day.take();
        day.send(logged(day, 30min, 10min));  // 09:10-09:20: 45 minutes from then is 10:05
        CHECK(day.take() == Lines{"bout 10m", "walk manual 10m"});
        CHECK(day.wake_in() == Millis{25min});
        CHECK(day.checker().problem().empty());
    }
}

TEST_CASE("while the user is away a logged walk leaves the absence to decide", "[tracker]") {
    Config config;
    config.walk.min = Seconds{5min};
    Script day(config);
    day.wait(30min);
    day.send(event::UserIdle{2min});  // away since 09:28, not a break yet
    day.wait(1min);
    day.send(logged(day, 0min, 3min));
    CHECK(day.take() == Lines{"walk manual 3m"});
    day.wait(1min);
    day.send(event::UserActive{});  // back after 4 minutes: still sitting since 09:00
    CHECK(day.take().empty());
    CHECK(sitting(day) == 32min);
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a walk logged through the daemon keeps the offset its client gave", "[tracker]") {
    Script day;
    day.wait(40min);
    day.send(event::ManualWalk{day.now().wall - 15min, 10min, "stairs", UtcOffset{7200}});
    const auto actions = day.take_actions();
    REQUIRE(actions.size() == 2);
    const auto& walk = std::get<action::CreditWalk>(actions[1]).walk;
    CHECK(walk.utc_offset == UtcOffset{7200});
    CHECK(walk.how == CreditHow::Manual);
    CHECK(day.checker().problem().empty());
}
