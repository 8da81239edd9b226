// SPDX-License-Identifier: GPL-3.0-or-later
// Whole simulated days for the tracker, continued: locks, suspends, pauses,
// work hours, config reloads, and clocks that jump, change zone or cross
// midnight.
#include <stdexcept>
#include <catch2/catch.hpp>

#include "tracker_harness.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

const event::Answer walk_now{event::ReminderAnswer::WalkNow, std::nullopt};

Config crediting(WalkCredit credit) {
    Config c;
    c.walk.credit = credit;
    return c;
}

Config office_hours() {
    Config c;
    c.schedule.work_hours = WorkHours{TimeOfDay{9 * 60}, TimeOfDay{17 * 60 + 30}};
    return c;
}

const WalkRecord& only_walk(const std::vector<Action>& actions) {
    for (const Action& a : actions) {
        if (const auto* credit = std::get_if<action::CreditWalk>(&a)) return credit->walk;
    }
    FAIL("no walk credited");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a 5-minute lock is a break, and the bout closes when it reaches walk.min", "[tracker]") {
    Script day;
    day.wait(20min);
    day.send(event::ScreenLocked{});
    CHECK(day.take().empty());
    CHECK(day.tracker().state() == TrackerState::Locked);
    CHECK(day.tracker().snapshot(day.now()).sitting_for == 0s);
    CHECK_FALSE(day.tracker().snapshot(day.now()).next_reminder_in);
    CHECK(day.wake_in() == Millis{2min});
    day.wait(2min);
    CHECK(day.take() == Lines{"bout 20m"});
    CHECK_FALSE(day.wake_in());  // nothing is due while away
    day.wait(3min);
    day.send(event::UserActive{});  // typing the password: still locked
    CHECK(day.tracker().state() == TrackerState::Locked);
    day.send(event::ScreenUnlocked{});
    CHECK(day.take() == Lines{"ask 5m", "back 5m"});
    CHECK(day.tracker().state() == TrackerState::Sitting);
    CHECK(day.wake_in() == Millis{45min});
}

TEST_CASE("a lock while a reminder shows withdraws it, and locking to go walking is a walk",
          "[tracker]") {
    Script day(crediting(WalkCredit::Off));
    day.wait(46min);
    day.send(event::ScreenLocked{});
    CHECK(day.take() == Lines{"remind 45m", "withdraw"});
    day.wait(8min);
    day.send(event::ScreenUnlocked{});
    CHECK(day.take() ==
          Lines{"bout 46m", "reminder walked", "walk reminder 8m", "back 8m credited"});
}

TEST_CASE("a short lock ends a reminder unanswered, and it comes back as if snoozed", "[tracker]") {
    Script day;
    day.wait(45min);
    day.send(event::ScreenLocked{});
    day.wait(1min);
    day.send(event::ScreenUnlocked{});
    CHECK(day.take() == Lines{"remind 45m", "withdraw", "reminder ignored"});
    CHECK(day.wake_in() == Millis{10min});
    day.wait(10min);
    CHECK(day.take() == Lines{"remind 56m"});  // the lock counted as sitting
}

TEST_CASE("a reminder falling due during a short lock shows on return, once", "[tracker]") {
    Script day;
    day.wait(44min);
    day.send(event::ScreenLocked{});
    day.wait(90s);
    CHECK(day.take().empty());
    day.send(event::ScreenUnlocked{});
    CHECK(day.take() == Lines{"remind 45m30s"});
}

TEST_CASE("suspended overnight: a break, never a walk", "[tracker]") {
    Script day(crediting(WalkCredit::Auto), local_moment(monday, 17h));
    day.wait(30min);
    day.send(event::ScreenLocked{});
    day.send(event::Suspending{});
    CHECK(day.tracker().state() == TrackerState::Suspended);
    day.wait(15h);  // the timer fires after the resume; either way nothing is shown
    CHECK(day.take() == Lines{"bout 30m"});
    day.send(event::Resumed{});
    CHECK(day.tracker().state() == TrackerState::Locked);
    day.send(event::ScreenUnlocked{});
    CHECK(day.take() == Lines{"back 15h"});
    CHECK(day.tracker().state() == TrackerState::Sitting);
    CHECK(day.wake_in() == Millis{45min});
}

