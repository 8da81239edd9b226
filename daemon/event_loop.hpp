// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event layer under every input of walkbreakd (DESIGN.md §5), in the
// spirit of MPD's src/event/: FdEvent watches a descriptor, TimerEvent is a
// deadline, DeferEvent runs a call soon and once, InjectEvent does the same
// when asked from another thread. Each is a member of the object that needs
// it and cancels itself when destroyed; callbacks are noexcept (Callback).
//
// The guarantee: once an event is cancelled or destroyed, its callback does
// not run until it is scheduled again. That holds within one pass of the
// loop too: when the callback of one ready descriptor destroys the owner of
// another descriptor found ready in the same pass, the other callback never
// runs. Every event may be cancelled or destroyed from any callback, its own
// included.
//
// Why not asio completion handlers that point at their owner: asio's reactor
// completes every operation that one epoll_wait found ready before the
// first handler runs, so a handler queued as a success can outlive the
// object it points at; cancelling then changes nothing. So no event gives
// asio a handler at all. EventLoop, an io_context service (it lives exactly
// as long as the io_context, so the handlers that point at it are safe), has
// an epoll set of its own holding the watched descriptors, the list of those
// found ready but not yet dispatched, and the lists of deferred and injected
// calls. Events link themselves into those lists and unlink when cancelled:
// what is unlinked is never called. The only handlers given to asio point at
// the EventLoop: the wait on its epoll descriptor and a posted "run the
// lists".
//
// Wakeups: a disarmed TimerEvent is not watched and a cancelled FdEvent
// leaves the epoll set, so a loop with nothing due sleeps. Once anything has
// been watched, the wait on the epoll descriptor stays pending: like any
// pending asio operation it keeps io_context::run() from returning until the
// io_context is stopped. Descriptors are level-triggered: one that is still
// ready after its callback is reported again in the next pass.
//
// Loop thread only, except InjectEvent::schedule(). Events must be destroyed
// before their io_context.
#include <cstddef>
#include <cstdint>
#include <mutex>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/intrusive/list.hpp>

#include "daemon/event_callback.hpp"

namespace walkbreak::daemon {

namespace detail {

using AutoUnlinkHook =
    boost::intrusive::list_base_hook<boost::intrusive::link_mode<boost::intrusive::auto_unlink>>;

// What the loop's lists hold; unlinks itself when destroyed.
class EventLink : public AutoUnlinkHook {
public:
    virtual void run() noexcept = 0;
    std::uint32_t ready_events{0};  // FdEvent: what epoll reported

protected:
    EventLink() = default;
    ~EventLink() = default;
};

using EventList = boost::intrusive::list<EventLink, boost::intrusive::constant_time_size<false>>;

// A call run from one of the loop's lists (DeferEvent, InjectEvent).
class CallLink : public EventLink {
protected:
    explicit CallLink(Callback<void()> call) : call_(std::move(call)) {}
    ~CallLink() = default;

private:
    void run() noexcept final {
        const Callback<void()> call = call_;  // the call may destroy its event
        call();
    }

    Callback<void()> call_;
};

}  // namespace detail

class EventLoop final : public boost::asio::io_context::service {
public:
    static boost::asio::io_context::id id;

    // The loop of `io`, made on first use.
    static EventLoop& of(boost::asio::io_context& io);

    explicit EventLoop(boost::asio::io_context& io);
    ~EventLoop() override;
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    // For the event classes (fd_event.hpp, defer_event.hpp, inject_event.hpp).
    void add_fd(int fd, std::uint32_t events, detail::EventLink& event);
    void modify_fd(int fd, std::uint32_t events, detail::EventLink& event);
    void remove_fd(int fd, detail::EventLink& event);
    void defer(detail::EventLink& event);
    void inject(detail::EventLink& event);  // any thread
    void cancel_injected(detail::EventLink& event);

private:
    void shutdown() override;
    void control(int operation, int fd, std::uint32_t events, detail::EventLink& event);
    void wait_for_epoll();
    void dispatch_ready();
    void post_dispatch();
    void run_deferred();
    void run_injected();

    boost::asio::io_context& io_;
    boost::asio::posix::stream_descriptor epoll_;
    bool waiting_{false};  // an async_wait on epoll_ is pending
    bool dispatch_posted_{false};
    bool deferred_posted_{false};
    detail::EventList ready_;
    detail::EventList deferred_;
    std::mutex inject_mutex_;
    detail::EventList injected_;  // guarded by inject_mutex_
    bool inject_posted_{false};   // guarded by inject_mutex_
};

}  // namespace walkbreak::daemon
