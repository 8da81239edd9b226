// SPDX-License-Identifier: GPL-3.0-or-later
// The daemon's side of the store (daemon/recorder.hpp), on a clock moved by
// hand: records wait in memory while the database fails, are retried after
// core::retry_delay, and are written in order when it recovers; each fault is
// logged once; a file SQLite cannot read is moved aside once, never twice; an
// edit or a delete by hand is done at once or refused, never queued.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

#include "core/retry.hpp"
#include "daemon/recorder.hpp"
#include "tests/service_test_support.hpp"
#include "tests/store_test_support.hpp"

using namespace walkbreak;
using namespace std::chrono_literals;
using core::StoreError;
using test::ManualClock;
using test::StoreScript;

namespace {

// 2026-03-30 10:15:00 UTC, in a zone two hours east; the boot clock at one hour.
core::Moment start_moment() {
    return {test::local_time(2026, 3, 30, 10, 15, core::UtcOffset{0}), core::Millis{3'600'000},
            core::UtcOffset{7200}};
}

core::WalkRecord walk_at(const core::Moment& now, core::Seconds ago, core::Seconds length) {
    core::WalkRecord w;
    w.start = now.wall - ago;
    w.end = w.start + length;
    w.how = core::CreditHow::Auto;
    return w;
}

struct Fixture {
    std::shared_ptr<StoreScript> script = std::make_shared<StoreScript>();
    ManualClock clock{start_moment()};
    test::CapturedLog log;
    daemon::Recorder recorder{clock, "/nonexistent/walkbreak.db", test::scripted_store(script),
                              log.logger()};
};

}  // namespace

TEST_CASE("a failed write is retried after a growing delay that starts over after a success",
          "[unit][recorder]") {
    Fixture f;
    REQUIRE(f.recorder.open());
    f.script->fail_writes = StoreError::Kind::Busy;
    const core::Millis t0 = f.clock.now().boot;
    f.recorder.record(walk_at(f.clock.now(), 10min, 5min));
    REQUIRE(f.clock.next_deadline() == t0 + core::retry_delay(1));
    f.clock.advance(core::retry_delay(1));
    const core::Millis t1 = f.clock.now().boot;
    REQUIRE(f.clock.next_deadline() == t1 + core::retry_delay(2));
    f.clock.advance(core::retry_delay(2));
    REQUIRE(f.clock.next_deadline() == f.clock.now().boot + core::retry_delay(3));
    CHECK(f.script->added.empty());

    f.script->fail_writes.reset();
    f.clock.advance(core::retry_delay(3));
    CHECK(f.script->added.size() == 1);
    CHECK_FALSE(f.clock.next_deadline());

    // A new fault waits the shortest delay again.
    f.script->fail_writes = StoreError::Kind::Full;
    f.recorder.record(walk_at(f.clock.now(), 2min, 1min));
    CHECK(f.clock.next_deadline() == f.clock.now().boot + core::retry_delay(1));
}

TEST_CASE("a fault is logged once when it starts and once when it clears, not per retry",
          "[unit][recorder]") {
    Fixture f;
    REQUIRE(f.recorder.open());
    f.script->fail_writes = StoreError::Kind::ReadOnly;
    f.recorder.record(walk_at(f.clock.now(), 10min, 5min));
    for (int i = 1; i <= 5; ++i) f.clock.advance(core::retry_delay(i));
    f.recorder.record(walk_at(f.clock.now(), 1min, 30s));
    CHECK(f.log.count("refuses the write") == 1);
    f.script->fail_writes.reset();
    f.clock.advance(*f.clock.next_deadline() - f.clock.now().boot);
    CHECK(f.log.count("database writable again") == 1);
    CHECK(f.log.count("refuses the write") == 1);
    CHECK(f.script->added.size() == 2);
}

TEST_CASE("records wait in memory while the store fails and are written in the order made",
          "[unit][recorder]") {
    Fixture f;
    REQUIRE(f.recorder.open());
    f.script->fail_writes = StoreError::Kind::Busy;
    const core::Moment now = f.clock.now();
    const core::SittingBout bout{now.wall - 60min, now.wall - 10min, now.utc_offset};
    const core::WalkRecord walk = walk_at(now, 10min, 5min);
    core::ReminderRecord reminder;
    reminder.shown = now.wall - 15min;
    reminder.outcome = core::ReminderOutcome::Walked;
    reminder.resolved = now.wall - 10min;
    const core::CheckinRecord checkin{now.wall, core::BackFeel::Better, now.utc_offset};
    f.recorder.record(bout);
    f.recorder.record(walk);
    f.recorder.record(reminder);
    f.recorder.record(checkin);
    CHECK(f.script->added.empty());
    // Meanwhile the day's walks include the one waiting.
    const auto today = f.recorder.walks_on(core::local_day(now.wall, now.utc_offset, {}));
    CHECK(today.walks.size() == 1);

    f.script->fail_writes.reset();
    f.clock.advance(*f.clock.next_deadline() - f.clock.now().boot);
    REQUIRE(f.script->added.size() == 4);
    CHECK(std::holds_alternative<core::SittingBout>(f.script->added[0]));
    CHECK(std::holds_alternative<core::WalkRecord>(f.script->added[1]));
    CHECK(std::holds_alternative<core::ReminderRecord>(f.script->added[2]));
    CHECK(std::holds_alternative<core::CheckinRecord>(f.script->added[3]));
}