TEST_CASE("a suspend within the walk range is asked about, not credited", "[tracker]") {
    SECTION("after a reminder: asked, even with walk.credit = off") {
        Script day(crediting(WalkCredit::Off));
        day.wait(46min);
        day.send(event::Suspending{});
        day.wait(10min);
        day.send(event::Resumed{});  // opened the lid: back
        CHECK(day.take() == Lines{"remind 45m", "withdraw", "bout 46m", "reminder walked",
                                  "ask 10m", "back 10m"});
        CHECK(day.tracker().state() == TrackerState::Sitting);
    }
    SECTION("unprompted with walk.credit = auto: asked") {
        Script day(crediting(WalkCredit::Auto));
        day.wait(20min);
        day.send(event::UserIdle{2min});  // idle, then the machine suspends itself
        day.send(event::Suspending{});
        day.wait(5min);
        day.send(event::Resumed{});
        CHECK(day.take() == Lines{"bout 18m", "ask 7m", "back 7m"});
    }
    SECTION("unprompted with walk.credit = off: nothing") {
        Script day(crediting(WalkCredit::Off));
        day.wait(20min);
        day.send(event::Suspending{});
        day.wait(5min);
        day.send(event::Resumed{});
        CHECK(day.take() == Lines{"bout 20m", "back 5m"});
    }
    SECTION("a timer wake with nobody there: the idle report starts a new absence") {
        Script day(crediting(WalkCredit::Auto));
        day.wait(20min);
        day.send(event::Suspending{});
        day.wait(3h);
        day.send(event::Resumed{});
        CHECK(day.take() == Lines{"bout 20m", "back 3h"});
        day.wait(2min);
        day.send(event::UserIdle{5h});  // believed only back to the resume
        day.wait(1h);
        day.send(event::UserActive{});
        CHECK(day.take() == Lines{"back 1h2m"});  // beyond walk.max: a break, no walk
    }
}

TEST_CASE("pause and resume: no reminders while paused, a fresh interval after", "[tracker]") {
    Script day;
    day.wait(30min);
    day.send(event::Pause{});
    CHECK(day.tracker().state() == TrackerState::Paused);
    CHECK_FALSE(day.wake_in());
    CHECK_FALSE(day.tracker().snapshot(day.now()).next_reminder_in);
    CHECK_FALSE(day.tracker().snapshot(day.now()).paused_until);
    day.wait(2h);
    CHECK(day.take().empty());
    day.send(event::Resume{});
    CHECK(day.tracker().state() == TrackerState::Sitting);
    CHECK(day.wake_in() == Millis{45min});  // not a backlog of missed reminders
    day.wait(45min);
    CHECK(day.take() == Lines{"remind 3h15m"});  // the bout went on through the pause
}

TEST_CASE("a pause with a length withdraws the reminder and ends by itself", "[tracker]") {
    Script day;
    day.wait(45min);
    day.send(event::Pause{Seconds{30min}, std::nullopt});
    CHECK(day.take() == Lines{"remind 45m", "withdraw", "reminder ignored"});
    CHECK(day.tracker().snapshot(day.now()).paused_until == day.now().wall + 30min);
    CHECK(day.wake_in() == Millis{30min});
    day.wait(30min);
    CHECK(day.take().empty());
    CHECK(day.tracker().state() == TrackerState::Sitting);
    CHECK(day.wake_in() == Millis{45min});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a pause until a time ends then, and one already past ends at once", "[tracker]") {
    Script day;
    day.send(event::Pause{std::nullopt, day.now().wall + 1h});
    CHECK(day.wake_in() == Millis{1h});
    day.send(event::Pause{Seconds{20min}, day.now().wall + 1h});  // the earlier end wins
    CHECK(day.wake_in() == Millis{20min});
    day.send(event::Pause{std::nullopt, day.now().wall - 1h});
    CHECK(day.tracker().state() == TrackerState::Sitting);
}

TEST_CASE("breaks are still credited while paused", "[tracker]") {
    Script day(crediting(WalkCredit::Auto));
    day.send(event::Pause{});
    day.wait(20min);
    day.walk_away(5min);
    CHECK(day.take() == Lines{"bout 20m", "walk auto 5m", "back 5m credited"});
    CHECK(day.tracker().state() == TrackerState::Paused);
}

TEST_CASE("work hours: reminders from the start of work, none after", "[tracker]") {
    SECTION("the morning: sitting before 09:00 counts, the interval starts at 09:00") {
        Script day(office_hours(), local_moment(monday, 8h + 30min));
        CHECK(day.tracker().state() == TrackerState::OffHours);
        CHECK(day.wake_in() == Millis{30min});
        day.wait(30min);
        CHECK(day.tracker().state() == TrackerState::Sitting);
        CHECK(day.wake_in() == Millis{45min});
        day.wait(45min);
        CHECK(day.take() == Lines{"remind 1h15m"});
    }
    SECTION("the evening: a reminder showing at 17:30 is withdrawn, next is tomorrow 09:00") {
        Script day(office_hours(), local_moment(monday, 16h + 35min));
        day.wait(55min);
        CHECK(day.take() == Lines{"remind 45m", "withdraw", "reminder ignored"});
        CHECK(day.tracker().state() == TrackerState::OffHours);
        CHECK(day.wake_in() == Millis{15h + 30min});
    }
    SECTION("the weekend is off; Friday evening wakes on Monday") {
        Script friday(office_hours(), local_moment(monday + std::chrono::days{4}, 18h));
        CHECK(friday.tracker().state() == TrackerState::OffHours);
        CHECK(friday.wake_in() == Millis{63h});
        Script saturday(office_hours(), local_moment(monday + std::chrono::days{5}, 10h));
        saturday.wait(3h);
        CHECK(saturday.take().empty());
    }
}

