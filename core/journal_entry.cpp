// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal_entry.hpp"

#include <array>
#include <tuple>
#include <utility>

namespace walkbreak::core {
namespace {

constexpr std::array kind_names{
    std::pair{RecordKind::DeviceName, std::string_view{"device_name"}},
    std::pair{RecordKind::Walk, std::string_view{"walk"}},
    std::pair{RecordKind::SittingBout, std::string_view{"sitting_bout"}},
    std::pair{RecordKind::Reminder, std::string_view{"reminder"}},
    std::pair{RecordKind::Checkin, std::string_view{"checkin"}},
    std::pair{RecordKind::Meeting, std::string_view{"meeting"}},
};
static_assert(std::variant_size_v<JournalRecord> == kind_names.size());

// Field-wise comparison of the records, by tuples of their fields.
auto fields(const DeviceNameRecord& r) { return std::tie(r.name); }
auto fields(const WalkRecord& r) {
    return std::tie(r.id, r.start, r.end, r.utc_offset, r.how, r.note);
}
auto fields(const SittingBout& r) { return std::tie(r.start, r.end, r.utc_offset); }
auto fields(const ReminderRecord& r) {
    return std::tie(r.shown, r.escalated, r.outcome, r.resolved, r.utc_offset);
}
auto fields(const CheckinRecord& r) { return std::tie(r.at, r.feel, r.utc_offset); }
auto fields(const MeetingRecord& r) { return std::tie(r.start, r.end, r.utc_offset, r.signals); }

bool same_record(const JournalRecord& a, const JournalRecord& b) {
    if (a.index() != b.index()) return false;
    return std::visit(
        [&](const auto& left) {
            using Record = std::decay_t<decltype(left)>;
            return fields(left) == fields(std::get<Record>(b));
        },
        a);
}

}  // namespace

std::string_view to_string(RecordKind kind) {
    for (const auto& [k, name] : kind_names) {
        if (k == kind) return name;
    }
    return "unknown";
}

std::optional<RecordKind> record_kind_from(std::string_view name) {
    for (const auto& [k, n] : kind_names) {
        if (n == name) return k;
    }
    return std::nullopt;
}

RecordKind kind_of(const JournalRecord& record) { return kind_names[record.index()].first; }

JournalEntry put_entry(DeviceId device, std::uint64_t sequence, std::int64_t id,
                       JournalRecord record) {
    if (auto* walk = std::get_if<WalkRecord>(&record)) walk->id = id;
    const RecordKey key{kind_of(record), id};
    return JournalEntry{device, sequence, key, std::move(record)};
}

JournalEntry delete_entry(DeviceId device, std::uint64_t sequence, RecordKey key) {
    return JournalEntry{device, sequence, key, std::nullopt};
}

bool operator==(const JournalEntry& a, const JournalEntry& b) {
    if (a.device != b.device || a.sequence != b.sequence || a.key != b.key) return false;
    if (a.record.has_value() != b.record.has_value()) return false;
    return !a.record || same_record(*a.record, *b.record);
}

}  // namespace walkbreak::core
