// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs a call once on the loop thread when another thread asks (MPD's
// InjectEvent): how the notifier's GLib thread hands work to the loop.
// schedule() may be called from any thread while the event exists;
// everything else, and the call, on the loop thread. A call scheduled
// several times before it runs runs once. Cancelling (or destroying) it
// drops a call not yet run; the owner stops the other thread from calling
// schedule() before destroying the event.
#include <boost/asio/io_context.hpp>

#include "daemon/event_callback.hpp"
#include "daemon/event_loop.hpp"

namespace walkbreak::daemon {

class InjectEvent final : private detail::CallLink {
public:
    InjectEvent(boost::asio::io_context& io, Callback<void()> call)
        : CallLink(std::move(call)), loop_(EventLoop::of(io)) {}
    ~InjectEvent() { cancel(); }
    InjectEvent(const InjectEvent&) = delete;
    InjectEvent& operator=(const InjectEvent&) = delete;

    void schedule() { loop_.inject(*this); }  // any thread
    void cancel() { loop_.cancel_injected(*this); }

private:
    EventLoop& loop_;
};

}  // namespace walkbreak::daemon
