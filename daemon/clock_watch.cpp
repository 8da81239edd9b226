// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/clock_watch.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>
#include <utility>

namespace walkbreak::daemon {
namespace {

int make_timerfd() {
    const int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "timerfd_create");
    return fd;
}

}  // namespace

ClockWatch::ClockWatch(boost::asio::io_context& io, Callback<void()> on_clock_set)
    : fd_(make_timerfd()),
      watch_(io, fd_.get(), [this](std::uint32_t) noexcept { on_readable(); }),
      on_clock_set_(std::move(on_clock_set)) {
    arm();
    watch_.schedule_read();
}

void ClockWatch::arm() {
    // Far enough never to expire (year 2100+); only the cancel-on-set matters.
    itimerspec spec{};
    spec.it_value.tv_sec = static_cast<time_t>(4'102'444'800);
    timerfd_settime(fd_.get(), TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr);
}

void ClockWatch::on_readable() noexcept {
    std::uint64_t expirations = 0;
    const auto n = ::read(fd_.get(), &expirations, sizeof expirations);
    const bool clock_was_set = n < 0 && errno == ECANCELED;
    arm();  // a cancelled timer stays disarmed until set again
    if (clock_was_set) on_clock_set_();
}

}  // namespace walkbreak::daemon
