// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/device_totals.hpp"

#include <algorithm>
#include <array>

#include "core/walk_union.hpp"

namespace walkbreak::core {
namespace {

template <typename Spanned>
void add_spans(std::vector<DeviceSpan>& out, DeviceId device, const std::vector<Spanned>& rows) {
    for (const Spanned& r : rows) out.push_back(DeviceSpan{device, r.start, r.end, r.utc_offset});
}

// As walk_union's input: only the span and its offset matter there.
std::vector<WalkRecord> as_walks(const std::vector<DeviceSpan>& spans) {
    std::vector<WalkRecord> out;
    out.reserve(spans.size());
    for (const DeviceSpan& s : spans) {
        WalkRecord w;
        w.start = s.start;
        w.end = s.end;
        w.utc_offset = s.utc_offset;
        out.push_back(w);
    }
    return out;
}

// The longest stretch of the united spans on each day: each stretch cut at
// the day boundaries of the offset of the span it begins with.
template <typename Visit>
void visit_longest_stretches(const std::vector<DeviceSpan>& kept, TimeOfDay starts_at,
                             Visit&& visit) {
    std::vector<Span> spans;
    spans.reserve(kept.size());
    for (const DeviceSpan& s : kept) spans.push_back(Span{s.start, s.end});
    auto next = kept.begin();  // kept is in start order, as every stretch's first span
    for (const Span& stretch : union_of(std::move(spans))) {
        while (next->start < stretch.start) ++next;
        for (const DayShare& share :
             split_by_local_day(stretch.start, stretch.end, next->utc_offset, starts_at)) {
            visit(share.date, share.seconds);
        }
    }
}

// The counter of each outcome, in ReminderOutcome's order (records.hpp).
using Reminders = DayTotals::Reminders;
constexpr std::array<int Reminders::*, 4> outcome_counters{
    &Reminders::walked, &Reminders::snoozed, &Reminders::skipped, &Reminders::ignored};
static_assert(static_cast<std::size_t>(ReminderOutcome::Ignored) + 1 == outcome_counters.size());

void count_reminder(Reminders& r, ReminderOutcome outcome) {
    ++r.sent;
    ++(r.*outcome_counters[static_cast<std::size_t>(outcome)]);
}

}  // namespace

DeviceId id_apart_from(std::span<const DeviceSpan> others) {
    std::vector<std::uint64_t> taken;
    taken.reserve(others.size());
    for (const DeviceSpan& s : others) taken.push_back(s.device.bits());
    std::sort(taken.begin(), taken.end());
    std::uint64_t bits = 0;
    for (const std::uint64_t t : taken) {
        if (t == bits) ++bits;
    }
    return DeviceId::from_bits(bits);
}

std::vector<DayWalking> walking_across_devices(std::vector<DeviceSpan> walks, TimeOfDay starts_at,
                                               Seconds tolerance) {
    return walking_by_local_day(as_walks(keep_each_seen_once(std::move(walks), tolerance)),
                                starts_at);
}

std::vector<DayTotals> day_totals_across_devices(DevicesActivity activity, Date from, Date to,
                                                 TimeOfDay starts_at, Seconds tolerance) {
    std::vector<DayTotals> days;
    for (Date d = from; d <= to; d += std::chrono::days{1}) {
        DayTotals day;
        day.date = d;
        days.push_back(day);
    }
    const auto find = [&](Date d) -> DayTotals* {
        if (d < from || d > to) return nullptr;
        return &days[static_cast<std::size_t>((d - from).count())];
    };

    for (const ReminderRecord& r : activity.reminders) {
        if (auto* day = find(local_day(r.shown, r.utc_offset, starts_at))) {
            count_reminder(day->reminders, r.outcome);
        }
    }
    for (const DayWalking& w :
         walking_across_devices(std::move(activity.walks), starts_at, tolerance)) {
        if (auto* day = find(w.date)) {
            day->walk_seconds = w.seconds;
            day->walks = w.walks;
        }
    }
    const auto kept_sitting = keep_each_seen_once(std::move(activity.sitting), tolerance);
    for (const DayWalking& s : walking_by_local_day(as_walks(kept_sitting), starts_at)) {
        if (auto* day = find(s.date)) day->sitting_seconds = s.seconds;
    }
    visit_longest_stretches(kept_sitting, starts_at, [&](Date d, Seconds seconds) {
        if (auto* day = find(d)) day->longest_sitting = std::max(day->longest_sitting, seconds);
    });
    return days;
}

std::vector<DayTotals> day_totals_across_devices(std::span<const DeviceRecords> devices, Date from,
                                                 Date to, TimeOfDay starts_at, Seconds tolerance) {
    DevicesActivity activity;
    for (const DeviceRecords& device : devices) {
        add_spans(activity.walks, device.device, device.walks());
        add_spans(activity.sitting, device.device, device.sitting_bouts());
        for (const ReminderRecord& r : device.reminders()) activity.reminders.push_back(r);
    }
    return day_totals_across_devices(std::move(activity), from, to, starts_at, tolerance);
}

}  // namespace walkbreak::core
