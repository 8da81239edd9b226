// SPDX-License-Identifier: GPL-3.0-or-later
// Meetings in the tracker (tracker_meetings.cpp): a call without typing is
// not an absence, a reminder waits for the meeting's end, and a signal that
// never ends cannot silence reminders for good. The Checker audits each step.
#include <catch2/catch.hpp>

#include "tracker_harness.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

event::MeetingSignalChanged holds(MeetingSignal signal) { return {signal, true, std::nullopt}; }
event::MeetingSignalChanged ends(MeetingSignal signal) { return {signal, false, std::nullopt}; }

constexpr auto mic = MeetingSignal::Microphone;
constexpr auto camera = MeetingSignal::Camera;

}  // namespace

TEST_CASE("a call without typing is sitting, and the reminder waits until just after it",
          "[tracker][meeting]") {
    Script day;
    day.wait(10min);
    day.send(holds(mic));
    // Listening: the idle source says idle, long past idle.away_after.
    day.wait(2min);
    day.send(event::UserIdle{2min});
    day.wait(40min);  // 09:52: the reminder was due at 09:45
    CHECK(day.take().empty());
    CHECK(day.tracker().state() == TrackerState::Sitting);
    const Snapshot held = day.tracker().snapshot(day.now());
    CHECK(held.reminder_held);
    CHECK_FALSE(held.next_reminder_in);
    CHECK(held.sitting_for == 52min);
    REQUIRE(held.meeting);
    CHECK(held.meeting->since == local_moment(monday, 9h + 10min).wall);
    CHECK(held.meeting->signals == std::vector{mic});

    day.wait(18min);  // 10:10 the call ends; the mouse closes its window
    day.send(ends(mic));
    day.send(event::UserActive{});
    CHECK(day.take() == Lines{"meeting 1h microphone"});
    CHECK(day.tracker().snapshot(day.now()).next_reminder_in == Seconds{60});
    day.wait(1min);
    CHECK(day.take() == Lines{"remind 1h11m after 1h meeting"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a reminder on screen when a meeting starts is withdrawn and comes back after it",
          "[tracker][meeting]") {
    Script day;
    day.wait(45min);
    CHECK(day.take() == Lines{"remind 45m"});
    day.wait(5min);
    day.send(holds(camera));
    CHECK(day.take() == Lines{"withdraw", "reminder ignored"});
    day.wait(30min);
    day.send(ends(camera));
    day.wait(1min);
    CHECK(day.take() == Lines{"meeting 30m camera", "remind 1h21m after 30m meeting"});
    // Escalation counts from then.
    CHECK(day.wake_in() == Millis{15min});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("after meeting.max_hold of one meeting the held reminder is shown anyway, once",
          "[tracker][meeting]") {
    Config config;
    config.meeting.max_hold = 2h;
    Script day(config);
    day.send(holds(mic));
    day.wait(2h - 1s);
    CHECK(day.take().empty());
    day.wait(1s);
    CHECK(day.take() == Lines{"remind 2h"});
    // Held once only: its escalation comes as it would.
    day.wait(15min);
    CHECK(day.take() == Lines{"withdraw", "reminder ignored", "remind! 2h15m"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a fullscreen window is a meeting only while there is no input", "[tracker][meeting]") {
    SECTION("typing in a fullscreen editor is working") {
        Script day;
        day.send(holds(MeetingSignal::Fullscreen));
        day.wait(45min);
        CHECK(day.take() == Lines{"remind 45m"});
        CHECK_FALSE(day.tracker().in_meeting());
    }
    SECTION("a presentation without input holds the reminder") {
        Script day;
        day.wait(30min);
        day.send(holds(MeetingSignal::Fullscreen));
        day.wait(2min);
        day.send(event::UserIdle{2min});
        CHECK(day.tracker().in_meeting());
        CHECK(day.tracker().state() == TrackerState::Sitting);
        day.wait(30min);
        CHECK(day.take().empty());
        // The first key after the slides: no longer a meeting, the reminder comes after
        // remind_after.
        day.send(event::UserActive{});
        CHECK_FALSE(day.tracker().in_meeting());
        day.wait(1min);
        CHECK(day.take() == Lines{"meeting 30m fullscreen", "remind 1h3m after 30m meeting"});
        CHECK(day.checker().problem().empty());
    }
}

TEST_CASE("walkbreak meeting DURATION ends by itself", "[tracker][meeting]") {
    Script day;
    day.wait(30min);
    day.send(event::MeetingSignalChanged{MeetingSignal::Manual, true, Seconds{30min}});
    const Snapshot snap = day.tracker().snapshot(day.now());
    REQUIRE(snap.meeting);
    CHECK(snap.meeting->signals == std::vector{MeetingSignal::Manual});
    CHECK(snap.meeting->manual_until == local_moment(monday, 10h).wall);
    day.wait(30min);  // 10:00: the meeting is over
    CHECK_FALSE(day.tracker().in_meeting());
    CHECK(day.take() == Lines{"meeting 30m manual"});
    day.wait(1min);
    CHECK(day.take() == Lines{"remind 1h1m after 30m meeting"});

    SECTION("and `meeting end` ends it at once") {
        day.send(event::MeetingSignalChanged{MeetingSignal::Manual, true, std::nullopt});
        CHECK(day.tracker().in_meeting());
        day.send(ends(MeetingSignal::Manual));
        CHECK_FALSE(day.tracker().in_meeting());
    }
    CHECK(day.checker().problem().empty());
}

TEST_CASE("locking the screen in a meeting is away, and ends the meeting", "[tracker][meeting]") {
    Config config;
    config.walk.credit = WalkCredit::Auto;
    Script day(config);
    day.wait(20min);
    day.send(holds(mic));
    day.send(event::ScreenLocked{});
    CHECK_FALSE(day.tracker().in_meeting());
    CHECK(day.tracker().state() == TrackerState::Locked);
    day.wait(10min);
    day.send(event::ScreenUnlocked{});
    // A walk while the browser tab kept the microphone: credited; back in the call.
    CHECK(day.take() == Lines{"bout 20m", "walk auto 10m", "back 10m credited"});
    CHECK(day.tracker().in_meeting());
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a meeting that begins while the user is idle brings them back", "[tracker][meeting]") {
    Config config;
    config.walk.credit = WalkCredit::Auto;
    Script day(config);
    day.wait(20min);
    day.send(event::UserIdle{2min});  // idle since 09:18
    day.wait(1min);
    CHECK(day.tracker().state() == TrackerState::Away);
    day.send(holds(mic));  // an incoming call, answered without a key
    CHECK(day.tracker().state() == TrackerState::Sitting);
    CHECK(day.take() == Lines{"bout 18m", "walk auto 3m", "back 3m credited"});
    // When the call ends with no input since, the user is away from then on.
    day.wait(20min);
    day.send(ends(mic));
    CHECK(day.tracker().state() == TrackerState::Away);
    CHECK(day.checker().problem().empty());
}

TEST_CASE("back-to-back meetings are one, for max_hold and for the message", "[tracker][meeting]") {
    Config config;
    config.meeting.max_hold = 3h;
    Script day(config);
    day.send(holds(mic));
    day.wait(50min);
    day.send(ends(mic));
    day.wait(30s);  // the next call starts within meeting.remind_after
    day.send(holds(camera));
    day.wait(30min);
    day.send(ends(camera));
    day.wait(1min);
    CHECK(day.take() == Lines{"meeting 50m microphone", "meeting 30m camera",
                              "remind 1h21m30s after 1h20m30s meeting"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("meetings follow the config: disabled, or a signal left out", "[tracker][meeting]") {
    SECTION("meeting.enabled = false") {
        Config config;
        config.meeting.enabled = false;
        Script day(config);
        day.send(holds(mic));
        day.wait(2min);
        day.send(event::UserIdle{2min});
        CHECK(day.tracker().state() == TrackerState::Away);
        CHECK_FALSE(day.tracker().snapshot(day.now()).meeting);
    }
    SECTION("a signal not in meeting.signals; `walkbreak meeting` still works") {
        Config config;
        config.meeting.signals = {camera};
        Script day(config);
        day.send(holds(mic));
        CHECK_FALSE(day.tracker().in_meeting());
        day.send(holds(MeetingSignal::Manual));
        CHECK(day.tracker().in_meeting());
        // Status names only what makes the meeting.
        CHECK(day.tracker().snapshot(day.now()).meeting->signals ==
              std::vector{MeetingSignal::Manual});
    }
    SECTION("a reload that disables meetings ends the one in progress") {
        Script day;
        day.send(holds(mic));
        Config off;
        off.meeting.enabled = false;
        day.send(event::ConfigChanged{off});
        CHECK_FALSE(day.tracker().in_meeting());
    }
}

TEST_CASE("a meeting is recorded when it ends, from its start, with every signal that made it",
          "[tracker][meeting][record]") {
    Script day;
    day.wait(10min);
    day.send(holds(mic));
    day.wait(20min);
    day.send(holds(camera));  // 09:30: the video comes on
    day.wait(10min);
    day.send(ends(mic));  // muted; the camera still holds
    CHECK(day.take().empty());
    day.wait(30min);
    day.send(ends(camera));  // 10:10
    const auto actions = day.take_actions();
    REQUIRE(actions.size() == 1);
    const auto* recorded = std::get_if<action::RecordMeeting>(&actions.front());
    REQUIRE(recorded);
    CHECK(recorded->meeting.start == local_moment(monday, 9h + 10min).wall);
    CHECK(recorded->meeting.end == local_moment(monday, 10h + 10min).wall);
    CHECK(recorded->meeting.utc_offset == cest);
    CHECK(recorded->meeting.signals == std::vector{mic, camera});
    day.wait(1min);
    CHECK(day.take() == Lines{"remind 1h11m after 1h meeting"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("every way a meeting ends records it", "[tracker][meeting][record]") {
    Script day;
    day.wait(5min);
    SECTION("walkbreak meeting end") {
        day.send(holds(MeetingSignal::Manual));
        day.wait(20min);
        day.send(ends(MeetingSignal::Manual));
        CHECK(day.take() == Lines{"meeting 20m manual"});
    }
    SECTION("a manual meeting's length running out") {
        day.send(event::MeetingSignalChanged{MeetingSignal::Manual, true, Seconds{25min}});
        day.wait(30min);
        CHECK(day.take() == Lines{"meeting 25m manual"});
    }
    SECTION("locking the screen: the meeting ends where the absence begins") {
        day.send(holds(mic));
        day.wait(15min);
        day.send(event::ScreenLocked{});
        CHECK(day.take() == Lines{"meeting 15m microphone"});
    }
    SECTION("suspending") {
        day.send(holds(camera));
        day.wait(15min);
        day.send(event::Suspending{});
        CHECK(day.take() == Lines{"meeting 15m camera"});
    }
    SECTION("a reload that turns meetings off") {
        day.send(holds(mic));
        day.wait(15min);
        Config off;
        off.meeting.enabled = false;
        day.send(event::ConfigChanged{off});
        CHECK(day.take() == Lines{"meeting 15m microphone"});
    }
    SECTION("walkbreakd stopping; the meeting goes on after a restart as a new one") {
        day.send(holds(mic));
        day.wait(15min);
        day.finish();
        CHECK(day.take() == Lines{"meeting 15m microphone", "bout 20m"});
        day.send(event::Tick{});  // the next walkbreakd's first look
        day.wait(10min);
        day.send(ends(mic));
        CHECK(day.take() == Lines{"meeting 10m microphone"});
    }
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a meeting shorter than a minute is not recorded, but still holds reminders",
          "[tracker][meeting][record]") {
    Script day;
    day.wait(44min + 30s);
    day.send(holds(mic));  // a voice message
    day.wait(59s);
    day.send(ends(mic));
    CHECK(day.take().empty());
    day.wait(1min);
    CHECK(day.take() == Lines{"remind 46m29s after 59s meeting"});
    day.send(event::Answer{event::ReminderAnswer::Skip, {}});
    day.take();
    day.send(holds(mic));
    day.wait(1min);
    day.send(ends(mic));
    CHECK(day.take() == Lines{"meeting 1m microphone"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("back-to-back meetings are recorded apart, and never overlap",
          "[tracker][meeting][record]") {
    Script day;
    day.send(holds(mic));
    day.wait(50min);
    day.send(ends(mic));
    day.wait(30s);
    day.send(holds(camera));
    day.wait(30min);
    day.send(ends(camera));
    CHECK(day.take() == Lines{"meeting 50m microphone", "meeting 30m camera"});
    CHECK(day.checker().problem().empty());
}

TEST_CASE("a meeting longer than a day is recorded in equal parts of at most a day",
          "[tracker][meeting][record]") {
    Config config;
    config.reminder.interval = Seconds{72h};  // no reminders in the way
    Script day(config);
    day.send(holds(camera));  // a camera left open over the weekend
    day.wait(50h);
    day.send(ends(camera));
    CHECK(day.take() ==
          Lines{"meeting 16h40m camera", "meeting 16h40m camera", "meeting 16h40m camera"});
    CHECK(day.checker().meeting_total() == Millis{50h});
    CHECK(day.checker().problem().empty());

    // Just over a day: two halves, not a day and a sliver of no whole second.
    Script next(config);
    next.send(holds(camera));
    next.wait(24h + 300ms);
    next.send(ends(camera));
    CHECK(next.take() == Lines{"meeting 12h camera", "meeting 12h camera"});
    CHECK(next.checker().problem().empty());
}
