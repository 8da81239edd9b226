// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/event_loop.hpp"

#include <sys/epoll.h>

#include <cerrno>
#include <system_error>

#include <boost/asio/post.hpp>

namespace walkbreak::daemon {
namespace {

int make_epoll() {
    const int fd = ::epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
    return fd;
}

// Runs a list to its end. Each event is unlinked before it runs, so that it
// may schedule itself again; one unlinked by a callback (cancelled or
// destroyed) is simply no longer there.
void run_all(detail::EventList& list) {
    while (!list.empty()) {
        detail::EventLink& event = list.front();
        list.pop_front();
        event.run();
    }
}

}  // namespace

boost::asio::io_context::id EventLoop::id;

EventLoop& EventLoop::of(boost::asio::io_context& io) {
    return boost::asio::use_service<EventLoop>(io);
}

EventLoop::EventLoop(boost::asio::io_context& io)
    : boost::asio::io_context::service(io), io_(io), epoll_(io, make_epoll()) {}

EventLoop::~EventLoop() = default;

void EventLoop::shutdown() {
    boost::system::error_code ignored;
    epoll_.close(ignored);
}

// Fails only for a descriptor that cannot be watched (a regular file) or is
// not open: a bug in the caller, thrown like any set-up error.
void EventLoop::control(int operation, int fd, std::uint32_t events, detail::EventLink& event) {
    epoll_event e{};
    e.events = events;
    e.data.ptr = &event;
    if (::epoll_ctl(epoll_.native_handle(), operation, fd, &e) != 0)
        throw std::system_error(errno, std::generic_category(), "epoll_ctl");
}

void EventLoop::add_fd(int fd, std::uint32_t events, detail::EventLink& event) {
    control(EPOLL_CTL_ADD, fd, events, event);
    wait_for_epoll();
}

void EventLoop::modify_fd(int fd, std::uint32_t events, detail::EventLink& event) {
    control(EPOLL_CTL_MOD, fd, events, event);
}

void EventLoop::remove_fd(int fd, detail::EventLink& event) {
    // Fails only when the owner closed the descriptor first, which removed it.
    (void)::epoll_ctl(epoll_.native_handle(), EPOLL_CTL_DEL, fd, nullptr);
    event.unlink();  // a readiness not yet dispatched is dropped
}

// Started with the first watch, and pending from then on: an epoll set with
// nothing ready never wakes the loop, and cancelling the wait would queue a
// handler (a wakeup) for nothing. The wait is started again before the epoll
// set is read, so a descriptor that becomes ready while the callbacks run
// wakes the loop: asio reports an edge of the epoll descriptor only to a wait
// already pending.
void EventLoop::wait_for_epoll() {
    if (waiting_ || !epoll_.is_open()) return;
    waiting_ = true;
    epoll_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                      [this](const boost::system::error_code&) {
                          waiting_ = false;
                          wait_for_epoll();
                          dispatch_ready();
                      });
}

// Level-triggered: a descriptor still ready after its callback is found
// again by the next epoll_wait; the loop goes back to asio once one finds
// nothing (the usual case: one more syscall, no more handlers), or after a
// few rounds, so that other handlers get their turn.
void EventLoop::dispatch_ready() {
    constexpr int max_rounds = 8;
    for (int round = 0; round < max_rounds; ++round) {
        if (!epoll_.is_open()) return;
        epoll_event events[32];
        const int n = ::epoll_wait(epoll_.native_handle(), events, 32, 0);
        if (n <= 0) return;
        for (int i = 0; i < n; ++i) {
            auto* event = static_cast<detail::EventLink*>(events[i].data.ptr);
            event->ready_events = events[i].events;
            ready_.push_back(*event);
        }
        run_all(ready_);
    }
    post_dispatch();
}

void EventLoop::post_dispatch() {
    if (dispatch_posted_) return;
    dispatch_posted_ = true;
    boost::asio::post(io_, [this] {
        dispatch_posted_ = false;
        dispatch_ready();
    });
}

void EventLoop::defer(detail::EventLink& event) {
    if (event.is_linked()) return;
    deferred_.push_back(event);
    if (deferred_posted_) return;
    deferred_posted_ = true;
    boost::asio::post(io_, [this] { run_deferred(); });
}

// Only the calls deferred before this pass run in it; those deferred by them
// run in the next.
void EventLoop::run_deferred() {
    deferred_posted_ = false;
    detail::EventList now;
    now.splice(now.end(), deferred_);
    run_all(now);
}

void EventLoop::inject(detail::EventLink& event) {
    std::lock_guard lock(inject_mutex_);
    if (event.is_linked()) return;
    injected_.push_back(event);
    if (inject_posted_) return;
    inject_posted_ = true;
    boost::asio::post(io_, [this] { run_injected(); });
}

void EventLoop::cancel_injected(detail::EventLink& event) {
    std::lock_guard lock(inject_mutex_);
    event.unlink();
}

void EventLoop::run_injected() {
    std::unique_lock lock(inject_mutex_);
    inject_posted_ = false;
    while (!injected_.empty()) {
        detail::EventLink& event = injected_.front();
        injected_.pop_front();
        lock.unlock();
        event.run();  // may destroy the event: it is unlinked already
        lock.lock();
    }
}

}  // namespace walkbreak::daemon
