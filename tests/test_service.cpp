// SPDX-License-Identifier: GPL-3.0-or-later
// The service (daemon/service.hpp) on a clock moved by hand, with the
// desktop's parts as fakes the test drives and a store that remembers what it
// was given: the tracker's actions become notifications and records, today's
// total is kept in memory and read from the store only once a day and on
// Refresh, and the control requests do what they say.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/config.hpp"
#include "daemon/recorder.hpp"
#include "daemon/service.hpp"
#include "tests/service_fixture.hpp"

using namespace walkbreak;
using namespace std::chrono_literals;
using test::at;
using test::Fixture;
using test::ManualClock;
using test::StoreScript;
using test::walk;
namespace rq = core::protocol::request;

TEST_CASE("a reminder is shown once the interval of sitting has passed, and not before",
          "[unit][service]") {
    Fixture f{at(9, 0)};
    f.clock.advance(44min);
    CHECK(f.desktop.reminders() == 0);
    f.clock.advance(1min);
    CHECK(f.desktop.reminders() == 1);
    CHECK(f.service.status().reminder_showing);
}

TEST_CASE("a walk after a reminder is stored and counted today without reading the store back",
          "[unit][service]") {
    Fixture f{at(9, 0)};
    CHECK(f.service.status().today_walk_seconds == 0);
    const int reads = f.script->walk_reads;
    f.clock.advance(45min);
    REQUIRE(f.desktop.reminders() == 1);
    f.clock.advance(2min);
    f.desktop.idle.on_idle(2min);  // away since the reminder
    f.clock.advance(5min);
    f.desktop.idle.on_active();
    const auto walks = f.script->walks();
    REQUIRE(walks.size() == 1);
    CHECK(walks.front().seconds() == 7min);
    CHECK(f.service.status().today_walk_seconds == 7 * 60);
    CHECK(f.script->walk_reads == reads);
}

TEST_CASE("today's walks are read again on a new day; a walk across midnight counts its part",
          "[unit][service]") {
    core::Config config;
    config.walk.credit = core::WalkCredit::Auto;
    Fixture f{at(23, 50), config};
    f.script->added.push_back(walk(f.clock.now().wall - 10min, 10min));  // 23:40-23:50
    REQUIRE(f.service.apply(rq::Refresh{}));
    CHECK(f.service.status().today_walk_seconds == 10 * 60);
    const int reads = f.script->walk_reads;
    f.clock.advance(7min);
    f.desktop.idle.on_idle(2min);  // away since 23:55
    f.clock.advance(8min);         // 00:05
    f.desktop.idle.on_active();
    REQUIRE(f.script->walks().size() == 2);
    CHECK(f.service.status().today_walk_seconds == 5 * 60);  // 00:00-00:05
    CHECK(f.script->walk_reads == reads + 1);
}

TEST_CASE("Refresh reads today's walks again after the CLI changed the file", "[unit][service]") {
    Fixture f{at(12, 0)};
    CHECK(f.service.status().today_walk_seconds == 0);
    f.script->added.push_back(walk(f.clock.now().wall - 30min, 10min));  // `walkbreak log`
    CHECK(f.service.status().today_walk_seconds == 0);                   // kept in memory
    REQUIRE(f.service.apply(rq::Refresh{}));
    CHECK(f.service.status().today_walk_seconds == 10 * 60);
}

TEST_CASE("a walk logged through the service that overlaps a stored one is refused",
          "[unit][service]") {
    Fixture f{at(12, 0)};
    const core::WallTime ten = at(10, 0).wall;
    f.script->added.push_back(walk(ten, 10min));
    REQUIRE(f.service.apply(rq::Refresh{}));
    const auto overlapping = f.service.apply(rq::Log{ten + 5min, 10min, core::UtcOffset{0}, ""});
    REQUIRE_FALSE(overlapping);
    CHECK_THAT(overlapping.error(), Catch::Contains("overlaps"));
    CHECK(f.script->walks().size() == 1);

    REQUIRE(f.service.apply(rq::Log{ten + 30min, 10min, core::UtcOffset{0}, "stairs"}));
    CHECK(f.script->walks().size() == 2);
    CHECK(f.service.status().today_walk_seconds == 20 * 60);
}

