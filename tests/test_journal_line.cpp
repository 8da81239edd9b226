// SPDX-License-Identifier: GPL-3.0-or-later
// One journal line: the frame that makes it self-checking, the payload that
// carries the entry, and what a reader makes of lines that are not whole,
// not of this version, or not sense. Round trips are property tests over
// random entries (seeded).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "core/crc32.hpp"
#include "core/journal_line.hpp"
#include "tests/journal_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0x3f2a9c0d5e6b7a81);

// The line's text without its newline.
std::string chomp(std::string line) {
    REQUIRE(!line.empty());
    REQUIRE(line.back() == '\n');
    line.pop_back();
    return line;
}

// BODY framed as a writer would: for lines no encoder of ours makes.
std::string framed(const std::string& body) { return fmt::format("{} {:08x}", body, crc32(body)); }

LineProblem problem_of(std::string_view line) {
    auto decoded = decode_journal_line(line);
    REQUIRE(std::holds_alternative<LineProblem>(decoded));
    return std::get<LineProblem>(decoded);
}

JournalEntry entry_of(std::string_view line) {
    auto decoded = decode_journal_line(line);
    if (const auto* p = std::get_if<LineProblem>(&decoded)) FAIL(p->detail);
    return std::get<JournalEntry>(decoded);
}

WalkRecord park_walk() {
    WalkRecord w;
    w.start = from_unix_seconds(1780300800);  // 2026-06-01 08:00 UTC
    w.end = w.start + 10min;
    w.utc_offset = 1h;
    w.how = CreditHow::Reminder;
    w.note = "round the park";
    return w;
}

}  // namespace

TEST_CASE("CRC-32 is the one zlib computes", "[journal][crc]") {
    CHECK(crc32("") == 0U);
    CHECK(crc32("123456789") == 0xCBF43926U);  // the standard check value
}

TEST_CASE("a walk's line is exactly the documented one", "[journal][line]") {
    // The check value was computed by zlib.crc32, not by walkbreak: the line in
    // docs/SYNC.md, which any reader can verify by hand.
    const std::string line =
        R"(1 {"device":"3f2a9c0d5e6b7a81","seq":17,"kind":"walk","id":42,"op":"put",)"
        R"("start":1780300800,"end":1780301400,"utc_offset":3600,"how":"reminder",)"
        R"("note":"round the park"} 8cfb7b16)";
    const JournalEntry entry = put_entry(desk, 17, 42, park_walk());
    CHECK(encode_journal_line(entry) == line + "\n");
    CHECK(entry_of(line) == entry);
}

TEST_CASE("random entries round-trip through one line each", "[journal][line][property]") {
    std::mt19937 rng(20261206);
    for (int round = 0; round < 3000; ++round) {
        const JournalEntry entry = random_entry(rng, random_device(rng),
                                                static_cast<std::uint64_t>(pick(rng, 1, 1 << 30)));
        const std::string line = encode_journal_line(entry);
        INFO(line);
        CHECK(line.find('\n') == line.size() - 1);  // a note's newline is escaped
        CHECK(line.size() <= max_journal_line_bytes);
        CHECK(entry_of(chomp(line)) == entry);
    }
}

TEST_CASE("deletions round-trip with their kind", "[journal][line]") {
    for (const RecordKind kind : {RecordKind::DeviceName, RecordKind::Walk, RecordKind::SittingBout,
                                  RecordKind::Reminder, RecordKind::Checkin, RecordKind::Meeting}) {
        const JournalEntry entry = delete_entry(desk, 9, RecordKey{kind, 1234});
        const JournalEntry back = entry_of(chomp(encode_journal_line(entry)));
        CHECK(back == entry);
        CHECK_FALSE(back.record.has_value());
    }
}

