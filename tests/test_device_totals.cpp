// SPDX-License-Identifier: GPL-3.0-or-later
// Totals across devices: a walk that several computers saw counts once, the
// union rule across all of them, and clocks a few seconds apart that neither
// create nor lose a second. Property tests over random multi-device
// histories (seeded), against the truth they were made from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "core/device_totals.hpp"
#include "core/seen_twice.hpp"
#include "core/walk_union.hpp"
#include "tests/journal_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0xd1);
constexpr DeviceId laptop = DeviceId::from_bits(0x1a);
constexpr DeviceId tablet = DeviceId::from_bits(0x7b);

// 2026-06-01 00:00 UTC, a day with no time-zone business.
const Date june_1 = std::chrono::sys_days{std::chrono::year{2026} / 6 / 1};
WallTime on_june_1(Seconds s) { return WallTime{june_1} + s; }

struct Observed {
    std::vector<std::pair<WallTime, WallTime>> walks, sitting;
    std::vector<ReminderRecord> reminders;
};

DeviceRecords device_of(DeviceId id, const Observed& seen) {
    std::vector<JournalEntry> entries;
    std::uint64_t seq = 0;
    std::int64_t row = 0;
    for (const auto& [start, end] : seen.walks) {
        WalkRecord w;
        w.start = start;
        w.end = end;
        entries.push_back(put_entry(id, ++seq, ++row, w));
    }
    for (const auto& [start, end] : seen.sitting) {
        entries.push_back(put_entry(id, ++seq, ++row, SittingBout{start, end, 0s}));
    }
    for (const auto& r : seen.reminders) entries.push_back(put_entry(id, ++seq, ++row, r));
    auto merged = merge_journals(entries);
    if (merged.empty()) {
        DeviceRecords none;
        none.device = id;
        return none;
    }
    return merged.front();
}

DayTotals june_1_totals(const std::vector<DeviceRecords>& devices) {
    const auto days = day_totals_across_devices(devices, june_1, june_1, TimeOfDay{0});
    REQUIRE(days.size() == 1);
    return days[0];
}

Seconds total_walking(const std::vector<DayTotals>& days) {
    Seconds sum{0};
    for (const auto& d : days) sum += d.walk_seconds;
    return sum;
}

}  // namespace

TEST_CASE("a walk away from both desks counts once, whoever's clock is ahead", "[sync][totals]") {
    const WallTime ten = on_june_1(10h);
    Observed d, l;
    d.walks = {{ten, ten + 10min}};
    for (const Seconds skew : {0s, 3s, -3s, 5s, -5s}) {
        INFO("laptop's clock " << skew.count() << " s ahead");
        l.walks = {{ten + skew, ten + 10min + skew}};
        const DayTotals day = june_1_totals({device_of(desk, d), device_of(laptop, l)});
        CHECK(day.walk_seconds == 10min);
        CHECK(day.walks == 1);
    }
    // Beyond the tolerance two clocks are not taken to have seen one walk: the
    // union rule counts what they cover.
    l.walks = {{ten + 6s, ten + 10min + 6s}};
    CHECK(june_1_totals({device_of(desk, d), device_of(laptop, l)}).walk_seconds == 10min + 6s);
}

TEST_CASE("walks on different computers add up; overlapping ones are united", "[sync][totals]") {
    const WallTime ten = on_june_1(10h);
    Observed d, l;
    d.walks = {{ten, ten + 10min}};
    l.walks = {{ten + 1h, ten + 1h + 5min}};
    DayTotals day = june_1_totals({device_of(desk, d), device_of(laptop, l)});
    CHECK(day.walk_seconds == 15min);
    CHECK(day.walks == 2);
    l.walks = {{ten + 5min, ten + 20min}};
    day = june_1_totals({device_of(desk, d), device_of(laptop, l)});
    CHECK(day.walk_seconds == 20min);
    CHECK(day.walks == 1);
}

TEST_CASE("sitting at one desk, then the other, is the sitting of both", "[sync][totals]") {
    const WallTime nine = on_june_1(9h);
    Observed d, l;
    d.sitting = {{nine, nine + 1h}};
    l.sitting = {{nine + 1h + 20s, nine + 2h}};
    DayTotals day = june_1_totals({device_of(desk, d), device_of(laptop, l)});
    CHECK(day.sitting_seconds == 2h - 20s);
    CHECK(day.longest_sitting == 1h);
    // A video playing on the laptop while typing on the desk: one span, sat once.
    l.sitting = {{nine + 30min, nine + 90min}};
    day = june_1_totals({device_of(desk, d), device_of(laptop, l)});
    CHECK(day.sitting_seconds == 90min);
    CHECK(day.longest_sitting == 90min);
}

