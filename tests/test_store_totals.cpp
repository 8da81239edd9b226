// SPDX-License-Identifier: GPL-3.0-or-later
// Store::day_totals: local days from each row's own offset, midnight, DST,
// time-zone changes and day.starts_at.
#include <fmt/format.h>

#include "core/day_totals_table.hpp"
#include "core/store_totals.hpp"
#include "store_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr UtcOffset utc{0};
constexpr UtcOffset cet{3600};
constexpr UtcOffset cest{7200};

DayTotals day_of(Date d, Seconds walk, int walks, Seconds sitting = 0s, Seconds longest = 0s) {
    DayTotals t;
    t.date = d;
    t.walk_seconds = walk;
    t.walks = walks;
    t.sitting_seconds = sitting;
    t.longest_sitting = longest;
    return t;
}

DayTotals::Reminders reminders(int walked, int snoozed, int skipped, int ignored) {
    DayTotals::Reminders r;
    r.sent = walked + snoozed + skipped + ignored;
    r.walked = walked;
    r.snoozed = snoozed;
    r.skipped = skipped;
    r.ignored = ignored;
    return r;
}

struct Fixture {
    TempDir tmp;
    Store store{tmp.file("walkbreak.db"), Store::Mode::ReadWrite};

    void walk(WallTime start, Seconds length, UtcOffset offset) {
        store.add_walk(make_walk(start, length, offset));
    }
    void sit(WallTime start, Seconds length, UtcOffset offset) {
        store.add_sitting_bout({start, start + length, offset});
    }
    void meet(WallTime start, Seconds length, UtcOffset offset) {
        store.add_meeting({start, start + length, offset, {MeetingSignal::Camera}});
    }
    void remind(WallTime shown, ReminderOutcome outcome, UtcOffset offset) {
        store.add_reminder({shown, false, outcome, shown + 1min, offset});
    }
};

}  // namespace

TEST_CASE("a walk across midnight is split in proportion between its two days", "[store][totals]") {
    Fixture f;
    f.walk(local_time(2026, 3, 2, 23, 50, cet), 30min, cet);
    const auto days = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 0min);
    REQUIRE(days.size() == 2);
    CHECK(days[0] == day_of(date(2026, 3, 2), 10min, 1));
    CHECK(days[1] == day_of(date(2026, 3, 3), 20min, 1));
    // Asked for one of the two days, the other part is not counted.
    CHECK(f.store.day_totals(date(2026, 3, 3), date(2026, 3, 3), 0min) ==
          std::vector{day_of(date(2026, 3, 3), 20min, 1)});
}

TEST_CASE("day.starts_at 04:00 moves the day boundary for walks, sitting and reminders",
          "[store][totals]") {
    Fixture f;
    f.walk(local_time(2026, 3, 3, 2, 0, cet), 10min, cet);
    f.walk(local_time(2026, 3, 3, 3, 50, cet), 20min, cet);
    f.sit(local_time(2026, 3, 3, 3, 0, cet), 2h, cet);
    f.remind(local_time(2026, 3, 3, 3, 59, cet), ReminderOutcome::Walked, cet);
    f.remind(local_time(2026, 3, 3, 4, 0, cet), ReminderOutcome::Snoozed, cet);

    const auto days = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 4h);
    REQUIRE(days.size() == 2);
    auto night_owl = day_of(date(2026, 3, 2), 10min + 10min, 2, 1h, 1h);
    night_owl.reminders = reminders(1, 0, 0, 0);
    auto morning = day_of(date(2026, 3, 3), 10min, 1, 1h, 1h);
    morning.reminders = reminders(0, 1, 0, 0);
    CHECK(days[0] == night_owl);
    CHECK(days[1] == morning);

    // With days starting at midnight everything is on the 3rd.
    const auto midnight = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 0min);
    CHECK(midnight[0] == day_of(date(2026, 3, 2), 0s, 0));
    CHECK(midnight[1].walk_seconds == 30min);
    CHECK(midnight[1].reminders.sent == 2);
}

TEST_CASE("each row counts on the local day of its own offset across a change of time zone",
          "[store][totals]") {
    Fixture f;
    const UtcOffset new_york{-5 * 3600};
    const UtcOffset tokyo{9 * 3600};
    // Berlin in the evening, then New York in the evening (01:00 UTC next day),
    // then Tokyo in the morning (22:00 UTC the day before).
    f.walk(local_time(2026, 3, 10, 18, 0, cet), 10min, cet);
    f.walk(local_time(2026, 3, 10, 20, 0, new_york), 20min, new_york);
    f.remind(local_time(2026, 3, 10, 19, 45, new_york), ReminderOutcome::Walked, new_york);
    f.walk(local_time(2026, 3, 12, 7, 0, tokyo), 30min, tokyo);
    f.sit(local_time(2026, 3, 12, 8, 0, tokyo), 40min, tokyo);

    const auto days = f.store.day_totals(date(2026, 3, 10), date(2026, 3, 12), 0min);
    REQUIRE(days.size() == 3);
    auto tenth = day_of(date(2026, 3, 10), 30min, 2);
    tenth.reminders = reminders(1, 0, 0, 0);
    CHECK(days[0] == tenth);
    CHECK(days[1] == day_of(date(2026, 3, 11), 0s, 0));
    CHECK(days[2] == day_of(date(2026, 3, 12), 30min, 1, 40min, 40min));
}

