// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/fd_timer.hpp"

#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace walkbreak::daemon {
namespace {

clockid_t clock_id(TimerClock clock) {
    return clock == TimerClock::Boot ? CLOCK_BOOTTIME : CLOCK_MONOTONIC;
}

int make_timerfd(TimerClock clock) {
    const int fd = timerfd_create(clock_id(clock), TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "timerfd_create");
    return fd;
}

timespec to_timespec(std::chrono::nanoseconds t) {
    const std::int64_t ns = t.count() > 0 ? t.count() : 0;
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    // An all-zero it_value would disarm: the earliest real deadline is 1 ns.
    if (ts.tv_sec == 0 && ts.tv_nsec == 0) ts.tv_nsec = 1;
    return ts;
}

void set_time(int fd, int flags, std::chrono::nanoseconds value) {
    itimerspec spec{};
    spec.it_value = to_timespec(value);
    // Fails only for a bad descriptor or value, neither of which can happen here.
    (void)timerfd_settime(fd, flags, &spec, nullptr);
}

}  // namespace

std::chrono::nanoseconds clock_now(TimerClock clock) {
    timespec ts{};
    clock_gettime(clock_id(clock), &ts);
    return std::chrono::seconds{ts.tv_sec} + std::chrono::nanoseconds{ts.tv_nsec};
}

FdTimer::FdTimer(boost::asio::io_context& io, TimerClock clock, std::function<void()> on_expired)
    : fd_(io, make_timerfd(clock)),
      clock_(clock),
      on_expired_(std::move(on_expired)),
      alive_(std::make_shared<char>()) {}

FdTimer::~FdTimer() { alive_.reset(); }  // fd_ closes the timerfd and cancels the wait

void FdTimer::arm_at(std::chrono::nanoseconds deadline) {
    set_time(fd_.native_handle(), TFD_TIMER_ABSTIME, deadline);
    armed_ = true;
    wait();
}

void FdTimer::arm_after(std::chrono::nanoseconds delay) {
    set_time(fd_.native_handle(), 0, delay);
    armed_ = true;
    wait();
}

void FdTimer::disarm() {
    if (!armed_) return;  // a one-shot timerfd disarms itself when it fires
    itimerspec off{};
    (void)timerfd_settime(fd_.native_handle(), 0, &off, nullptr);
    armed_ = false;
}

// The wait stays pending while the timer is disarmed: a disarmed timerfd never
// becomes readable, and the next arm needs no new wait.
void FdTimer::wait() {
    if (waiting_) return;
    waiting_ = true;
    auto on_ready = [this,
                     alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired()) return;
        waiting_ = false;
        if (!ec) on_readable();
    };
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read, std::move(on_ready));
}

void FdTimer::on_readable() {
    std::uint64_t expirations = 0;
    // Re-arming or disarming after the expiry resets the count: EAGAIN then.
    if (::read(fd_.native_handle(), &expirations, sizeof expirations) !=
        static_cast<ssize_t>(sizeof expirations)) {
        if (armed_) wait();
        return;
    }
    armed_ = false;
    // A copy: the callback may destroy this timer, and with it on_expired_.
    const auto on_expired = on_expired_;
    on_expired();
}

}  // namespace walkbreak::daemon
