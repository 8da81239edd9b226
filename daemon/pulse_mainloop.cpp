// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/pulse_mainloop.hpp"

#include <fcntl.h>
#include <sys/time.h>
#include <time.h>

#include <algorithm>
#include <system_error>
#include <utility>

#include "daemon/defer_event.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/unique_fd.hpp"

using walkbreak::daemon::DeferEvent;
using walkbreak::daemon::FdEvent;
using walkbreak::daemon::PulseMainloop;
using walkbreak::daemon::UniqueFd;

// The three event types libpulse leaves to its main loop to define.

struct pa_io_event {
    PulseMainloop& loop;
    int fd;  // libpulse's, handed back to its callback
    // A duplicate of fd is what the epoll set watches. libpulse may watch
    // one descriptor twice for a moment (a TCP connect completing: the
    // connection's io event is made before the connect's is freed), which
    // epoll refuses for the same descriptor but not for a duplicate; and
    // owning what is watched means a descriptor libpulse closes first can
    // never leave a registration behind pointing at a freed event.
    UniqueFd watched;
    FdEvent watch;
    pa_io_event_cb_t callback;
    void* userdata;
    pa_io_event_destroy_cb_t destroy{nullptr};

    pa_io_event(PulseMainloop& l, boost::asio::io_context& io, int f, pa_io_event_cb_t cb,
                void* data)
        : loop(l),
          fd(f),
          watched(::fcntl(f, F_DUPFD_CLOEXEC, 0)),
          // Out of descriptors: the original serves; if epoll refuses it as
          // watched twice, the event stays unwatched (watch_for).
          watch(io, watched ? watched.get() : f,
                [this](std::uint32_t events) noexcept { on_ready(events); }),
          callback(cb),
          userdata(data) {}

    void on_ready(std::uint32_t events) noexcept;
};

struct pa_time_event {
    PulseMainloop& loop;
    pa_time_event_cb_t callback;
    void* userdata;
    pa_time_event_destroy_cb_t destroy{nullptr};
    bool armed{false};
    timeval when{};                       // as libpulse gave it, handed back to its callback
    std::chrono::nanoseconds deadline{};  // the same instant on CLOCK_MONOTONIC
    std::uint64_t ran_in_pass{0};
};

struct pa_defer_event {
    PulseMainloop& loop;
    DeferEvent call;
    pa_defer_event_cb_t callback;
    void* userdata;
    pa_defer_event_destroy_cb_t destroy{nullptr};

    pa_defer_event(PulseMainloop& l, boost::asio::io_context& io, pa_defer_event_cb_t cb,
                   void* data)
        : loop(l), call(io, [this]() noexcept { run(); }), callback(cb), userdata(data) {}

    void run() noexcept;
};

