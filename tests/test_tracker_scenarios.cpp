// SPDX-License-Identifier: GPL-3.0-or-later
// Whole simulated days for the tracker: reminders, answers, breaks and walk
// credit. Each scenario checks every action in order (see describe() in
// tracker_harness.hpp for the one-line forms), and the Checker audits every
// step on the way.
#include <catch2/catch.hpp>

#include "tracker_harness.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

const event::Answer walk_now{event::ReminderAnswer::WalkNow, std::nullopt};
const event::Answer snooze{event::ReminderAnswer::Snooze, std::nullopt};
const event::Answer skip{event::ReminderAnswer::Skip, std::nullopt};

Config crediting(WalkCredit credit) {
    Config c;
    c.walk.credit = credit;
    return c;
}

template <typename T>
std::vector<T> all_of(const std::vector<Action>& actions) {
    std::vector<T> out;
    for (const Action& a : actions) {
        if (const auto* t = std::get_if<T>(&a)) out.push_back(*t);
    }
    return out;
}

}  // namespace

TEST_CASE("a working day: a reminder at 45 minutes, escalated at 60, then quiet until a break",
          "[tracker]") {
    Script day;
    CHECK(day.tracker().state() == TrackerState::Sitting);
    CHECK(day.wake_in() == Millis{45min});

    day.wait(44min);
    CHECK(day.take().empty());
    day.wait(1min);
    const auto first = day.take_actions();
    REQUIRE(first.size() == 1);
    const auto& shown = std::get<action::ShowReminder>(first[0]);
    CHECK_FALSE(shown.escalated);
    CHECK(shown.sitting_for == 45min);
    CHECK_FALSE(shown.tip.text.empty());
    CHECK(day.tracker().snapshot(day.now()).reminder_showing);
    CHECK(day.wake_in() == Millis{15min});

    day.wait(15min);
    const auto second = day.take_actions();
    CHECK(describe(second[0]) == "withdraw");
    const auto records = all_of<action::RecordReminder>(second);
    REQUIRE(records.size() == 1);
    CHECK(records[0].reminder.outcome == ReminderOutcome::Ignored);  // superseded
    CHECK(records[0].reminder.shown == local_moment(monday, 9h + 45min).wall);
    CHECK(records[0].reminder.resolved == local_moment(monday, 10h).wall);
    CHECK(records[0].reminder.utc_offset == cest);
    CHECK(describe(second.back()) == "remind! 1h");
    CHECK_FALSE(std::get<action::ShowReminder>(second.back()).tip == shown.tip);

    // Escalated once; it stays until the user does something. Nothing is due.
    CHECK_FALSE(day.wake_in());
    day.wait(1h);
    CHECK(day.take().empty());

    // Away more than walk.grace after it: an unprompted break, asked about.
    day.walk_away(5min);
    CHECK(day.take() == Lines{"withdraw", "bout 2h", "reminder! ignored", "ask 5m", "back 5m"});
    CHECK(day.wake_in() == Millis{45min});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("snooze withdraws the reminder and shows it again later while sitting keeps counting",
          "[tracker]") {
    Script day;
    day.wait(45min);
    CHECK(day.take() == Lines{"remind 45m"});
    day.send(snooze);
    CHECK(day.take() == Lines{"withdraw", "reminder snoozed"});
    CHECK_FALSE(day.tracker().snapshot(day.now()).reminder_showing);
    CHECK(day.tracker().snapshot(day.now()).next_reminder_in == Seconds{10min});
    CHECK(day.wake_in() == Millis{10min});

    day.wait(10min);
    CHECK(day.take() == Lines{"remind 55m"});
    // The snoozed-then-shown reminder escalates like any other...
    day.wait(15min);
    CHECK(day.take() == Lines{"withdraw", "reminder ignored", "remind! 1h10m"});
    // ...and a snoozed escalated one comes back escalated, after the length asked for.
    day.send(event::Answer{event::ReminderAnswer::Snooze, Seconds{5min}});
    CHECK(day.take() == Lines{"withdraw", "reminder! snoozed"});
    day.wait(5min);
    CHECK(day.take() == Lines{"remind! 1h15m"});
    CHECK_FALSE(day.wake_in());
    CHECK(day.checker().problem().empty());
}

TEST_CASE("snooze from the CLI with no reminder showing puts the next one off, never forward",
          "[tracker]") {
    Script day;
    day.wait(40min);
    day.send(snooze);  // 10 minutes: later than the reminder due in 5
    CHECK(day.take().empty());
    CHECK(day.wake_in() == Millis{10min});
    day.wait(10min);
    CHECK(day.take() == Lines{"remind 50m"});

    Script other;
    other.wait(10min);
    other.send(snooze);  // the reminder is 35 minutes away: nothing to put off
    CHECK(other.wake_in() == Millis{35min});
}

TEST_CASE("skip withdraws the reminder and restarts the interval, and a break then is unprompted",
          "[tracker]") {
    Script day;
    day.wait(45min);
    day.take();
    day.send(skip);
    CHECK(day.take() == Lines{"withdraw", "reminder skipped"});
    CHECK(day.wake_in() == Millis{45min});
    CHECK(day.tracker().snapshot(day.now()).sitting_for == 45min);  // the bout goes on

    day.wait(5min);
    day.walk_away(5min);
    CHECK(day.take() == Lines{"bout 50m", "ask 5m", "back 5m"});

    day.wait(45min);
    CHECK(day.take() == Lines{"remind 45m"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("walk now, then a 7-minute absence: credited as a reminder walk", "[tracker]") {
    Script day;
    day.wait(45min);
    day.wait(1min);
    day.send(walk_now);
    CHECK(day.take() == Lines{"remind 45m", "withdraw", "reminder walked"});
    day.wait(1min);
    day.walk_away(7min);
    const auto actions = day.take_actions();
    REQUIRE(actions.size() == 3);
    CHECK(describe(actions[0]) == "bout 47m");
    const auto& walk = std::get<action::CreditWalk>(actions[1]).walk;
    CHECK(walk.how == CreditHow::Reminder);
    CHECK(walk.start == local_moment(monday, 9h + 47min).wall);
    CHECK(walk.end == local_moment(monday, 9h + 54min).wall);
    CHECK(walk.utc_offset == cest);
    CHECK(walk.seconds() == 7min);
    CHECK(describe(actions[2]) == "back 7m credited");
    // A fresh sitting clock.
    CHECK(day.tracker().snapshot(day.now()).sitting_for == 0s);
    CHECK(day.wake_in() == Millis{45min});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("leaving within walk.grace of a reminder, unanswered, is a reminder walk", "[tracker]") {
    Script day(crediting(WalkCredit::Off));  // the prompt credits, whatever walk.credit says
    day.wait(45min);
    day.wait(10min);
    day.walk_away(4min);
    CHECK(day.take() == Lines{"remind 45m", "withdraw", "bout 55m", "reminder walked",
                              "walk reminder 4m", "back 4m credited"});
}

TEST_CASE("walk now with no walk within walk.grace: the next absence is unprompted", "[tracker]") {
    Script day;
    day.send(walk_now);
    day.wait(20min);
    day.walk_away(5min);
    CHECK(day.take() == Lines{"bout 20m", "ask 5m", "back 5m"});
}

TEST_CASE("an unprompted 6-minute absence follows walk.credit", "[tracker]") {
    SECTION("ask: asked about, and the answer decides") {
        Script day(crediting(WalkCredit::Ask));
        day.wait(30min);
        day.walk_away(6min);
        const auto actions = day.take_actions();
        REQUIRE(actions.size() == 3);
        const auto& ask = std::get<action::AskAboutBreak>(actions[1]);
        CHECK(ask.start == local_moment(monday, 9h + 30min).wall);
        CHECK(ask.end == local_moment(monday, 9h + 36min).wall);
        CHECK(describe(actions[2]) == "back 6m");
        day.wait(1min);
        day.send(event::BreakAnswer{true});
        const auto confirmed = day.take_actions();
        REQUIRE(confirmed.size() == 1);
        const auto& walk = std::get<action::CreditWalk>(confirmed[0]).walk;
        CHECK(walk.how == CreditHow::Confirmed);
        CHECK(walk.start == ask.start);
        CHECK(walk.end == ask.end);
        // Answered once only.
        day.send(event::BreakAnswer{true});
        CHECK(day.take().empty());
    }
    SECTION("ask: \"Not a walk\" credits nothing") {
        Script day(crediting(WalkCredit::Ask));
        day.wait(30min);
        day.walk_away(6min);
        day.take();
        day.send(event::BreakAnswer{false});
        CHECK(day.take().empty());
    }
    SECTION("auto: credited without asking") {
        Script day(crediting(WalkCredit::Auto));
        day.wait(30min);
        day.walk_away(6min);
        CHECK(day.take() == Lines{"bout 30m", "walk auto 6m", "back 6m credited"});
    }
    SECTION("off: a break, nothing credited") {
        Script day(crediting(WalkCredit::Off));
        day.wait(30min);
        day.walk_away(6min);
        CHECK(day.take() == Lines{"bout 30m", "back 6m"});
        CHECK(day.wake_in() == Millis{45min});  // still a break: the sitting clock restarts
    }
}

TEST_CASE("a newer break replaces an unanswered question", "[tracker]") {
    Script day;
    day.wait(10min);
    day.walk_away(5min);
    day.wait(10min);
    day.walk_away(3min);
    CHECK(day.take() ==
          Lines{"bout 10m", "ask 5m", "back 5m", "bout 10m", "unask", "ask 3m", "back 3m"});
    day.send(event::BreakAnswer{true});
    CHECK(day.take() == Lines{"walk confirmed 3m"});
}

TEST_CASE("a 90-minute lunch is never credited without the user saying so", "[tracker]") {
    SECTION("ask: asked, and credited when confirmed") {
        Script day(crediting(WalkCredit::Ask));
        day.wait(40min);
        day.walk_away(90min);
        CHECK(day.take() == Lines{"bout 40m", "ask 1h30m", "back 1h30m"});
        day.send(event::BreakAnswer{true});
        CHECK(day.take() == Lines{"walk confirmed 1h30m"});
    }
    SECTION("auto and off: not credited") {
        for (auto credit : {WalkCredit::Auto, WalkCredit::Off}) {
            Script day(crediting(credit));
            day.wait(40min);
            day.walk_away(90min);
            CHECK(day.take() == Lines{"bout 40m", "back 1h30m"});
        }
    }
    SECTION("even right after Walk now") {
        Script day(crediting(WalkCredit::Auto));
        day.send(walk_now);
        day.walk_away(90min);
        CHECK(day.take() == Lines{"back 1h30m"});
    }
}

TEST_CASE("an absence shorter than walk.min counts as sitting", "[tracker]") {
    Config config;
    config.idle.away_after = 1min;
    Script day(config);
    day.wait(30min);
    day.send(event::UserIdle{1min});
    day.wait(30s);
    day.send(event::UserActive{});
    CHECK(day.take().empty());
    CHECK(day.tracker().snapshot(day.now()).sitting_for == 30min + 30s);
    CHECK(day.wake_in() == Millis{15min - 30s});  // the reminder clock kept running
}

TEST_CASE("idle reports are back-dated, never before the user was last seen", "[tracker]") {
    Script day(crediting(WalkCredit::Auto));
    day.wait(20min);
    day.send(event::UserActive{});
    day.wait(3min);
    day.send(event::UserIdle{10min});  // claims idle since before the input 3 minutes ago
    CHECK(day.take() == Lines{"bout 20m"});
    CHECK(day.tracker().snapshot(day.now()).away_since == day.now().wall - 3min);
    day.wait(2min);
    day.send(event::UserActive{});
    CHECK(day.take() == Lines{"walk auto 5m", "back 5m credited"});
}

TEST_CASE("an absence that began before the user was first seen is not asked about", "[tracker]") {
    for (const WalkCredit credit : {WalkCredit::Ask, WalkCredit::Auto}) {
        Script day(crediting(credit));
        day.send(event::UserIdle{30min});  // idle since before walkbreakd started
        day.wait(7min);
        day.send(event::UserActive{});
        CHECK(day.take() == Lines{"back 7m"});
        // Seen now: the next absence is a break like any other.
        day.wait(20min);
        day.walk_away(6min);
        CHECK(day.take().size() == 3);
        CHECK(day.checker().problem().empty());
    }
    Script locked(crediting(WalkCredit::Ask));
    locked.send(event::ScreenLocked{});  // started on a locked screen
    locked.wait(5min);
    locked.send(event::ScreenUnlocked{});
    CHECK(locked.take() == Lines{"back 5m"});
}

TEST_CASE("a late tick shows one reminder, and escalation counts from then", "[tracker]") {
    Script day;
    day.advance(80min);  // the daemon was busy past both the reminder and its escalation
    day.send(event::Tick{});
    CHECK(day.take() == Lines{"remind 1h20m"});
    day.send(event::Tick{});
    CHECK(day.take().empty());
    CHECK(day.wake_in() == Millis{15min});
}

TEST_CASE("check-ins follow credited walks, and three \"worse\" in a row scale back", "[tracker]") {
    Config config = crediting(WalkCredit::Auto);
    config.checkin.enabled = true;
    Script day(config);
    const auto walk_and_answer = [&](BackFeel feel) {
        day.wait(20min);
        day.walk_away(5min);
        CHECK(day.take() == Lines{"bout 20m", "walk auto 5m", "back 5m credited", "checkin?"});
        day.send(event::CheckinAnswer{feel});
        return day.take();
    };
    CHECK(walk_and_answer(BackFeel::Worse) == Lines{"checkin worse"});
    CHECK(walk_and_answer(BackFeel::Worse) == Lines{"checkin worse"});
    CHECK(walk_and_answer(BackFeel::Better) == Lines{"checkin better"});  // the run starts over
    CHECK(walk_and_answer(BackFeel::Worse) == Lines{"checkin worse"});
    CHECK(walk_and_answer(BackFeel::Worse) == Lines{"checkin worse"});
    CHECK(walk_and_answer(BackFeel::Worse) == Lines{"checkin worse", "scale back"});
    CHECK(walk_and_answer(BackFeel::Worse) == Lines{"checkin worse"});

    // Only an answer to a question asked is recorded.
    day.send(event::CheckinAnswer{BackFeel::Worse});
    CHECK(day.take().empty());
    // A confirmed walk is followed by a check-in too; a manual one is not.
    day.send(event::ManualWalk{day.now().wall - 1h, 10min, "", {}});
    CHECK(day.take() == Lines{"walk manual 10m"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("check-ins are off by default", "[tracker]") {
    Script day(crediting(WalkCredit::Auto));
    day.wait(20min);
    day.walk_away(5min);
    CHECK(day.take() == Lines{"bout 20m", "walk auto 5m", "back 5m credited"});
}

TEST_CASE("finish closes the open bout and resolves what is open", "[tracker]") {
    Script day;
    day.wait(50min);
    day.finish();
    CHECK(day.take() == Lines{"remind 45m", "withdraw", "reminder ignored", "bout 50m"});
    CHECK(day.wake_in() == Millis{45min});  // afresh
    CHECK(day.checker().problem().empty());
}
