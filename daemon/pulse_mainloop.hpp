// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// libpulse's main loop interface (pa_mainloop_api) on walkbreakd's event
// layer, so that a pa_context runs in the loop thread like every other input:
// no pa_threaded_mainloop, no thread of libpulse's, nothing polled.
//
//   io event     an FdEvent on the descriptor libpulse names
//   time event   one TimerEvent for all of them, armed for the earliest
//   defer event  a DeferEvent, scheduled again after each run while enabled
//
// Every entry point libpulse calls is noexcept, so nothing unwinds into it.
// Loop thread only. Whatever was made on api() (a pa_context) is freed before
// the PulseMainloop; events libpulse leaves behind are freed with it, their
// destroy callbacks called.
#include <pulse/mainloop-api.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "daemon/timer_event.hpp"

namespace walkbreak::daemon {

class PulseMainloop {
public:
    explicit PulseMainloop(boost::asio::io_context& io);
    ~PulseMainloop();
    PulseMainloop(const PulseMainloop&) = delete;
    PulseMainloop& operator=(const PulseMainloop&) = delete;

    // What pa_context_new() takes.
    pa_mainloop_api* api() { return &api_; }

    // How many events libpulse holds now, for tests: a quiet connection
    // holds its socket's io event and no armed time event.
    std::size_t io_event_count() const { return io_events_.size(); }
    std::size_t armed_time_event_count() const;

private:
    friend struct PulseApi;  // the entry points, pulse_mainloop.cpp

    void on_timer() noexcept;
    pa_time_event* next_due(std::chrono::nanoseconds now) const;
    void rearm_timer();

    boost::asio::io_context& io_;
    pa_mainloop_api api_{};
    // Time events are many and short-lived (one per request awaiting its
    // reply): one timerfd for them all, armed only while one of them is.
    TimerEvent timer_;
    std::vector<std::unique_ptr<pa_io_event>> io_events_;
    std::vector<std::unique_ptr<pa_time_event>> time_events_;
    std::vector<std::unique_ptr<pa_defer_event>> defer_events_;
    std::uint64_t timer_pass_{0};  // each due time event runs once per expiry
    bool dispatching_timers_{false};
};

}  // namespace walkbreak::daemon
