// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/sd_bus_loop.hpp"

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <utility>

#include <boost/asio/error.hpp>
#include <systemd/sd-bus.h>

namespace walkbreak::daemon {

SdBusLoop::SdBusLoop(boost::asio::io_context& io, std::function<void(int)> on_lost)
    : fd_(io),
      timer_(io, TimerClock::Monotonic, [this] { pump(); }),
      on_lost_(std::move(on_lost)) {}

void SdBusLoop::attach(sd_bus* bus) {
    detach();
    bus_ = bus;
    fd_.assign(sd_bus_get_fd(bus_));
    rearm();  // messages read by earlier blocking calls make the timeout 0
}

void SdBusLoop::detach() {
    timer_.disarm();
    if (fd_.is_open()) (void)fd_.release();  // cancels the waits too
    bus_ = nullptr;
}

void SdBusLoop::pump() {
    if (bus_ == nullptr) return;  // detached while this wake-up was queued
    for (;;) {
        const int r = sd_bus_process(bus_, nullptr);
        if (r < 0) {
            fail(r);
            return;
        }
        if (r == 0) break;
        if (bus_ == nullptr) return;  // a callback detached us
    }
    rearm();
}

// One wait per direction sd-bus asks for, plus its deadline; whichever comes
// first pumps and re-arms all of them.
void SdBusLoop::rearm() {
    fd_.cancel();
    const int events = sd_bus_get_events(bus_);
    std::uint64_t deadline_usec = UINT64_MAX;
    if (events < 0) {
        fail(events);
        return;
    }
    if (const int r = sd_bus_get_timeout(bus_, &deadline_usec); r < 0) {
        fail(r);
        return;
    }
    auto on_ready = [this](const boost::system::error_code& ec) {
        if (ec != boost::asio::error::operation_aborted) pump();  // else `this` may be gone
    };
    using Wait = boost::asio::posix::descriptor_base::wait_type;
    if ((events & POLLIN) != 0) fd_.async_wait(Wait::wait_read, on_ready);
    if ((events & POLLOUT) != 0) fd_.async_wait(Wait::wait_write, on_ready);
    if (deadline_usec == UINT64_MAX) {
        timer_.disarm();
    } else {
        timer_.arm_at(std::chrono::microseconds{static_cast<std::int64_t>(deadline_usec)});
    }
}

void SdBusLoop::fail(int error) {
    detach();
    if (on_lost_) on_lost_(error);
}

}  // namespace walkbreak::daemon
