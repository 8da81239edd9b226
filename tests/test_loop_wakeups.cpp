// SPDX-License-Identifier: GPL-3.0-or-later
// The loop's timers and deferred calls, and what they leave behind: the daemon
// must not be woken while nothing is due. Each test drives a real io_context
// from the test thread; `io.run_for` returns how many handlers ran, so "nothing
// woke the loop" is a count of 0 over a window longer than any deadline.
// Tests wait for what they expect to happen (run_one until it has), never
// for a bounded time: a loaded machine may be slow, not wrong.
#include <catch2/catch.hpp>

#include <memory>
#include <thread>

#include "control_test_support.hpp"
#include "daemon/control_server.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/timer_event.hpp"

using namespace walkbreak;
using namespace walkbreak::daemon;
using namespace std::chrono_literals;
using walkbreak::test::FakeHandler;
using walkbreak::test::TempDir;
using walkbreak::test::TestClient;

TEST_CASE("a timer fires once, not before its deadline, on either clock", "[loop]") {
    for (const TimerClock clock : {TimerClock::Monotonic, TimerClock::Boot}) {
        boost::asio::io_context io;
        int fired = 0;
        std::chrono::nanoseconds fired_at{};
        TimerEvent timer(io, clock, [&]() noexcept {
            ++fired;
            fired_at = clock_now(clock);
        });
        const auto deadline = clock_now(clock) + 50ms;
        timer.arm_at(deadline);
        CHECK(timer.armed());
        while (fired == 0) io.run_one();
        CHECK(fired_at >= deadline);
        CHECK_FALSE(timer.armed());
        CHECK(io.poll() == 0);  // once: nothing else is due
        CHECK(fired == 1);
    }
}

TEST_CASE("re-arming replaces the deadline and disarming drops it", "[loop]") {
    boost::asio::io_context io;
    int fired = 0;
    TimerEvent timer(io, TimerClock::Monotonic, [&]() noexcept { ++fired; });
    timer.arm_after(1ms);
    timer.arm_after(1h);                // replaces the first
    std::this_thread::sleep_for(20ms);  // the first deadline has passed
    CHECK(io.poll() == 0);
    CHECK(fired == 0);
    timer.disarm();
    CHECK_FALSE(timer.armed());
    CHECK(io.run_for(200ms) == 0);  // nothing wakes the loop
    CHECK(fired == 0);
    timer.arm_after(0ms);  // a deadline already due fires, from the loop
    CHECK(fired == 0);
    while (fired == 0) io.run_one();
    CHECK(fired == 1);
}

TEST_CASE("a deadline in the past fires once", "[loop]") {
    boost::asio::io_context io;
    int fired = 0;
    TimerEvent timer(io, TimerClock::Boot, [&]() noexcept { ++fired; });
    timer.arm_at(clock_now(TimerClock::Boot) - 1h);
    while (fired == 0) io.run_one();
    CHECK(io.poll() == 0);
    CHECK(fired == 1);
}

TEST_CASE("a timer re-armed from its callback fires again", "[loop]") {
    boost::asio::io_context io;
    int fired = 0;
    std::unique_ptr<TimerEvent> timer;
    timer = std::make_unique<TimerEvent>(io, TimerClock::Monotonic, [&]() noexcept {
        if (++fired < 3) timer->arm_after(1ms);
    });
    timer->arm_after(1ms);
    while (fired < 3) io.run_one();
    CHECK_FALSE(timer->armed());
    CHECK(io.poll() == 0);
}

namespace {

// Two timers due before the loop looks: one pass of the loop finds both.
// Whichever runs first stops the other with `stop`; returns how many
// callbacks ran.
template <typename Stop>
int race(Stop stop) {
    boost::asio::io_context io;
    int fired = 0;
    std::unique_ptr<TimerEvent> first;
    std::unique_ptr<TimerEvent> second;
    first = std::make_unique<TimerEvent>(io, TimerClock::Monotonic, [&]() noexcept {
        ++fired;
        stop(second);
    });
    second = std::make_unique<TimerEvent>(io, TimerClock::Monotonic, [&]() noexcept {
        ++fired;
        stop(first);
    });
    const auto deadline = clock_now(TimerClock::Monotonic) + 1ms;
    first->arm_at(deadline);
    second->arm_at(deadline);
    while (clock_now(TimerClock::Monotonic) <= deadline) std::this_thread::sleep_for(1ms);
    while (io.poll() > 0) {
    }
    return fired;
}

}  // namespace

