// SPDX-License-Identifier: GPL-3.0-or-later
// Walks typed in by hand (log, edit, delete) under the union rule, and the
// per-day totals the store keeps right through every write.
#include <fmt/format.h>

#include <random>

#include "core/day_totals_table.hpp"
#include "core/store_totals.hpp"
#include "core/walk_union.hpp"
#include "store_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr UtcOffset cet{3600};

struct Fixture {
    TempDir tmp;
    std::string path{tmp.file("walkbreak.db")};
    Store store{path, Store::Mode::ReadWrite};
};

// What the rows say, computed afresh, against what the store keeps.
void check_kept_matches_rows(const std::string& path, Date from, Date to, TimeOfDay starts_at) {
    Database db(path, SQLITE_OPEN_READONLY);
    REQUIRE(day_totals_current(db, starts_at));
    const auto kept = read_kept_day_totals(db, from, to);
    const auto computed = compute_day_totals(db, from, to, starts_at);
    REQUIRE(kept.size() == computed.size());
    for (std::size_t i = 0; i < kept.size(); ++i) CHECK(kept[i] == computed[i]);
}

}  // namespace

TEST_CASE("the same walk logged three times is stored once", "[store][union]") {
    Fixture f;
    const auto walk = make_walk(local_time(2026, 12, 2, 8, 0, cet), 10h, cet);
    auto first = f.store.log_walk(walk);
    REQUIRE(first);
    for (int i = 0; i < 2; ++i) {
        auto again = f.store.log_walk(walk);
        REQUIRE_FALSE(again);
        CHECK_THAT(again.error(), Catch::Contains("logged already (walk 1: 2026-12-02 08:00"));
    }
    CHECK(f.store.all_walks().size() == 1);
    const auto day = f.store.day_totals(date(2026, 12, 2), date(2026, 12, 2), 0min);
    CHECK(day[0].walk_seconds == 10h);
    CHECK(day[0].walks == 1);
}

TEST_CASE("a log overlapping a stored walk is refused, naming it and how to replace it",
          "[store][union]") {
    Fixture f;
    const auto credited = f.store.add_walk(
        make_walk(local_time(2026, 12, 2, 14, 30, cet), 10min, cet, CreditHow::Auto));
    auto refused = f.store.log_walk(make_walk(local_time(2026, 12, 2, 14, 35, cet), 10min, cet));
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error(), Catch::Contains(fmt::format(
                                    "overlaps walk {}: 2026-12-02 14:30, 10 min", credited)));
    CHECK_THAT(refused.error(), Catch::Contains(fmt::format("walkbreak edit {}", credited)));
    CHECK_THAT(refused.error(), Catch::Contains(fmt::format("walkbreak delete {}", credited)));
    CHECK(f.store.all_walks().size() == 1);
    // Back to back is fine.
    CHECK(f.store.log_walk(make_walk(local_time(2026, 12, 2, 14, 40, cet), 5min, cet)));
}

TEST_CASE("overlapping rows of an older database count once in the totals", "[store][union]") {
    Fixture f;
    const WallTime at = local_time(2026, 12, 2, 14, 30, cet);
    // As walkbreak before the union rule stored them: a credited walk and a
    // log over the same span, and the log twice more.
    f.store.add_walk(make_walk(at, 10min, cet, CreditHow::Auto));
    for (int i = 0; i < 3; ++i) f.store.add_walk(make_walk(at + 5min, 10min, cet));
    const auto day = f.store.day_totals(date(2026, 12, 2), date(2026, 12, 2), 0min);
    CHECK(day[0].walk_seconds == 15min);
    CHECK(day[0].walks == 1);
    // Computed from the rows too (another day.starts_at is not kept).
    const auto other = f.store.day_totals(date(2026, 12, 2), date(2026, 12, 2), 4h * 1);
    CHECK(other[0].walk_seconds == 15min);
}