namespace walkbreak::daemon {
namespace {

std::uint32_t to_epoll(pa_io_event_flags_t flags) {
    std::uint32_t events = 0;
    if ((flags & PA_IO_EVENT_INPUT) != 0) events |= FdEvent::read;
    if ((flags & PA_IO_EVENT_OUTPUT) != 0) events |= FdEvent::write;
    return events;  // errors and hang-ups are always reported
}

pa_io_event_flags_t from_epoll(std::uint32_t events) {
    unsigned flags = PA_IO_EVENT_NULL;
    if ((events & FdEvent::read) != 0) flags |= PA_IO_EVENT_INPUT;
    if ((events & FdEvent::write) != 0) flags |= PA_IO_EVENT_OUTPUT;
    if ((events & FdEvent::hangup) != 0) flags |= PA_IO_EVENT_HANGUP;
    if ((events & FdEvent::error) != 0) flags |= PA_IO_EVENT_ERROR;
    return static_cast<pa_io_event_flags_t>(flags);
}

// libpulse marks a time on its monotonic clock with this bit of tv_usec
// (PA_TIMEVAL_RTCLOCK, pulsecore/core-rtclock.h, not installed). It does so
// only for its own main loop (a pa_context's use_rtclock is
// pa_mainloop_is_our_api()), so the times it gives this one are on the wall
// clock; both are understood, as libpulse's GLib adapter does.
constexpr suseconds_t rtclock_flag = suseconds_t{1} << 30;

// The instant `tv` names, on CLOCK_MONOTONIC. A wall-clock time is turned
// into a delay from now, as libpulse's own loops do, so a later jump of the
// wall clock does not move it.
std::chrono::nanoseconds monotonic_deadline(const timeval& tv) {
    using namespace std::chrono;
    const bool monotonic = (tv.tv_usec & rtclock_flag) != 0;
    const nanoseconds t = seconds{tv.tv_sec} + microseconds{tv.tv_usec & ~rtclock_flag};
    if (monotonic) return t;
    timespec real{};
    clock_gettime(CLOCK_REALTIME, &real);
    const nanoseconds now_real = seconds{real.tv_sec} + nanoseconds{real.tv_nsec};
    return clock_now(TimerClock::Monotonic) + (t - now_real);
}

template <typename Event>
void erase_event(std::vector<std::unique_ptr<Event>>& events, Event* e) {
    const auto it = std::find_if(events.begin(), events.end(),
                                 [e](const std::unique_ptr<Event>& p) { return p.get() == e; });
    if (it == events.end()) return;
    std::unique_ptr<Event> owned = std::move(*it);
    events.erase(it);
    // Destroyed here: the destroy callback may free the event's user data,
    // never the event, which libpulse no longer names.
    if (owned->destroy != nullptr) owned->destroy(owned->loop.api(), owned.get(), owned->userdata);
}

}  // namespace

// The entry points of pa_mainloop_api: C calls them, so each is noexcept.
struct PulseApi {
    static PulseMainloop& of(pa_mainloop_api* api) {
        return *static_cast<PulseMainloop*>(api->userdata);
    }

    static pa_io_event* io_new(pa_mainloop_api* api, int fd, pa_io_event_flags_t flags,
                               pa_io_event_cb_t callback, void* userdata) noexcept {
        PulseMainloop& loop = of(api);
        auto& e = loop.io_events_.emplace_back(
            std::make_unique<pa_io_event>(loop, loop.io_, fd, callback, userdata));
        watch_for(*e, flags);
        return e.get();
    }
    static void io_enable(pa_io_event* e, pa_io_event_flags_t flags) noexcept {
        watch_for(*e, flags);
    }
    // A watch epoll refuses (only without a descriptor of its own) leaves the
    // connection unwatched: libpulse's own timeout then fails it, and the
    // source reconnects, where an exception here would end the daemon.
    static void watch_for(pa_io_event& e, pa_io_event_flags_t flags) noexcept {
        try {
            e.watch.schedule(to_epoll(flags));
        } catch (const std::system_error&) {
        }
    }
    static void io_free(pa_io_event* e) noexcept { erase_event(e->loop.io_events_, e); }
    static void io_set_destroy(pa_io_event* e, pa_io_event_destroy_cb_t destroy) noexcept {
        e->destroy = destroy;
    }

    static pa_time_event* time_new(pa_mainloop_api* api, const timeval* tv,
                                   pa_time_event_cb_t callback, void* userdata) noexcept {
        PulseMainloop& loop = of(api);
        auto& e = loop.time_events_.emplace_back(
            std::make_unique<pa_time_event>(pa_time_event{loop, callback, userdata}));
        time_restart(e.get(), tv);
        return e.get();
    }
    // A null time disarms.
    static void time_restart(pa_time_event* e, const timeval* tv) noexcept {
        e->armed = tv != nullptr;
        if (tv != nullptr) {
            e->when = *tv;
            e->deadline = monotonic_deadline(*tv);
        }
        e->loop.rearm_timer();
    }
    static void time_free(pa_time_event* e) noexcept {
        PulseMainloop& loop = e->loop;
        erase_event(loop.time_events_, e);
        loop.rearm_timer();
    }
    static void time_set_destroy(pa_time_event* e, pa_time_event_destroy_cb_t destroy) noexcept {
        e->destroy = destroy;
    }

