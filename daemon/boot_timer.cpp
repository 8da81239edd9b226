// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/boot_timer.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace walkbreak::daemon {
namespace {

int make_timerfd() {
    const int fd = timerfd_create(CLOCK_BOOTTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "timerfd_create");
    return fd;
}

void set_time(int fd, core::Millis deadline) {
    itimerspec spec{};
    // An all-zero it_value would disarm: the earliest real deadline is 1 ns.
    const auto ms = deadline.count() > 0 ? deadline.count() : 0;
    spec.it_value.tv_sec = static_cast<time_t>(ms / 1000);
    spec.it_value.tv_nsec = static_cast<long>((ms % 1000) * 1'000'000);
    if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
    timerfd_settime(fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

}  // namespace

BootTimer::BootTimer(boost::asio::io_context& io, std::function<void()> on_expired)
    : fd_(io, make_timerfd()), on_expired_(std::move(on_expired)) {}

void BootTimer::arm(core::Millis deadline) {
    set_time(fd_.native_handle(), deadline);
    armed_ = true;
    wait();
}

void BootTimer::disarm() {
    itimerspec off{};
    timerfd_settime(fd_.native_handle(), 0, &off, nullptr);
    armed_ = false;
}

void BootTimer::wait() {
    if (waiting_) return;
    waiting_ = true;
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                   [this](const boost::system::error_code& ec) {
                       waiting_ = false;
                       if (ec) return;  // operation_aborted: the timer is being destroyed
                       std::uint64_t expirations = 0;
                       // EAGAIN here means the deadline was moved after it had fired.
                       if (::read(fd_.native_handle(), &expirations, sizeof expirations) !=
                           static_cast<ssize_t>(sizeof expirations)) {
                           if (armed_) wait();
                           return;
                       }
                       armed_ = false;
                       on_expired_();
                   });
}

}  // namespace walkbreak::daemon