TEST_CASE("edit moves a walk under the union rule; delete returns what it removed",
          "[store][union]") {
    Fixture f;
    const auto a = *f.store.log_walk(make_walk(local_time(2026, 12, 2, 9, 0, cet), 10min, cet));
    const auto b = *f.store.log_walk(make_walk(local_time(2026, 12, 2, 11, 0, cet), 10min, cet));
    auto moved = make_walk(local_time(2026, 12, 2, 10, 55, cet), 10min, cet, CreditHow::Auto, "x");
    moved.id = a;
    auto refused = f.store.edit_walk(moved);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error(), Catch::Contains(fmt::format("overlaps walk {}", b)));
    moved.start = local_time(2026, 12, 2, 9, 5, cet);  // overlaps only itself
    moved.end = moved.start + 20min;
    auto before = f.store.edit_walk(moved);
    REQUIRE(before);
    CHECK(before->start == local_time(2026, 12, 2, 9, 0, cet));
    const auto now = f.store.walk_by_id(a);
    REQUIRE(now);
    CHECK(now->seconds() == 20min);
    CHECK(now->note == "x");
    CHECK(now->how == CreditHow::Manual);  // how it came to be stays
    moved.id = 99;
    CHECK_FALSE(f.store.edit_walk(moved));

    const auto gone = f.store.delete_walk(b);
    REQUIRE(gone);
    CHECK(describe_walk(*gone) == fmt::format("walk {}: 2026-12-02 11:00, 10 min", b));
    CHECK_FALSE(f.store.delete_walk(b));
    const auto day = f.store.day_totals(date(2026, 12, 2), date(2026, 12, 2), 0min);
    CHECK(day[0].walk_seconds == 20min);
}

TEST_CASE("kept day totals stay equal to the rows through every kind of write",
          "[store][totals][property]") {
    Fixture f;
    std::mt19937 rng(7);
    const WallTime base = utc_time(2026, 3, 20, 0, 0);
    std::uniform_int_distribution<int> minute(0, 20 * 24 * 60);
    std::uniform_int_distribution<int> length(0, 180);
    std::uniform_int_distribution<int> zone(-10, 12);
    std::vector<std::int64_t> ids;
    const Date from = date(2026, 3, 18), to = date(2026, 4, 12);
    for (int round = 0; round < 300; ++round) {
        const WallTime start = base + std::chrono::minutes{minute(rng)};
        const UtcOffset offset = std::chrono::hours{zone(rng)};
        const Seconds len = std::chrono::minutes{length(rng)};
        switch (rng() % 6) {
            case 0:
                ids.push_back(f.store.add_walk(make_walk(start, len, offset, CreditHow::Auto)));
                break;
            case 1:
                if (auto id = f.store.log_walk(make_walk(start, len, offset))) ids.push_back(*id);
                break;
            case 2:
                if (!ids.empty()) {
                    auto w = make_walk(start, len, offset);
                    w.id = ids[rng() % ids.size()];
                    (void)f.store.edit_walk(w);
                }
                break;
            case 3:
                if (!ids.empty()) f.store.delete_walk(ids[rng() % ids.size()]);
                break;
            case 4:
                f.store.add_sitting_bout({start, start + len, offset});
                break;
            default:
                f.store.add_reminder(
                    {start, false, ReminderOutcome::Snoozed, start + 1min, offset});
        }
    }
    check_kept_matches_rows(f.path, from, to, 0min);
    // A new day.starts_at rebuilds them; an import keeps them.
    f.store.use_day_start(4h + 30min);
    check_kept_matches_rows(f.path, from, to, 4h + 30min);
    RecordSet set;
    set.walks.push_back(make_walk(base + 3h, 30min, cet));
    set.sitting_bouts.push_back({base + 5h, base + 6h, cet});
    f.store.import_records(set);
    check_kept_matches_rows(f.path, from, to, 4h + 30min);
}

TEST_CASE("rows written behind the store's back are counted, then settled by the next write",
          "[store][totals]") {
    Fixture f;
    f.store.add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 5min, UtcOffset{0}));
    run_sql(f.path,
            "INSERT INTO walks(start_utc, end_utc, utc_offset, how) "
            "VALUES (1772442000, 1772442600, 0, 'auto')");  // 2026-03-02 09:00 UTC, 10 min
    {
        Database db(f.path, SQLITE_OPEN_READONLY);
        CHECK_FALSE(day_totals_current(db, 0min));
    }
    CHECK(f.store.day_totals(date(2026, 3, 2), date(2026, 3, 2), 0min)[0].walk_seconds == 10min);
    f.store.add_sitting_bout({utc_time(2026, 3, 5, 9, 0), utc_time(2026, 3, 5, 9, 30), {}});
    check_kept_matches_rows(f.path, date(2026, 3, 1), date(2026, 3, 6), 0min);
}