TEST_CASE("each computer's reminders are its own and add up", "[sync][totals]") {
    Observed d, l;
    ReminderRecord r;
    r.shown = on_june_1(11h);
    r.resolved = r.shown + 1min;
    r.outcome = ReminderOutcome::Walked;
    d.reminders = {r};
    r.outcome = ReminderOutcome::Snoozed;
    l.reminders = {r, r};
    const DayTotals day = june_1_totals({device_of(desk, d), device_of(laptop, l)});
    CHECK(day.reminders.sent == 3);
    CHECK(day.reminders.walked == 1);
    CHECK(day.reminders.snoozed == 2);
}

TEST_CASE("a span seen by several devices is kept once, one span per device at most",
          "[sync][seen_twice]") {
    const WallTime t = on_june_1(12h);
    // Three devices, each a few seconds from the next (desk and tablet 8 s
    // apart): one walk, kept as its longest observation, the earlier of two.
    const std::vector<DeviceSpan> three{
        {desk, t, t + 600s, 0s}, {laptop, t + 4s, t + 605s, 0s}, {tablet, t + 8s, t + 609s, 0s}};
    const auto kept = keep_each_seen_once(three, clock_skew_tolerance);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0] == three[1]);
    // Two spans of one device are on one clock: never one span seen twice,
    // even through another device's span close to both.
    const std::vector<DeviceSpan> same_device{
        {desk, t, t + 3s, 0s}, {desk, t + 4s, t + 6s, 0s}, {laptop, t + 2s, t + 5s, 0s}};
    CHECK(keep_each_seen_once(same_device, clock_skew_tolerance).size() == 2);
    // Spans ending before they start are dropped; order does not matter.
    auto reversed = three;
    std::reverse(reversed.begin(), reversed.end());
    reversed.push_back({desk, t, t - 1s, 0s});
    CHECK(keep_each_seen_once(reversed, clock_skew_tolerance) == kept);
}

TEST_CASE("clocks a few seconds apart neither create nor lose walking or sitting",
          "[sync][totals][skew][property]") {
    std::mt19937 rng(20261206);
    int rounds_where_the_plain_union_is_wrong = 0;
    for (int round = 0; round < 500; ++round) {
        // The truth: walks and sitting between 06:00 and 22:00, apart by more
        // than any skew.
        const auto device_count = static_cast<std::size_t>(pick(rng, 2, 4));
        std::vector<Seconds> skew(device_count);
        for (auto& s : skew) s = Seconds{pick(rng, -2, 2)};  // pairwise within 4 s < 5 s
        std::vector<Observed> seen(device_count);
        std::vector<WalkRecord> true_walks, true_sitting, every_walk;
        Seconds cursor = 6h;
        while (cursor < 21h) {
            const Seconds length{pick(rng, 0, 1200)};
            const bool walking = pick(rng, 0, 1) == 0;
            WalkRecord truth;
            truth.start = on_june_1(cursor);
            truth.end = truth.start + length;
            (walking ? true_walks : true_sitting).push_back(truth);
            // Seen by at least one device, often by more.
            std::vector<std::size_t> by;
            for (std::size_t d = 0; d < device_count; ++d) {
                if (pick(rng, 0, 1) == 1) by.push_back(d);
            }
            if (by.empty())
                by.push_back(static_cast<std::size_t>(
                    pick(rng, 0, static_cast<std::int64_t>(device_count) - 1)));
            for (std::size_t d : by) {
                const std::pair span{truth.start + skew[d], truth.end + skew[d]};
                (walking ? seen[d].walks : seen[d].sitting).push_back(span);
                if (walking) {
                    WalkRecord w;
                    w.start = span.first;
                    w.end = span.second;
                    every_walk.push_back(w);
                }
            }
            cursor += length + Seconds{pick(rng, 30, 1800)};
        }
        std::vector<DeviceRecords> devices;
        for (std::size_t d = 0; d < device_count; ++d) {
            devices.push_back(device_of(DeviceId::from_bits(d + 1), seen[d]));
        }
        const DayTotals day = june_1_totals(devices);
        const auto truth_walking = walking_by_local_day(true_walks, TimeOfDay{0});
        const auto truth_sitting = walking_by_local_day(true_sitting, TimeOfDay{0});
        INFO("round " << round);
        CHECK(day.walk_seconds == (truth_walking.empty() ? 0s : truth_walking[0].seconds));
        CHECK(day.walks == (truth_walking.empty() ? 0 : truth_walking[0].walks));  // never twice
        CHECK(day.sitting_seconds == (truth_sitting.empty() ? 0s : truth_sitting[0].seconds));
        // The whole minutes the user sees, too.
        CHECK(day.walk_seconds / 60s ==
              (truth_walking.empty() ? 0 : truth_walking[0].seconds / 60s));

        const auto plain = walking_by_local_day(every_walk, TimeOfDay{0});
        if (!plain.empty() && plain[0].seconds != truth_walking[0].seconds) {
            ++rounds_where_the_plain_union_is_wrong;
        }
    }
    // Without keeping each walk once, the skew would have counted: the test
    // above has something to catch.
    CHECK(rounds_where_the_plain_union_is_wrong > 250);
}