TEST_CASE("any one byte changed, and any cut, makes the line damaged",
          "[journal][line][property]") {
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
        const std::string line = chomp(encode_journal_line(random_entry(rng, desk, 5)));
        INFO(line);
        for (std::size_t cut = 0; cut < line.size(); ++cut) {
            CHECK(problem_of(line.substr(0, cut)).kind == LineProblem::Kind::Damaged);
        }
        std::string changed = line;
        const auto i =
            static_cast<std::size_t>(pick(rng, 0, static_cast<std::int64_t>(line.size()) - 1));
        changed[i] = static_cast<char>(changed[i] ^ static_cast<char>(pick(rng, 1, 255)));
        CHECK(problem_of(changed).kind == LineProblem::Kind::Damaged);
    }
}

TEST_CASE("a whole line of a newer format names its version", "[journal][line][version]") {
    const LineProblem p = problem_of(framed(R"(2 {"anything":"a later walkbreak writes"})"));
    CHECK(p.kind == LineProblem::Kind::NewerVersion);
    CHECK(p.version == 2);
    CHECK(problem_of(framed("31 <not even JSON>")).version == 31);
    // Only a whole line is believed: a damaged "2" is damage, not a version.
    std::string line = chomp(encode_journal_line(put_entry(desk, 1, 1, park_walk())));
    line[0] = '2';
    CHECK(problem_of(line).kind == LineProblem::Kind::Damaged);
}

TEST_CASE("a record kind a later walkbreak adds is skipped as unknown", "[journal][line]") {
    const LineProblem p = problem_of(framed(
        R"(1 {"device":"3f2a9c0d5e6b7a81","seq":3,"kind":"posture","id":1,"op":"put","start":1})"));
    CHECK(p.kind == LineProblem::Kind::UnknownKind);
    CHECK(p.detail.find("posture") != std::string::npos);
}

TEST_CASE("a meeting's line carries its span and signals by name", "[journal][line]") {
    const MeetingRecord call{from_unix_seconds(1780300800),
                             from_unix_seconds(1780302600),
                             1h,
                             {MeetingSignal::Microphone, MeetingSignal::Camera}};
    const std::string line = encode_journal_line(put_entry(desk, 4, 2, call));
    CHECK_THAT(line, Catch::Contains(R"("kind":"meeting","id":2,"op":"put","start":1780300800,)"
                                     R"("end":1780302600,"utc_offset":3600,)"
                                     R"("signals":["microphone","camera"]})"));
    const JournalEntry back = entry_of(chomp(line));
    CHECK(std::get<MeetingRecord>(*back.record) == call);

    // A signal a later walkbreak adds is passed over; the meeting still counts.
    const JournalEntry later = entry_of(
        framed(R"(1 {"device":"3f2a9c0d5e6b7a81","seq":5,"kind":"meeting","id":3,"op":"put",)"
               R"("start":1780300800,"end":1780302600,"utc_offset":0,)"
               R"("signals":["screen-share","camera","camera"]})"));
    CHECK(std::get<MeetingRecord>(*later.record).signals == std::vector{MeetingSignal::Camera});
    CHECK(problem_of(framed(R"(1 {"device":"3f2a9c0d5e6b7a81","seq":5,"kind":"meeting","id":3,)"
                            R"("op":"put","start":1780300800,"end":1780302600,"utc_offset":0,)"
                            R"("signals":"camera"})"))
              .kind == LineProblem::Kind::Invalid);
}

TEST_CASE("fields a later walkbreak adds are read past", "[journal][line]") {
    const std::string line =
        framed(R"(1 {"device":"3f2a9c0d5e6b7a81","seq":2,"kind":"checkin","id":5,"op":"put",)"
               R"("at":1780300800,"feel":"better","utc_offset":0,"pain":3})");
    const JournalEntry e = entry_of(line);
    REQUIRE(e.record.has_value());
    CHECK(std::get<CheckinRecord>(*e.record).feel == BackFeel::Better);
}

