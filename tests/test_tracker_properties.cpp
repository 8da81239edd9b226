// SPDX-License-Identifier: GPL-3.0-or-later
// Thousands of random days: whatever the user, the machine and the clocks do,
// the tracker's invariants hold (the Checker in tracker_harness.hpp lists
// them). A failure prints the seed and the last events; re-run one seed by
// setting `only_seed` below.
#include <deque>
#include <random>
#include <sstream>
#include <catch2/catch.hpp>

#include "tracker_harness.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

class Random {
public:
    explicit Random(std::uint32_t seed) : rng_(seed) {}
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(int percent) { return between(1, 100) <= percent; }
    Seconds seconds(int lo, int hi) { return Seconds{between(lo, hi)}; }
    Seconds minutes(int lo, int hi) { return Seconds{60 * between(lo, hi)}; }

private:
    std::mt19937 rng_;
};

Config random_config(Random& r) {
    Config c;
    c.idle.away_after = r.minutes(1, 3);
    c.reminder.interval = r.minutes(5, 60);
    c.reminder.escalate_after = r.chance(25) ? Seconds{0} : r.minutes(1, 20);
    c.reminder.snooze = r.minutes(1, 15);
    c.walk.min = r.minutes(0, 5);
    c.walk.max = r.minutes(10, 90);
    c.walk.grace = r.minutes(0, 20);
    c.walk.credit = std::array{WalkCredit::Ask, WalkCredit::Auto,
                               WalkCredit::Off}[static_cast<std::size_t>(r.between(0, 2))];
    c.checkin.enabled = r.chance(75);
    c.meeting.enabled = r.chance(85);
    c.meeting.remind_after = r.minutes(0, 5);
    c.meeting.max_hold = r.minutes(1, 180);
    c.meeting.signals.clear();
    for (const MeetingSignal signal : all_meeting_signals) {
        if (signal != MeetingSignal::Manual && r.chance(70)) c.meeting.signals.push_back(signal);
    }
    if (r.chance(40)) {
        c.schedule.work_hours =
            WorkHours{TimeOfDay{r.between(0, 1439)}, TimeOfDay{r.between(0, 1439)}};
        for (bool& d : c.schedule.work_days) d = r.chance(70);
    }
    return c;
}

Event random_event(Random& r, const Script& s) {
    using namespace event;
    switch (r.between(0, 21)) {
        case 0:
        case 1:
        case 2:
            return UserActive{};
        case 3:
        case 4:
            return UserIdle{Millis{r.seconds(0, 3600)}};
        case 5:
            return ScreenLocked{};
        case 6:
            return ScreenUnlocked{};
        case 7:
            return Suspending{};
        case 8:
            return Resumed{};
        case 9:
        case 10: {
            const auto answer = static_cast<ReminderAnswer>(r.between(0, 2));
            return Answer{answer,
                          r.chance(30) ? std::optional{r.seconds(-60, 3600)} : std::nullopt};
        }
        case 11:
            return BreakAnswer{r.chance(60)};
        case 12:
        case 17:
        case 19:  // mostly "worse", so that runs of three happen
            return CheckinAnswer{r.chance(70) ? BackFeel::Worse
                                              : static_cast<BackFeel>(r.between(0, 2))};
        case 13: {
            Pause p;
            if (r.chance(40)) p.length = r.seconds(-60, 4 * 3600);
            if (r.chance(30)) p.until = s.now().wall + Millis{r.seconds(-3600, 4 * 3600)};
            return p;
        }
        case 14:
            return Resume{};
        case 15: {
            // Half of them end within the last half hour, "just now" included,
            // so that they end inside the sitting bout; the others at any time
            // of the last day, some not over yet, some of no length.
            if (r.chance(50)) {
                const Seconds length = r.seconds(1, 1800);
                const WallTime end =
                    s.now().wall - (r.chance(20) ? Millis{0} : Millis{r.seconds(0, 1800)});
                return ManualWalk{end - Millis{length}, length, "stairs", {}};
            }
            return ManualWalk{
                s.now().wall - Millis{r.seconds(0, 86400)}, r.seconds(-60, 7200), "note", {}};
        }
        case 16:
            return ConfigChanged{random_config(r)};
        case 18: {
            const auto signal = all_meeting_signals[static_cast<std::size_t>(
                r.between(0, static_cast<int>(all_meeting_signals.size()) - 1))];
            MeetingSignalChanged change{signal, r.chance(50), std::nullopt};
            if (signal == MeetingSignal::Manual && r.chance(50))
                change.length = r.seconds(-60, 7200);
            return change;
        }
        default:
            return Tick{};
    }
}

// Moves the clocks like a day does: mostly short steps, sometimes to the
// deadline (or past it, a late daemon), sometimes hours; now and then the wall
// clock jumps or the zone changes.
void random_time_step(Random& r, Script& s) {
    const int kind = r.between(0, 9);
    if (kind <= 2 && s.wake_in()) {
        s.advance(*s.wake_in() + (kind == 2 ? Millis{r.seconds(1, 1800)} : Millis{0}));
        s.send(event::Tick{});
    } else if (kind <= 5) {
        s.wait(r.seconds(0, 300));
    } else if (kind <= 8) {
        s.wait(r.minutes(1, 45));
    } else {
        s.wait(r.minutes(45, 16 * 60));
    }
    if (r.chance(3)) s.skew_wall(Millis{r.seconds(-2 * 86400, 2 * 86400)});
    if (r.chance(3)) s.set_offset(Seconds{900 * r.between(-48, 56)});
}

struct DayRun {
    std::string problem;
    std::string trail;  // the last events, for the failure message
    Checker::KindCounts kinds{};
    int restarts{0};
};

