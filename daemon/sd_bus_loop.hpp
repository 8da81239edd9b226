// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Drives one sd-bus connection from the io_context: watches the bus fd for
// what sd_bus_get_events() asks, sleeps until sd_bus_get_timeout(), and then
// calls sd_bus_process() until it returns 0. The connection's callbacks thus
// run on the loop thread, inside pump(). Loop thread only.
#include <boost/asio/io_context.hpp>

#include "daemon/event_callback.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/timer_event.hpp"

struct sd_bus;

namespace walkbreak::daemon {

class SdBusLoop {
public:
    // `on_lost(-errno)` is called once the connection fails; watching has
    // stopped by then and the callback may close the bus or destroy this.
    SdBusLoop(boost::asio::io_context& io, Callback<void(int error)> on_lost);
    SdBusLoop(const SdBusLoop&) = delete;
    SdBusLoop& operator=(const SdBusLoop&) = delete;

    // Starts watching `bus` (not owned; it must outlive the attachment).
    // Messages already queued are processed from the loop, not in here.
    void attach(sd_bus* bus);
    // Stops watching; call before closing the bus. Idempotent.
    void stop();

private:
    void pump() noexcept;
    void rearm();
    void fail(int error);

    sd_bus* bus_{nullptr};
    FdEvent watch_;     // sd-bus's descriptor, never closed here
    TimerEvent timer_;  // sd-bus's own deadline, on CLOCK_MONOTONIC as sd-bus counts
    Callback<void(int)> on_lost_;
};

}  // namespace walkbreak::daemon
