// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A GMainContext of its own, run from the event layer on the loop thread,
// for GLib objects that deliver their callbacks in the context that was the
// thread default when they were made (GSettings). No GLib thread of ours, no
// g_main_loop_run, nothing polled: each cycle does what one iteration of
// g_main_context_iterate does, with the waiting left to the loop.
//
//   prepare + query   the context's descriptors watched by FdEvents, its
//                     earliest timeout by one TimerEvent, a source already
//                     ready by a DeferEvent
//   check + dispatch  when one of them fires; then prepare and query again
//
// The context is acquired by the loop thread for as long as this exists.
// That is what makes other threads wake it: GLib signals a context's wakeup
// descriptor (one of the watched ones) when a source is attached to it from
// a thread other than its owner, as dconf's worker thread does with each
// change it hears on the session bus. A context with nothing due holds only
// that descriptor and no timeout: the loop is not woken.
//
// Loop thread only. Whatever uses the context (is made while Scope holds it)
// is destroyed before this. GLib's descriptors are watched as they are, not
// owned; a descriptor epoll refuses (a regular file) is left unwatched.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "daemon/defer_event.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/timer_event.hpp"

struct _GMainContext;
struct _GPollFD;

namespace walkbreak::daemon {

class GlibContextLoop {
public:
    // Starts running the new context from the loop.
    explicit GlibContextLoop(boost::asio::io_context& io);
    // Runs what is already due once more, then drops the context: sources
    // still attached are destroyed with it.
    ~GlibContextLoop();
    GlibContextLoop(const GlibContextLoop&) = delete;
    GlibContextLoop& operator=(const GlibContextLoop&) = delete;

    _GMainContext* context() const { return context_; }

    // The context as the loop thread's default while it lives: what GLib
    // objects made meanwhile capture for their callbacks. Sources attached
    // from the loop thread do not wake the context (it is this thread's), so
    // at its end the context is queried again, from the loop.
    class Scope {
    public:
        explicit Scope(GlibContextLoop& loop);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        GlibContextLoop& loop_;
    };

    // How many descriptors the context holds now, for tests: a quiet one
    // holds only its wakeup descriptor.
    std::size_t watched_count() const { return watches_.size(); }
    bool timer_armed() const { return timer_.armed(); }

private:
    struct Watch {
        int fd;
        std::uint32_t events;  // FdEvent's
        std::unique_ptr<FdEvent> event;
    };

    void cycle() noexcept;
    void prepare();
    void watch(const std::vector<_GPollFD>& polled);
    void on_ready(int fd, std::uint32_t events) noexcept;

    _GMainContext* context_;
    std::vector<_GPollFD> polled_;  // as the last query gave them, with what was found
    std::vector<Watch> watches_;    // one per distinct descriptor of polled_
    int priority_{0};               // the last prepare's, for check
    bool prepared_{false};          // a query awaits its check
    TimerEvent timer_;
    DeferEvent again_;  // a source was ready at prepare, the timeout is 0, or a Scope ended
    boost::asio::io_context& io_;
};

}  // namespace walkbreak::daemon