TEST_CASE("in a DST week rows recorded at +3600 then +7200 stay on their local days",
          "[store][totals]") {
    // Europe moves to summer time on 2026-03-29 at 02:00 local (01:00 UTC).
    Fixture f;
    for (unsigned d = 26; d <= 31 + 1; ++d) {
        const unsigned month = d <= 31 ? 3 : 4;
        const unsigned day = d <= 31 ? d : d - 31;
        // Just after midnight and just before: a fixed offset for all rows
        // would move one of the two to another day.
        const UtcOffset early = (month == 3 && day <= 29) ? cet : cest;
        const UtcOffset late = (month == 3 && day <= 28) ? cet : cest;
        f.walk(local_time(2026, month, day, 0, 20, early), 10min, early);
        f.walk(local_time(2026, month, day, 23, 30, late), 15min, late);
    }
    // Sitting through the change: recorded with the offset at its start.
    f.sit(local_time(2026, 3, 29, 1, 30, cet), 1h, cet);

    const auto days = f.store.day_totals(date(2026, 3, 26), date(2026, 4, 1), 0min);
    REQUIRE(days.size() == 7);
    for (const auto& day : days) {
        const bool change = day.date == date(2026, 3, 29);
        CHECK(day == day_of(day.date, 25min, 2, change ? 1h : 0s, change ? 1h : 0s));
    }
}

TEST_CASE("every date in the range is present, days with nothing included", "[store][totals]") {
    Fixture f;
    f.walk(local_time(2026, 2, 27, 12, 0, cet), 5min, cet);
    const auto days = f.store.day_totals(date(2026, 2, 22), date(2026, 3, 3), 0min);
    REQUIRE(days.size() == 10);
    for (std::size_t i = 0; i < days.size(); ++i) {
        const Date d = date(2026, 2, 22) + std::chrono::days{i};
        CHECK(days[i] ==
              day_of(d, d == date(2026, 2, 27) ? 5min : 0s, d == date(2026, 2, 27) ? 1 : 0));
    }
    CHECK(f.store.day_totals(date(2026, 3, 3), date(2026, 3, 2), 0min).empty());
}

TEST_CASE("reminders are counted per outcome on the local day they were shown", "[store][totals]") {
    Fixture f;
    const auto at = [](int h, int m) { return local_time(2026, 3, 2, h, m, cet); };
    f.remind(at(9, 0), ReminderOutcome::Walked, cet);
    f.remind(at(10, 0), ReminderOutcome::Walked, cet);
    f.remind(at(11, 0), ReminderOutcome::Snoozed, cet);
    f.remind(at(11, 10), ReminderOutcome::Skipped, cet);
    f.remind(at(12, 0), ReminderOutcome::Ignored, cet);
    f.remind(at(12, 30), ReminderOutcome::Ignored, cet);
    f.remind(at(23, 59), ReminderOutcome::Skipped, cet);
    f.remind(local_time(2026, 3, 3, 0, 0, cet), ReminderOutcome::Walked, cet);

    const auto days = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 0min);
    REQUIRE(days.size() == 2);
    CHECK(days[0].reminders == reminders(2, 1, 2, 2));
    CHECK(days[0].reminders.sent == 7);
    CHECK(days[1].reminders == reminders(1, 0, 0, 0));
}

TEST_CASE("sitting adds up the bouts and longest sitting is the longest part on the day",
          "[store][totals]") {
    Fixture f;
    f.sit(local_time(2026, 3, 2, 9, 0, cet), 50min, cet);
    f.sit(local_time(2026, 3, 2, 10, 0, cet), 70min, cet);
    // 23:00-02:00: one hour on the 2nd, two hours on the 3rd.
    f.sit(local_time(2026, 3, 2, 23, 0, cet), 3h, cet);
    f.sit(local_time(2026, 3, 3, 9, 0, cet), 90min, cet);

    const auto days = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 0min);
    REQUIRE(days.size() == 2);
    CHECK(days[0] == day_of(date(2026, 3, 2), 0s, 0, 50min + 70min + 60min, 70min));
    CHECK(days[1] == day_of(date(2026, 3, 3), 0s, 0, 2h + 90min, 2h));
}

