// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/timer_event.hpp"

#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>
#include <utility>

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

TimerEvent::TimerEvent(boost::asio::io_context& io, TimerClock clock, Callback<void()> on_expired)
    : clock_(clock),
      fd_(make_timerfd(clock)),
      watch_(io, fd_.get(), [this](std::uint32_t) noexcept { on_readable(); }),
      on_expired_(std::move(on_expired)) {}

void TimerEvent::arm_at(std::chrono::nanoseconds deadline) {
    set_time(fd_.get(), TFD_TIMER_ABSTIME, deadline);
    armed_ = true;
    watch_.schedule_read();
}

void TimerEvent::arm_after(std::chrono::nanoseconds delay) {
    set_time(fd_.get(), 0, delay);
    armed_ = true;
    watch_.schedule_read();
}

// Watched exactly while armed: a disarmed timer costs the loop nothing.
void TimerEvent::disarm() {
    watch_.cancel();
    if (!armed_) return;  // a one-shot timerfd disarms itself when it fires
    itimerspec off{};
    (void)timerfd_settime(fd_.get(), 0, &off, nullptr);
    armed_ = false;
}

void TimerEvent::on_readable() noexcept {
    std::uint64_t expirations = 0;
    // Re-arming after the expiry resets the count: EAGAIN then, and the
    // new deadline is still ahead.
    if (::read(fd_.get(), &expirations, sizeof expirations) !=
        static_cast<ssize_t>(sizeof expirations))
        return;
    armed_ = false;
    watch_.cancel();
    // A copy: the callback may destroy this timer, and with it on_expired_.
    const Callback<void()> on_expired = on_expired_;
    on_expired();
}

}  // namespace walkbreak::daemon
