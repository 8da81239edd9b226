// SPDX-License-Identifier: GPL-3.0-or-later
// Other devices' records in the store (docs/SYNC.md "Merging"): a merged
// device applied in one transaction, replacing what it had, tagged by device
// and never touching this computer's tables; totals across devices by the
// union rule, kept per day and right after every write; one device alone.
// On real SQLite files.
#include <fmt/format.h>

#include <random>

#include "store_devices_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

TEST_CASE("a merged device is stored tagged by device; this computer's tables stay as they were",
          "[store][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.use_day_start(0min);
    store.add_walk(walk_at(march_2(10, 0), 10min));
    const std::string local_before = query(
        path, "SELECT group_concat(id || ':' || start_utc || ':' || end_utc, ' ') FROM walks");

    Journal journal(laptop);
    journal.put(walk_at(march_2(14, 0), 5min, "park"));
    journal.put(SittingBout{march_2(13, 0), march_2(14, 0), berlin});
    ReminderRecord reminder{march_2(13, 59), false, ReminderOutcome::Walked, march_2(14, 0),
                            berlin};
    journal.put(reminder);
    journal.put(CheckinRecord{march_2(14, 6), BackFeel::Better, berlin});
    const DeviceChanges changes = store.apply_device(journal.merged(), march_2(15, 0));
    CHECK(changes == DeviceChanges{4, 0});

    CHECK(query(path,
                "SELECT group_concat(id || ':' || start_utc || ':' || end_utc, ' ') "
                "FROM walks") == local_before);
    CHECK(query(path, "SELECT count(*) FROM sitting_bouts") == "0");
    CHECK(query(path,
                "SELECT device || ' ' || id || ' ' || seq || ' ' || how || ' ' || note "
                "FROM device_walks") == "00c4e1a27b9d3f58 1 2 auto park");
    CHECK(query(path, "SELECT count(*) FROM device_sitting_bouts") == "1");
    CHECK(query(path, "SELECT outcome FROM device_reminders") == "walked");
    CHECK(query(path, "SELECT feel FROM device_checkins") == "better");

    const auto devices = store.devices();
    REQUIRE(devices.size() == 1);
    CHECK(devices[0].id == laptop);
    CHECK(devices[0].name == "laptop");
    CHECK(devices[0].last_sequence == 5);
    CHECK(devices[0].missing_sequences == 0);
    CHECK(devices[0].last_news == march_2(15, 0));

    SECTION("this computer alone counts as before; the other alone counts its own") {
        const DayTotals mine = day_of(store, date(2026, 3, 2), DeviceScope::this_device());
        CHECK(mine.walk_seconds == 10min);
        CHECK(mine.reminders.sent == 0);
        const DayTotals theirs = day_of(store, date(2026, 3, 2), DeviceScope::only(laptop));
        CHECK(theirs.walk_seconds == 5min);
        CHECK(theirs.walks == 1);
        CHECK(theirs.sitting_seconds == 1h);
        CHECK(theirs.reminders.walked == 1);
        const DayTotals both = day_of(store, date(2026, 3, 2));
        CHECK(both.walk_seconds == 15min);
        CHECK(both.walks == 2);
        CHECK(both.sitting_seconds == 1h);
        CHECK(both.reminders.sent == 1);
        DayTotals nothing;
        nothing.date = date(2026, 3, 2);
        CHECK(day_of(store, date(2026, 3, 2), DeviceScope::only(tablet)) == nothing);
    }
    SECTION("walks and check-ins are read tagged with their device") {
        const auto newest = store.walks_newest_first(10, DeviceScope::all());
        REQUIRE(newest.size() == 2);
        CHECK(newest[0].device == laptop);
        CHECK(newest[0].walk.id == 1);
        CHECK(newest[0].walk.note == "park");
        CHECK_FALSE(newest[1].device.has_value());
        CHECK(store.walks_newest_first(10, DeviceScope::this_device()).size() == 1);
        CHECK(store.walks_newest_first(10, DeviceScope::only(laptop)).size() == 1);
        CHECK(store.walks_newest_first(1, DeviceScope::all()).at(0).device == laptop);
        const auto day = store.walks_between(march_2(0, 0), march_2(23, 59), DeviceScope::all());
        REQUIRE(day.size() == 2);
        CHECK_FALSE(day[0].device.has_value());  // oldest first
        CHECK(store.device_walks_between(march_2(0, 0), march_2(23, 59)) ==
              std::vector<DeviceSpan>{{laptop, march_2(14, 0), march_2(14, 5), berlin}});
        CHECK(store.recent_checkins(5, DeviceScope::all()).size() == 1);
        CHECK(store.recent_checkins(5).empty());
        CHECK(store
                  .checkins_on_days(date(2026, 3, 2), date(2026, 3, 2), 0min,
                                    DeviceScope::only(laptop))
                  .size() == 1);
    }
    CHECK(store.integrity_check() == "ok");
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));
}