TEST_CASE("what waits is written at exit when the store takes it, and said lost when not",
          "[unit][recorder]") {
    SECTION("the store recovered before its retry came") {
        Fixture f;
        REQUIRE(f.recorder.open());
        f.script->fail_writes = StoreError::Kind::Busy;
        f.recorder.record(walk_at(f.clock.now(), 10min, 5min));
        f.script->fail_writes.reset();
        f.recorder.flush_before_exit();
        CHECK(f.script->added.size() == 1);
        CHECK(f.log.count("lost") == 0);
    }
    SECTION("the store still fails") {
        Fixture f;
        REQUIRE(f.recorder.open());
        f.script->fail_writes = StoreError::Kind::Full;
        f.recorder.record(walk_at(f.clock.now(), 10min, 5min));
        f.recorder.flush_before_exit();
        CHECK(f.log.count("1 record(s) could not be written before exit and are lost") == 1);
    }
}

TEST_CASE("a database that cannot be opened is retried, but a newer schema never is",
          "[unit][recorder]") {
    Fixture f;
    f.script->fail_opens = StoreError::Kind::Open;
    CHECK_FALSE(f.recorder.open());
    REQUIRE(f.clock.next_deadline() == f.clock.now().boot + core::retry_delay(1));
    f.script->fail_opens.reset();
    f.clock.advance(core::retry_delay(1));
    CHECK(f.script->opens == 2);
    CHECK_FALSE(f.clock.next_deadline());

    Fixture newer;
    newer.script->fail_opens = StoreError::Kind::NewerSchema;
    CHECK_FALSE(newer.recorder.open());
    CHECK_FALSE(newer.clock.next_deadline());
}

TEST_CASE("a file SQLite cannot read is moved aside once, named by the local time",
          "[unit][recorder]") {
    test::TempDir dir;
    const std::string db = dir.file("walkbreak.db");
    std::ofstream{db} << "not a database";
    auto script = std::make_shared<StoreScript>();
    script->fail_opens = StoreError::Kind::Corrupt;  // the fresh file too: a disk that corrupts
    ManualClock clock{start_moment()};
    test::CapturedLog log;
    daemon::Recorder recorder{clock, db, test::scripted_store(script), log.logger()};

    CHECK_FALSE(recorder.open());
    // 10:15 UTC is 12:15 in the zone two hours east.
    CHECK(std::filesystem::exists(db + ".corrupt-20260330T121500"));
    CHECK_FALSE(std::filesystem::exists(db));
    // The fresh file would be corrupt as well: it stays, and retries never move it.
    std::ofstream{db} << "not a database either";
    for (int i = 1; i <= 3; ++i) clock.advance(core::retry_delay(i));
    int aside = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        if (entry.path().filename().string().find(".corrupt-") != std::string::npos) ++aside;
    }
    CHECK(aside == 1);
    CHECK(std::filesystem::exists(db));
    CHECK(script->opens >= 4);
}

TEST_CASE("an edit or a delete by hand is done now or refused, never kept for later",
          "[unit][recorder]") {
    Fixture f;
    f.script->fail_opens = StoreError::Kind::Open;
    auto stored = walk_at(f.clock.now(), 1h, 10min);
    stored.id = 4;
    const auto unopened = f.recorder.delete_walk(4);
    REQUIRE_FALSE(unopened);
    CHECK(unopened.error() ==
          "the database /nonexistent/walkbreak.db cannot be opened now (walkbreakd's log says "
          "why); nothing was changed");
    CHECK(f.recorder.pending() == 0);

    f.script->fail_opens.reset();
    f.script->added.push_back(stored);
    REQUIRE(f.recorder.open());
    f.script->fail_writes = StoreError::Kind::Busy;
    auto longer = stored;
    longer.end += 5min;
    const auto busy = f.recorder.edit_walk(longer);
    REQUIRE_FALSE(busy);
    CHECK(busy.error() == "the test's store refuses the write; nothing was changed");
    CHECK(f.recorder.pending() == 0);
    CHECK(f.script->walk_with_id(4)->end == stored.end);
    CHECK(f.log.count("refuses the write") == 1);  // reported as any fault of the store

    f.script->fail_writes.reset();
    const auto before = f.recorder.edit_walk(longer);
    REQUIRE(before);
    CHECK(before->end == stored.end);
    CHECK(f.script->walk_with_id(4)->end == longer.end);
    const auto gone = f.recorder.delete_walk(4);
    REQUIRE(gone);
    CHECK(gone->id == 4);
    CHECK(f.script->walks().empty());
    CHECK_FALSE(f.recorder.delete_walk(4));
}
