// SPDX-License-Identifier: GPL-3.0-or-later
// libpulse's main loop interface on the event layer (daemon/pulse_mainloop.hpp),
// called as libpulse calls it: io events on pipes, time events on the wall
// clock, defer events that run while enabled, libpulse's own
// pa_mainloop_api_once on top, and a pa_context that finds no server.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <pulse/context.h>
#include <pulse/mainloop-api.h>

#include "daemon/meeting_microphone.hpp"
#include "daemon/pulse_mainloop.hpp"
#include "loop_test_support.hpp"
#include "pipe_test_support.hpp"

using namespace walkbreak;
using daemon::PulseMainloop;

namespace {

using walkbreak::test::Pipe;
using walkbreak::test::run_ready;
using walkbreak::test::run_until;

// What the C callbacks saw.
struct Seen {
    std::vector<std::string> calls;
    pa_mainloop_api* api{nullptr};
    pa_time_event* other{nullptr};  // freed by the first time callback
    pa_defer_event* defer{nullptr};
    int defer_runs{0};
    timeval when{};
};

void on_io(pa_mainloop_api*, pa_io_event*, int fd, pa_io_event_flags_t flags, void* data) {
    auto& seen = *static_cast<Seen*>(data);
    char c = 0;
    while (::read(fd, &c, 1) == 1) {
    }
    seen.calls.push_back((flags & PA_IO_EVENT_INPUT) != 0 ? "input" : "other");
}

void on_time(pa_mainloop_api*, pa_time_event*, const timeval* tv, void* data) {
    auto& seen = *static_cast<Seen*>(data);
    seen.when = *tv;
    seen.calls.emplace_back("time");
}

void on_time_freeing_other(pa_mainloop_api* api, pa_time_event*, const timeval*, void* data) {
    auto& seen = *static_cast<Seen*>(data);
    seen.calls.emplace_back("first");
    api->time_free(seen.other);
}

void on_time_other(pa_mainloop_api*, pa_time_event*, const timeval*, void* data) {
    static_cast<Seen*>(data)->calls.emplace_back("other");
}

void on_defer(pa_mainloop_api* api, pa_defer_event* e, void* data) {
    auto& seen = *static_cast<Seen*>(data);
    if (++seen.defer_runs == 3) api->defer_enable(e, 0);
}

void on_destroyed(pa_mainloop_api*, pa_io_event*, void* data) {
    static_cast<Seen*>(data)->calls.emplace_back("io destroyed");
}
void on_time_destroyed(pa_mainloop_api*, pa_time_event*, void* data) {
    static_cast<Seen*>(data)->calls.emplace_back("time destroyed");
}

void on_once(pa_mainloop_api*, void* data) { static_cast<Seen*>(data)->calls.emplace_back("once"); }

timeval wall_clock_in(std::chrono::milliseconds delay) {
    const auto usec = std::chrono::duration_cast<std::chrono::microseconds>(
                          (std::chrono::system_clock::now() + delay).time_since_epoch())
                          .count();
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(usec / 1'000'000);
    tv.tv_usec = static_cast<suseconds_t>(usec % 1'000'000);
    return tv;
}

}  // namespace

TEST_CASE("an io event reports input until it is disabled", "[unit][pulse]") {
    boost::asio::io_context io;
    PulseMainloop loop{io};
    pa_mainloop_api* api = loop.api();
    Seen seen;
    Pipe pipe;
    pa_io_event* e = api->io_new(api, pipe.read_end.get(), PA_IO_EVENT_INPUT, on_io, &seen);
    pipe.put();
    run_until(io, [&] { return !seen.calls.empty(); });
    CHECK(seen.calls == std::vector<std::string>{"input"});

    api->io_enable(e, PA_IO_EVENT_NULL);
    pipe.put();
    run_ready(io);
    CHECK(seen.calls.size() == 1);
    api->io_enable(e, PA_IO_EVENT_INPUT);
    run_until(io, [&] { return seen.calls.size() == 2; });
    CHECK(seen.calls.size() == 2);
    api->io_free(e);
    CHECK(loop.io_event_count() == 0);
}

// As libpulse does when a TCP connect completes: the connection's watch is
// made before the connect's is freed.
TEST_CASE("two io events may watch one descriptor", "[unit][pulse]") {
    boost::asio::io_context io;
    PulseMainloop loop{io};
    pa_mainloop_api* api = loop.api();
    Seen first;
    Seen second;
    Pipe pipe;
    pa_io_event* a = api->io_new(api, pipe.read_end.get(), PA_IO_EVENT_INPUT, on_io, &first);
    pa_io_event* b = api->io_new(api, pipe.read_end.get(), PA_IO_EVENT_INPUT, on_io, &second);
    api->io_free(a);
    pipe.put();
    run_until(io, [&] { return !second.calls.empty(); });
    CHECK(first.calls.empty());
    CHECK(second.calls == std::vector<std::string>{"input"});
    api->io_free(b);
}

