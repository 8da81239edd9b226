// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/walk_union.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace walkbreak::core {
namespace {

using std::chrono::days;

bool is_instant(const Span& s) { return s.start == s.end; }

// Whether `next` (starting at or after `current`) joins it.
bool joins(const Span& current, const Span& next) {
    if (next.start < current.end) return true;
    return next.start == current.end && (is_instant(current) || is_instant(next));
}

// `span` cut at the day boundaries of its own offset: (date, part) pairs.
template <typename Visit>
void visit_day_parts(const LocalSpan& span, TimeOfDay starts_at, Visit&& visit) {
    if (span.end <= span.start) {
        if (span.end == span.start) {
            visit(local_day(span.start, span.utc_offset, starts_at), Span{span.start, span.start});
        }
        return;
    }
    const auto shift = span.utc_offset - starts_at;
    for (WallTime cursor = span.start; cursor < span.end;) {
        const Date day = std::chrono::floor<days>(cursor + shift);
        const WallTime next = std::min<WallTime>(WallTime{day + days{1}} - shift, span.end);
        visit(day, Span{cursor, next});
        cursor = next;
    }
}

}  // namespace

std::vector<Span> union_of(std::vector<Span> spans) {
    std::erase_if(spans, [](const Span& s) { return s.end < s.start; });
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    std::vector<Span> out;
    for (const Span& s : spans) {
        if (!out.empty() && joins(out.back(), s)) {
            out.back().end = std::max(out.back().end, s.end);
        } else {
            out.push_back(s);
        }
    }
    return out;
}

Seconds covered(std::span<const Span> disjoint) {
    Millis total{0};
    for (const Span& s : disjoint) total += s.end - s.start;
    return std::chrono::floor<Seconds>(total);
}

std::vector<DayUnion> union_by_local_day(std::span<const LocalSpan> spans, TimeOfDay starts_at) {
    std::map<Date, std::vector<Span>> parts;
    for (const LocalSpan& span : spans) {
        visit_day_parts(span, starts_at, [&](Date day, Span part) { parts[day].push_back(part); });
    }
    std::vector<DayUnion> out;
    out.reserve(parts.size());
    for (auto& [day, day_spans] : parts) {
        const auto merged = union_of(std::move(day_spans));
        out.push_back({day, covered(merged), static_cast<int>(merged.size())});
    }
    return out;
}

std::vector<DayWalking> walking_by_local_day(std::span<const WalkRecord> walks,
                                             TimeOfDay starts_at) {
    std::vector<LocalSpan> spans;
    spans.reserve(walks.size());
    for (const WalkRecord& w : walks) spans.push_back({w.start, w.end, w.utc_offset});
    std::vector<DayWalking> out;
    for (const DayUnion& day : union_by_local_day(spans, starts_at)) {
        out.push_back({day.date, day.seconds, day.pieces});
    }
    return out;
}

std::vector<WalkRecord> overlapping_walks(const WalkRecord& walk,
                                          std::span<const WalkRecord> stored) {
    std::vector<WalkRecord> out;
    for (const WalkRecord& w : stored) {
        if (walk.id != 0 && w.id == walk.id) continue;
        const bool same = w.start == walk.start && w.end == walk.end;
        const bool shared = w.start < walk.end && walk.start < w.end;
        if (same || shared) out.push_back(w);
    }
    return out;
}

std::string describe_walk(const WalkRecord& walk) {
    const WallTime local = walk.start + walk.utc_offset;
    const Date day = std::chrono::floor<days>(local);
    const auto time = std::chrono::floor<std::chrono::minutes>(local - day);
    const Seconds length = walk.seconds();
    const std::string how_long = length < std::chrono::minutes{1}
                                     ? fmt::format("{} s", length.count())
                                     : fmt::format("{} min", length.count() / 60);
    return fmt::format("walk {}: {} {}, {}", walk.id, format_date(day), format_time_of_day(time),
                       how_long);
}

Outcome check_walked_once(const WalkRecord& walk, std::span<const WalkRecord> stored) {
    const auto overlaps = overlapping_walks(walk, stored);
    if (overlaps.empty()) return success();
    const WalkRecord& other = overlaps.front();
    if (other.start == walk.start && other.end == walk.end) {
        return Error{fmt::format("that walk is logged already ({}); nothing was changed",
                                 describe_walk(other))};
    }
    return Error{fmt::format(
        "that walk overlaps {}, and a span of time is walked once; to change walk {}, use "
        "`walkbreak edit {} --at TIME --duration D`, or `walkbreak delete {}` and log again",
        describe_walk(other), other.id, other.id, other.id)};
}

}  // namespace walkbreak::core