TEST_CASE("an edit and a delete through the service change the store and today's total at once",
          "[unit][service]") {
    Fixture f{at(12, 0)};
    const core::WallTime ten = at(10, 0).wall;
    f.script->added.push_back(walk(ten, 10min, 1));
    f.script->added.push_back(walk(ten + 1h, 5min, 2));
    f.script->added.push_back(walk(at(23, 0).wall - 24h, 30min, 3));  // yesterday
    REQUIRE(f.service.apply(rq::Refresh{}));
    REQUIRE(f.service.status().today_walk_seconds == 15 * 60);

    REQUIRE(f.service.apply(rq::Edit{1, {ten, 20min, core::UtcOffset{0}, "longer"}}));
    const auto* edited = f.script->walk_with_id(1);
    REQUIRE(edited != nullptr);
    CHECK(edited->seconds() == 20min);
    CHECK(edited->note == "longer");
    CHECK(f.service.status().today_walk_seconds == 25 * 60);  // no Refresh needed

    // Yesterday's walk moved onto today counts today.
    REQUIRE(f.service.apply(rq::Edit{3, {ten + 30min, 10min, core::UtcOffset{0}, ""}}));
    CHECK(f.service.status().today_walk_seconds == 35 * 60);

    const auto deleted = f.service.apply(rq::Delete{2});
    REQUIRE(deleted);
    CHECK(deleted->message == "deleted walk 2: 2026-03-30 11:00, 5 min");
    CHECK(f.script->walk_with_id(2) == nullptr);
    CHECK(f.service.status().today_walk_seconds == 30 * 60);
}

TEST_CASE("an edit or a delete the rules refuse changes nothing and says why", "[unit][service]") {
    Fixture f{at(12, 0)};
    const core::WallTime ten = at(10, 0).wall;
    f.script->added.push_back(walk(ten, 10min, 1));
    f.script->added.push_back(walk(ten + 1h, 5min, 2));
    REQUIRE(f.service.apply(rq::Refresh{}));
    const auto unchanged = [&] {
        CHECK(f.script->walks().size() == 2);
        CHECK(f.script->walk_with_id(1)->seconds() == 10min);
        CHECK(f.service.status().today_walk_seconds == 15 * 60);
    };

    const auto overlapping = f.service.apply(rq::Edit{1, {ten + 55min, 10min, {}, ""}});
    REQUIRE_FALSE(overlapping);
    CHECK_THAT(overlapping.error(), Catch::Contains("overlaps walk 2"));
    unchanged();
    const auto future = f.service.apply(rq::Edit{1, {at(11, 55).wall, 10min, {}, ""}});
    REQUIRE_FALSE(future);
    CHECK(future.error() == "that walk has not ended yet; expected a walk that has ended");
    unchanged();
    CHECK_FALSE(f.service.apply(rq::Edit{99, {ten - 2h, 10min, {}, ""}}));
    const auto missing = f.service.apply(rq::Delete{99});
    REQUIRE_FALSE(missing);
    CHECK(missing.error() == "no walk with id 99 (walkbreak history lists them)");
    unchanged();
}

TEST_CASE("while the database refuses writes an edit is refused, also over a waiting walk",
          "[unit][service]") {
    Fixture f{at(12, 0)};
    const core::WallTime ten = at(10, 0).wall;
    f.script->added.push_back(walk(ten, 10min, 1));
    REQUIRE(f.service.apply(rq::Refresh{}));
    f.script->fail_writes = core::StoreError::Kind::Busy;
    REQUIRE(f.service.apply(rq::Log{ten + 30min, 10min, core::UtcOffset{0}, ""}));
    REQUIRE(f.recorder.pending() == 1);  // the logged walk waits in memory

    // Over the walk waiting to be written: the same rule as over a stored one.
    const auto over_waiting = f.service.apply(rq::Edit{1, {ten + 35min, 10min, {}, ""}});
    REQUIRE_FALSE(over_waiting);
    CHECK_THAT(over_waiting.error(), Catch::Contains("overlaps"));
    const auto refused = f.service.apply(rq::Edit{1, {ten - 1h, 10min, {}, ""}});
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error(), Catch::EndsWith("; nothing was changed"));
    CHECK(f.script->walk_with_id(1)->start == ten);
    CHECK(f.service.status().today_walk_seconds == 20 * 60);
}

TEST_CASE("shutdown records the open bout and a reminder still open as ignored",
          "[unit][service]") {
    Fixture f{at(9, 0)};
    f.clock.advance(46min);
    REQUIRE(f.desktop.reminders() == 1);
    f.service.shutdown(15);
    bool bout = false;
    bool ignored = false;
    for (const auto& r : f.script->added) {
        if (const auto* b = std::get_if<core::SittingBout>(&r)) bout = b->end - b->start == 46min;
        if (const auto* m = std::get_if<core::ReminderRecord>(&r))
            ignored = m->outcome == core::ReminderOutcome::Ignored;
    }
    CHECK(bout);
    CHECK(ignored);
    CHECK(f.desktop.closed_all >= 1);
}

