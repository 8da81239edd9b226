// SPDX-License-Identifier: GPL-3.0-or-later
// Merging devices' journals into their records: edits and deletions applied,
// and a result that depends only on the set of entries. The property test
// plays random multi-device histories against a model of each device's
// database, through journal files split by month, shuffled and duplicated.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "core/journal_merge.hpp"
#include "core/journal_read.hpp"
#include "tests/journal_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0x3f2a9c0d5e6b7a81);

bool same_records(const DeviceRecords& a, const DeviceRecords& b) {
    return a.device == b.device && a.name == b.name && a.last_sequence == b.last_sequence &&
           a.missing_sequences == b.missing_sequences &&
           a.conflicting_entries == b.conflicting_entries && a.records == b.records;
}

bool same_merge(const std::vector<DeviceRecords>& a, const std::vector<DeviceRecords>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_records);
}

JournalRecord record_of_kind(std::mt19937& rng, RecordKind kind) {
    for (;;) {
        JournalRecord r = random_record(rng);
        if (kind_of(r) == kind) return r;
    }
}

// One device's database as the model knows it, and the journal it wrote.
struct ModelDevice {
    DeviceId device = DeviceId::from_bits(0);
    std::map<RecordKey, JournalEntry> live;
    std::string name;
    std::vector<JournalEntry> journal;
    std::int64_t next_id{1};

    void write(JournalEntry entry) {
        if (entry.record) {
            live[entry.key] = entry;
        } else {
            live.erase(entry.key);
        }
        journal.push_back(std::move(entry));
    }
    std::uint64_t next_sequence() const { return journal.size() + 1; }

    // Adds, edits, deletes and renames, as a user and the daemon would.
    void act(std::mt19937& rng) {
        const auto choice = pick(rng, 0, 9);
        std::vector<RecordKey> keys;
        for (const auto& [key, entry] : live) {
            if (key.kind != RecordKind::DeviceName) keys.push_back(key);
        }
        if (choice == 0) {
            name = "desk " + std::to_string(pick(rng, 0, 99));
            write(put_entry(device, next_sequence(), 1, DeviceNameRecord{name}));
        } else if (choice <= 2 && !keys.empty()) {
            const RecordKey key = keys[static_cast<std::size_t>(
                pick(rng, 0, static_cast<std::int64_t>(keys.size()) - 1))];
            write(put_entry(device, next_sequence(), key.id, record_of_kind(rng, key.kind)));
        } else if (choice == 3 && !keys.empty()) {
            const RecordKey key = keys[static_cast<std::size_t>(
                pick(rng, 0, static_cast<std::int64_t>(keys.size()) - 1))];
            write(delete_entry(device, next_sequence(), key));
        } else {
            const auto kind = static_cast<RecordKind>(pick(rng, 1, 4));
            write(put_entry(device, next_sequence(), next_id++, record_of_kind(rng, kind)));
        }
    }

    DeviceRecords expected() const {
        DeviceRecords out;
        out.device = device;
        out.name = name;
        out.last_sequence = journal.size();
        for (const auto& [key, entry] : live) {
            if (key.kind != RecordKind::DeviceName) out.records.push_back(entry);
        }
        return out;
    }
};

// The journal cut into month files of a few entries each, as lines.
std::vector<std::string> month_files(std::mt19937& rng, const std::vector<JournalEntry>& journal) {
    std::vector<std::string> files(1);
    for (const JournalEntry& e : journal) {
        if (pick(rng, 0, 7) == 0) files.emplace_back();
        files.back() += encode_journal_line(e);
    }
    return files;
}

}  // namespace

TEST_CASE("an edit replaces a record and a deletion removes it, in any order of reading",
          "[journal][merge]") {
    WalkRecord walk;
    walk.start = at(0);
    walk.end = at(600);
    WalkRecord edited = walk;
    edited.end = at(900);
    const std::vector<JournalEntry> entries{
        put_entry(desk, 1, 7, walk),
        put_entry(desk, 2, 7, edited),
        put_entry(desk, 3, 8, walk),
        delete_entry(desk, 4, RecordKey{RecordKind::Walk, 8}),
        put_entry(desk, 5, 1, DeviceNameRecord{"desk"}),
    };
    auto reversed = entries;
    std::reverse(reversed.begin(), reversed.end());
    for (const auto& order : {entries, reversed}) {
        const auto merged = merge_journals(order);
        REQUIRE(merged.size() == 1);
        CHECK(merged[0].name == "desk");
        CHECK(merged[0].last_sequence == 5);
        const auto walks = merged[0].walks();
        REQUIRE(walks.size() == 1);
        CHECK(walks[0].id == 7);
        CHECK(walks[0].end == at(900));
        CHECK(merged[0].sitting_bouts().empty());
    }
}

