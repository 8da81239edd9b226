// SPDX-License-Identifier: GPL-3.0-or-later
// The user at other computers (core/tracker_elsewhere.cpp, docs/SYNC.md
// "Live, across machines"): an absence here during which another computer
// saw the user is a walk only from when they were last seen there; a move
// between computers carries the sitting over; a return while the other still
// says "there" waits at most sync.settle for its news. walk.credit = auto, so
// that a walk shows as credited.
#include <catch2/catch.hpp>

#include "tracker_harness.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

Config auto_credit() {
    Config config;
    config.walk.credit = WalkCredit::Auto;
    return config;
}

// The user idle here from now: reported after idle.away_after, back-dated.
void leave(Script& day) {
    const Millis threshold{day.tracker().config().idle.away_after};
    day.wait(threshold);
    day.send(event::UserIdle{threshold});
}

WallTime ago(const Script& day, Millis d) { return day.now().wall - d; }

// Another computer's news: there since `from`, and until `until` if it ended.
event::SeenElsewhere there(WallTime from, std::optional<WallTime> until = std::nullopt,
                           std::optional<WallTime> sitting_since = std::nullopt) {
    return event::SeenElsewhere{{event::ElsewhereSpan{from, until, sitting_since.value_or(from)}}};
}

Seconds sitting(Script& day) { return day.tracker().snapshot(day.now()).sitting_for; }

}  // namespace

TEST_CASE("a move to another computer and back is not walked, and the sitting carries over",
          "[tracker][sync]") {
    Script day(auto_credit());  // sitting since 09:00
    day.wait(30min);
    leave(day);  // idle since 09:30, told at 09:32: a break by walk.min (2 minutes)
    CHECK(day.take() == Lines{"bout 30m"});
    // At the laptop from 09:31, which carried the sitting over from 09:00.
    day.send(there(ago(day, 1min), std::nullopt, ago(day, 32min)));
    day.wait(18min);
    CHECK(day.take().empty());
    day.send(event::UserActive{});  // back at 09:50; the laptop still says "there"
    CHECK(day.take().empty());
    CHECK(day.wake_in() == Millis{30s});  // sync.settle for the laptop's news
    // It left there at 09:49: a minute's move, not a walk, and no welcome.
    // Fifty minutes of sitting since 09:00: the reminder due at 09:45 comes.
    day.send(there(ago(day, 19min), ago(day, 1min), ago(day, 50min)));
    CHECK(day.take() == Lines{"moved 1m", "remind 50m"});
    CHECK(sitting(day) == 50min);
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a walk from another computer counts from when the user was last seen there",
          "[tracker][sync]") {
    Script day(auto_credit());
    day.wait(20min);
    leave(day);  // idle since 09:20
    day.wait(8min);
    day.send(there(ago(day, 10min), ago(day, 0min)));  // at the laptop 09:20-09:30, then left
    day.wait(10min);
    CHECK(day.take() == Lines{"bout 20m"});  // a break 5 minutes after the laptop's last input
    day.wait(5min);
    day.send(event::UserActive{});  // back at 09:45: walked 09:30-09:45
    CHECK(day.take() == Lines{"walk auto 15m", "back 15m credited"});
    INFO(day.checker().problem());
    CHECK(day.checker().problem().empty());
}

TEST_CASE("coming to this computer from another carries the sitting over", "[tracker][sync]") {
    Config config = auto_credit();
    Script day(config);
    leave(day);  // idle here since 09:00 (the laptop is in use)
    day.wait(40min);
    CHECK(day.take() == Lines{});
    // The laptop: sitting since 09:00, away since its last input at 09:40.
    day.send(there(ago(day, 40min), ago(day, 0min)));
    day.wait(1min);
    day.send(event::UserActive{});  // here at 09:41: a move, not a walk
    CHECK(day.take() == Lines{"moved 1m"});
    CHECK(sitting(day) == 41min);
    CHECK(day.tracker().snapshot(day.now()).sitting_since == ago(day, 41min));
    CHECK(day.wake_in() == Millis{4min});  // the reminder at 45 minutes of sitting
    INFO(day.checker().problem());
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a computer that still says 'there' from before the absence is not believed",
          "[tracker][sync]") {
    Script day(auto_credit());
    day.send(there(ago(day, 2h)));  // a laptop asleep since it last said "sitting"
    day.wait(20min);
    day.walk_away(15min);
    CHECK(day.take() == Lines{"bout 20m", "walk auto 15m", "back 15m credited"});
    INFO(day.checker().problem());
    CHECK(day.checker().problem().empty());
}

TEST_CASE("with no news before sync.settle, the return goes ahead with what is known",
          "[tracker][sync]") {
    Script day(auto_credit());
    day.wait(20min);
    leave(day);  // idle since 09:20
    day.wait(10min);
    CHECK(day.take() == Lines{"bout 20m"});  // a break: 10 minutes with no news elsewhere
    day.send(there(ago(day, 0min)));         // at the laptop from 09:32
    day.wait(10min);
    day.send(event::UserActive{});  // back at 09:42, the laptop still "there"
    CHECK(day.take().empty());
    // sync.settle: a move from the laptop, sitting there since 09:32. The
    // walk 09:20-09:32 is the laptop's to credit (it saw the return).
    day.wait(30s);
    CHECK(day.take() == Lines{"moved 0s"});
    CHECK(sitting(day) == 10min + 30s);
    INFO(day.checker().problem());
    CHECK(day.checker().problem().empty());

    SECTION("without a settle time the decision is at once") {
        Config config = auto_credit();
        config.sync.settle = Seconds{0};
        Script now_day(config);
        now_day.wait(20min);
        leave(now_day);
        now_day.wait(10min);
        now_day.send(there(ago(now_day, 0min)));
        now_day.wait(10min);
        now_day.send(event::UserActive{});
        CHECK(now_day.take() == Lines{"bout 20m", "moved 0s"});
        CHECK(sitting(now_day) == 10min);
        INFO(now_day.checker().problem());
        CHECK(now_day.checker().problem().empty());
    }
}

TEST_CASE("gone again before the other computer's news, the return is decided at once",
          "[tracker][sync]") {
    Config config = auto_credit();
    config.sync.settle = Seconds{10min};  // longer than idle.away_after (2 minutes)
    Script day(config);
    day.wait(20min);
    leave(day);  // idle since 09:20
    day.wait(10min);
    CHECK(day.take() == Lines{"bout 20m"});
    day.send(there(ago(day, 0min)));  // at the laptop from 09:32
    day.wait(10min);
    day.send(event::UserActive{});  // back at 09:42, the laptop still "there"
    CHECK(day.take().empty());
    // A touch of the mouse, then nothing: idle again, reported at 09:44 and
    // back-dated to 09:42. The return is decided with what is known (a move
    // from the laptop) before the new absence begins, not left waiting.
    leave(day);
    CHECK(day.take() == Lines{"moved 0s"});
    CHECK(day.tracker().snapshot(day.now()).sitting_since == ago(day, 12min));
    // The new absence is a break of its own and is credited on return. No
    // sitting bout here: the sitting since 09:32 was at the laptop (its bout).
    day.wait(13min);
    day.send(event::UserActive{});
    CHECK(day.take() == Lines{"walk auto 15m", "back 15m credited"});
    INFO(day.checker().problem());
    CHECK(day.checker().problem().empty());
}