TEST_CASE("a reload of a broken config is refused with its place and keeps the one in use",
          "[unit][service]") {
    Fixture f{at(9, 0)};
    std::ofstream{f.paths.config} << "[reminder]\ninterval = \"soon\"\n";
    const auto reloaded = f.service.apply(rq::Reload{});
    REQUIRE_FALSE(reloaded);
    CHECK_THAT(reloaded.error(), Catch::StartsWith("reload refused: " + f.paths.config + ":2:"));
    f.clock.advance(45min);
    CHECK(f.desktop.reminders() == 1);  // still every 45 minutes
}

TEST_CASE("a meeting source holds the reminder; status names the meeting; it comes after",
          "[unit][service][meeting]") {
    core::Config config;
    config.meeting.camera_devices = "/tmp/cams*";
    Fixture f{at(9, 0), config};
    REQUIRE(f.desktop.meeting_opens == 1);
    CHECK(f.desktop.meeting_options.camera_devices == "/tmp/cams*");
    CHECK_FALSE(f.service.status().meeting);

    f.clock.advance(10min);
    f.desktop.meeting.on_change(core::MeetingSignal::Microphone, true);
    const auto in_call = f.service.status();
    REQUIRE(in_call.meeting);
    CHECK(in_call.meeting->since == "2026-03-30T09:10:00+00:00");
    CHECK(in_call.meeting->signals == std::vector<std::string>{"microphone"});
    f.clock.advance(2min);
    f.desktop.idle.on_idle(2min);  // listening
    CHECK(f.service.status().state == "sitting");
    f.clock.advance(40min);
    CHECK(f.desktop.reminders() == 0);
    CHECK_FALSE(f.service.status().next_reminder_in_seconds);

    f.desktop.idle.on_active();
    f.desktop.meeting.on_change(core::MeetingSignal::Microphone, false);
    CHECK_FALSE(f.service.status().meeting);
    f.clock.advance(1min);
    REQUIRE(f.desktop.reminders() == 1);
    CHECK_THAT(f.desktop.shown.back().summary, Catch::Contains("42-minute meeting"));
    CHECK(f.script->walks().empty());
    // The meeting went to the store when it ended, as the call was.
    std::vector<core::MeetingRecord> meetings;
    for (const auto& r : f.script->added) {
        if (const auto* m = std::get_if<core::MeetingRecord>(&r)) meetings.push_back(*m);
    }
    REQUIRE(meetings.size() == 1);
    CHECK(meetings[0].start == at(9, 10).wall);
    CHECK(meetings[0].end == at(9, 52).wall);
    CHECK(meetings[0].signals == std::vector{core::MeetingSignal::Microphone});
}

TEST_CASE("shutdown in a meeting records the meeting up to then", "[unit][service][meeting]") {
    Fixture f{at(9, 0)};
    REQUIRE(f.service.apply(rq::Meeting{}).ok());
    f.clock.advance(20min);
    f.service.shutdown(15);
    int meetings = 0;
    for (const auto& r : f.script->added) {
        if (const auto* m = std::get_if<core::MeetingRecord>(&r)) {
            ++meetings;
            CHECK(m->end - m->start == 20min);
            CHECK(m->signals == std::vector{core::MeetingSignal::Manual});
        }
    }
    CHECK(meetings == 1);
}

TEST_CASE("walkbreak meeting and meeting end through the service", "[unit][service][meeting]") {
    Fixture f{at(9, 0)};
    namespace rq = core::protocol::request;
    const auto started = f.service.apply(rq::Meeting{core::Seconds{30min}});
    REQUIRE(started.ok());
    CHECK_THAT(started->message, Catch::Contains("for 30m"));
    REQUIRE(f.service.status().meeting);
    CHECK(f.service.status().meeting->signals == std::vector<std::string>{"manual"});

    f.desktop.meeting.on_change(core::MeetingSignal::Camera, true);
    const auto ended = f.service.apply(rq::MeetingEnd{});
    REQUIRE(ended.ok());
    CHECK(ended->message == "still in a meeting: camera holds");
    f.desktop.meeting.on_change(core::MeetingSignal::Camera, false);
    CHECK_FALSE(f.service.status().meeting);
    CHECK(f.service.apply(rq::MeetingEnd{})->message ==
          "no meeting was started with `walkbreak meeting`");

    SECTION("refused while meetings are off, and a reload reopens the sources") {
        REQUIRE(f.desktop.meeting_opens == 1);
        {
            std::ofstream out{f.paths.config};
            out << "[meeting]\nenabled = false\n";
        }
        REQUIRE(f.service.apply(rq::Reload{}).ok());
        CHECK(f.desktop.meeting_opens == 1);  // off: none opened
        const auto refused = f.service.apply(rq::Meeting{});
        REQUIRE_FALSE(refused.ok());
        CHECK_THAT(refused.error(), Catch::Contains("meeting.enabled = false"));
    }
}
