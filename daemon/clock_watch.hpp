// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Tells when the wall clock is set (by NTP stepping it, by hand, or after a
// suspend): a CLOCK_REALTIME timerfd armed far in the future with
// TFD_TIMER_CANCEL_ON_SET becomes readable, with ECANCELED, exactly then.
// Durations never depend on the wall clock, but deadlines derived from it do
// (work hours), so the tracker is asked to look again. Loop thread only.
#include <boost/asio/io_context.hpp>

#include "daemon/event_callback.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {

class ClockWatch {
public:
    ClockWatch(boost::asio::io_context& io, Callback<void()> on_clock_set);
    ClockWatch(const ClockWatch&) = delete;
    ClockWatch& operator=(const ClockWatch&) = delete;

private:
    void arm();
    void on_readable() noexcept;

    UniqueFd fd_;
    FdEvent watch_;  // declared after fd_: cancelled before the timerfd closes
    Callback<void()> on_clock_set_;
};

}  // namespace walkbreak::daemon