TEST_CASE("totals of random multi-device histories are bounded by the union of all timelines",
          "[sync][totals][property]") {
    std::mt19937 rng(42);
    for (int round = 0; round < 300; ++round) {
        std::vector<JournalEntry> entries;
        std::vector<WalkRecord> every_walk;
        std::vector<DeviceSpan> device_spans;
        const auto device_count = pick(rng, 1, 4);
        // Every other round the devices are in zones an hour apart; then a
        // walk seen in two zones is cut at two different midnights, and the
        // bounds on the whole are not the union rule's (it works per day).
        const bool one_zone = round % 2 == 0;
        const UtcOffset zone{3600 * pick(rng, -1, 1)};
        for (std::int64_t d = 1; d <= device_count; ++d) {
            const DeviceId id = DeviceId::from_bits(static_cast<std::uint64_t>(d));
            for (std::int64_t i = 1, n = pick(rng, 0, 15); i <= n; ++i) {
                WalkRecord w;
                w.start =
                    on_june_1(Seconds{pick(rng, 0, std::int64_t{30} * 3600)});  // some on June 2
                w.end = w.start + Seconds{pick(rng, 0, 2400)};
                w.utc_offset = one_zone ? zone : Seconds{3600 * pick(rng, -1, 1)};
                every_walk.push_back(w);
                device_spans.push_back({id, w.start, w.end, w.utc_offset});
                entries.push_back(put_entry(id, static_cast<std::uint64_t>(i), i, w));
            }
        }
        const auto from = june_1 - std::chrono::days{1};
        const auto to = june_1 + std::chrono::days{2};
        const auto totals =
            day_totals_across_devices(merge_journals(entries), from, to, TimeOfDay{0});
        INFO("round " << round);

        // Per day, never more than the plain union of every device's walks.
        std::map<Date, Seconds> plain;
        for (const auto& d : walking_by_local_day(every_walk, TimeOfDay{0}))
            plain[d.date] = d.seconds;
        for (const auto& day : totals) CHECK(day.walk_seconds <= plain[day.date]);
        // In all, never more than that union (nor than the time from the
        // first start to the last end), and less only by the skew allowed at
        // the two ends of each span another device's observation stood in for.
        std::vector<Span> spans;
        spans.reserve(every_walk.size());
        for (const auto& w : every_walk) spans.push_back({w.start, w.end});
        const auto united_spans = union_of(spans);
        const Seconds united = covered(united_spans);
        const auto stood_in_for = static_cast<int>(
            device_spans.size() - keep_each_seen_once(device_spans, clock_skew_tolerance).size());
        if (one_zone) {
            CHECK(total_walking(totals) <= united);
            if (!united_spans.empty()) {
                CHECK(total_walking(totals) <=
                      std::chrono::floor<Seconds>(united_spans.back().end -
                                                  united_spans.front().start));
            }
            CHECK(total_walking(totals) + 2 * clock_skew_tolerance * stood_in_for >= united);
        }

        // The same entries twice, in another order: the same totals.
        auto again = entries;
        again.insert(again.end(), entries.begin(), entries.end());
        std::shuffle(again.begin(), again.end(), rng);
        CHECK(day_totals_across_devices(merge_journals(again), from, to, TimeOfDay{0}) == totals);
    }
}
