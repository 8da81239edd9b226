// SPDX-License-Identifier: GPL-3.0-or-later
// Store::import_records: everything at once, duplicates skipped and counted,
// and nothing at all when any record is refused.
#include <fmt/format.h>

#include "store_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr UtcOffset cest{7200};

RecordSet sample() {
    RecordSet set;
    set.walks.push_back(make_walk(local_time(2026, 3, 29, 11, 3, cest), 12min, cest,
                                  CreditHow::Reminder, "after lunch"));
    set.walks.push_back(make_walk(local_time(2026, 3, 29, 15, 0, cest), 5min, cest));
    set.sitting_bouts.push_back(
        {local_time(2026, 3, 29, 9, 0, cest), local_time(2026, 3, 29, 9, 48, cest), cest});
    set.reminders.push_back({local_time(2026, 3, 29, 9, 45, cest), true, ReminderOutcome::Snoozed,
                             local_time(2026, 3, 29, 9, 46, cest), cest});
    set.checkins.push_back({local_time(2026, 3, 29, 11, 20, cest), BackFeel::Better, cest});
    set.meetings.push_back({local_time(2026, 3, 29, 10, 0, cest),
                            local_time(2026, 3, 29, 10, 50, cest),
                            cest,
                            {MeetingSignal::Microphone, MeetingSignal::DoNotDisturb}});
    return set;
}

}  // namespace

TEST_CASE("an import into an empty database adds every record with its fields", "[store]") {
    TempDir dir;
    Store store(dir.file("walkbreak.db"), Store::Mode::ReadWrite);
    const RecordSet set = sample();
    const ImportResult result = store.import_records(set);
    CHECK(result.added == RecordCounts{2, 1, 1, 1, 1});
    CHECK(result.skipped.total() == 0);

    const auto walks = store.all_walks();
    REQUIRE(walks.size() == 2);
    CHECK(walks[0].start == set.walks[0].start);
    CHECK(walks[0].end == set.walks[0].end);
    CHECK(walks[0].utc_offset == cest);
    CHECK(walks[0].how == CreditHow::Reminder);
    CHECK(walks[0].note == "after lunch");
    REQUIRE(store.all_reminders().size() == 1);
    CHECK(store.all_reminders()[0].escalated);
    CHECK(store.all_reminders()[0].outcome == ReminderOutcome::Snoozed);
    REQUIRE(store.all_checkins().size() == 1);
    CHECK(store.all_checkins()[0].feel == BackFeel::Better);
    CHECK(store.all_sitting_bouts().size() == 1);
    CHECK(store.all_meetings() == set.meetings);
    CHECK(store.day_totals(date(2026, 3, 29), date(2026, 3, 29), 0min)[0].meeting_seconds == 50min);
}

TEST_CASE("importing the same records twice skips them all as duplicates", "[store]") {
    TempDir dir;
    Store store(dir.file("walkbreak.db"), Store::Mode::ReadWrite);
    store.import_records(sample());
    const ImportResult again = store.import_records(sample());
    CHECK(again.added.total() == 0);
    CHECK(again.skipped == RecordCounts{2, 1, 1, 1, 1});
    CHECK(store.all_walks().size() == 2);
}

TEST_CASE("a duplicate is the same kind with the same start and end", "[store]") {
    TempDir dir;
    Store store(dir.file("walkbreak.db"), Store::Mode::ReadWrite);
    RecordSet set;
    const WallTime at = local_time(2026, 3, 29, 11, 0, cest);
    set.walks.push_back(make_walk(at, 10min, cest));
    set.walks.push_back(make_walk(at, 10min, cest, CreditHow::Auto, "same times"));  // duplicate
    set.walks.push_back(make_walk(at + 20min, 10min, cest));  // another start: another walk
    set.sitting_bouts.push_back({at, at + 10min, cest});      // another kind: not a duplicate
    const ImportResult result = store.import_records(set);
    CHECK(result.added == RecordCounts{2, 1, 0, 0});
    CHECK(result.skipped == RecordCounts{1, 0, 0, 0});
    CHECK(result.overlapping_walks == 0);
}

TEST_CASE("an import with one bad record leaves the database as it was", "[store]") {
    TempDir dir;
    Store store(dir.file("walkbreak.db"), Store::Mode::ReadWrite);
    store.add_walk(make_walk(local_time(2026, 3, 28, 8, 0, cest), 3min, cest));
    RecordSet set = sample();
    WalkRecord backwards = make_walk(local_time(2026, 3, 29, 18, 0, cest), 5min, cest);
    std::swap(backwards.start, backwards.end);  // refused by CHECK(end_utc >= start_utc)
    set.walks.push_back(backwards);
    CHECK_THROWS_AS(store.import_records(set), StoreError);
    CHECK(store.all_walks().size() == 1);
    CHECK(store.all_sitting_bouts().empty());
    CHECK(store.all_checkins().empty());
    CHECK(store.all_meetings().empty());
}

TEST_CASE("imported meetings that overlap are all stored, and counted once", "[store][meeting]") {
    TempDir dir;
    Store store(dir.file("walkbreak.db"), Store::Mode::ReadWrite);
    const WallTime at = local_time(2026, 3, 29, 14, 0, cest);
    store.add_meeting({at, at + 30min, cest, {MeetingSignal::Camera}});
    RecordSet set;
    set.meetings.push_back({at, at + 30min, cest, {MeetingSignal::Manual}});  // duplicate
    set.meetings.push_back({at + 20min, at + 40min, cest, {MeetingSignal::Camera}});
    const ImportResult result = store.import_records(set);
    CHECK(result.added.meetings == 1);
    CHECK(result.skipped.meetings == 1);
    CHECK(store.all_meetings().size() == 2);
    CHECK(store.day_totals(date(2026, 3, 29), date(2026, 3, 29), 0min)[0].meeting_seconds == 40min);
}

TEST_CASE("a read-only store refuses an import", "[store]") {
    TempDir dir;
    create_store(dir.file("walkbreak.db"));
    Store store(dir.file("walkbreak.db"), Store::Mode::ReadOnly);
    CHECK_THROWS_AS(store.import_records(sample()), StoreError);
}

TEST_CASE("an imported walk that overlaps a stored or earlier one is skipped and counted",
          "[store][union]") {
    TempDir dir;
    Store store(dir.file("walkbreak.db"), Store::Mode::ReadWrite);
    const WallTime at = local_time(2026, 3, 29, 11, 0, cest);
    const auto stored = store.add_walk(make_walk(at, 10min, cest, CreditHow::Auto));
    RecordSet set;
    set.walks.push_back(make_walk(at + 5min, 10min, cest));      // overlaps the stored walk
    set.walks.push_back(make_walk(at + 1h, 10min, cest));        // fine
    set.walks.push_back(make_walk(at + 1h + 9min, 2min, cest));  // overlaps the one before
    const ImportResult result = store.import_records(set);
    CHECK(result.added.walks == 1);
    CHECK(result.overlapping_walks == 2);
    CHECK_THAT(result.first_overlap, Catch::Contains(fmt::format("overlaps walk {}", stored)));
    const auto day = store.day_totals(date(2026, 3, 29), date(2026, 3, 29), 0min);
    CHECK(day[0].walk_seconds == 20min);
    CHECK(day[0].walks == 2);
}
