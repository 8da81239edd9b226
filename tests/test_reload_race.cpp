// SPDX-License-Identifier: GPL-3.0-or-later
// The reload-swaps-a-backend race. One pass of the loop finds an sd-bus
// connection both readable and writable, and a reload request ready too. The
// bus's write wait is handled first; the reload then destroys the backend
// that owns the connection's watch (as a reload or a lost backend replaces
// what it owns). Its read wait, found ready in the same pass, must then never
// run. A loop that hands the reactor a completion handler per wait runs it
// anyway, as a success: asio completes every operation of a ready descriptor
// before the first handler runs and posts all but the first. Built with
// WALKBREAK_SANITIZE, AddressSanitizer reports that as a use after free; the
// event layer (daemon/event_loop.hpp) unlinks what is destroyed, so nothing
// runs. Built against the tree before the event layer (the parent of commit
// 5dcd581) with WALKBREAK_SANITIZE, this test fails: "AddressSanitizer:
// heap-use-after-free ... in SdBusLoop::pump()", called from the read wait's
// completion after the reload had freed the loop.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <systemd/sd-bus.h>
#include <systemd/sd-id128.h>

#include "daemon/sd_bus_loop.hpp"

using walkbreak::daemon::SdBusLoop;

namespace {

// Two sd-bus connections joined by a socketpair, as a client and its peer.
class PeerBuses {
public:
    PeerBuses() {
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds_) == 0);
        sd_id128_t id;
        REQUIRE(sd_id128_randomize(&id) >= 0);
        REQUIRE(sd_bus_new(&peer_) >= 0);
        REQUIRE(sd_bus_set_fd(peer_, fds_[0], fds_[0]) >= 0);
        REQUIRE(sd_bus_set_server(peer_, 1, id) >= 0);
        REQUIRE(sd_bus_start(peer_) >= 0);
        REQUIRE(sd_bus_new(&client_) >= 0);
        REQUIRE(sd_bus_set_fd(client_, fds_[1], fds_[1]) >= 0);
        REQUIRE(sd_bus_start(client_) >= 0);
        // The authentication, both ends driven from here.
        for (int i = 0; i < 1000 && (sd_bus_is_ready(client_) <= 0 || sd_bus_is_ready(peer_) <= 0);
             ++i) {
            sd_bus_process(peer_, nullptr);
            sd_bus_process(client_, nullptr);
        }
        REQUIRE(sd_bus_is_ready(client_) > 0);
        REQUIRE(sd_bus_is_ready(peer_) > 0);
        while (sd_bus_process(client_, nullptr) > 0) {
        }
    }
    ~PeerBuses() {
        // Not flushed: the client's output was left unread on purpose.
        sd_bus_close_unref(client_);
        sd_bus_close_unref(peer_);
    }
    PeerBuses(const PeerBuses&) = delete;
    PeerBuses& operator=(const PeerBuses&) = delete;

    sd_bus* client() const { return client_; }

    // The client has more to send than the socket takes, then the peer's end
    // is drained: the client wants to write, and can.
    void make_client_writable_with_output_queued() {
        // sd-bus asks for 8 MiB socket buffers at start; small ones make a
        // message of 1 MiB wait for the peer.
        const int small = 4096;
        REQUIRE(::setsockopt(fds_[1], SOL_SOCKET, SO_SNDBUF, &small, sizeof small) == 0);
        REQUIRE(::setsockopt(fds_[0], SOL_SOCKET, SO_RCVBUF, &small, sizeof small) == 0);
        sd_bus_message* m = nullptr;
        REQUIRE(sd_bus_message_new_signal(client_, &m, "/race", "test.Race", "Big") >= 0);
        const std::vector<char> payload(1 << 20, 'x');
        REQUIRE(sd_bus_message_append_array(m, 'y', payload.data(), payload.size()) >= 0);
        REQUIRE(sd_bus_send(client_, m, nullptr) >= 0);
        sd_bus_message_unref(m);
        char sink[65536];
        while (::read(fds_[0], sink, sizeof sink) > 0) {
        }
        REQUIRE(errno == EAGAIN);
        REQUIRE((sd_bus_get_events(client_) & POLLOUT) != 0);
    }

    // The peer sends the client a signal: the client's end is readable.
    void make_client_readable() {
        REQUIRE(sd_bus_emit_signal(peer_, "/race", "test.Race", "Ping", "") >= 0);
    }

private:
    int fds_[2]{-1, -1};  // owned by the buses once set
    sd_bus* peer_{nullptr};
    sd_bus* client_{nullptr};
};

// What a reload replaces: a backend watching its bus.
struct Backend {
    Backend(boost::asio::io_context& io, sd_bus* bus) : loop(io, [](int) noexcept {}) {
        loop.attach(bus);
    }
    SdBusLoop loop;
};

}  // namespace

TEST_CASE("a backend destroyed by a reload in the same loop pass is never called back", "[event]") {
    PeerBuses buses;
    boost::asio::io_context io;
    buses.make_client_writable_with_output_queued();
    buses.make_client_readable();
    // Watched first, so that the loop's pass finds it ready before the reload.
    auto backend = std::make_unique<Backend>(io, buses.client());

    int reload_pipe[2];
    REQUIRE(::pipe2(reload_pipe, O_CLOEXEC | O_NONBLOCK) == 0);
    REQUIRE(::write(reload_pipe[1], "r", 1) == 1);
    boost::asio::posix::stream_descriptor reload_request{io, reload_pipe[0]};
    bool reloaded = false;
    reload_request.async_wait(boost::asio::posix::descriptor_base::wait_read,
                              [&](const boost::system::error_code&) {
                                  backend.reset();  // the reload swaps the backend
                                  reloaded = true;
                                  // Behind whatever the pass left queued.
                                  boost::asio::post(io, [&] { io.stop(); });
                              });
    io.run();
    CHECK(reloaded);
    CHECK(backend == nullptr);
    ::close(reload_pipe[1]);
}
