// SPDX-License-Identifier: GPL-3.0-or-later
// The sync journal's outbox on real SQLite files: every change to a journaled
// record is owed, whoever makes it; owed lines keep their bytes until they are
// written; switching journaling on owes the whole history, off owes nothing
// but deletions; a new device id starts again at 1; and a version 3 file
// migrates to an empty outbox. The lines read back, through the journal reader
// and the merge, as the database's records.
#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "core/journal_merge.hpp"
#include "core/journal_read.hpp"
#include "core/schema.hpp"
#include "store_test_support.hpp"
#include "tests/journal_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0x3f2a9c0d5e6b7a81);
constexpr DeviceId desk_again = DeviceId::from_bits(0x00c4e1a27b9d3f58);
constexpr UtcOffset cet{3600};

JournalSettings desk_settings(std::string name = "desk") { return {desk, std::move(name)}; }

JournalEntry decoded(const OwedJournalLine& line) {
    REQUIRE(!line.text.empty());
    REQUIRE(line.text.back() == '\n');
    auto entry = decode_journal_line(std::string_view(line.text).substr(0, line.text.size() - 1));
    if (const auto* p = std::get_if<LineProblem>(&entry)) FAIL(p->detail);
    return std::get<JournalEntry>(entry);
}

std::vector<JournalEntry> decoded(const std::vector<OwedJournalLine>& lines) {
    std::vector<JournalEntry> out;
    for (const auto& l : lines) out.push_back(decoded(l));
    return out;
}

// "walk 3 put", "checkin 1 delete": what each line says, in order.
std::vector<std::string> summary(const std::vector<OwedJournalLine>& lines) {
    std::vector<std::string> out;
    for (const auto& e : decoded(lines)) {
        out.push_back(
            fmt::format("{} {} {}", to_string(e.key.kind), e.key.id, e.record ? "put" : "delete"));
    }
    return out;
}

// Takes every owed line and marks it written, as the daemon does.
std::vector<OwedJournalLine> drain(Store& store) {
    auto lines = store.owed_journal_lines(1000);
    if (!lines.empty()) store.journal_lines_written(lines.back().position);
    return lines;
}

WalkRecord walk_at(int hour, Seconds length = 10min, std::string note = {}) {
    return make_walk(utc_time(2026, 6, 1, hour, 0), length, cet, CreditHow::Reminder,
                     std::move(note));
}

}  // namespace

TEST_CASE("nothing is owed before journaling was ever switched on", "[store][journal]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    const auto id = store.add_walk(walk_at(9));
    store.add_checkin({utc_time(2026, 6, 1, 9, 30), BackFeel::Better, cet});
    REQUIRE(store.delete_walk(id));
    CHECK(store.journal_lines_owed() == 0);
    CHECK(store.owed_journal_lines(10).empty());
}

TEST_CASE("switching journaling on owes the name and every record, numbered from 1",
          "[store][journal]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    store.add_walk(walk_at(9, 10min, "park"));
    store.add_sitting_bout({utc_time(2026, 6, 1, 8, 0), utc_time(2026, 6, 1, 9, 0), cet});
    store.add_reminder({utc_time(2026, 6, 1, 8, 45), true, ReminderOutcome::Walked,
                        utc_time(2026, 6, 1, 9, 0), cet});
    store.add_checkin({utc_time(2026, 6, 1, 9, 30), BackFeel::Same, cet});
    store.add_meeting(
        {utc_time(2026, 6, 1, 10, 0), utc_time(2026, 6, 1, 11, 0), cet, {MeetingSignal::Camera}});

    store.set_journaling(desk_settings());
    const auto lines = store.owed_journal_lines(100);
    CHECK(summary(lines) == std::vector<std::string>{"device_name 1 put", "walk 1 put",
                                                     "sitting_bout 1 put", "reminder 1 put",
                                                     "checkin 1 put", "meeting 1 put"});
    const auto entries = decoded(lines);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        CHECK(entries[i].device == desk);
        CHECK(entries[i].sequence == i + 1);
        CHECK(lines[i].sequence == i + 1);
    }
    CHECK(std::get<DeviceNameRecord>(*entries[0].record).name == "desk");
    const auto& walk = std::get<WalkRecord>(*entries[1].record);
    CHECK(walk.note == "park");
    CHECK(walk.start == utc_time(2026, 6, 1, 9, 0));
    CHECK(std::get<ReminderRecord>(*entries[3].record).escalated);
    CHECK(std::get<MeetingRecord>(*entries[5].record).signals ==
          std::vector{MeetingSignal::Camera});

    // Switching on again while on owes nothing more.
    store.set_journaling(desk_settings());
    CHECK(store.journal_lines_owed() == 6);
}