TEST_CASE("rows just outside the range stay out, even at offsets of +14 h and -12 h",
          "[store][totals]") {
    Fixture f;
    const UtcOffset kiribati{14 * 3600};
    const UtcOffset baker{-12 * 3600};
    f.walk(local_time(2026, 3, 1, 0, 30, kiribati), 1min, kiribati);  // Feb 28 10:30 UTC
    f.walk(local_time(2026, 3, 1, 23, 30, baker), 2min, baker);       // Mar 2 11:30 UTC
    f.walk(local_time(2026, 2, 28, 23, 30, baker), 4min, baker);      // Mar 1 11:30 UTC
    f.walk(local_time(2026, 3, 2, 0, 10, kiribati), 8min, kiribati);  // Mar 1 10:10 UTC
    f.remind(local_time(2026, 3, 1, 0, 0, kiribati), ReminderOutcome::Walked, kiribati);
    f.remind(local_time(2026, 3, 1, 23, 59, baker), ReminderOutcome::Snoozed, baker);
    f.remind(local_time(2026, 2, 28, 23, 59, baker), ReminderOutcome::Skipped, baker);

    const auto days = f.store.day_totals(date(2026, 3, 1), date(2026, 3, 1), 4h);
    REQUIRE(days.size() == 1);
    // With days from 04:00, the +14 h walk at 00:30 and the reminder at 00:00
    // belong to Feb 28, and the walk at 00:10 on Mar 2 to Mar 1.
    auto first = day_of(date(2026, 3, 1), 2min + 8min, 2);
    first.reminders = reminders(0, 1, 0, 0);
    CHECK(days[0] == first);

    const auto from_midnight = f.store.day_totals(date(2026, 3, 1), date(2026, 3, 1), 0min);
    auto midnight = day_of(date(2026, 3, 1), 1min + 2min, 2);
    midnight.reminders = reminders(1, 1, 0, 0);
    CHECK(from_midnight[0] == midnight);
}

TEST_CASE("rows longer than the query's margin are counted on every day they cover",
          "[store][totals]") {
    Fixture f;
    f.walk(utc_time(2026, 2, 20, 12, 0), 13 * 24h, utc);  // to Mar 5 12:00
    f.sit(utc_time(2026, 2, 25, 20, 0), 5 * 24h, utc);    // to Mar 2 20:00
    f.walk(utc_time(2026, 3, 1, 8, 0), 0s, utc);          // zero length, within the long walk
    f.walk(utc_time(2026, 3, 6, 8, 0), 0s, utc);          // zero length on its own: a walk

    const auto days = f.store.day_totals(date(2026, 3, 1), date(2026, 3, 1), 0min);
    REQUIRE(days.size() == 1);
    // One span of time is walked once: the instant inside the long walk is
    // not a walk of its own.
    CHECK(days[0] == day_of(date(2026, 3, 1), 24h, 1, 24h, 24h));
    CHECK(f.store.day_totals(date(2026, 3, 6), date(2026, 3, 6), 0min)[0] ==
          day_of(date(2026, 3, 6), 0s, 1));
    const auto walks =
        f.store.walks_between(utc_time(2026, 3, 3, 0, 0), utc_time(2026, 3, 4, 0, 0));
    REQUIRE(walks.size() == 1);
    CHECK(walks[0].seconds() == 13 * 24h);
}

namespace {

// Statements' work, as SQLite counts it, summed over everything a connection
// runs while the counter is installed.
struct Work {
    std::int64_t vm_steps{0};
    std::int64_t full_scan_steps{0};
};

int count_work(unsigned type, void* context, void* statement, void*) {
    if (type == SQLITE_TRACE_PROFILE) {
        auto* work = static_cast<Work*>(context);
        auto* st = static_cast<sqlite3_stmt*>(statement);
        work->vm_steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
        work->full_scan_steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
    }
    return 0;
}

// Ten years from 2016 at the daemon's pace: 10 walks, 12 sitting bouts and 10
// reminders a day, 08:00-18:00 UTC (09:00-19:00 local at +3600).
void fill_ten_years(const std::string& path) {
    run_sql(path, R"sql(
        BEGIN;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 36499)
        INSERT INTO walks(start_utc, end_utc, utc_offset, how)
            SELECT 1451635200 + (i / 10) * 86400 + (i % 10) * 3000,
                   1451635200 + (i / 10) * 86400 + (i % 10) * 3000 + 300, 3600, 'auto' FROM n;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 43799)
        INSERT INTO sitting_bouts(start_utc, end_utc, utc_offset)
            SELECT 1451635200 + (i / 12) * 86400 + (i % 12) * 2400,
                   1451635200 + (i / 12) * 86400 + (i % 12) * 2400 + 2100, 3600 FROM n;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 36499)
        INSERT INTO reminders(shown_utc, escalated, outcome, resolved_utc, utc_offset)
            SELECT 1451635200 + (i / 10) * 86400 + (i % 10) * 3000 + 2700, 0,
                   CASE WHEN i % 10 < 5 THEN 'walked' WHEN i % 10 < 7 THEN 'snoozed'
                        WHEN i % 10 < 9 THEN 'skipped' ELSE 'ignored' END,
                   1451635200 + (i / 10) * 86400 + (i % 10) * 3000 + 2760, 3600 FROM n;
        COMMIT;
    )sql");
}

}  // namespace

