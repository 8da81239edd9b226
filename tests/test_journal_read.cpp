// SPDX-License-Identifier: GPL-3.0-or-later
// A whole journal as the sync folder delivers it: caught half-synced,
// damaged in the middle, with lines twice or out of order, from a newer
// walkbreak, or not a journal at all.
#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "core/crc32.hpp"
#include "core/journal_read.hpp"
#include "tests/journal_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0x3f2a9c0d5e6b7a81);
constexpr DeviceId laptop = DeviceId::from_bits(0xff);

std::vector<JournalEntry> random_history(std::mt19937& rng, DeviceId device, int count) {
    std::vector<JournalEntry> out;
    for (int i = 1; i <= count; ++i) {
        out.push_back(random_entry(rng, device, static_cast<std::uint64_t>(i)));
    }
    return out;
}

std::string text_of(const std::vector<JournalEntry>& entries) {
    std::string text;
    for (const auto& e : entries) text += encode_journal_line(e);
    return text;
}

JournalRead read_ok(std::string_view text, std::optional<DeviceId> writer = desk) {
    auto read = read_journal(text, writer);
    if (!read) FAIL(read.error());
    return std::move(*read);
}

}  // namespace

TEST_CASE("a journal reads back entry for entry", "[journal][read]") {
    std::mt19937 rng(1);
    const auto entries = random_history(rng, desk, 50);
    const JournalRead read = read_ok(text_of(entries));
    CHECK(read.entries == entries);
    CHECK_FALSE(read.torn_tail);
    CHECK(read.damaged_lines == 0);
    CHECK(read.duplicate_lines == 0);
    CHECK(read_ok("").entries.empty());
}

TEST_CASE("a journal cut anywhere gives its whole lines and ignores the torn one",
          "[journal][read][property]") {
    std::mt19937 rng(2);
    const auto entries = random_history(rng, desk, 12);
    const std::string text = text_of(entries);
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        const std::string_view part = std::string_view(text).substr(0, cut);
        const auto whole = static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
        const JournalRead read = read_ok(part);
        INFO("cut at " << cut);
        REQUIRE(read.entries.size() == whole);
        CHECK(std::equal(read.entries.begin(), read.entries.end(), entries.begin()));
        CHECK(read.torn_tail == (!part.empty() && part.back() != '\n'));
        CHECK(read.damaged_lines == 0);  // a torn tail is not damage: the rest is coming
    }
}

TEST_CASE("a damaged line in the middle costs that entry only, and is counted", "[journal][read]") {
    std::mt19937 rng(3);
    const auto entries = random_history(rng, desk, 5);
    std::string lines[5];
    for (std::size_t i = 0; i < 5; ++i) lines[i] = encode_journal_line(entries[i]);
    lines[1][lines[1].size() / 2] ^= 0x20;     // a changed byte
    lines[3] = lines[3].substr(0, 20) + "\n";  // a torn write that a later append followed
    const JournalRead read =
        read_ok(lines[0] + lines[1] + lines[2] + lines[3] + "garbage\n" + lines[4]);
    CHECK(read.entries == std::vector{entries[0], entries[2], entries[4]});
    CHECK(read.damaged_lines == 3);
    CHECK_FALSE(read.torn_tail);
}

TEST_CASE("duplicate and reordered lines give the same entries", "[journal][read][property]") {
    std::mt19937 rng(4);
    for (int round = 0; round < 200; ++round) {
        const auto entries = random_history(rng, desk, static_cast<int>(pick(rng, 1, 30)));
        auto shuffled = entries;
        const auto copies = pick(rng, 0, 10);
        for (std::int64_t i = 0; i < copies; ++i) {
            shuffled.push_back(entries[static_cast<std::size_t>(
                pick(rng, 0, static_cast<std::int64_t>(entries.size()) - 1))]);
        }
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        const JournalRead read = read_ok(text_of(shuffled));
        CHECK(read.entries == entries);
        CHECK(read.duplicate_lines == copies);
        CHECK(read.conflicting_lines == 0);
    }
}

TEST_CASE("two different entries with one sequence keep the same one in any order",
          "[journal][read]") {
    const JournalEntry a = put_entry(desk, 7, 1, DeviceNameRecord{"desk"});
    const JournalEntry b = put_entry(desk, 7, 1, DeviceNameRecord{"office"});
    const JournalRead ab = read_ok(text_of({a, b, a}));
    const JournalRead ba = read_ok(text_of({b, a}));
    REQUIRE(ab.entries.size() == 1);
    CHECK(ab.entries == ba.entries);
    CHECK(ab.conflicting_lines == 1);
    CHECK(ba.conflicting_lines == 1);
    CHECK(ab.duplicate_lines == 1);
}

TEST_CASE("a whole line from a newer format skips the journal and says why",
          "[journal][read][version]") {
    std::mt19937 rng(5);
    const auto entries = random_history(rng, desk, 3);
    const std::string newer = "2 {} " + fmt::format("{:08x}", crc32("2 {}")) + "\n";
    const auto read = read_journal(text_of(entries) + newer, desk);
    REQUIRE_FALSE(read.ok());
    CHECK_THAT(read.error(), Catch::Contains("line 4 is in journal format 2"));
    CHECK_THAT(read.error(), Catch::Contains("upgraded"));
    // Still arriving, it is only a torn tail.
    CHECK(read_ok(text_of(entries) + newer.substr(0, newer.size() - 1)).torn_tail);
}

TEST_CASE("lines of kinds a later walkbreak writes are skipped and counted", "[journal][read]") {
    const std::string body =
        R"(1 {"device":"3f2a9c0d5e6b7a81","seq":2,"kind":"posture","id":1,"op":"put"})";
    const std::string later = body + " " + fmt::format("{:08x}", crc32(body)) + "\n";
    const JournalEntry name = put_entry(desk, 1, 1, DeviceNameRecord{"desk"});
    const JournalRead read = read_ok(encode_journal_line(name) + later);
    CHECK(read.entries == std::vector{name});
    CHECK(read.unknown_kind_lines == 1);
    CHECK(read.damaged_lines == 0);
}

TEST_CASE("lines claiming another device than the file's are not read", "[journal][read]") {
    const JournalEntry mine = put_entry(desk, 1, 1, DeviceNameRecord{"desk"});
    const JournalEntry theirs = put_entry(laptop, 1, 1, DeviceNameRecord{"laptop"});
    const JournalRead read = read_ok(text_of({mine, theirs}));
    CHECK(read.entries == std::vector{mine});
    CHECK(read.foreign_lines == 1);
    // Without a writer named, both devices' entries, each kept apart.
    CHECK(read_ok(text_of({mine, theirs}), std::nullopt).entries.size() == 2);
}

TEST_CASE("blank lines are passed over and bytes that are no journal are all damage",
          "[journal][read]") {
    const JournalEntry e = put_entry(desk, 1, 1, DeviceNameRecord{"desk"});
    CHECK(read_ok("\n\n" + encode_journal_line(e) + "\n").entries == std::vector{e});
    const JournalRead garbage =
        read_ok(std::string("\x7f"
                            "ELF\x02\x01\n\x00\x00\nPK\x03\x04\n",
                            15));
    CHECK(garbage.entries.empty());
    CHECK(garbage.damaged_lines == 3);
}
