// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/fd_event.hpp"

#include <utility>

namespace walkbreak::daemon {

FdEvent::FdEvent(boost::asio::io_context& io, int fd, Handler on_ready)
    : loop_(EventLoop::of(io)), fd_(fd), on_ready_(std::move(on_ready)) {}

void FdEvent::set_fd(int fd) {
    cancel();
    fd_ = fd;
}

void FdEvent::schedule(std::uint32_t events) {
    if (events == scheduled_) return;
    if (events == 0) {
        loop_.remove_fd(fd_, *this);
    } else if (scheduled_ == 0) {
        loop_.add_fd(fd_, events, *this);
    } else {
        loop_.modify_fd(fd_, events, *this);
    }
    scheduled_ = events;
}

void FdEvent::run() noexcept {
    // Found ready before a schedule() that no longer asks for all of it.
    const std::uint32_t events = ready_events & (scheduled_ | error | hangup);
    if (events == 0 || scheduled_ == 0) return;
    // A copy: the callback may destroy this event, and with it on_ready_.
    const Handler on_ready = on_ready_;
    on_ready(events);
}

}  // namespace walkbreak::daemon
