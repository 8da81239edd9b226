// SPDX-License-Identifier: GPL-3.0-or-later
// The store's records: what goes in comes out, across reopening, in order.
#include <sys/stat.h>

#include "store_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr UtcOffset cet{3600};
constexpr UtcOffset new_york{-5 * 3600};

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return static_cast<unsigned>(st.st_mode) & 0777U;
}

void require_same_walk(const WalkRecord& got, const WalkRecord& want) {
    CHECK(got.start == want.start);
    CHECK(got.end == want.end);
    CHECK(got.utc_offset == want.utc_offset);
    CHECK(got.how == want.how);
    CHECK(got.note == want.note);
}

}  // namespace

TEST_CASE("a new database is created in private directories with the current schema", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("data/walkbreak/walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    CHECK(store.path() == path);
    CHECK(store.user_version() == Store::schema_version);
    CHECK(store.integrity_check() == "ok");
    CHECK(mode_of(tmp.file("data")) == 0700U);
    CHECK(mode_of(tmp.file("data/walkbreak")) == 0700U);
    CHECK(mode_of(path) == 0600U);
    CHECK(store.walks_newest_first(10).empty());
    CHECK(store.day_totals(date(2026, 3, 1), date(2026, 3, 1), 0min).size() == 1);
}

TEST_CASE("walks round-trip with every field and each way of crediting", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    const std::vector<WalkRecord> walks{
        make_walk(utc_time(2026, 3, 2, 9, 0), 5min, cet, CreditHow::Reminder),
        make_walk(utc_time(2026, 3, 2, 10, 0), 7min + 13s, cet, CreditHow::Auto),
        make_walk(utc_time(2026, 3, 2, 11, 0), 3min, new_york, CreditHow::Confirmed,
                  "it's \"raining\"; ölü 雨 \n second line"),
        make_walk(utc_time(2026, 3, 2, 12, 0), 0s, UtcOffset{14 * 3600}, CreditHow::Manual,
                  "zero-length"),
    };
    std::vector<std::int64_t> ids;
    ids.reserve(walks.size());
    for (const auto& w : walks) ids.push_back(store.add_walk(w));
    CHECK(ids[0] > 0);
    CHECK(ids[1] > ids[0]);
    CHECK(ids[2] > ids[1]);
    CHECK(ids[3] > ids[2]);

    const auto stored = store.all_walks();
    REQUIRE(stored.size() == walks.size());
    for (std::size_t i = 0; i < walks.size(); ++i) {
        CHECK(stored[i].id == ids[i]);
        require_same_walk(stored[i], walks[i]);
    }
    CHECK(stored[1].seconds() == 433s);
}

TEST_CASE("sitting bouts, reminders and check-ins round-trip oldest first", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    // Added out of order: the store orders by time, not by insertion.
    store.add_sitting_bout({utc_time(2026, 3, 2, 10, 0), utc_time(2026, 3, 2, 10, 50), cet});
    store.add_sitting_bout({utc_time(2026, 3, 2, 8, 0), utc_time(2026, 3, 2, 9, 0), new_york});
    for (auto outcome : {ReminderOutcome::Walked, ReminderOutcome::Snoozed,
                         ReminderOutcome::Skipped, ReminderOutcome::Ignored}) {
        const auto shown =
            utc_time(2026, 3, 2, 9, 0) + std::chrono::hours{static_cast<int>(outcome)};
        store.add_reminder({shown, outcome == ReminderOutcome::Snoozed, outcome, shown + 90s, cet});
    }
    store.add_checkin({utc_time(2026, 3, 2, 9, 10), BackFeel::Worse, cet});
    store.add_checkin({utc_time(2026, 3, 2, 9, 5), BackFeel::Better, new_york});
    store.add_checkin({utc_time(2026, 3, 2, 9, 20), BackFeel::Same, cet});

    const auto bouts = store.all_sitting_bouts();
    REQUIRE(bouts.size() == 2);
    CHECK(bouts[0].start == utc_time(2026, 3, 2, 8, 0));
    CHECK(bouts[0].end == utc_time(2026, 3, 2, 9, 0));
    CHECK(bouts[0].utc_offset == new_york);
    CHECK(bouts[1].start == utc_time(2026, 3, 2, 10, 0));

    const auto reminders = store.all_reminders();
    REQUIRE(reminders.size() == 4);
    CHECK(reminders[0].outcome == ReminderOutcome::Walked);
    CHECK(reminders[1].outcome == ReminderOutcome::Snoozed);
    CHECK(reminders[1].escalated);
    CHECK_FALSE(reminders[2].escalated);
    CHECK(reminders[2].outcome == ReminderOutcome::Skipped);
    CHECK(reminders[3].outcome == ReminderOutcome::Ignored);
    CHECK(reminders[3].shown == utc_time(2026, 3, 2, 12, 0));
    CHECK(reminders[3].resolved == utc_time(2026, 3, 2, 12, 1, 30));
    CHECK(reminders[3].utc_offset == cet);

    const auto checkins = store.all_checkins();
    REQUIRE(checkins.size() == 3);
    CHECK(checkins[0].feel == BackFeel::Better);
    CHECK(checkins[0].utc_offset == new_york);
    CHECK(checkins[1].feel == BackFeel::Worse);
    CHECK(checkins[2].feel == BackFeel::Same);
    CHECK(checkins[2].at == utc_time(2026, 3, 2, 9, 20));
}

TEST_CASE("times are kept to the second, rounded down", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    const auto start = utc_time(2026, 3, 2, 9, 0) + 999ms;
    store.add_walk(make_walk(start, 60s, cet));
    const auto stored = store.all_walks();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].start == utc_time(2026, 3, 2, 9, 0));
    CHECK(stored[0].end == utc_time(2026, 3, 2, 9, 1));
}

