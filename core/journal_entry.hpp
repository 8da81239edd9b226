// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One entry of a device's sync journal (docs/SYNC.md "Journal entries"): the
// record with key `key` in the writing device's database is now `record`, or
// was deleted. A device journals each add, edit and delete of its own records,
// numbered 1, 2, 3 ... so that the latest word on a key is the one with the
// highest sequence, whatever order the lines arrive or are read in.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/device_id.hpp"
#include "core/records.hpp"

namespace walkbreak::core {

// What a journal entry is about. The spellings (journal_entry.cpp) are part
// of the journal format: renaming one is a new format version.
enum class RecordKind { DeviceName, Walk, SittingBout, Reminder, Checkin, Meeting };
std::string_view to_string(RecordKind kind);
// Kinds this walkbreak does not know (a later one's) are none.
std::optional<RecordKind> record_kind_from(std::string_view name);

// The name the device shows itself under (sync.device_name, by default the
// host name). Journaled like a record, so that a rename reaches the others.
struct DeviceNameRecord {
    std::string name;
};

// The alternatives in RecordKind's order.
using JournalRecord = std::variant<DeviceNameRecord, WalkRecord, SittingBout, ReminderRecord,
                                   CheckinRecord, MeetingRecord>;
RecordKind kind_of(const JournalRecord& record);

// A record in the writer's database: its kind and row id there (positive).
// The device name is the record (DeviceName, 1).
struct RecordKey {
    RecordKind kind{RecordKind::Walk};
    std::int64_t id{0};
    friend auto operator<=>(const RecordKey&, const RecordKey&) = default;
};

struct JournalEntry {
    DeviceId device = DeviceId::from_bits(0);
    std::uint64_t sequence{0};  // from 1, per device, across all its journal files
    RecordKey key;
    std::optional<JournalRecord> record;  // what the record now is; none: deleted
    // A walk's id is its key's id: set by put_entry and the decoder.
};

// An add or an edit of the record `id` of `record`'s kind.
JournalEntry put_entry(DeviceId device, std::uint64_t sequence, std::int64_t id,
                       JournalRecord record);
JournalEntry delete_entry(DeviceId device, std::uint64_t sequence, RecordKey key);

// Every field equal (the records themselves have no ==).
bool operator==(const JournalEntry& a, const JournalEntry& b);

}  // namespace walkbreak::core
