// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/clock_watch.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace walkbreak::daemon {
namespace {

int make_timerfd() {
    const int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "timerfd_create");
    return fd;
}

}  // namespace

ClockWatch::ClockWatch(boost::asio::io_context& io, std::function<void()> on_clock_set)
    : fd_(io, make_timerfd()), on_clock_set_(std::move(on_clock_set)) {
    arm();
    wait();
}

void ClockWatch::arm() {
    // Far enough never to expire (year 2100+); only the cancel-on-set matters.
    itimerspec spec{};
    spec.it_value.tv_sec = static_cast<time_t>(4'102'444'800);
    timerfd_settime(fd_.native_handle(), TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec,
                    nullptr);
}

void ClockWatch::wait() {
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                   [this](const boost::system::error_code& ec) {
                       if (ec) return;
                       std::uint64_t expirations = 0;
                       const auto n = ::read(fd_.native_handle(), &expirations, sizeof expirations);
                       const bool clock_was_set = n < 0 && errno == ECANCELED;
                       arm();  // a cancelled timer stays disarmed until set again
                       wait();
                       if (clock_was_set) on_clock_set_();
                   });
}

}  // namespace walkbreak::daemon