TEST_CASE("a whole line that makes no sense is invalid, with the reason", "[journal][line]") {
    const std::string head = R"(1 {"device":"3f2a9c0d5e6b7a81","kind":"walk","id":1,)";
    const std::string walk = R"("op":"put","utc_offset":0,"how":"auto","note":"")";
    const auto invalid = [&](const std::string& body, std::string_view reason) {
        const LineProblem p = problem_of(framed(body));
        CHECK(p.kind == LineProblem::Kind::Invalid);
        CHECK_THAT(p.detail, Catch::Contains(std::string(reason)));
    };
    invalid(head + R"("seq":0,"start":1,"end":2,)" + walk + "}", "\"seq\"");
    invalid(head + R"("seq":1,"start":9,"end":2,)" + walk + "}", "ends before it starts");
    invalid(head + R"("seq":1,"start":-5,"end":2,)" + walk + "}", "\"start\"");
    invalid(head + R"("seq":1,"start":0,"end":604801,)" + walk + "}", "longer than a week");
    invalid(head + R"("seq":1,"start":1.5,"end":2,)" + walk + "}", "\"start\"");
    invalid(
        head + R"("seq":1,"start":1,"end":2,"op":"put","utc_offset":99999,"how":"auto","note":""})",
        "\"utc_offset\"");
    invalid(
        head + R"("seq":1,"start":1,"end":2,"op":"put","utc_offset":0,"how":"walked","note":""})",
        "\"how\"");
    invalid(head + R"("seq":1,"op":"upsert"})", "\"op\"");
    invalid(head + R"("seq":1,"start":1,"end":2,"utc_offset":0,"how":"auto","note":""})", "\"op\"");
    invalid(R"(1 {"device":"3F2A9C0D5E6B7A81","seq":1,"kind":"walk","id":1,"op":"delete"})",
            "\"device\"");
    invalid(R"(1 {"device":"3f2a9c0d5e6b7a81","seq":1,"kind":"walk","id":0,"op":"delete"})",
            "\"id\"");
    invalid(R"(1 [1,2,3])", "not a JSON object");
    invalid(R"(01 {})", "format version");
    invalid(R"(one {})", "format version");
}

TEST_CASE("a note that is not UTF-8 is written with its bad bytes replaced", "[journal][line]") {
    WalkRecord w = park_walk();
    w.note = "bad \xff byte";
    const JournalEntry back = entry_of(chomp(encode_journal_line(put_entry(desk, 1, 1, w))));
    CHECK(std::get<WalkRecord>(*back.record).note == "bad \xef\xbf\xbd byte");
}

TEST_CASE("a long note is cut at a character boundary, and its line reads back",
          "[journal][line]") {
    WalkRecord w = park_walk();
    w.note = std::string(max_journal_note_bytes - 1, 'x') + "\xc3\xa9 and more";
    const std::string line = encode_journal_line(put_entry(desk, 1, 1, w));
    const JournalEntry back = entry_of(chomp(line));
    CHECK(std::get<WalkRecord>(*back.record).note == std::string(max_journal_note_bytes - 1, 'x'));
    // The worst case: every byte of the note and the name escaped (\u0001).
    w.note = std::string(max_journal_note_bytes, '\x01');
    CHECK(encode_journal_line(put_entry(desk, 1, 1, w)).size() <= max_journal_line_bytes);
    CHECK(encode_journal_line(put_entry(desk, 2, 1, DeviceNameRecord{std::string(1000, '\x02')}))
              .size() <= max_journal_line_bytes);
}

TEST_CASE("a line longer than the limit is damaged before it is parsed", "[journal][line]") {
    const std::string body = R"(1 {"device":"3f2a9c0d5e6b7a81","seq":1,"kind":"device_name",)"
                             R"("id":1,"op":"put","name":")" +
                             std::string(max_journal_line_bytes, 'x') + "\"}";
    CHECK(problem_of(framed(body)).kind == LineProblem::Kind::Damaged);
}
