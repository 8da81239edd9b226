// SPDX-License-Identifier: GPL-3.0-or-later
// Memory stays flat over a month: the tracker is driven through 30 simulated
// working days (sitting, reminders answered every way, walks, locks, pauses,
// manual walks, a suspend every night) while this executable counts the heap
// bytes live. After a warm-up day the tracker may hold nothing more: anything
// that grew with the days (a history, a log, a queue) would show here.
#include <catch2/catch.hpp>

#include <malloc.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>

#include "core/tracker.hpp"

namespace {

// Heap bytes in use through operator new, by the allocator's own account of
// each block (malloc_usable_size), so that delete needs no size.
std::atomic<long long> live_bytes{0};

void* counted_alloc(std::size_t size) {
    void* p = std::malloc(size == 0 ? 1 : size);
    if (p == nullptr) throw std::bad_alloc{};
    live_bytes += static_cast<long long>(malloc_usable_size(p));
    return p;
}

void counted_free(void* p) noexcept {
    if (p == nullptr) return;
    live_bytes -= static_cast<long long>(malloc_usable_size(p));
    std::free(p);
}

}  // namespace

void* operator new(std::size_t size) { return counted_alloc(size); }
void* operator new[](std::size_t size) { return counted_alloc(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

using namespace walkbreak::core;
using namespace std::chrono_literals;

namespace {

// A month of a person at a desk, seeded. Ticks are sent at the deadlines the
// tracker asks for, as the daemon's boot timer does.
class Month {
public:
    explicit Month(std::uint32_t seed) : rng_(seed), tracker_(config(), at()) {
        feed(event::Tick{});
    }

    static Config config() {
        Config c;
        c.idle.away_after = 2min;
        c.reminder.interval = 45min;
        c.reminder.escalate_after = 15min;
        c.reminder.snooze = 10min;
        c.walk.min = 2min;
        c.walk.max = 60min;
        c.walk.grace = 15min;
        c.walk.credit = WalkCredit::Ask;
        c.checkin.enabled = true;
        return c;
    }

    // One working day, then the night asleep.
    void day() {
        const Millis day_end = boot_ + 9h;
        while (boot_ < day_end) {
            const int what = between(1, 100);
            if (what <= 55) {
                sit(Seconds{60 * between(5, 70)});
            } else if (what <= 80) {
                away(Seconds{60 * between(1, 25)});
            } else if (what <= 88) {
                feed(event::ScreenLocked{});
                advance(Seconds{60 * between(1, 40)});
                feed(event::ScreenUnlocked{});
            } else if (what <= 94) {
                feed(event::Pause{Seconds{60 * between(5, 30)}, std::nullopt});
                sit(Seconds{60 * between(1, 40)});
                feed(event::Resume{});
            } else {
                feed(event::ManualWalk{at().wall - 2h, Seconds{60 * between(5, 20)}, "lunch", {}});
            }
        }
        // The machine sleeps overnight: a suspend advances the boot clock,
        // and timers that fell due during it fire once on resume.
        feed(event::Suspending{});
        boot_ += 15h;
        feed(event::Resumed{});
        feed(event::UserActive{});
    }

    std::size_t most_actions() const { return most_actions_; }
    long long steps() const { return steps_; }
    const Tracker& tracker() const { return tracker_; }

private:
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    Moment at() const {
        const WallTime start = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 7h;
        return Moment{start + (boot_ - first_boot), boot_, UtcOffset{1h}};
    }

    void feed(const Event& e) {
        Step step = tracker_.handle(e, at());
        ++steps_;
        most_actions_ = std::max(most_actions_, step.actions.size());
        for (const auto& a : step.actions) {
            if (std::holds_alternative<action::ShowReminder>(a)) reminder_ = true;
            if (std::holds_alternative<action::RecordReminder>(a)) reminder_ = false;
            if (std::holds_alternative<action::AskAboutBreak>(a)) question_ = true;
            if (std::holds_alternative<action::AskCheckin>(a)) checkin_ = true;
        }
        wake_ = step.wake_at;
    }

    // Time passes; every deadline on the way gets its Tick.
    void advance(Millis d) {
        const Millis target = boot_ + d;
        for (int guard = 0; wake_ && *wake_ <= target && guard < 1000; ++guard) {
            boot_ = std::max(boot_, *wake_);
            feed(event::Tick{});
        }
        boot_ = target;
    }

    void answer_what_is_asked() {
        if (reminder_ && between(1, 100) <= 70) {
            const auto answer =
                std::array{event::ReminderAnswer::WalkNow, event::ReminderAnswer::Snooze,
                           event::ReminderAnswer::Skip}[static_cast<std::size_t>(between(0, 2))];
            feed(event::Answer{answer, std::nullopt});
            reminder_ = false;
        }
        if (question_) {
            feed(event::BreakAnswer{between(0, 1) == 1});
            question_ = false;
        }
        if (checkin_) {
            feed(event::CheckinAnswer{
                std::array{BackFeel::Better, BackFeel::Same,
                           BackFeel::Worse}[static_cast<std::size_t>(between(0, 2))]});
            checkin_ = false;
        }
    }

    // At the keyboard: input every couple of minutes, answering what shows.
    void sit(Seconds length) {
        const Millis end = boot_ + length;
        while (boot_ < end) {
            advance(std::min<Millis>(90s, end - boot_));
            feed(event::UserActive{});
            answer_what_is_asked();
        }
    }

    // Away: the idle source reports after away_after, then the return.
    void away(Seconds length) {
        const Seconds after = config().idle.away_after;
        advance(std::max<Millis>(after, length));
        feed(event::UserIdle{std::max<Millis>(after, length)});
        feed(event::UserActive{});
        answer_what_is_asked();
    }

    static constexpr Millis first_boot{5h};
    std::mt19937 rng_;
    Millis boot_{first_boot};
    Tracker tracker_;
    std::optional<Millis> wake_;
    bool reminder_{false}, question_{false}, checkin_{false};
    std::size_t most_actions_{0};
    long long steps_{0};
};

}  // namespace

TEST_CASE("a simulated month of events leaves the tracker's memory flat", "[reliability]") {
    constexpr int days = 30;
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        Month month(seed);
        month.day();  // warm-up: first-use allocations, the tip rotation, ...
        const long long baseline = live_bytes.load();
        std::array<long long, days> after{};
        for (int d = 0; d < days; ++d) {
            month.day();
            after[static_cast<std::size_t>(d)] = live_bytes.load();
        }
        INFO("seed " << seed << ", " << month.steps() << " events, baseline " << baseline
                     << " bytes");
        const long long most = *std::max_element(after.begin(), after.end());
        // A few hundred bytes of slack: a vector's capacity may settle at a
        // larger size once; a history would grow by days * (records) * size.
        CHECK(most - baseline <= 512);
        CHECK(after.back() - baseline <= 512);
        // No step ever produces a pile of actions.
        CHECK(month.most_actions() <= 8);
        CHECK(month.steps() > 30 * 100);
    }
}

TEST_CASE("the heap counter sees growth (the check above can fail)", "[reliability]") {
    const long long before = live_bytes.load();
    std::vector<Tracker> kept;
    for (int i = 0; i < 30; ++i) kept.emplace_back(Month::config(), Moment{});
    CHECK(live_bytes.load() - before > 512);
}
