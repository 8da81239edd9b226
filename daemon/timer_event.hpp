// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A one-shot deadline through a timerfd of its own (MPD's FineTimerEvent),
// watched by an FdEvent; see event_loop.hpp for the guarantee.
//
// Why not asio's steady_timer: once the first one has been scheduled, asio's
// epoll reactor keeps its own timerfd armed at most five minutes ahead, for
// good (12 wakeups an hour while nothing is due), and cancelling a timer
// leaves that timerfd set to the cancelled expiry, so the loop wakes once for
// nothing. A timerfd per deadline is armed for exactly what is due; while
// nothing is armed the daemon is never woken. The daemon schedules no asio
// timer at all (docs/BENCHMARKS.md, "Daemon footprint").
//
// Loop thread only. Re-arming replaces the previous deadline. Disarming or
// destroying the timer drops an expiry not yet delivered, even one found in
// the same pass of the loop.
#include <chrono>

#include <boost/asio/io_context.hpp>

#include "daemon/event_callback.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {

enum class TimerClock {
    // Stops during suspend: for timeouts that must not run out while the lid
    // is closed (an idle client, a D-Bus call, a retry of a failed accept).
    Monotonic,
    // Counts suspend: a deadline that passes while the machine sleeps fires
    // on resume (the tracker's next reminder, the recorder's retry).
    Boot,
};

// The time on `clock`, since its (boot-time) epoch.
std::chrono::nanoseconds clock_now(TimerClock clock);

class TimerEvent {
public:
    // `on_expired` runs from the loop; it may re-arm or destroy the timer.
    TimerEvent(boost::asio::io_context& io, TimerClock clock, Callback<void()> on_expired);
    TimerEvent(const TimerEvent&) = delete;
    TimerEvent& operator=(const TimerEvent&) = delete;

    // `deadline` is an instant on the timer's clock; one in the past fires
    // once, from the loop, never inside this call.
    void arm_at(std::chrono::nanoseconds deadline);
    void arm_after(std::chrono::nanoseconds delay);
    void disarm();
    bool armed() const { return armed_; }
    TimerClock clock() const { return clock_; }

private:
    void on_readable() noexcept;

    TimerClock clock_;
    UniqueFd fd_;
    FdEvent watch_;  // declared after fd_: cancelled before the timerfd closes
    Callback<void()> on_expired_;
    bool armed_{false};
};

}  // namespace walkbreak::daemon