TEST_CASE("applying the same merge again writes nothing and keeps the device's last news",
          "[store][sync]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    Journal journal(laptop);
    journal.put(walk_at(march_2(14, 0), 5min));
    REQUIRE(store.apply_device(journal.merged(), march_2(15, 0)).any());
    CHECK(store.apply_device(journal.merged(), march_2(16, 0)) == DeviceChanges{});
    CHECK(store.devices().at(0).last_news == march_2(15, 0));
    // A name entry changes no record, but is news.
    journal.put(DeviceNameRecord{"travel laptop"}, 1);
    CHECK(store.apply_device(journal.merged(), march_2(17, 0)) == DeviceChanges{});
    CHECK(store.devices().at(0).name == "travel laptop");
    CHECK(store.devices().at(0).last_news == march_2(17, 0));
}

TEST_CASE("a later merge replaces what the device had: edits, deletions and new records",
          "[store][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.use_day_start(0min);
    Journal journal(laptop);
    const auto kept = journal.put(walk_at(march_2(9, 0), 5min));
    const auto edited = journal.put(walk_at(march_2(10, 0), 5min));
    const auto deleted = journal.put(walk_at(march_2(11, 0), 5min));
    store.apply_device(journal.merged(), march_2(12, 0));
    CHECK(day_of(store, date(2026, 3, 2)).walk_seconds == 15min);

    journal.put(walk_at(march_2(10, 0), 7min, "longer"), edited);
    journal.remove(RecordKind::Walk, deleted);
    journal.skip_one();  // one entry still on its way
    journal.put(walk_at(march_2(13, 0), 2min));
    CHECK(store.apply_device(journal.merged(), march_2(14, 0)) == DeviceChanges{2, 1});
    const auto walks = store.walks_newest_first(10, DeviceScope::only(laptop));
    REQUIRE(walks.size() == 3);
    CHECK(walks[0].walk.seconds() == 2min);
    CHECK(walks[1].walk.id == edited);
    CHECK(walks[1].walk.note == "longer");
    CHECK(walks[2].walk.id == kept);
    CHECK(day_of(store, date(2026, 3, 2)).walk_seconds == 14min);
    CHECK(store.devices().at(0).missing_sequences == 1);
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));

    SECTION("a device with nothing left is forgotten, and the totals are this computer's again") {
        store.add_walk(walk_at(march_2(18, 0), 3min));
        CHECK(store.forget_device(laptop));
        CHECK_FALSE(store.forget_device(laptop));
        CHECK(store.devices().empty());
        CHECK(query(path, "SELECT count(*) FROM device_walks") == "0");
        CHECK(query(path, "SELECT count(*) FROM day_totals_all_devices") == "0");
        CHECK(day_of(store, date(2026, 3, 2)) ==
              day_of(store, date(2026, 3, 2), DeviceScope::this_device()));
        CHECK(day_of(store, date(2026, 3, 2)).walk_seconds == 3min);
    }
}

TEST_CASE("across devices a walk both computers saw counts once, and overlaps as their union",
          "[store][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.use_day_start(0min);
    // Walked away from both desks: the laptop's clock is 3 s ahead.
    store.add_walk(walk_at(march_2(10, 0), 10min));
    // A walk only the laptop saw, and one overlapping this computer's.
    store.add_walk(walk_at(march_2(15, 0), 10min));
    Journal journal(laptop);
    journal.put(walk_at(march_2(10, 0, 3), 10min));
    journal.put(walk_at(march_2(12, 0), 4min));
    journal.put(walk_at(march_2(15, 5), 10min));
    // Sitting on both at once is sat once.
    store.add_sitting_bout({march_2(8, 0), march_2(10, 0), berlin});
    journal.put(SittingBout{march_2(9, 0), march_2(10, 0, 3), berlin});
    journal.put(SittingBout{march_2(11, 0), march_2(11, 30), berlin});
    store.apply_device(journal.merged(), march_2(16, 0));

    const DayTotals both = day_of(store, date(2026, 3, 2));
    CHECK(both.walk_seconds == 10min + 4min + 15min);
    CHECK(both.walks == 3);
    CHECK(both.sitting_seconds == 2h + 3s + 30min);
    CHECK(both.longest_sitting == 2h + 3s);
    CHECK(day_of(store, date(2026, 3, 2), DeviceScope::this_device()).walk_seconds == 20min);
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));

    SECTION("a reader with another day.starts_at computes the same from the rows") {
        Store reader(path, Store::Mode::ReadOnly);
        const auto at_four = reader.day_totals(date(2026, 3, 2), date(2026, 3, 2), 4h);
        CHECK(at_four.at(0).walk_seconds == 29min);
    }
    SECTION("this computer's writes keep the totals across devices right") {
        store.add_walk(walk_at(march_2(12, 2), 5min));  // overlaps the laptop's 12:00
        CHECK(day_of(store, date(2026, 3, 2)).walk_seconds == 10min + 7min + 15min);
        check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));
    }
}

