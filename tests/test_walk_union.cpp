// SPDX-License-Identifier: GPL-3.0-or-later
// The union rule: one span of time is walked once. Property tests over random
// interval sets (seeded, so a failure reproduces) and the cases people hit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/walk_union.hpp"

using namespace walkbreak::core;
using namespace std::chrono_literals;

namespace {

WallTime at(std::int64_t s) { return from_unix_seconds(1'780'000'000 + s); }

std::vector<Span> random_spans(std::mt19937& rng) {
    std::uniform_int_distribution<int> count(0, 12);
    std::uniform_int_distribution<std::int64_t> start(0, 4 * 3600);
    std::uniform_int_distribution<std::int64_t> length(0, 3600);
    std::vector<Span> spans(static_cast<std::size_t>(count(rng)));
    for (auto& s : spans) {
        s.start = at(start(rng));
        s.end = s.start + Seconds{length(rng)};
    }
    return spans;
}

Seconds length_of(const Span& s) { return std::chrono::floor<Seconds>(s.end - s.start); }

}  // namespace

TEST_CASE("the union of random walks obeys the union rule", "[union][property]") {
    std::mt19937 rng(20261203);
    for (int round = 0; round < 2000; ++round) {
        const auto spans = random_spans(rng);
        const auto merged = union_of(spans);
        const Seconds total = covered(merged);
        INFO("round " << round << ", " << spans.size() << " spans");

        // Never more than the span from the first start to the last end.
        if (!spans.empty()) {
            const auto first = std::min_element(spans.begin(), spans.end(), [](auto a, auto b) {
                                   return a.start < b.start;
                               })->start;
            const auto last = std::max_element(spans.begin(), spans.end(), [](auto a, auto b) {
                                  return a.end < b.end;
                              })->end;
            CHECK(total <= std::chrono::floor<Seconds>(last - first));
        }
        // Never less than the longest walk, nor more than all walks added up.
        Seconds sum{0}, longest{0};
        for (const auto& s : spans) {
            sum += length_of(s);
            longest = std::max(longest, length_of(s));
        }
        CHECK(total >= longest);
        CHECK(total <= sum);
        // Order-independent.
        auto shuffled = spans;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        CHECK(union_of(shuffled) == merged);
        // Idempotent: a ∪ a = a, and the union of a union is itself.
        auto twice = spans;
        twice.insert(twice.end(), spans.begin(), spans.end());
        CHECK(union_of(twice) == merged);
        CHECK(union_of(merged) == merged);
        // Disjoint and in order.
        for (std::size_t i = 1; i < merged.size(); ++i) {
            CHECK(merged[i - 1].end <= merged[i].start);
        }
    }
}

TEST_CASE("per-day union of random walks is order-independent and bounded", "[union][property]") {
    std::mt19937 rng(42);
    for (int round = 0; round < 500; ++round) {
        std::vector<WalkRecord> walks;
        for (const auto& s : random_spans(rng)) {
            WalkRecord w;
            w.start = s.start + 20h;  // some cross midnight UTC
            w.end = s.end + 20h;
            w.utc_offset = Seconds{3600 * (static_cast<int>(rng() % 3) - 1)};
            walks.push_back(w);
        }
        const auto days = walking_by_local_day(walks, TimeOfDay{0});
        auto shuffled = walks;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        CHECK(walking_by_local_day(shuffled, TimeOfDay{0}) == days);
        auto twice = walks;
        twice.insert(twice.end(), walks.begin(), walks.end());
        CHECK(walking_by_local_day(twice, TimeOfDay{0}) == days);
        Seconds sum{0}, total{0};
        for (const auto& w : walks) sum += w.seconds();
        for (const auto& d : days) {
            total += d.seconds;
            CHECK(d.seconds <= 24h);
        }
        CHECK(total <= sum);
    }
}

TEST_CASE("three logs of the same ten hours count as one walk of ten hours", "[union]") {
    WalkRecord w;
    w.start = from_unix_seconds(0) + std::chrono::days{20000} + 8h;
    w.end = w.start + 10h;
    const std::vector<WalkRecord> walks{w, w, w};
    const auto days = walking_by_local_day(walks, TimeOfDay{0});
    REQUIRE(days.size() == 1);
    CHECK(days[0].seconds == 10h);
    CHECK(days[0].walks == 1);
}

TEST_CASE("walks back to back are two walks; overlapping ones are one", "[union]") {
    CHECK(union_of({{at(0), at(60)}, {at(60), at(120)}}).size() == 2);
    CHECK(union_of({{at(0), at(61)}, {at(60), at(120)}}) == std::vector<Span>{{at(0), at(120)}});
    // An instant inside or at the edge of a walk is part of it.
    CHECK(union_of({{at(0), at(60)}, {at(60), at(60)}}).size() == 1);
    CHECK(union_of({{at(30), at(30)}}).size() == 1);
}

TEST_CASE("a walk across the day boundary counts its parts on each day", "[union]") {
    WalkRecord w;
    w.start = from_unix_seconds(0) + std::chrono::days{20000} + 23h + 50min;
    w.end = w.start + 20min;
    const std::vector<WalkRecord> walks{w};
    const auto days = walking_by_local_day(walks, TimeOfDay{0});
    REQUIRE(days.size() == 2);
    CHECK(days[0].seconds == 10min);
    CHECK(days[1].seconds == 10min);
    CHECK(days[0].walks == 1);
    CHECK(days[1].walks == 1);
    // With the day starting at 04:00 local in UTC+2 (01:50 local to 02:10),
    // all of it is on the day before.
    auto east = w;
    east.utc_offset = 2h;
    const std::vector<WalkRecord> shifted{east};
    const auto late = walking_by_local_day(shifted, TimeOfDay{4h});
    REQUIRE(late.size() == 1);
    CHECK(late[0].seconds == 20min);
}

TEST_CASE("overlapping_walks names what a new walk would walk twice", "[union]") {
    WalkRecord a;
    a.id = 1;
    a.start = at(0);
    a.end = at(600);
    WalkRecord b = a;
    b.id = 2;
    b.start = at(600);
    b.end = at(1200);
    const std::vector<WalkRecord> stored{a, b};
    WalkRecord fresh;
    fresh.start = at(300);
    fresh.end = at(900);
    CHECK(overlapping_walks(fresh, stored).size() == 2);
    fresh.start = at(1200);
    fresh.end = at(1300);
    CHECK(overlapping_walks(fresh, stored).empty());
    // Editing walk 1 in place does not overlap itself.
    CHECK(overlapping_walks(a, stored).empty());
    WalkRecord duplicate = a;
    duplicate.id = 0;
    REQUIRE(overlapping_walks(duplicate, stored).size() == 1);
    CHECK(overlapping_walks(duplicate, stored)[0].id == 1);
}
