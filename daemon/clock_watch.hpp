// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Tells when the wall clock is set (by NTP stepping it, by hand, or after a
// suspend): a CLOCK_REALTIME timerfd armed far in the future with
// TFD_TIMER_CANCEL_ON_SET becomes readable, with ECANCELED, exactly then.
// Durations never depend on the wall clock, but deadlines derived from it do
// (work hours), so the tracker is asked to look again. Loop thread only.
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

namespace walkbreak::daemon {

class ClockWatch {
public:
    ClockWatch(boost::asio::io_context& io, std::function<void()> on_clock_set);
    ClockWatch(const ClockWatch&) = delete;
    ClockWatch& operator=(const ClockWatch&) = delete;

private:
    void arm();
    void wait();

    boost::asio::posix::stream_descriptor fd_;
    std::function<void()> on_clock_set_;
};

}  // namespace walkbreak::daemon
