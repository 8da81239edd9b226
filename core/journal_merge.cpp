// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal_merge.hpp"

#include <map>
#include <utility>

#include "core/journal_read.hpp"

namespace walkbreak::core {
namespace {

// One device's entries by sequence.
using DeviceEntries = std::map<std::uint64_t, SequenceVersions>;

DeviceRecords present_state(DeviceId device, const DeviceEntries& by_sequence) {
    DeviceRecords out;
    out.device = device;
    out.last_sequence = by_sequence.empty() ? 0 : by_sequence.rbegin()->first;
    out.missing_sequences = out.last_sequence - by_sequence.size();
    // In sequence order, so a later entry for a key replaces an earlier one.
    std::map<RecordKey, const JournalEntry*> latest;
    for (const auto& [sequence, versions] : by_sequence) {
        out.conflicting_entries += versions.conflicts();
        latest[versions.kept().key] = &versions.kept();
    }
    for (const auto& [key, entry] : latest) {
        if (!entry->record) continue;
        if (key.kind == RecordKind::DeviceName) continue;
        out.records.push_back(*entry);
    }
    // The name: the latest of its entries, whatever their ids.
    for (auto it = by_sequence.rbegin(); it != by_sequence.rend(); ++it) {
        const JournalEntry& entry = it->second.kept();
        if (entry.key.kind != RecordKind::DeviceName) continue;
        if (entry.record) out.name = std::get<DeviceNameRecord>(*entry.record).name;
        break;
    }
    return out;
}

template <typename Record>
std::vector<Record> records_of(const std::vector<JournalEntry>& records) {
    std::vector<Record> out;
    for (const JournalEntry& entry : records) {
        if (const auto* r = std::get_if<Record>(&*entry.record)) out.push_back(*r);
    }
    return out;
}

}  // namespace

std::vector<WalkRecord> DeviceRecords::walks() const { return records_of<WalkRecord>(records); }
std::vector<SittingBout> DeviceRecords::sitting_bouts() const {
    return records_of<SittingBout>(records);
}
std::vector<ReminderRecord> DeviceRecords::reminders() const {
    return records_of<ReminderRecord>(records);
}
std::vector<CheckinRecord> DeviceRecords::checkins() const {
    return records_of<CheckinRecord>(records);
}
std::vector<MeetingRecord> DeviceRecords::meetings() const {
    return records_of<MeetingRecord>(records);
}

std::vector<DeviceRecords> merge_journals(std::span<const JournalEntry> entries) {
    std::map<DeviceId, DeviceEntries> devices;
    for (const JournalEntry& entry : entries) {
        devices[entry.device][entry.sequence].add(entry);
    }
    std::vector<DeviceRecords> out;
    out.reserve(devices.size());
    for (const auto& [device, device_entries] : devices) {
        out.push_back(present_state(device, device_entries));
    }
    return out;
}

}  // namespace walkbreak::core