TEST_CASE("an expiry already found is dropped when its timer is disarmed", "[loop]") {
    CHECK(race([](std::unique_ptr<TimerEvent>& other) noexcept { other->disarm(); }) == 1);
}

TEST_CASE("an expiry already found is dropped when its timer is destroyed", "[loop]") {
    CHECK(race([](std::unique_ptr<TimerEvent>& other) noexcept { other.reset(); }) == 1);
}

TEST_CASE("a timer may destroy itself from its callback", "[loop]") {
    boost::asio::io_context io;
    std::unique_ptr<TimerEvent> timer;
    bool fired = false;
    timer = std::make_unique<TimerEvent>(io, TimerClock::Boot, [&]() noexcept {
        timer.reset();
        fired = true;
    });
    timer->arm_after(1ms);
    while (!fired) io.run_one();
    CHECK(timer == nullptr);
}

TEST_CASE("a deferred call runs once, later, however often it is scheduled", "[loop]") {
    boost::asio::io_context io;
    int ran = 0;
    DeferEvent call(io, [&]() noexcept { ++ran; });
    call.schedule();
    call.schedule();
    CHECK(ran == 0);  // never inside schedule()
    CHECK(call.pending());
    io.poll();
    CHECK(ran == 1);
    CHECK_FALSE(call.pending());
    CHECK(io.poll() == 0);
}

TEST_CASE("a cancelled or destroyed deferred call never runs", "[loop]") {
    boost::asio::io_context io;
    int ran = 0;
    DeferEvent cancelled(io, [&]() noexcept { ++ran; });
    cancelled.schedule();
    cancelled.cancel();
    auto destroyed = std::make_unique<DeferEvent>(io, [&]() noexcept { ++ran; });
    destroyed->schedule();
    destroyed.reset();
    io.poll();
    CHECK(ran == 0);
}

TEST_CASE("a deferred call may destroy its owner and the next one in line", "[loop]") {
    boost::asio::io_context io;
    int ran = 0;
    std::unique_ptr<DeferEvent> first;
    std::unique_ptr<DeferEvent> second;
    first = std::make_unique<DeferEvent>(io, [&]() noexcept {
        ++ran;
        first.reset();
        second.reset();
    });
    second = std::make_unique<DeferEvent>(io, [&]() noexcept { ++ran; });
    first->schedule();
    second->schedule();
    io.poll();
    CHECK(ran == 1);
    CHECK(first == nullptr);
}

namespace {

// A server on the test thread's loop: the test runs the loop in slices.
struct LoopServer {
    TempDir dir;
    std::string path{(dir.path / "control.sock").string()};
    boost::asio::io_context io;
    Logger log{false, false};
    FakeHandler handler;
    ControlServer server{io, path, handler, log, ControlLimits{64, 300ms}};

    // Runs the loop until `client` has its answer to `request`.
    void ask(TestClient& client, std::string_view request) {
        client.send(request);
        run_until([&] { return client.readable(); });
        CHECK(client.read_line().has_value());
    }

    // Runs the loop until `done()`; fails the test if the loop goes idle
    // for seconds first.
    template <typename Done>
    void run_until(Done done) {
        while (!done()) REQUIRE(io.run_one_for(5s) > 0);
    }
};

}  // namespace

TEST_CASE("a client that has hung up leaves nothing that wakes the loop", "[loop][control]") {
    LoopServer s;
    auto client = std::make_unique<TestClient>(s.path);
    s.ask(*client, "{\"cmd\":\"status\"}\n");
    client.reset();
    s.run_until([&] { return s.server.connection_count() == 0; });  // reads the hang-up
    // With the client gone, its idle timeout (300 ms) must not wake the loop.
    CHECK(s.io.run_for(700ms) == 0);
}

TEST_CASE("a subscriber leaves nothing that wakes the loop", "[loop][control]") {
    LoopServer s;
    TestClient subscriber(s.path);
    s.ask(subscriber, "{\"cmd\":\"subscribe\"}\n");
    REQUIRE(s.server.connection_count() == 1);
    CHECK(s.io.run_for(700ms) == 0);
    CHECK(s.server.connection_count() == 1);  // and it stays
}

TEST_CASE("an idle client is still closed after its timeout", "[loop][control]") {
    LoopServer s;
    TestClient idle(s.path);
    s.ask(idle, "{\"cmd\":\"status\"}\n");
    REQUIRE(s.server.connection_count() == 1);
    s.run_until([&] { return s.server.connection_count() == 0; });
    CHECK(idle.at_eof());
}
