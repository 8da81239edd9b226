// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A one-shot deadline on CLOCK_BOOTTIME, through a timerfd watched by the
// io_context. Unlike asio's steady_timer (CLOCK_MONOTONIC, which stops during
// suspend), a deadline that passes while the machine sleeps fires on resume.
// Loop thread only. Re-arming replaces the previous deadline; nothing fires
// while nothing is armed, so the daemon sleeps when nothing is due.
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "core/time.hpp"

namespace walkbreak::daemon {

class BootTimer {
public:
    BootTimer(boost::asio::io_context& io, std::function<void()> on_expired);
    BootTimer(const BootTimer&) = delete;
    BootTimer& operator=(const BootTimer&) = delete;

    // `deadline` is a CLOCK_BOOTTIME instant; one in the past fires at once.
    void arm(core::Millis deadline);
    void disarm();
    bool armed() const { return armed_; }

private:
    void wait();

    boost::asio::posix::stream_descriptor fd_;
    std::function<void()> on_expired_;
    bool armed_{false};
    bool waiting_{false};
};

}  // namespace walkbreak::daemon
