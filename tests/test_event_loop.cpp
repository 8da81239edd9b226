// SPDX-License-Identifier: GPL-3.0-or-later
// The event layer's promise (daemon/event_loop.hpp): a cancelled or
// destroyed event never runs, even when it was found ready in the same pass
// of the loop as the event whose callback cancelled it. Pipes stand in for
// the backends' descriptors; the tests assert order and causality only.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "daemon/fd_event.hpp"
#include "daemon/inject_event.hpp"
#include "daemon/unique_fd.hpp"
#include "pipe_test_support.hpp"

using namespace walkbreak::daemon;

namespace {

using walkbreak::test::Pipe;

// What a backend is to the loop: an owner of a watch.
struct Owner {
    Pipe pipe;
    int runs{0};
    Callback<void()> on_ready;
    FdEvent watch;
    Owner(boost::asio::io_context& io, Callback<void()> callback)
        : on_ready(std::move(callback)),
          watch(io, pipe.read_end.get(), [this](std::uint32_t) noexcept {
              ++runs;
              pipe.take();
              const Callback<void()> ready = on_ready;  // it may destroy this owner
              ready();
          }) {
        watch.schedule_read();
    }
};

void run_ready(boost::asio::io_context& io) {
    while (io.poll() > 0) {
    }
}

}  // namespace

TEST_CASE("a watch destroyed by another one ready in the same pass never runs", "[loop][event]") {
    boost::asio::io_context io;
    std::unique_ptr<Owner> a;
    std::unique_ptr<Owner> b;
    int swaps = 0;
    // Whichever runs first replaces both, as a reload replaces a backend.
    auto swap_both = [&]() noexcept {
        ++swaps;
        a.reset();
        b.reset();
    };
    a = std::make_unique<Owner>(io, swap_both);
    b = std::make_unique<Owner>(io, swap_both);
    a->pipe.put();
    b->pipe.put();  // both ready before the loop looks
    run_ready(io);
    CHECK(swaps == 1);
    CHECK(a == nullptr);
    CHECK(b == nullptr);
}

TEST_CASE("a watch cancelled while ready never runs", "[loop][event]") {
    boost::asio::io_context io;
    int runs = 0;
    Owner owner(io, [&]() noexcept { ++runs; });
    owner.pipe.put();
    owner.watch.cancel();
    run_ready(io);
    CHECK(owner.runs == 0);
    owner.watch.schedule_read();  // scheduled again, it reports what is still there
    run_ready(io);
    CHECK(owner.runs == 1);
}

TEST_CASE("a watch may destroy its owner from its callback", "[loop][event]") {
    boost::asio::io_context io;
    std::unique_ptr<Owner> owner;
    bool ran = false;
    owner = std::make_unique<Owner>(io, [&]() noexcept {
        owner.reset();
        ran = true;
    });
    owner->pipe.put();
    run_ready(io);
    CHECK(ran);
    CHECK(owner == nullptr);
}

TEST_CASE("a descriptor still ready after its callback is reported again", "[loop][event]") {
    boost::asio::io_context io;
    Owner owner(io, []() noexcept {});
    owner.pipe.put();
    owner.pipe.put();  // two bytes, one taken per callback
    run_ready(io);
    CHECK(owner.runs == 2);
    CHECK(io.poll() == 0);
}

TEST_CASE("a cancelled watch leaves nothing that wakes the loop", "[loop][event]") {
    boost::asio::io_context io;
    Owner owner(io, []() noexcept {});
    owner.pipe.put();
    owner.on_ready = [&]() noexcept { owner.watch.cancel(); };
    run_ready(io);
    CHECK(owner.runs == 1);
    owner.pipe.put();  // not watched: no wakeup
    CHECK(io.run_for(std::chrono::milliseconds{100}) == 0);
}

TEST_CASE("an injected call runs on the loop thread, once per batch", "[loop][event]") {
    boost::asio::io_context io;
    std::atomic<int> runs{0};
    std::thread::id ran_on;
    InjectEvent event(io, [&]() noexcept {
        ran_on = std::this_thread::get_id();
        ++runs;
    });
    std::thread other([&] {
        event.schedule();
        event.schedule();
    });
    other.join();
    CHECK(runs == 0);  // never on the scheduling thread
    run_ready(io);
    CHECK(runs == 1);
    CHECK(ran_on == std::this_thread::get_id());
}

TEST_CASE("a cancelled injected call never runs", "[loop][event]") {
    boost::asio::io_context io;
    int runs = 0;
    auto event = std::make_unique<InjectEvent>(io, [&]() noexcept { ++runs; });
    std::thread other([&] { event->schedule(); });
    other.join();
    event.reset();
    run_ready(io);
    CHECK(runs == 0);
}
