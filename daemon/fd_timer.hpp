// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A one-shot deadline through a timerfd of its own, watched by the io_context.
//
// Why not asio's steady_timer: once the first one has been scheduled, asio's
// epoll reactor keeps its own timerfd armed at most five minutes ahead, for
// good (12 wakeups an hour while nothing is due), and cancelling a timer
// leaves that timerfd set to the cancelled expiry, so the loop wakes once for
// nothing. A timerfd per deadline is armed for exactly what is due; while
// nothing is armed the daemon is never woken. The daemon schedules no asio
// timer at all (docs/BENCHMARKS.md, "Daemon footprint").
//
// Loop thread only. Re-arming replaces the previous deadline. Destroying or
// disarming the timer drops an expiry not yet delivered, even one asio has
// already queued.
#include <chrono>
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

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

class FdTimer {
public:
    // `on_expired` runs from the loop, last in its handler: it may re-arm or
    // destroy the timer.
    FdTimer(boost::asio::io_context& io, TimerClock clock, std::function<void()> on_expired);
    ~FdTimer();
    FdTimer(const FdTimer&) = delete;
    FdTimer& operator=(const FdTimer&) = delete;

    // `deadline` is an instant on the timer's clock; one in the past fires at once.
    void arm_at(std::chrono::nanoseconds deadline);
    void arm_after(std::chrono::nanoseconds delay);
    void disarm();
    bool armed() const { return armed_; }
    TimerClock clock() const { return clock_; }

private:
    void wait();
    void on_readable();

    boost::asio::posix::stream_descriptor fd_;
    TimerClock clock_;
    std::function<void()> on_expired_;
    bool armed_{false};
    bool waiting_{false};
    // Handlers hold a weak reference: one queued just before destruction
    // finds it expired and touches nothing.
    std::shared_ptr<char> alive_;
};

}  // namespace walkbreak::daemon
