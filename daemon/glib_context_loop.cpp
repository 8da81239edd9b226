// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/glib_context_loop.hpp"

#include <algorithm>
#include <chrono>
#include <system_error>
#include <utility>

#include <glib.h>

namespace walkbreak::daemon {
namespace {

std::uint32_t to_epoll(gushort events) {
    std::uint32_t wanted = 0;
    if ((events & (G_IO_IN | G_IO_PRI)) != 0) wanted |= FdEvent::read;
    if ((events & G_IO_OUT) != 0) wanted |= FdEvent::write;
    return wanted;  // errors and hang-ups are always reported
}

gushort from_epoll(std::uint32_t events) {
    unsigned found = 0;
    if ((events & FdEvent::read) != 0) found |= G_IO_IN;
    if ((events & FdEvent::write) != 0) found |= G_IO_OUT;
    if ((events & FdEvent::error) != 0) found |= G_IO_ERR;
    if ((events & FdEvent::hangup) != 0) found |= G_IO_HUP;
    return static_cast<gushort>(found);
}

}  // namespace

GlibContextLoop::GlibContextLoop(boost::asio::io_context& io)
    : context_(g_main_context_new()),
      timer_(io, TimerClock::Monotonic, [this]() noexcept { cycle(); }),
      again_(io, [this]() noexcept { cycle(); }),
      io_(io) {
    // Owned by this thread from now on; see the header for why it matters.
    g_main_context_acquire(context_);
    prepare();
}

GlibContextLoop::~GlibContextLoop() {
    watches_.clear();
    // What the context's users left due (GSettings' change notices hold a
    // reference to their object until they are dispatched) runs now, with
    // its users gone, instead of leaking with the context.
    while (g_main_context_iteration(context_, FALSE) != FALSE) {
    }
    g_main_context_release(context_);
    g_main_context_unref(context_);
}

GlibContextLoop::Scope::Scope(GlibContextLoop& loop) : loop_(loop) {
    g_main_context_push_thread_default(loop_.context_);
}

GlibContextLoop::Scope::~Scope() {
    g_main_context_pop_thread_default(loop_.context_);
    loop_.again_.schedule();
}

// One iteration of the context: the sources found ready by the last query
// are dispatched (GLib's check sees what was found on each descriptor, and
// acknowledges a wakeup), then the next query is watched.
void GlibContextLoop::cycle() noexcept {
    again_.cancel();
    timer_.disarm();
    if (prepared_) {
        prepared_ = false;
        if (g_main_context_check(context_, priority_, polled_.data(),
                                 static_cast<gint>(polled_.size())) != FALSE)
            g_main_context_dispatch(context_);
    }
    prepare();
}

void GlibContextLoop::prepare() {
    gint priority = 0;
    const bool ready = g_main_context_prepare(context_, &priority) != FALSE;
    priority_ = priority;
    gint timeout_ms = -1;
    std::vector<GPollFD> polled(std::max<std::size_t>(polled_.size(), 4));
    for (;;) {
        const gint n = g_main_context_query(context_, priority_, &timeout_ms, polled.data(),
                                            static_cast<gint>(polled.size()));
        const auto needed = static_cast<std::size_t>(n);
        if (needed <= polled.size()) {
            polled.resize(needed);
            break;
        }
        polled.resize(needed);
    }
    for (GPollFD& p : polled) p.revents = 0;
    watch(polled);
    polled_ = std::move(polled);
    prepared_ = true;
    if (ready || timeout_ms == 0) {
        again_.schedule();
    } else if (timeout_ms > 0) {
        timer_.arm_after(std::chrono::milliseconds{timeout_ms});
    }
}

// One FdEvent per descriptor (GLib may poll one twice, for different
// events, which epoll refuses), kept while the descriptor stays polled.
void GlibContextLoop::watch(const std::vector<GPollFD>& polled) {
    std::vector<Watch> next;
    for (const GPollFD& p : polled) {
        auto same = [&](const Watch& w) { return w.fd == p.fd; };
        if (auto it = std::find_if(next.begin(), next.end(), same); it != next.end()) {
            it->events |= to_epoll(p.events);
            continue;
        }
        Watch w{p.fd, to_epoll(p.events), nullptr};
        if (auto old = std::find_if(watches_.begin(), watches_.end(), same);
            old != watches_.end()) {
            w.event = std::move(old->event);
        } else {
            const int fd = p.fd;
            w.event = std::make_unique<FdEvent>(
                io_, fd, [this, fd](std::uint32_t events) noexcept { on_ready(fd, events); });
        }
        next.push_back(std::move(w));
    }
    watches_ = std::move(next);  // the descriptors no longer polled are dropped
    // epoll refuses a descriptor only when it is not open any more, which a
    // GLib source that has just closed it (its next query drops it) may do;
    // thrown from here it would end the daemon inside a callback.
    for (Watch& w : watches_) {
        try {
            w.event->schedule(w.events);
        } catch (const std::system_error&) {
        }
    }
}

void GlibContextLoop::on_ready(int fd, std::uint32_t events) noexcept {
    for (GPollFD& p : polled_) {
        if (p.fd == fd) p.revents = from_epoll(events) & (p.events | G_IO_ERR | G_IO_HUP);
    }
    cycle();
}

}  // namespace walkbreak::daemon