TEST_CASE("a one-week query on a ten-year database reads only that week's rows",
          "[store][totals]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    create_store(path);
    fill_ten_years(path);

    Database db(path, SQLITE_OPEN_READONLY);
    Work week;
    REQUIRE(sqlite3_trace_v2(db.handle(), SQLITE_TRACE_PROFILE, &count_work, &week) == SQLITE_OK);
    const auto days = query_day_totals(db, date(2021, 6, 7), date(2021, 6, 13), 0min);
    REQUIRE(days.size() == 7);
    for (const auto& day : days) {
        auto expected = day_of(day.date, 10 * 5min, 10, 12 * 35min, 35min);
        expected.reminders = reminders(5, 2, 2, 1);
        CHECK(day == expected);
    }
    INFO("VM steps for one week: " << week.vm_steps);
    CHECK(week.full_scan_steps == 0);
    // About 350 rows are near the week; reading any table whole takes over
    // 36,000 rows and several steps per row.
    CHECK(week.vm_steps < 20000);

    // The same answer through the store, opened as the CLI does.
    CHECK(
        Store(path, Store::Mode::ReadOnly).day_totals(date(2021, 6, 7), date(2021, 6, 13), 0min) ==
        days);
}

TEST_CASE("a meeting across the day boundary is split by day.starts_at as walks are",
          "[store][totals][meeting]") {
    Fixture f;
    f.meet(local_time(2026, 3, 2, 23, 30, cet), 1h, cet);
    f.walk(local_time(2026, 3, 2, 23, 30, cet), 1h, cet);
    // The kept totals (built for 00:00) and the totals computed for another
    // start of the day both split the meeting where they split the walk.
    for (const TimeOfDay starts_at : {TimeOfDay{0}, TimeOfDay{15}, TimeOfDay{240}}) {
        INFO("day.starts_at " << starts_at.count() << " min");
        const auto days = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), starts_at);
        REQUIRE(days.size() == 2);
        for (const auto& day : days) CHECK(day.meeting_seconds == day.walk_seconds);
        CHECK(days[0].meeting_seconds + days[1].meeting_seconds == 1h);
    }
    const auto midnight = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 0min);
    CHECK(midnight[0].meeting_seconds == 30min);
    CHECK(midnight[1].meeting_seconds == 30min);
    const auto quarter = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 15min);
    CHECK(quarter[0].meeting_seconds == 45min);
    CHECK(quarter[1].meeting_seconds == 15min);
}

TEST_CASE("overlapping meetings count once, by the union rule", "[store][totals][meeting]") {
    Fixture f;
    f.meet(local_time(2026, 3, 2, 10, 0, cet), 1h, cet);
    f.meet(local_time(2026, 3, 2, 10, 30, cet), 1h, cet);  // as an import may bring
    f.meet(local_time(2026, 3, 2, 14, 0, cet), 10min, cet);
    for (const TimeOfDay starts_at : {TimeOfDay{0}, TimeOfDay{60}}) {
        const auto days = f.store.day_totals(date(2026, 3, 2), date(2026, 3, 2), starts_at);
        REQUIRE(days.size() == 1);
        CHECK(days[0].meeting_seconds == 1h + 40min);
        CHECK(days[0].sitting_seconds == 0s);  // meetings are their own total
    }
}

TEST_CASE("a meeting written behind the store's back is counted, then kept",
          "[store][totals][meeting]") {
    Fixture f;
    const auto start = to_unix_seconds(local_time(2026, 3, 2, 9, 0, cet));
    run_sql(f.store.path(), fmt::format("INSERT INTO meetings(start_utc, end_utc, utc_offset, "
                                        "signals) VALUES ({}, {}, 3600, 'microphone')",
                                        start, start + 1500));
    CHECK(f.store.day_totals(date(2026, 3, 2), date(2026, 3, 2), 0min)[0].meeting_seconds == 25min);
    f.store.use_day_start(0min);  // settles the day the trigger noted
    Database db(f.store.path(), SQLITE_OPEN_READONLY);
    CHECK(day_totals_current(db, 0min));
    CHECK(query_text(db, "SELECT meeting_seconds FROM day_totals") == "1500");
}
