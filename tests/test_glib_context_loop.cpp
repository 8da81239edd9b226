// SPDX-License-Identifier: GPL-3.0-or-later
// A GMainContext run from the event layer (daemon/glib_context_loop.hpp), as
// GLib and dconf use it: a source attached from another thread wakes it and
// runs on the loop thread, a timeout arms the timer only while it is due, a
// descriptor polled by two sources is watched once and wakes both, and a
// quiet context holds nothing but its wakeup descriptor.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <glib.h>
#include <boost/asio/io_context.hpp>
#include <glib-unix.h>

#include "daemon/glib_context_loop.hpp"
#include "loop_test_support.hpp"
#include "pipe_test_support.hpp"

using walkbreak::daemon::GlibContextLoop;
using walkbreak::test::Pipe;
using walkbreak::test::run_ready;
using walkbreak::test::run_until;

namespace {

struct Seen {
    int runs{0};
    std::thread::id thread;
};

gboolean on_source(gpointer data) {
    auto& seen = *static_cast<Seen*>(data);
    ++seen.runs;
    seen.thread = std::this_thread::get_id();
    return G_SOURCE_REMOVE;
}

gboolean on_fd(gint, GIOCondition, gpointer data) { return on_source(data); }

void attach(GSource* source, GMainContext* context) {
    g_source_attach(source, context);
    g_source_unref(source);
}

}  // namespace

TEST_CASE("a source attached from another thread runs on the loop thread", "[unit][glib]") {
    boost::asio::io_context io;
    GlibContextLoop loop{io};
    run_ready(io);
    CHECK(loop.watched_count() == 1);  // the context's wakeup descriptor
    CHECK_FALSE(loop.timer_armed());

    Seen seen;
    std::thread other([&] {
        GSource* idle = g_idle_source_new();
        g_source_set_callback(idle, on_source, &seen, nullptr);
        attach(idle, loop.context());
    });
    other.join();
    run_until(io, [&] { return seen.runs > 0; });
    run_ready(io);
    CHECK(seen.runs == 1);
    CHECK(seen.thread == std::this_thread::get_id());
    CHECK(loop.watched_count() == 1);
    CHECK_FALSE(loop.timer_armed());
}

TEST_CASE("a timeout arms the timer until it has fired", "[unit][glib]") {
    boost::asio::io_context io;
    GlibContextLoop loop{io};
    Seen seen;
    const auto start = std::chrono::steady_clock::now();
    {
        GlibContextLoop::Scope scope(loop);
        GSource* timeout = g_timeout_source_new(50);
        g_source_set_callback(timeout, on_source, &seen, nullptr);
        attach(timeout, g_main_context_get_thread_default());
    }
    run_ready(io);  // the context is queried again once the scope ends
    CHECK(loop.timer_armed());
    run_until(io, [&] { return seen.runs > 0; });
    CHECK(seen.runs == 1);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds{50});
    run_ready(io);
    CHECK_FALSE(loop.timer_armed());
}

TEST_CASE("a descriptor polled by two sources is watched once and wakes both", "[unit][glib]") {
    boost::asio::io_context io;
    GlibContextLoop loop{io};
    Pipe pipe;
    Seen first;
    Seen second;
    {
        GlibContextLoop::Scope scope(loop);
        for (Seen* seen : {&first, &second}) {
            GSource* readable = g_unix_fd_source_new(pipe.read_end.get(), G_IO_IN);
            // As G_SOURCE_FUNC does: through void (*)(void), the type every
            // GLib callback is cast to.
            g_source_set_callback(
                readable, reinterpret_cast<GSourceFunc>(reinterpret_cast<void (*)()>(on_fd)), seen,
                nullptr);
            attach(readable, loop.context());
        }
    }
    run_ready(io);
    CHECK(loop.watched_count() == 2);  // the pipe and the wakeup descriptor
    CHECK(first.runs == 0);
    pipe.put();
    run_until(io, [&] { return first.runs > 0 && second.runs > 0; });
    CHECK(first.runs == 1);
    CHECK(second.runs == 1);
    run_ready(io);
    CHECK(loop.watched_count() == 1);
}

TEST_CASE("what is due when the loop goes runs then, instead of leaking", "[unit][glib]") {
    boost::asio::io_context io;
    Seen seen;
    {
        GlibContextLoop loop{io};
        GSource* idle = g_idle_source_new();
        g_source_set_callback(idle, on_source, &seen, nullptr);
        attach(idle, loop.context());
    }
    CHECK(seen.runs == 1);
}
