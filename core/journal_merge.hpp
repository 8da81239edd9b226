// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// From journal entries of any number of devices, each device's records as
// they now are (docs/SYNC.md "Merging"): per device and key, the entry with
// the highest sequence is the record's present state, a put (added or edited)
// or a delete. A function of the set of entries alone: reading the same entry
// twice, or the entries in another order, gives the same records.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/device_id.hpp"
#include "core/journal_entry.hpp"

namespace walkbreak::core {

struct DeviceRecords {
    DeviceId device = DeviceId::from_bits(0);
    std::string name;  // the device's latest name entry; empty when none has been read
    std::uint64_t last_sequence{0};
    // Sequences below last_sequence that were not read: entries still on their
    // way (a file not synced yet) or lost. Zero when this device's news is whole.
    std::uint64_t missing_sequences{0};
    // Different entries with one sequence (a broken writer, or two computers
    // with one device id): one is kept, as SequenceVersions (journal_read.hpp) says.
    int conflicting_entries{0};
    // Its latest put per key that is not deleted now, in key order; the
    // device name is not among them.
    std::vector<JournalEntry> records;

    std::vector<WalkRecord> walks() const;  // ids: the writer's walk ids
    std::vector<SittingBout> sitting_bouts() const;
    std::vector<ReminderRecord> reminders() const;
    std::vector<CheckinRecord> checkins() const;
    std::vector<MeetingRecord> meetings() const;
};

// In device id order.
std::vector<DeviceRecords> merge_journals(std::span<const JournalEntry> entries);

}  // namespace walkbreak::core
