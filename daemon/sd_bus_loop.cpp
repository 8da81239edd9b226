// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/sd_bus_loop.hpp"

#include <poll.h>

#include <chrono>
#include <cstdint>
#include <utility>

#include <systemd/sd-bus.h>

namespace walkbreak::daemon {

SdBusLoop::SdBusLoop(boost::asio::io_context& io, Callback<void(int)> on_lost)
    : watch_(io, -1, [this](std::uint32_t) noexcept { pump(); }),
      timer_(io, TimerClock::Monotonic, [this]() noexcept { pump(); }),
      on_lost_(std::move(on_lost)) {}

void SdBusLoop::attach(sd_bus* bus) {
    stop();
    bus_ = bus;
    watch_.set_fd(sd_bus_get_fd(bus_));
    // Messages read by earlier blocking calls make the timeout 0: the first
    // pump comes from the loop.
    rearm();
}

void SdBusLoop::stop() {
    timer_.disarm();
    watch_.cancel();
    bus_ = nullptr;
}

void SdBusLoop::pump() noexcept {
    for (;;) {
        const int r = sd_bus_process(bus_, nullptr);
        if (r < 0) {
            fail(r);
            return;
        }
        if (r == 0) break;
        if (bus_ == nullptr) return;  // a callback stopped the loop
    }
    rearm();
}

// The directions sd-bus asks for, plus its deadline; whichever comes first
// pumps and re-arms all of them.
void SdBusLoop::rearm() {
    const int events = sd_bus_get_events(bus_);
    if (events < 0) {
        fail(events);
        return;
    }
    std::uint64_t deadline_usec = UINT64_MAX;
    if (const int r = sd_bus_get_timeout(bus_, &deadline_usec); r < 0) {
        fail(r);
        return;
    }
    std::uint32_t wanted = 0;
    if ((events & POLLIN) != 0) wanted |= FdEvent::read;
    if ((events & POLLOUT) != 0) wanted |= FdEvent::write;
    watch_.schedule(wanted);
    if (deadline_usec == UINT64_MAX) {
        timer_.disarm();
    } else {
        timer_.arm_at(std::chrono::microseconds{static_cast<std::int64_t>(deadline_usec)});
    }
}

// The last thing a handler does: on_lost may destroy this loop.
void SdBusLoop::fail(int error) {
    stop();
    const Callback<void(int)> on_lost = on_lost_;
    if (on_lost) on_lost(error);
}

}  // namespace walkbreak::daemon