TEST_CASE("every change to a journaled record is owed, whoever makes it", "[store][journal]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.set_journaling(desk_settings());
    drain(store);

    const auto id = store.add_walk(walk_at(9));
    WalkRecord edited = walk_at(9, 15min, "longer");
    edited.id = id;
    REQUIRE(store.edit_walk(edited));
    REQUIRE(store.delete_walk(id));
    store.add_sitting_bout({utc_time(2026, 6, 1, 10, 0), utc_time(2026, 6, 1, 11, 0), cet});
    store.add_reminder({utc_time(2026, 6, 1, 10, 45), false, ReminderOutcome::Snoozed,
                        utc_time(2026, 6, 1, 10, 46), cet});
    store.add_checkin({utc_time(2026, 6, 1, 11, 30), BackFeel::Worse, cet});
    store.add_meeting({utc_time(2026, 6, 1, 12, 0), utc_time(2026, 6, 1, 12, 30), cet, {}});
    RecordSet imported;
    imported.walks.push_back(walk_at(14));
    store.import_records(imported);
    // Someone else with sqlite3, on a connection of their own.
    run_sql(path,
            "INSERT INTO checkins(at_utc, feel, utc_offset) VALUES (1780329600, 'better', 0);"
            "UPDATE sitting_bouts SET end_utc = end_utc + 60;"
            "DELETE FROM reminders;");

    const auto lines = drain(store);
    CHECK(summary(lines) == std::vector<std::string>{
                                "walk 1 put", "walk 1 put", "walk 1 put", "sitting_bout 1 put",
                                "reminder 1 delete", "checkin 1 put", "meeting 1 put", "walk 1 put",
                                "checkin 2 put", "sitting_bout 1 put", "reminder 1 delete"});
    // Each line is the record as it is when the line is made, here after all
    // the changes: walk 1 was deleted and its id then reused by the import,
    // so even the deletion's line is a put of the imported walk (the next
    // line says the same).
    const auto entries = decoded(lines);
    CHECK(entries.front().sequence == 2);  // after the device name's
    CHECK(std::get<WalkRecord>(*entries[0].record).start == utc_time(2026, 6, 1, 14, 0));
    CHECK(std::get<SittingBout>(*entries[3].record).end == utc_time(2026, 6, 1, 11, 1));
    CHECK_FALSE(entries[4].record.has_value());  // the reminder is gone by now
    CHECK(store.journal_lines_owed() == 0);
}

TEST_CASE("an owed line keeps its bytes and sequence until it is written", "[store][journal]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    std::vector<OwedJournalLine> first;
    {
        Store store(path, Store::Mode::ReadWrite);
        store.set_journaling(desk_settings());
        drain(store);
        const auto id = store.add_walk(walk_at(9, 10min, "before"));
        first = store.owed_journal_lines(10);
        REQUIRE(first.size() == 1);
        // Changed after its line was made (a crash came between the append and
        // journal_lines_written, then the CLI edited the walk).
        WalkRecord edited = walk_at(9, 12min, "after");
        edited.id = id;
        REQUIRE(store.edit_walk(edited));
    }
    Store store(path, Store::Mode::ReadWrite);
    const auto again = store.owed_journal_lines(10);
    REQUIRE(again.size() == 2);
    CHECK(again[0].text == first[0].text);
    CHECK(again[0].position == first[0].position);
    CHECK(std::get<WalkRecord>(*decoded(again[0]).record).note == "before");
    CHECK(decoded(again[1]).sequence == decoded(again[0]).sequence + 1);
    CHECK(std::get<WalkRecord>(*decoded(again[1]).record).note == "after");

    // Written in part: the rest is still owed, and asked for again unchanged.
    store.journal_lines_written(again[0].position);
    const auto rest = store.owed_journal_lines(10);
    REQUIRE(rest.size() == 1);
    CHECK(rest[0].text == again[1].text);
}