    static pa_defer_event* defer_new(pa_mainloop_api* api, pa_defer_event_cb_t callback,
                                     void* userdata) noexcept {
        PulseMainloop& loop = of(api);
        auto& e = loop.defer_events_.emplace_back(
            std::make_unique<pa_defer_event>(loop, loop.io_, callback, userdata));
        e->call.schedule();
        return e.get();
    }
    static void defer_enable(pa_defer_event* e, int enable) noexcept {
        // Enabled means scheduled: DeferEvent is the state.
        if (enable != 0) {
            e->call.schedule();
        } else {
            e->call.cancel();
        }
    }
    static void defer_free(pa_defer_event* e) noexcept { erase_event(e->loop.defer_events_, e); }
    static void defer_set_destroy(pa_defer_event* e, pa_defer_event_destroy_cb_t destroy) noexcept {
        e->destroy = destroy;
    }

    // walkbreakd's loop is not libpulse's to stop; a pa_context never asks.
    static void quit(pa_mainloop_api*, int) noexcept {}
};

PulseMainloop::PulseMainloop(boost::asio::io_context& io)
    : io_(io),
      api_{.userdata = this,
           .io_new = &PulseApi::io_new,
           .io_enable = &PulseApi::io_enable,
           .io_free = &PulseApi::io_free,
           .io_set_destroy = &PulseApi::io_set_destroy,
           .time_new = &PulseApi::time_new,
           .time_restart = &PulseApi::time_restart,
           .time_free = &PulseApi::time_free,
           .time_set_destroy = &PulseApi::time_set_destroy,
           .defer_new = &PulseApi::defer_new,
           .defer_enable = &PulseApi::defer_enable,
           .defer_free = &PulseApi::defer_free,
           .defer_set_destroy = &PulseApi::defer_set_destroy,
           .quit = &PulseApi::quit},
      timer_(io, TimerClock::Monotonic, [this]() noexcept { on_timer(); }) {}

PulseMainloop::~PulseMainloop() {
    dispatching_timers_ = true;  // nothing to re-arm any more
    while (!defer_events_.empty()) PulseApi::defer_free(defer_events_.back().get());
    while (!time_events_.empty()) PulseApi::time_free(time_events_.back().get());
    while (!io_events_.empty()) PulseApi::io_free(io_events_.back().get());
}

std::size_t PulseMainloop::armed_time_event_count() const {
    return static_cast<std::size_t>(std::count_if(time_events_.begin(), time_events_.end(),
                                                  [](const auto& e) { return e->armed; }));
}

// Each callback may free or re-arm any time event, this one included, so the
// list is searched afresh after each; one re-armed for a time already past
// runs on the next expiry, not again in this one.
void PulseMainloop::on_timer() noexcept {
    const std::chrono::nanoseconds now = clock_now(TimerClock::Monotonic);
    ++timer_pass_;
    dispatching_timers_ = true;
    while (pa_time_event* e = next_due(now)) {
        e->armed = false;
        e->ran_in_pass = timer_pass_;
        const timeval when = e->when;
        e->callback(&api_, e, &when, e->userdata);
    }
    dispatching_timers_ = false;
    rearm_timer();
}

pa_time_event* PulseMainloop::next_due(std::chrono::nanoseconds now) const {
    for (const auto& e : time_events_) {
        if (e->armed && e->deadline <= now && e->ran_in_pass != timer_pass_) return e.get();
    }
    return nullptr;
}

void PulseMainloop::rearm_timer() {
    if (dispatching_timers_) return;  // on_timer re-arms once it is done
    const pa_time_event* earliest = nullptr;
    for (const auto& e : time_events_) {
        if (e->armed && (earliest == nullptr || e->deadline < earliest->deadline))
            earliest = e.get();
    }
    if (earliest == nullptr) {
        timer_.disarm();
    } else {
        timer_.arm_at(earliest->deadline);
    }
}

}  // namespace walkbreak::daemon

void pa_io_event::on_ready(std::uint32_t events) noexcept {
    // The callback may free this event: nothing of it is touched afterwards.
    callback(loop.api(), this, fd, walkbreak::daemon::from_epoll(events), userdata);
}

// Runs again on the next pass while enabled, as in libpulse's own loop:
// scheduled before the callback, which may disable or free it.
void pa_defer_event::run() noexcept {
    call.schedule();
    callback(loop.api(), this, userdata);
}
