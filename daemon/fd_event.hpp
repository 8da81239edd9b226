// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A watch on one file descriptor (MPD's SocketEvent), see event_loop.hpp for
// the guarantee. The descriptor is not owned: its owner closes it, and must
// cancel the watch (or destroy it) first. Errors and hang-ups are always
// reported, with whatever else is ready; the callback consumes what made the
// descriptor ready or cancels the watch, else it is called again.
#include <sys/epoll.h>

#include <cstdint>

#include <boost/asio/io_context.hpp>

#include "daemon/event_callback.hpp"
#include "daemon/event_loop.hpp"

namespace walkbreak::daemon {

class FdEvent final : private detail::EventLink {
public:
    static constexpr std::uint32_t read = EPOLLIN;
    static constexpr std::uint32_t write = EPOLLOUT;
    static constexpr std::uint32_t error = EPOLLERR;
    static constexpr std::uint32_t hangup = EPOLLHUP;
    // Exceptional conditions, such as a change of /proc/self/mountinfo.
    static constexpr std::uint32_t priority = EPOLLPRI;

    using Handler = Callback<void(std::uint32_t events)>;

    FdEvent(boost::asio::io_context& io, int fd, Handler on_ready);
    ~FdEvent() { cancel(); }
    FdEvent(const FdEvent&) = delete;
    FdEvent& operator=(const FdEvent&) = delete;

    // Watches another descriptor; the old one's watch is cancelled.
    void set_fd(int fd);
    int fd() const { return fd_; }

    // Watches for exactly `events` (read, write, priority); 0 cancels.
    void schedule(std::uint32_t events);
    void schedule_read() { schedule(scheduled_ | read); }
    void schedule_write() { schedule(scheduled_ | write); }
    void cancel_write() { schedule(scheduled_ & ~write); }
    // Stops watching; a readiness already found is dropped.
    void cancel() { schedule(0); }
    std::uint32_t scheduled() const { return scheduled_; }

private:
    void run() noexcept override;

    EventLoop& loop_;
    int fd_;
    std::uint32_t scheduled_{0};
    Handler on_ready_;
};

}  // namespace walkbreak::daemon