TEST_CASE("a limited batch owes the oldest first and numbers on from there", "[store][journal]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    for (int h = 0; h < 5; ++h) store.add_walk(walk_at(h));
    store.set_journaling(desk_settings());
    const auto two = store.owed_journal_lines(2);
    REQUIRE(two.size() == 2);
    store.journal_lines_written(two.back().position);
    const auto rest = store.owed_journal_lines(100);
    REQUIRE(rest.size() == 4);
    CHECK(decoded(rest.front()).sequence == 3);
    CHECK(decoded(rest.back()).sequence == 6);
}

TEST_CASE("switched off, only deletions are owed, and switched on again, everything",
          "[store][journal]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    const auto kept = store.add_walk(walk_at(9));
    const auto gone = store.add_walk(walk_at(11));
    store.set_journaling(desk_settings());
    const auto on = drain(store);
    REQUIRE(on.size() == 3);

    store.add_walk(walk_at(13));  // owed by the snapshot to come, not now
    store.set_journaling(std::nullopt);
    CHECK(store.owed_journal_lines(10).empty());  // off: nothing is handed out
    store.add_walk(walk_at(15));
    REQUIRE(store.delete_walk(gone));
    run_sql(path, "INSERT INTO checkins(at_utc, feel, utc_offset) VALUES (1780329600, 'same', 0)");
    CHECK(store.journal_lines_owed() == 1);  // the deletion

    store.set_journaling(desk_settings());
    const auto back = drain(store);
    CHECK(summary(back) == std::vector<std::string>{"walk 2 delete", "device_name 1 put",
                                                    "walk 1 put", "walk 3 put", "walk 4 put",
                                                    "checkin 1 put"});
    CHECK(decoded(back.front()).sequence == 4);  // the sequence goes on: never reused
    CHECK(kept == 1);
}

TEST_CASE("lines given a sequence stay owed when journaling is switched off", "[store][journal]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    store.set_journaling(desk_settings());
    drain(store);
    store.add_walk(walk_at(9));
    store.add_walk(walk_at(11));
    const auto given = store.owed_journal_lines(1);  // the first has its sequence, 2
    store.set_journaling(std::nullopt);
    store.set_journaling(desk_settings());
    const auto lines = store.owed_journal_lines(100);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].text == given[0].text);
    // No sequence is skipped: the next line is 3.
    CHECK(decoded(lines[1]).sequence == 3);
}

TEST_CASE("a new name owes its line, and a new device id starts again at 1", "[store][journal]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    store.add_walk(walk_at(9));
    store.set_journaling(desk_settings());
    drain(store);

    store.set_journaling(desk_settings("office"));
    const auto renamed = drain(store);
    REQUIRE(renamed.size() == 1);
    const auto name = decoded(renamed[0]);
    CHECK(name.sequence == 3);
    CHECK(std::get<DeviceNameRecord>(*name.record).name == "office");

    store.add_walk(walk_at(11));  // owed, and then the old id's: dropped
    store.set_journaling(JournalSettings{desk_again, "office"});
    const auto fresh = drain(store);
    CHECK(summary(fresh) ==
          std::vector<std::string>{"device_name 1 put", "walk 1 put", "walk 2 put"});
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        CHECK(decoded(fresh[i]).device == desk_again);
        CHECK(decoded(fresh[i]).sequence == i + 1);
    }
}

TEST_CASE("a version 3 database migrates to an empty outbox, then journals it all",
          "[store][journal][schema]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    {
        // The file as walkbreak at schema version 3 wrote it.
        const auto three = migrations().first(3);
        Database db = open_store_database(path, Store::Mode::ReadWrite, three);
        REQUIRE(read_user_version(db) == 3);
        db.exec(
            "INSERT INTO walks(start_utc, end_utc, utc_offset, how, note) "
            "VALUES (1780300800, 1780301400, 3600, 'reminder', 'old walk');"
            "INSERT INTO meetings(start_utc, end_utc, utc_offset, signals) "
            "VALUES (1780304400, 1780308000, 3600, 'microphone');");
    }
    Store store(path, Store::Mode::ReadWrite);
    CHECK(store.user_version() == Store::schema_version);
    CHECK(store.integrity_check() == "ok");
    CHECK(store.journal_lines_owed() == 0);
    CHECK(store.all_walks().size() == 1);

    store.set_journaling(desk_settings());
    const auto lines = drain(store);
    CHECK(summary(lines) ==
          std::vector<std::string>{"device_name 1 put", "walk 1 put", "meeting 1 put"});
    CHECK(std::get<WalkRecord>(*decoded(lines[1]).record).note == "old walk");
}