TEST_CASE("a sequence not read yet is counted as missing until it arrives", "[journal][merge]") {
    const std::vector<JournalEntry> early{put_entry(desk, 1, 1, DeviceNameRecord{"desk"}),
                                          put_entry(desk, 4, 2, SittingBout{at(0), at(60), 0s})};
    CHECK(merge_journals(early)[0].missing_sequences == 2);
    auto all = early;
    all.push_back(put_entry(desk, 2, 3, CheckinRecord{at(5), BackFeel::Better, 0s}));
    all.push_back(delete_entry(desk, 3, RecordKey{RecordKind::Checkin, 3}));
    const auto merged = merge_journals(all);
    CHECK(merged[0].missing_sequences == 0);
    CHECK(merged[0].checkins().empty());
    CHECK(merged[0].sitting_bouts().size() == 1);
}

TEST_CASE("a deleted or renamed device name: the latest word counts", "[journal][merge]") {
    const std::vector<JournalEntry> entries{put_entry(desk, 1, 1, DeviceNameRecord{"desk"}),
                                            put_entry(desk, 2, 1, DeviceNameRecord{"office"})};
    CHECK(merge_journals(entries)[0].name == "office");
    auto cleared = entries;
    cleared.push_back(delete_entry(desk, 3, RecordKey{RecordKind::DeviceName, 1}));
    CHECK(merge_journals(cleared)[0].name.empty());
    CHECK(merge_journals(cleared)[0].records.empty());
}

TEST_CASE("random multi-device histories merge to each device's database, in any order and twice",
          "[journal][merge][property]") {
    std::mt19937 rng(20261206);
    for (int round = 0; round < 150; ++round) {
        std::vector<ModelDevice> devices(static_cast<std::size_t>(pick(rng, 1, 4)));
        for (auto& d : devices) d.device = random_device(rng);
        for (auto steps = pick(rng, 0, 80); steps > 0; --steps) {
            devices[static_cast<std::size_t>(
                        pick(rng, 0, static_cast<std::int64_t>(devices.size()) - 1))]
                .act(rng);
        }
        // Each device's files, read one by one as the daemon will.
        std::vector<std::pair<DeviceId, std::string>> files;
        for (const auto& d : devices) {
            for (auto& f : month_files(rng, d.journal)) files.emplace_back(d.device, std::move(f));
        }
        const auto read_all = [](const auto& file_list) {
            std::vector<JournalEntry> entries;
            for (const auto& [device, text] : file_list) {
                auto read = read_journal(text, device);
                REQUIRE(read.ok());
                entries.insert(entries.end(), read->entries.begin(), read->entries.end());
            }
            return entries;
        };
        const auto entries = read_all(files);
        const auto merged = merge_journals(entries);

        std::vector<DeviceRecords> expected;
        for (const auto& d : devices) {
            if (!d.journal.empty()) expected.push_back(d.expected());
        }
        std::sort(expected.begin(), expected.end(),
                  [](const auto& a, const auto& b) { return a.device < b.device; });
        INFO("round " << round);
        CHECK(same_merge(merged, expected));

        // Files in another order, some read twice: the same records.
        auto again = files;
        for (auto copies = pick(rng, 0, 3); copies > 0 && !files.empty(); --copies) {
            again.push_back(files[static_cast<std::size_t>(
                pick(rng, 0, static_cast<std::int64_t>(files.size()) - 1))]);
        }
        std::shuffle(again.begin(), again.end(), rng);
        auto shuffled_entries = read_all(again);
        std::shuffle(shuffled_entries.begin(), shuffled_entries.end(), rng);
        CHECK(same_merge(merge_journals(shuffled_entries), merged));
        // Every entry read twice changes nothing.
        auto twice = entries;
        twice.insert(twice.end(), entries.begin(), entries.end());
        CHECK(same_merge(merge_journals(twice), merged));
    }
}
