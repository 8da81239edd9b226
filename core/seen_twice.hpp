// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Clocks of different computers disagree by a few seconds, even with NTP
// (docs/SYNC.md "Clock skew"). When you walk away from two desks, both
// computers record the walk, each on its own clock: the union of the two
// would count the skew as walking, seconds that can tip a whole minute. So
// before the union rule, spans that several devices recorded are kept once.
#include <vector>

#include "core/device_id.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

// How far apart two devices' clocks may be and still have recorded one span.
inline constexpr Seconds clock_skew_tolerance{5};

// A span [start, end) that one device recorded, on that device's clock.
struct DeviceSpan {
    DeviceId device = DeviceId::from_bits(0);
    WallTime start{};
    WallTime end{};
    UtcOffset utc_offset{0};
    friend bool operator==(const DeviceSpan&, const DeviceSpan&) = default;
};

// `spans` with each span seen by several devices kept once. Spans of
// different devices whose starts lie within `tolerance` of each other, and
// whose ends do too, are one span seen twice (or more: the relation is
// followed from span to span, and takes at most one span of each device).
// It is kept as its longest observation (then the earliest, then the lowest
// device id): each device measured its length on one clock, so the longest
// loses nothing and adds no skew. Every other span is kept as it is, for the
// union rule (core/walk_union.hpp) to unite: spans of one device, partial
// overlaps. Spans with end < start are dropped. The result is a subset of
// `spans`, in (start, end, device) order, whatever the order of `spans`.
std::vector<DeviceSpan> keep_each_seen_once(std::vector<DeviceSpan> spans, Seconds tolerance);

}  // namespace walkbreak::core