TEST_CASE("a read-only store hands out no lines", "[store][journal]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    {
        Store store(path, Store::Mode::ReadWrite);
        store.set_journaling(desk_settings());
    }
    Store reader(path, Store::Mode::ReadOnly);
    CHECK(reader.journal_lines_owed() == 1);
    CHECK_THROWS_AS(reader.owed_journal_lines(10), StoreError);
}

// The property the journal exists for: whatever the changes and however the
// lines were drained (some twice, as after a crash between an append and
// journal_lines_written), the journal read back and merged is the database.
TEST_CASE("the journal, read and merged, is the database's records", "[store][journal][property]") {
    std::mt19937 rng(20261216);
    for (int round = 0; round < 20; ++round) {
        TempDir tmp;
        Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
        std::string journal;
        std::vector<std::int64_t> walks;
        const auto drain_some = [&] {
            const auto lines = store.owed_journal_lines(static_cast<std::size_t>(pick(rng, 1, 8)));
            for (const auto& l : lines) journal += l.text;
            if (pick(rng, 0, 3) == 0) return;  // "crashed" before marking them written
            if (!lines.empty()) store.journal_lines_written(lines.back().position);
        };
        if (pick(rng, 0, 1) == 0) store.set_journaling(desk_settings());
        for (int step = 0; step < 60; ++step) {
            const auto start = utc_time(2026, 6, 1, 0, 0) + std::chrono::hours{step};
            switch (pick(rng, 0, 7)) {
                case 0:
                case 1:
                    walks.push_back(store.add_walk(make_walk(start, 5min, cet)));
                    break;
                case 2:
                    if (!walks.empty()) {
                        WalkRecord w = make_walk(start, 7min, cet, CreditHow::Manual, "edit");
                        w.id = walks[static_cast<std::size_t>(
                            pick(rng, 0, static_cast<std::int64_t>(walks.size()) - 1))];
                        (void)store.edit_walk(w);
                    }
                    break;
                case 3:
                    if (!walks.empty()) {
                        const auto at = static_cast<std::size_t>(
                            pick(rng, 0, static_cast<std::int64_t>(walks.size()) - 1));
                        store.delete_walk(walks[at]);
                        walks.erase(walks.begin() + static_cast<std::ptrdiff_t>(at));
                    }
                    break;
                case 4:
                    store.add_sitting_bout({start, start + 40min, cet});
                    break;
                case 5:
                    store.add_checkin({start, BackFeel::Same, cet});
                    break;
                case 6:
                    drain_some();
                    break;
                default:
                    store.set_journaling(pick(rng, 0, 3) == 0 ? std::nullopt
                                                              : std::optional{desk_settings()});
                    break;
            }
        }
        store.set_journaling(desk_settings());
        while (store.journal_lines_owed() > 0) {
            const auto lines = store.owed_journal_lines(1000);
            for (const auto& l : lines) journal += l.text;
            store.journal_lines_written(lines.back().position);
        }

        const auto read = read_journal(journal, desk);
        REQUIRE(read);
        CHECK(read->damaged_lines == 0);
        CHECK(read->conflicting_lines == 0);
        const auto merged = merge_journals(read->entries);
        REQUIRE(merged.size() == 1);
        CHECK(merged[0].missing_sequences == 0);
        CHECK(merged[0].name == "desk");
        auto journaled_walks = merged[0].walks();
        auto stored_walks = store.all_walks();
        const auto by_id = [](const WalkRecord& a, const WalkRecord& b) { return a.id < b.id; };
        std::sort(journaled_walks.begin(), journaled_walks.end(), by_id);
        std::sort(stored_walks.begin(), stored_walks.end(), by_id);
        REQUIRE(journaled_walks.size() == stored_walks.size());
        for (std::size_t i = 0; i < stored_walks.size(); ++i) {
            CHECK(journaled_walks[i].id == stored_walks[i].id);
            CHECK(journaled_walks[i].start == stored_walks[i].start);
            CHECK(journaled_walks[i].end == stored_walks[i].end);
            CHECK(journaled_walks[i].note == stored_walks[i].note);
        }
        CHECK(merged[0].sitting_bouts().size() == store.all_sitting_bouts().size());
        CHECK(merged[0].checkins().size() == store.all_checkins().size());
    }
}
