// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One span of time is walked once (DESIGN.md §3): a day's walking time is the
// union of its walk intervals, whoever recorded them. This is the one place
// that rule is computed; the store's totals, `walkbreak log`, `edit`, import
// and the daemon all go through it.
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/civil.hpp"
#include "core/records.hpp"
#include "core/result.hpp"

namespace walkbreak::core {

// A half-open interval [start, end) of wall time; start == end is an instant.
struct Span {
    WallTime start{};
    WallTime end{};
    friend bool operator==(const Span&, const Span&) = default;
};

// The union of `spans` as disjoint spans in time order. Spans that overlap
// merge; spans that only touch stay apart (two walks back to back are two
// walks), except that an instant merges with a span it lies in or touches.
// Spans with end < start are ignored. Order of the input does not matter.
std::vector<Span> union_of(std::vector<Span> spans);
// The length of disjoint spans (as union_of returns them), floored to seconds.
Seconds covered(std::span<const Span> disjoint);

// A span with the offset in force at its start: a stored walk or meeting as
// the day split sees it.
struct LocalSpan {
    WallTime start{};
    WallTime end{};
    UtcOffset utc_offset{0};
};

// Per local day, the union of the parts of `spans` that fall on it, by the
// rule walking_by_local_day states below (walks are its first user; recorded
// meetings, which should never overlap but may after an import, its second).
struct DayUnion {
    Date date{};
    Seconds seconds{0};
    int pieces{0};  // the union's disjoint pieces on this day
    friend bool operator==(const DayUnion&, const DayUnion&) = default;
};
std::vector<DayUnion> union_by_local_day(std::span<const LocalSpan> spans, TimeOfDay starts_at);

// Per local day, the union of the parts of `walks` that fall on it: each walk
// is cut at the day boundaries of its own utc_offset (as split_by_local_day
// does), then the parts on one date are united. `walks` counts the distinct
// walks of the day: the union's pieces, so overlapping rows count once and a
// walk across the boundary counts on both days. Dates in order; a date only
// when a walk has a part (or, if it is an instant, its start) on it.
struct DayWalking {
    Date date{};
    Seconds seconds{0};
    int walks{0};
    friend bool operator==(const DayWalking&, const DayWalking&) = default;
};
std::vector<DayWalking> walking_by_local_day(std::span<const WalkRecord> walks,
                                             TimeOfDay starts_at);

// The walks of `stored` that `walk` would walk twice: those sharing part of
// its span, or with exactly its start and end. Walks with the id of `walk`
// are left out (an edit does not overlap the walk it changes).
std::vector<WalkRecord> overlapping_walks(const WalkRecord& walk,
                                          std::span<const WalkRecord> stored);

// "walk 12: 2026-12-02 14:30, 10 min" (local time at the walk's own offset).
std::string describe_walk(const WalkRecord& walk);

// The rule for a walk typed in by hand (`walkbreak log`, `edit`, the daemon's
// log request): it may not walk a stored span twice. An error names the first
// walk of `stored` it would repeat or overlap, and how to replace that walk;
// the caller adds nothing. (Credited walks are the daemon's own observation
// and are stored as they come; totals take their union either way.)
Outcome check_walked_once(const WalkRecord& walk, std::span<const WalkRecord> stored);

}  // namespace walkbreak::core