TEST_CASE("records survive closing and reopening the database", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    std::int64_t id = 0;
    {
        Store store(path, Store::Mode::ReadWrite);
        id = store.add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 4min, cet, CreditHow::Auto));
        store.add_sitting_bout({utc_time(2026, 3, 2, 8, 0), utc_time(2026, 3, 2, 9, 0), cet});
        store.add_reminder({utc_time(2026, 3, 2, 8, 45), false, ReminderOutcome::Walked,
                            utc_time(2026, 3, 2, 8, 46), cet});
        store.add_checkin({utc_time(2026, 3, 2, 9, 5), BackFeel::Better, cet});
    }
    for (auto mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
        Store store(path, mode);
        const auto walks = store.all_walks();
        REQUIRE(walks.size() == 1);
        CHECK(walks[0].id == id);
        CHECK(walks[0].how == CreditHow::Auto);
        CHECK(store.all_sitting_bouts().size() == 1);
        CHECK(store.all_reminders().size() == 1);
        CHECK(store.recent_checkins(5).size() == 1);
        CHECK(store.user_version() == Store::schema_version);
    }
    // A second writer (e.g. the CLI's `log` while the daemon runs) adds to
    // the same file.
    Store first(path, Store::Mode::ReadWrite);
    Store second(path, Store::Mode::ReadWrite);
    second.add_walk(make_walk(utc_time(2026, 3, 3, 9, 0), 4min, cet));
    CHECK(first.all_walks().size() == 2);
}

TEST_CASE("walks_newest_first orders by start time and honours the limit", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    const auto late = store.add_walk(make_walk(utc_time(2026, 3, 3, 9, 0), 5min, cet));
    const auto early = store.add_walk(make_walk(utc_time(2026, 3, 1, 9, 0), 5min, cet));
    const auto middle = store.add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 5min, cet));

    const auto all = store.walks_newest_first(10);
    REQUIRE(all.size() == 3);
    CHECK(all[0].id == late);
    CHECK(all[1].id == middle);
    CHECK(all[2].id == early);
    const auto two = store.walks_newest_first(2);
    REQUIRE(two.size() == 2);
    CHECK(two[1].id == middle);
    CHECK(store.walks_newest_first(0).empty());
    CHECK(store.walks_newest_first(-1).empty());
}

TEST_CASE("walks_between returns exactly the walks overlapping the half-open range", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    const auto from = utc_time(2026, 3, 2, 0, 0);
    const auto to = utc_time(2026, 3, 3, 0, 0);
    store.add_walk(make_walk(from - 10min, 10min, cet, CreditHow::Manual, "ends at from"));
    store.add_walk(make_walk(from - 10min, 11min, cet, CreditHow::Manual, "ends after from"));
    store.add_walk(make_walk(from, 0s, cet, CreditHow::Manual, "zero-length at from"));
    store.add_walk(make_walk(from + 12h, 5min, cet, CreditHow::Manual, "inside"));
    store.add_walk(make_walk(to - 1s, 5min, cet, CreditHow::Manual, "starts before to"));
    store.add_walk(make_walk(to, 5min, cet, CreditHow::Manual, "starts at to"));
    store.add_walk(make_walk(from - 72h, 96h, cet, CreditHow::Manual, "spans the range"));
    store.add_walk(make_walk(from - 72h, 48h, cet, CreditHow::Manual, "long, ends before"));

    std::vector<std::string> notes;
    for (const auto& w : store.walks_between(from, to)) notes.push_back(w.note);
    CHECK(notes == std::vector<std::string>{"spans the range", "ends after from",
                                            "zero-length at from", "inside", "starts before to"});
    CHECK(store.walks_between(to + 1h, to + 2h).empty());
}

TEST_CASE("delete_walk removes that walk only and reports unknown ids", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    const auto keep = store.add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 5min, cet));
    const auto drop = store.add_walk(make_walk(utc_time(2026, 3, 2, 10, 0), 5min, cet));
    CHECK(store.delete_walk(drop));
    CHECK_FALSE(store.delete_walk(drop));
    CHECK_FALSE(store.delete_walk(drop + 1000));
    const auto walks = Store(path, Store::Mode::ReadOnly).all_walks();
    REQUIRE(walks.size() == 1);
    CHECK(walks[0].id == keep);
}

