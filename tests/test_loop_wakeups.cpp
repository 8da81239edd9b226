// SPDX-License-Identifier: GPL-3.0-or-later
// The loop's timers and deferred calls, and what they leave behind: the daemon
// must not be woken while nothing is due. Each test drives a real io_context
// from the test thread; `io.run_for` returns how many handlers ran, so "nothing
// woke the loop" is a count of 0 over a window longer than any deadline.
#include <catch2/catch.hpp>

#include <memory>
#include <thread>

#include "control_test_support.hpp"
#include "daemon/control_server.hpp"
#include "daemon/deferred_call.hpp"
#include "daemon/fd_timer.hpp"

using namespace walkbreak;
using namespace walkbreak::daemon;
using namespace std::chrono_literals;
using walkbreak::test::FakeHandler;
using walkbreak::test::TempDir;
using walkbreak::test::TestClient;

TEST_CASE("a timer fires once, at its deadline, on either clock", "[loop]") {
    for (const TimerClock clock : {TimerClock::Monotonic, TimerClock::Boot}) {
        boost::asio::io_context io;
        int fired = 0;
        std::chrono::nanoseconds fired_at{};
        FdTimer timer(io, clock, [&] {
            ++fired;
            fired_at = clock_now(clock);
        });
        const auto deadline = clock_now(clock) + 50ms;
        timer.arm_at(deadline);
        CHECK(timer.armed());
        io.run_for(300ms);
        CHECK(fired == 1);
        CHECK(fired_at >= deadline);
        CHECK(fired_at < deadline + 100ms);
        CHECK_FALSE(timer.armed());
    }
}

TEST_CASE("re-arming replaces the deadline and disarming drops it", "[loop]") {
    boost::asio::io_context io;
    int fired = 0;
    FdTimer timer(io, TimerClock::Monotonic, [&] { ++fired; });
    timer.arm_after(20ms);
    timer.arm_after(400ms);  // replaces the first: nothing within 200 ms
    io.run_for(200ms);
    CHECK(fired == 0);
    timer.disarm();
    CHECK_FALSE(timer.armed());
    CHECK(io.run_for(400ms) == 0);  // the replaced deadline never wakes the loop
    CHECK(fired == 0);
    timer.arm_after(0ms);  // a deadline already due fires at once
    io.run_for(100ms);
    CHECK(fired == 1);
}

namespace {

// Two timers due before the loop looks: one epoll wait sees both, so asio
// queues both expiries. Whichever runs first stops the other with `stop`;
// returns how many callbacks ran.
template <typename Stop>
int race(Stop stop) {
    boost::asio::io_context io;
    int fired = 0;
    std::unique_ptr<FdTimer> first;
    std::unique_ptr<FdTimer> second;
    first = std::make_unique<FdTimer>(io, TimerClock::Monotonic, [&] {
        ++fired;
        stop(second);
    });
    second = std::make_unique<FdTimer>(io, TimerClock::Monotonic, [&] {
        ++fired;
        stop(first);
    });
    first->arm_after(1ms);
    second->arm_after(1ms);
    std::this_thread::sleep_for(20ms);
    io.run_for(100ms);
    return fired;
}

}  // namespace

TEST_CASE("an expiry already queued is dropped when its timer is disarmed", "[loop]") {
    CHECK(race([](std::unique_ptr<FdTimer>& other) { other->disarm(); }) == 1);
}

TEST_CASE("an expiry already queued is dropped when its timer is destroyed", "[loop]") {
    CHECK(race([](std::unique_ptr<FdTimer>& other) { other.reset(); }) == 1);
}

TEST_CASE("a timer may destroy itself from its callback", "[loop]") {
    boost::asio::io_context io;
    std::unique_ptr<FdTimer> timer;
    bool fired = false;
    timer = std::make_unique<FdTimer>(io, TimerClock::Boot, [&] {
        fired = true;
        timer.reset();
    });
    timer->arm_after(1ms);
    io.run_for(100ms);
    CHECK(fired);
    CHECK(timer == nullptr);
}

TEST_CASE("a deferred call runs once, later, and only the latest", "[loop]") {
    boost::asio::io_context io;
    DeferredCall call(io);
    int first = 0;
    int second = 0;
    call.post([&] { ++first; });
    call.post([&] { ++second; });  // replaces the first
    CHECK(first + second == 0);    // never inside post()
    CHECK(call.pending());
    io.run_for(50ms);
    CHECK(first == 0);
    CHECK(second == 1);
    CHECK_FALSE(call.pending());
    CHECK(io.run_for(50ms) == 0);
}

TEST_CASE("a cancelled or destroyed deferred call never runs", "[loop]") {
    boost::asio::io_context io;
    int ran = 0;
    DeferredCall cancelled(io);
    cancelled.post([&] { ++ran; });
    cancelled.cancel();
    auto destroyed = std::make_unique<DeferredCall>(io);
    destroyed->post([&] { ++ran; });
    destroyed.reset();
    io.run_for(50ms);
    CHECK(ran == 0);
}

TEST_CASE("a deferred call may destroy its owner", "[loop]") {
    boost::asio::io_context io;
    auto call = std::make_unique<DeferredCall>(io);
    int ran = 0;
    call->post([&] {
        call.reset();
        ++ran;
    });
    io.run_for(50ms);
    CHECK(ran == 1);
    CHECK(call == nullptr);
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
        std::thread loop([this] { io.run_for(50ms); });
        CHECK(client.read_line().has_value());
        loop.join();
        io.restart();
    }
};

}  // namespace

TEST_CASE("a client that has hung up leaves nothing that wakes the loop", "[loop][control]") {
    LoopServer s;
    auto client = std::make_unique<TestClient>(s.path);
    s.ask(*client, "{\"cmd\":\"status\"}\n");
    client.reset();
    s.io.run_for(50ms);  // reads the hang-up and closes the connection
    s.io.restart();
    REQUIRE(s.server.connection_count() == 0);
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
    s.io.run_for(500ms);
    CHECK(s.server.connection_count() == 0);
    CHECK(idle.at_eof());
}
