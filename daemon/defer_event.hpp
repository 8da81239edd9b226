// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs a call once from the loop, as soon as the loop gets to it (MPD's
// DeferEvent): for work that must not run inside the call that asks for it (a
// source's start() must not report a state from inside start()). A zero-delay
// asio timer would start asio's periodic timer wakeup (see timer_event.hpp);
// this posts nothing but one handler that points at the EventLoop.
// Scheduling again while pending changes nothing; cancel() and destruction
// drop it. Loop thread only.
#include <boost/asio/io_context.hpp>

#include "daemon/event_callback.hpp"
#include "daemon/event_loop.hpp"

namespace walkbreak::daemon {

class DeferEvent final : private detail::CallLink {
public:
    DeferEvent(boost::asio::io_context& io, Callback<void()> call)
        : CallLink(std::move(call)), loop_(EventLoop::of(io)) {}
    ~DeferEvent() = default;  // unlinks itself
    DeferEvent(const DeferEvent&) = delete;
    DeferEvent& operator=(const DeferEvent&) = delete;

    void schedule() { loop_.defer(*this); }
    void cancel() { unlink(); }
    bool pending() const { return is_linked(); }

private:
    EventLoop& loop_;
};

}  // namespace walkbreak::daemon