TEST_CASE("recent_checkins gives the newest first, up to the limit", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    for (int i = 0; i < 5; ++i) {
        const auto feel = i == 3 ? BackFeel::Worse : BackFeel::Same;
        store.add_checkin({utc_time(2026, 3, 2, 9, 0) + std::chrono::hours{i}, feel, cet});
    }
    const auto recent = store.recent_checkins(3);
    REQUIRE(recent.size() == 3);
    CHECK(recent[0].at == utc_time(2026, 3, 2, 13, 0));
    CHECK(recent[1].feel == BackFeel::Worse);
    CHECK(recent[2].at == utc_time(2026, 3, 2, 11, 0));
    CHECK(store.recent_checkins(0).empty());
}

TEST_CASE("checkins_on_days gives the check-ins on those local days, oldest first", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    const UtcOffset kiribati{14 * 3600};
    const UtcOffset baker{-12 * 3600};
    const auto early = local_time(2026, 3, 1, 0, 30, kiribati);  // Feb 28 10:30 UTC
    const auto late = local_time(2026, 3, 2, 3, 59, kiribati);   // Mar 1 13:59 UTC
    const auto evening = local_time(2026, 3, 1, 23, 30, baker);  // Mar 2 11:30 UTC
    const auto night = local_time(2026, 3, 2, 0, 10, baker);     // Mar 2 12:10 UTC
    store.add_checkin({night, BackFeel::Better, baker});
    store.add_checkin({evening, BackFeel::Same, baker});
    store.add_checkin({late, BackFeel::Worse, kiribati});
    store.add_checkin({early, BackFeel::Better, kiribati});

    const auto ats = [&](std::chrono::minutes starts_at) {
        std::vector<WallTime> out;
        for (const auto& c : store.checkins_on_days(date(2026, 3, 1), date(2026, 3, 1), starts_at))
            out.push_back(c.at);
        return out;
    };
    CHECK(ats(0min) == std::vector<WallTime>{early, evening});
    // Days from 04:00: 00:30 belongs to Feb 28, 03:59 and 00:10 on Mar 2 to Mar 1.
    CHECK(ats(4h) == std::vector<WallTime>{late, evening, night});
    CHECK(store.checkins_on_days(date(2026, 3, 2), date(2026, 3, 1), 0min).empty());
}

TEST_CASE("a walk that ends before it starts is refused and nothing is stored", "[store]") {
    TempDir tmp;
    Store store(tmp.file("walkbreak.db"), Store::Mode::ReadWrite);
    const auto start = utc_time(2026, 3, 2, 9, 0);
    try {
        store.add_walk(make_walk(start, -1s, cet));
        FAIL("no StoreError");
    } catch (const StoreError& e) {
        CHECK(e.kind() == StoreError::Kind::Other);
        CHECK_THAT(e.what(), Catch::Contains("CHECK constraint failed"));
    }
    CHECK_THROWS_AS(store.add_sitting_bout({start, start - 1s, cet}), StoreError);
    CHECK(store.all_walks().empty());
    CHECK(store.all_sitting_bouts().empty());
    // The failed transaction was rolled back: the store still writes.
    store.add_walk(make_walk(start, 1s, cet));
    CHECK(store.all_walks().size() == 1);
}

TEST_CASE("a read-only store refuses writes with a ReadOnly error", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store(path, Store::Mode::ReadWrite).add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 5min, cet));
    Store store(path, Store::Mode::ReadOnly);
    try {
        store.add_walk(make_walk(utc_time(2026, 3, 2, 10, 0), 5min, cet));
        FAIL("no StoreError");
    } catch (const StoreError& e) {
        CHECK(e.kind() == StoreError::Kind::ReadOnly);
        CHECK_THAT(e.what(), Catch::Contains(path));
    }
    CHECK_THROWS_AS(store.delete_walk(1), StoreError);
    CHECK_THROWS_AS(store.add_checkin({}), StoreError);
    CHECK(store.all_walks().size() == 1);
}

TEST_CASE("a store can be moved, and the moved-to store keeps working", "[store]") {
    TempDir tmp;
    Store first(tmp.file("a.db"), Store::Mode::ReadWrite);
    first.add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 5min, cet));
    Store moved(std::move(first));
    CHECK(moved.all_walks().size() == 1);
    Store other(tmp.file("b.db"), Store::Mode::ReadWrite);
    other = std::move(moved);
    CHECK(other.path() == tmp.file("a.db"));
    CHECK(other.all_walks().size() == 1);
}

TEST_CASE("integrity_check reports damage instead of ok", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    {
        Store store(path, Store::Mode::ReadWrite);
        for (int i = 0; i < 300; ++i) {
            store.add_walk(make_walk(utc_time(2026, 3, 2, 9, 0) + std::chrono::minutes{i}, 30s, cet,
                                     CreditHow::Auto, std::string(40, 'n')));
        }
        CHECK(store.integrity_check() == "ok");
    }
    // Scribble over the pages after the first (the header and schema stay).
    std::string bytes = read_bytes(path);
    REQUIRE(bytes.size() > 3 * 4096);
    for (std::size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = '\x5a';
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;

    const std::string report = Store(path, Store::Mode::ReadOnly).integrity_check();
    CHECK(report != "ok");
    CHECK_FALSE(report.empty());
}