TEST_CASE("a config reload keeps the sitting clock and moves the deadlines", "[tracker]") {
    SECTION("a longer interval") {
        Script day;
        day.wait(30min);
        Config longer;
        longer.reminder.interval = 60min;
        day.send(event::ConfigChanged{longer});
        CHECK(day.take().empty());
        CHECK(day.wake_in() == Millis{30min});
        day.wait(30min);
        CHECK(day.take() == Lines{"remind 1h"});
    }
    SECTION("an interval already passed reminds now, once") {
        Script day;
        day.wait(40min);
        Config shorter;
        shorter.reminder.interval = 30min;
        day.send(event::ConfigChanged{shorter});
        CHECK(day.take() == Lines{"remind 40m"});
        day.send(event::ConfigChanged{shorter});
        CHECK(day.take().empty());
        CHECK(day.wake_in() == Millis{15min});
    }
    SECTION("work hours set while sitting after hours") {
        Script day({}, local_moment(monday, 20h));
        day.send(event::ConfigChanged{office_hours()});
        CHECK(day.tracker().state() == TrackerState::OffHours);
        CHECK(day.wake_in() == Millis{13h});
    }
}

TEST_CASE("a walk across midnight is credited once, spanning both days", "[tracker]") {
    Script day(crediting(WalkCredit::Ask), local_moment(monday, 23h));
    day.wait(50min);
    day.send(walk_now);
    day.wait(5min);
    day.walk_away(10min);
    const auto actions = day.take_actions();
    const WalkRecord& walk = only_walk(actions);
    CHECK(walk.how == CreditHow::Reminder);
    CHECK(walk.start == local_moment(monday, 23h + 55min).wall);
    CHECK(walk.end == local_moment(monday + std::chrono::days{1}, 5min).wall);
    CHECK(walk.utc_offset == cest);
    CHECK(walk.seconds() == 10min);
}

TEST_CASE("a walk across the end of summer time keeps its boot-clock length", "[tracker]") {
    // 25 October 2026: at 01:00 UTC, 03:00 CEST becomes 02:00 CET.
    const Date change{std::chrono::year{2026} / 10 / 25};
    Script day(crediting(WalkCredit::Auto), local_moment(change, 2h + 20min, cest));
    day.wait(30min);  // 02:50 CEST
    day.wait(2min);
    day.send(event::UserIdle{2min});
    day.wait(8min);
    day.set_offset(1h);  // 02:00 CET: the local clock went back
    day.wait(5min);
    day.send(event::UserActive{});
    const auto actions = day.take_actions();
    const WalkRecord& walk = only_walk(actions);
    CHECK(walk.seconds() == 15min);
    CHECK(walk.start == local_moment(change, 2h + 50min, cest).wall);
    CHECK(walk.end == local_moment(change, 2h + 5min, 1h).wall);
    CHECK(walk.utc_offset == cest);  // the offset in force at the start
    CHECK(describe(actions.back()) == "back 15m credited");
    day.wait(45min);
    CHECK(day.take() == Lines{"remind 45m"});
}

TEST_CASE("wall-clock jumps mid-sitting move no deadline and make no duration negative",
          "[tracker]") {
    SECTION("back an hour") {
        Script day(crediting(WalkCredit::Auto));
        day.wait(20min);
        day.skew_wall(-1h);
        day.wait(25min);
        CHECK(day.take() == Lines{"remind 45m"});
        day.wait(1min);
        day.walk_away(5min);
        const auto actions = day.take_actions();
        const auto& bout = std::get<action::CloseSittingBout>(actions[1]).bout;
        CHECK(bout.end - bout.start == 46min);
        const WalkRecord& walk = only_walk(actions);
        CHECK(walk.end == day.now().wall);
        CHECK(walk.seconds() == 5min);
        CHECK(walk.how == CreditHow::Reminder);
    }
    SECTION("forward a day") {
        Script day(crediting(WalkCredit::Auto));
        day.wait(20min);
        day.skew_wall(24h);
        day.wait(25min);
        CHECK(day.take() == Lines{"remind 45m"});
        day.send(event::ScreenLocked{});
        day.skew_wall(24h);
        day.wait(3min);
        day.send(event::ScreenUnlocked{});
        const auto actions = day.take_actions();
        CHECK(describe(actions.back()) == "back 3m credited");
        CHECK(only_walk(actions).seconds() == 3min);
    }
    SECTION("the boot clock never runs back") {
        Script day;
        day.wait(10min);
        day.send(event::Tick{});
        Moment earlier = day.now();
        earlier.boot -= 5min;
        const Step step = day.tracker().handle(event::Tick{}, earlier);
        CHECK(step.wake_at == day.wake_at());
        CHECK(day.tracker().snapshot(earlier).sitting_for == 10min);
    }
}