TEST_CASE("the totals kept across devices stay what the rows say through random merges and writes",
          "[store][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.use_day_start(0min);
    std::mt19937 rng(20261206);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution(lo, hi)(rng); };
    std::vector<Journal> journals{Journal(laptop, "laptop"), Journal(tablet, "tablet")};
    std::vector<std::vector<std::int64_t>> ids(2);
    for (int step = 0; step < 60; ++step) {
        const WallTime start = march_2(0, 0) + Seconds{pick(-86400, 4 * 86400)};
        const Seconds length{pick(0, 3 * 3600)};
        const auto who = static_cast<std::size_t>(pick(0, 2));
        if (who == 2) {
            if (pick(0, 1) == 0)
                store.add_walk(walk_at(start, length));
            else
                store.add_sitting_bout({start, start + length, berlin});
            continue;
        }
        Journal& journal = journals[who];
        switch (pick(0, 4)) {
            case 0:
                if (!ids[who].empty()) {
                    journal.remove(RecordKind::Walk,
                                   ids[who][static_cast<std::size_t>(
                                       pick(0, static_cast<int>(ids[who].size()) - 1))]);
                }
                break;
            case 1:
                journal.put(SittingBout{start, start + length, berlin});
                break;
            case 2:
                journal.put(ReminderRecord{start, false, ReminderOutcome::Snoozed, start, berlin});
                break;
            default:
                ids[who].push_back(journal.put(walk_at(start, length)));
        }
        store.apply_device(journal.merged(), march_2(0, 0) + Seconds{step});
    }
    check_kept_totals_are_right(path, date(2026, 2, 28), date(2026, 3, 8));
    // Idempotent: the same merges again change nothing.
    for (const Journal& journal : journals) {
        CHECK(store.apply_device(journal.merged(), march_2(23, 0)) == DeviceChanges{});
    }
}

TEST_CASE("with no other device the totals of all devices are this computer's, read as before",
          "[store][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.use_day_start(0min);
    store.add_walk(walk_at(march_2(10, 0), 10min));
    store.add_sitting_bout({march_2(8, 0), march_2(10, 0), berlin});
    CHECK(day_of(store, date(2026, 3, 2)) ==
          day_of(store, date(2026, 3, 2), DeviceScope::this_device()));
    CHECK(query(path, "SELECT all_devices FROM day_totals_basis") == "0");
    CHECK(query(path, "SELECT count(*) FROM day_totals_all_devices") == "0");
    const auto walks = store.walks_newest_first(5, DeviceScope::all());
    REQUIRE(walks.size() == 1);
    CHECK_FALSE(walks[0].device.has_value());
}

TEST_CASE("a call that two computers both heard counts once in the time in meetings",
          "[store][sync][meeting]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.use_day_start(0min);
    store.add_meeting({march_2(9, 0), march_2(9, 30), berlin, {MeetingSignal::Microphone}});

    Journal journal(laptop);
    const auto call =
        journal.put(MeetingRecord{march_2(9, 10), march_2(9, 45), berlin, {MeetingSignal::Camera}});
    journal.put(MeetingRecord{march_2(16, 0), march_2(16, 20), berlin, {}});
    store.apply_device(journal.merged(), march_2(17, 0));
    CHECK(query(path, "SELECT group_concat(signals, '|') FROM device_meetings") == "camera|");
    CHECK(day_of(store, date(2026, 3, 2)).meeting_seconds == 45min + 20min);
    CHECK(day_of(store, date(2026, 3, 2), DeviceScope::this_device()).meeting_seconds == 30min);
    CHECK(day_of(store, date(2026, 3, 2), DeviceScope::only(laptop)).meeting_seconds ==
          35min + 20min);
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));

    journal.remove(RecordKind::Meeting, call);
    store.apply_device(journal.merged(), march_2(17, 5));
    CHECK(day_of(store, date(2026, 3, 2)).meeting_seconds == 30min + 20min);
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));
}

TEST_CASE(
    "other devices' rows written behind the store's back are counted, and kept from the "
    "next write on",
    "[store][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    {
        Store store(path, Store::Mode::ReadWrite);
        store.use_day_start(0min);
        store.add_walk(walk_at(march_2(10, 0), 10min));
    }
    // As the sqlite3 shell (or a bulk load) would write them.
    run_sql(path, fmt::format("INSERT INTO devices VALUES ('{}', 'laptop', 1, 0, 0, 0);"
                              "INSERT INTO device_walks VALUES ('{}', 1, 1, {}, {}, 3600, "
                              "'auto', '')",
                              laptop.hex(), laptop.hex(), to_unix_seconds(march_2(12, 0)),
                              to_unix_seconds(march_2(12, 5))));
    {
        Store reader(path, Store::Mode::ReadOnly);
        CHECK(day_of(reader, date(2026, 3, 2)).walk_seconds == 15min);
        Database db(path, SQLITE_OPEN_READONLY);
        CHECK_FALSE(day_totals_current(db, 0min, KeptTotals::AllDevices));
    }
    Store store(path, Store::Mode::ReadWrite);
    store.add_walk(walk_at(march_2(18, 0), 1min));
    CHECK(day_of(store, date(2026, 3, 2)).walk_seconds == 16min);
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));
}
