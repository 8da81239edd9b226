// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Random journal entries for the sync tests (seeded by each test, so that a
// failure reproduces), and readable failure output for them.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "core/journal_entry.hpp"
#include "core/journal_line.hpp"

namespace walkbreak::test {

using namespace walkbreak::core;

// 2026-05-28 20:26:40 UTC plus `s` seconds.
inline WallTime at(std::int64_t s) { return from_unix_seconds(1'780'000'000 + s); }

inline std::int64_t pick(std::mt19937& rng, std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

// Notes people write, and the characters a line must carry safely.
inline std::string random_note(std::mt19937& rng) {
    static const std::string pieces[] = {"",           "park",        " ",
                                         "\"quoted\"", "back\\slash", "two\nlines",
                                         "tab\there",  "caf\xc3\xa9", "\xe2\x9c\x93"};
    std::string note;
    for (auto n = pick(rng, 0, 3); n > 0; --n) note += pieces[pick(rng, 0, 8)];
    return note;
}

// Any record, with whole-second times (what the store and the journal keep).
inline JournalRecord random_record(std::mt19937& rng) {
    const WallTime start = at(pick(rng, -86400, 40 * 86400));
    const WallTime end = start + Seconds{pick(rng, 0, 3 * 3600)};
    const UtcOffset offset{pick(rng, -12, 14) * 3600};
    switch (pick(rng, 0, 5)) {
        case 0:
            return DeviceNameRecord{random_note(rng)};
        case 1: {
            WalkRecord w;
            w.start = start;
            w.end = end;
            w.utc_offset = offset;
            w.how = static_cast<CreditHow>(pick(rng, 0, 3));
            w.note = random_note(rng);
            return w;
        }
        case 2:
            return SittingBout{start, end, offset};
        case 3: {
            ReminderRecord r;
            r.shown = start;
            r.escalated = pick(rng, 0, 1) == 1;
            r.outcome = static_cast<ReminderOutcome>(pick(rng, 0, 3));
            r.resolved = end;
            r.utc_offset = offset;
            return r;
        }
        case 4:
            return CheckinRecord{start, static_cast<BackFeel>(pick(rng, 0, 2)), offset};
        default: {
            std::vector<MeetingSignal> signals;
            for (const MeetingSignal s : all_meeting_signals) {
                if (pick(rng, 0, 2) == 0) signals.push_back(s);
            }
            return MeetingRecord{start, end, offset, std::move(signals)};
        }
    }
}

inline DeviceId random_device(std::mt19937& rng) {
    return DeviceId::from_bits(std::uniform_int_distribution<std::uint64_t>()(rng));
}

// A put or, one time in five, a delete.
inline JournalEntry random_entry(std::mt19937& rng, DeviceId device, std::uint64_t sequence) {
    const std::int64_t id = pick(rng, 1, 1'000'000);
    if (pick(rng, 0, 4) == 0) {
        return delete_entry(device, sequence,
                            RecordKey{static_cast<RecordKind>(pick(rng, 0, 5)), id});
    }
    return put_entry(device, sequence, id, random_record(rng));
}

}  // namespace walkbreak::test

namespace Catch {
template <>
struct StringMaker<walkbreak::core::JournalEntry> {
    static std::string convert(const walkbreak::core::JournalEntry& e) {
        return walkbreak::core::encode_journal_line(e);
    }
};
}  // namespace Catch