TEST_CASE("a time event on the wall clock fires once, not before its time", "[unit][pulse]") {
    boost::asio::io_context io;
    PulseMainloop loop{io};
    pa_mainloop_api* api = loop.api();
    Seen seen;
    const timeval when = wall_clock_in(std::chrono::milliseconds{100});
    pa_time_event* e = api->time_new(api, &when, on_time, &seen);
    CHECK(loop.armed_time_event_count() == 1);
    run_until(io, [&] { return !seen.calls.empty(); });
    timeval now{};
    gettimeofday(&now, nullptr);
    REQUIRE(seen.calls == std::vector<std::string>{"time"});
    CHECK((now.tv_sec > when.tv_sec || (now.tv_sec == when.tv_sec && now.tv_usec >= when.tv_usec)));
    CHECK(seen.when.tv_sec == when.tv_sec);
    CHECK(seen.when.tv_usec == when.tv_usec);
    CHECK(loop.armed_time_event_count() == 0);

    // Restarted, it fires again; disarmed (a null time), it does not.
    const timeval soon = wall_clock_in(std::chrono::milliseconds{10});
    api->time_restart(e, &soon);
    run_until(io, [&] { return seen.calls.size() == 2; });
    CHECK(seen.calls.size() == 2);
    api->time_restart(e, nullptr);
    CHECK(loop.armed_time_event_count() == 0);
    api->time_free(e);
}

TEST_CASE("a time event freed by another one due in the same expiry never runs", "[unit][pulse]") {
    boost::asio::io_context io;
    PulseMainloop loop{io};
    pa_mainloop_api* api = loop.api();
    Seen seen;
    const timeval past = wall_clock_in(std::chrono::milliseconds{-1000});
    const timeval later = wall_clock_in(std::chrono::milliseconds{-999});
    pa_time_event* first = api->time_new(api, &past, on_time_freeing_other, &seen);
    seen.other = api->time_new(api, &later, on_time_other, &seen);
    api->time_set_destroy(seen.other, on_time_destroyed);
    run_until(io, [&] { return !seen.calls.empty(); });
    run_ready(io);
    CHECK(seen.calls == std::vector<std::string>{"first", "time destroyed"});
    api->time_free(first);
}

TEST_CASE("a time on libpulse's monotonic clock is understood", "[unit][pulse]") {
    boost::asio::io_context io;
    PulseMainloop loop{io};
    pa_mainloop_api* api = loop.api();
    Seen seen;
    timespec mono{};
    clock_gettime(CLOCK_MONOTONIC, &mono);
    timeval when{};
    when.tv_sec = mono.tv_sec;
    when.tv_usec = static_cast<suseconds_t>(mono.tv_nsec / 1000) | (suseconds_t{1} << 30);
    pa_time_event* e = api->time_new(api, &when, on_time, &seen);
    run_until(io, [&] { return !seen.calls.empty(); });
    CHECK(seen.calls == std::vector<std::string>{"time"});
    api->time_free(e);
}

TEST_CASE("a defer event runs on each pass while enabled", "[unit][pulse]") {
    boost::asio::io_context io;
    PulseMainloop loop{io};
    pa_mainloop_api* api = loop.api();
    Seen seen;
    pa_defer_event* e = api->defer_new(api, on_defer, &seen);
    run_ready(io);
    CHECK(seen.defer_runs == 3);  // it disabled itself on the third
    api->defer_enable(e, 1);
    api->defer_enable(e, 0);
    run_ready(io);
    CHECK(seen.defer_runs == 3);
    api->defer_free(e);
}

TEST_CASE("libpulse's pa_mainloop_api_once runs once and frees its event", "[unit][pulse]") {
    boost::asio::io_context io;
    PulseMainloop loop{io};
    Seen seen;
    pa_mainloop_api_once(loop.api(), on_once, &seen);
    run_ready(io);
    CHECK(seen.calls == std::vector<std::string>{"once"});
}

TEST_CASE("events libpulse left are destroyed with the loop", "[unit][pulse]") {
    boost::asio::io_context io;
    Seen seen;
    Pipe pipe;
    {
        PulseMainloop loop{io};
        pa_mainloop_api* api = loop.api();
        pa_io_event* e = api->io_new(api, pipe.read_end.get(), PA_IO_EVENT_INPUT, on_io, &seen);
        api->io_set_destroy(e, on_destroyed);
        const timeval when = wall_clock_in(std::chrono::milliseconds{60'000});
        pa_time_event* t = api->time_new(api, &when, on_time, &seen);
        api->time_set_destroy(t, on_time_destroyed);
    }
    CHECK(seen.calls == std::vector<std::string>{"time destroyed", "io destroyed"});
    pipe.put();
    run_ready(io);
    CHECK(seen.calls.size() == 2);
}

TEST_CASE("open_microphone_source says when there is no audio server", "[unit][microphone]") {
    // libpulse connects to $PULSE_SERVER first and only: a socket nobody serves.
    const std::string missing = "unix:/nonexistent-walkbreak-test/pulse/native";
    REQUIRE(::setenv("PULSE_SERVER", missing.c_str(), 1) == 0);
    boost::asio::io_context io;
    daemon::Logger log{false, false};
    daemon::MeetingSourceOptions options;
    auto source = daemon::open_microphone_source(io, options, {}, log);
    ::unsetenv("PULSE_SERVER");
    REQUIRE_FALSE(source.ok());
    CHECK_THAT(source.error(), Catch::StartsWith("no audio server: libpulse could not connect ("));
}