// Another computer's news around now: there since a while (or still), its
// sitting carried over or not; sometimes none at all.
event::SeenElsewhere random_elsewhere(Random& r, const Script& s) {
    event::SeenElsewhere seen;
    const int spans = r.between(0, 2);
    for (int i = 0; i < spans; ++i) {
        event::ElsewhereSpan span;
        span.from = s.now().wall - Millis{r.seconds(-60, 4 * 3600)};
        if (r.chance(50)) span.until = span.from + Millis{r.seconds(-60, 3600)};
        span.sitting_since = span.from - Millis{r.chance(50) ? r.seconds(0, 3600) : Seconds{0}};
        seen.spans.push_back(span);
    }
    return seen;
}

// Days with other computers as well, when `elsewhere`: about one event in
// eight is their news.
DayRun run_day(std::uint32_t seed, bool elsewhere = false) {
    Random r(seed);
    const Config config = random_config(r);
    Moment start =
        local_moment(monday + std::chrono::days{r.between(0, 400)}, Millis{r.minutes(0, 1439)},
                     Seconds{900 * r.between(-48, 56)}, Millis{r.seconds(0, 86400)});
    Script s(config, start);
    std::deque<std::string> trail;
    const int events = r.between(20, 120);
    for (int i = 0; i < events && s.checker().problem().empty(); ++i) {
        random_time_step(r, s);
        const Event e =
            elsewhere && r.chance(12) ? Event{random_elsewhere(r, s)} : random_event(r, s);
        s.send(e);
        trail.push_back(describe(e));
        for (const std::string& a : s.take()) trail.push_back("  -> " + a);
        while (trail.size() > 300) trail.pop_front();
    }
    // Bring the user back and stop, so that everything is accounted for.
    s.send(event::Resumed{});
    s.send(event::ScreenUnlocked{});
    s.send(event::UserActive{});
    s.finish();
    Checker checker = s.checker();
    checker.check_totals(s.now());

    DayRun out;
    out.problem = checker.problem();
    for (const std::string& line : trail) out.trail += line + "\n";
    out.kinds = checker.kinds_seen();
    out.restarts = checker.bouts_restarted_by_logs();
    return out;
}

}  // namespace

TEST_CASE("random days keep every tracker invariant", "[tracker][property]") {
    constexpr std::uint32_t only_seed = 0;  // set to a failing seed to replay it alone
    constexpr std::uint32_t days = 3000;
    Checker::KindCounts kinds{};
    int restarts = 0;
    for (std::uint32_t seed = only_seed != 0 ? only_seed : 1;
         seed <= (only_seed != 0 ? only_seed : days); ++seed) {
        const DayRun out = run_day(seed);
        if (!out.problem.empty()) {
            INFO("seed " << seed << ": " << out.problem << "\nlast events:\n" << out.trail);
            FAIL_CHECK("invariant broken");
            break;
        }
        for (std::size_t k = 0; k < kinds.size(); ++k) kinds[k] += out.kinds[k];
        restarts += out.restarts;
    }
    // The random days went down every path: each kind of action came out, often.
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        INFO("action kind " << k << " came out " << kinds[k] << " times");
        CHECK(kinds[k] >= (only_seed != 0 ? 0 : 10));
    }
    INFO("logged walks restarted a sitting bout " << restarts << " times");
    CHECK(restarts >= (only_seed != 0 ? 0 : 100));
}

TEST_CASE("random days with other computers' news keep every tracker invariant",
          "[tracker][property][sync]") {
    for (std::uint32_t seed = 1; seed <= 1500; ++seed) {
        const DayRun out = run_day(seed, true);
        if (!out.problem.empty()) {
            INFO("seed " << seed << ": " << out.problem << "\nlast events:\n" << out.trail);
            FAIL_CHECK("invariant broken");
            break;
        }
    }
}

TEST_CASE("no input sequence throws, even nonsense values", "[tracker][property]") {
    Random r(20260330);
    Config wild;
    wild.reminder.interval = Seconds{0};
    wild.reminder.snooze = Seconds{-5};
    wild.reminder.escalate_after = Seconds::max();
    wild.walk.min = Seconds::min();
    wild.walk.max = Seconds::max();
    wild.walk.grace = Seconds::max();
    wild.schedule.work_hours = WorkHours{TimeOfDay{-7000}, TimeOfDay{99999}};
    Tracker tracker(wild, local_moment(monday, 9h));
    Moment now = local_moment(monday, 9h);
    for (int i = 0; i < 2000; ++i) {
        now.boot += Millis{r.seconds(0, 4000)};
        now.wall += Millis{r.seconds(-4000, 4000)};
        Event e = event::Tick{};
        switch (r.between(0, 5)) {
            case 4:
                e = event::SeenElsewhere{
                    {event::ElsewhereSpan{WallTime::min(), WallTime::max(), WallTime::min()},
                     event::ElsewhereSpan{WallTime::max(), std::nullopt, WallTime::max()}}};
                break;
            case 0:
                e = event::UserIdle{Millis::max()};
                break;
            case 1:
                e = event::UserIdle{Millis::min()};
                break;
            case 2:
                e = event::Answer{event::ReminderAnswer::Snooze, Seconds::max()};
                break;
            case 3:
                e = event::Pause{Seconds::max(), WallTime::max()};
                break;
            default:
                e = std::array<Event, 4>{
                    event::UserActive{}, event::ScreenLocked{}, event::ScreenUnlocked{},
                    event::Resume{}}[static_cast<std::size_t>(r.between(0, 3))];
        }
        Step step;
        REQUIRE_NOTHROW(step = tracker.handle(e, now));
        if (step.wake_at) REQUIRE(*step.wake_at >= now.boot);
    }
    REQUIRE_NOTHROW(tracker.finish(now));
}
