// SPDX-License-Identifier: GPL-3.0-or-later
// What a range report reads from the database: the days before the range that
// make up the goal streak, read back in steps only while every day read met
// the goal and never more than a year, and only the check-ins that land on the
// range's days.
#include <catch2/catch.hpp>

#include "store_test_support.hpp"

#include <set>
#include <sstream>
#include <utility>

#include "cli/command_support.hpp"
#include "cli/report.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace std::chrono;

namespace {

constexpr core::Date from = sys_days{2026y / March / 23};  // a Monday
constexpr core::Date to = sys_days{2026y / March / 29};

constexpr core::Date before_from(int n) { return from - days{n}; }

using Span = std::pair<core::Date, core::Date>;

// Day totals as the store would give them: the default goal (30 min a day) is
// met on every date but the missed ones. Remembers each span read.
struct FakeDays {
    std::set<core::Date> missed;
    std::vector<Span> reads;

    std::vector<core::DayTotals> read(core::Date first, core::Date last) {
        reads.emplace_back(first, last);
        std::vector<core::DayTotals> out;
        for (core::Date d = first; d <= last; d += days{1}) {
            core::DayTotals t;
            t.date = d;
            t.walk_seconds = missed.contains(d) ? minutes{10} : minutes{30};
            out.push_back(t);
        }
        return out;
    }

    // streak_before of [from, to] as read_range_report computes it.
    int streak_before() {
        const core::Config config;
        const auto totals = read_days_with_streak(
            [this](core::Date first, core::Date last) { return read(first, last); }, from, to,
            config);
        REQUIRE(!totals.empty());
        CHECK(totals.back().date == to);
        for (std::size_t i = 1; i < totals.size(); ++i) {
            CHECK(totals[i].date == totals[i - 1].date + days{1});
        }
        return make_range_report(from, to, totals, config).streak_before;
    }
};

// The streak's steps: the week before `from` with the range, then 28, 112
// and what is left of the year.
constexpr Span with_range{before_from(7), to};
constexpr Span second_step{before_from(35), before_from(8)};
constexpr Span third_step{before_from(147), before_from(36)};
constexpr Span rest_of_year{before_from(365), before_from(148)};

}  // namespace

TEST_CASE("a streak that ends in the week before the range costs no read of its own",
          "[cli][streak]") {
    FakeDays fake{{before_from(4)}, {}};
    CHECK(fake.streak_before() == 3);
    CHECK(fake.reads == std::vector<Span>{with_range});
}

TEST_CASE("a streak spanning several look-back steps is counted whole", "[cli][streak]") {
    FakeDays fake{{before_from(101)}, {}};
    CHECK(fake.streak_before() == 100);
    CHECK(fake.reads == std::vector<Span>{with_range, second_step, third_step});

    // A miss on the newest day of a step still ends the streak there.
    FakeDays edge{{before_from(8)}, {}};
    CHECK(edge.streak_before() == 7);
    CHECK(edge.reads == std::vector<Span>{with_range, second_step});
}

TEST_CASE("the look-back stops at the first missed day although older days met", "[cli][streak]") {
    // The step's oldest day (35 days back) met the goal: only the miss inside
    // the step says that the streak is over.
    FakeDays fake{{before_from(10)}, {}};
    CHECK(fake.streak_before() == 9);
    CHECK(fake.reads == std::vector<Span>{with_range, second_step});

    // Weekends missed, weekdays met, as in the benchmark's database: the
    // Sunday before a Monday ends it at once.
    FakeDays weekends;
    for (core::Date d = before_from(400); d < from; d += days{1}) {
        if (weekday{d} == Saturday || weekday{d} == Sunday) weekends.missed.insert(d);
    }
    CHECK(weekends.streak_before() == 0);
    CHECK(weekends.reads == std::vector<Span>{with_range});
}

TEST_CASE("the streak before the range is counted even when the range starts with a miss",
          "[cli][streak]") {
    FakeDays fake{{from, before_from(6)}, {}};
    CHECK(fake.streak_before() == 5);
    CHECK(fake.reads == std::vector<Span>{with_range});
}

TEST_CASE("the streak before the range looks back a year at most", "[cli][streak]") {
    FakeDays always;
    CHECK(always.streak_before() == streak_lookback_days);
    CHECK(always.reads == std::vector<Span>{with_range, second_step, third_step, rest_of_year});

    FakeDays year_and_a_day{{before_from(366)}, {}};
    CHECK(year_and_a_day.streak_before() == 365);
    CHECK(year_and_a_day.reads.back() == rest_of_year);
}

namespace {

// A database in a temporary directory, and a context whose commands read it.
struct StoreFile {
    test::TempDir tmp;
    std::string path = tmp.file("walkbreak.db");
    core::Store store{path, core::Store::Mode::ReadWrite};
    std::ostringstream out, err;

    Context context() {
        core::Paths paths{tmp.file("config.toml"), path, tmp.file("control.sock")};
        return Context{paths, core::WallTime{to + days{30}}, Terminal{}, out, err};
    }
};

}  // namespace

TEST_CASE("a range report reads a streak of many weeks back through the store", "[cli][streak]") {
    StoreFile db;
    // 30 minutes on each of the 40 days before the range, 20 on the one before.
    for (int n = 1; n <= 41; ++n) {
        db.store.add_walk(test::make_walk(core::WallTime{before_from(n)} + hours{12},
                                          minutes{n == 41 ? 20 : 30}, hours{1}));
    }
    for (core::Date d = from; d <= to; d += days{1}) {
        db.store.add_walk(test::make_walk(core::WallTime{d} + hours{12}, minutes{30}, hours{1}));
    }
    const auto report = read_range_report(db.context(), core::Config{}, from, to);
    CHECK(report.streak_before == 40);
    CHECK(report.current_streak() == 47);
}

TEST_CASE("check-ins at the range's edges count on the same days as when all were read",
          "[cli][checkins]") {
    // For each day.starts_at, check-ins a minute inside and a minute outside
    // both edges of the range, at the zones furthest from UTC and one near it.
    for (const minutes starts_at : {minutes{0}, minutes{4 * 60}, minutes{23 * 60 + 59}}) {
        CAPTURE(starts_at.count());
        StoreFile db;
        for (const core::UtcOffset offset : {hours{14}, hours{-12}, hours{1}}) {
            for (const core::Date edge : {from, to + days{1}}) {
                const core::WallTime boundary = core::WallTime{edge} + starts_at - offset;
                db.store.add_checkin({boundary - minutes{1}, core::BackFeel::Worse, offset});
                db.store.add_checkin({boundary, core::BackFeel::Better, offset});
                db.store.add_checkin({boundary + minutes{1}, core::BackFeel::Same, offset});
            }
        }
        core::Config config;
        config.checkin.enabled = true;
        config.day.starts_at = starts_at;
        const auto report = read_range_report(db.context(), config, from, to);

        const auto all = db.store.all_checkins();
        const auto every_day = db.store.day_totals(from, to, starts_at);
        const auto reading_all = make_range_report(from, to, every_day, config, {}, all);
        REQUIRE(report.days.size() == reading_all.days.size());
        for (std::size_t i = 0; i < report.days.size(); ++i) {
            CAPTURE(i);
            CHECK(report.days[i].back == reading_all.days[i].back);
        }
        // Per zone: at the first day's start and a minute after it, and a
        // minute before the last day's end.
        CHECK(report.back() == BackFeelCounts{3, 3, 3});
        CHECK(report.days.front().back == BackFeelCounts{3, 3, 0});
        CHECK(report.days.back().back == BackFeelCounts{0, 0, 3});
    }
}
