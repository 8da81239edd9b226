// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Support for tests of the control socket: a fake handler, a server whose
// loop runs on a thread of its own, a temporary directory, and a blocking
// client with a timeout on every wait, so that a broken server fails a test
// instead of hanging it.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include "daemon/control_server.hpp"

namespace walkbreak::test {

using daemon::ControlHandler;
using daemon::ControlLimits;
using daemon::ControlReply;
using daemon::ControlServer;
using daemon::Logger;

inline sockaddr_un unix_address(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof addr.sun_path);
    std::memcpy(addr.sun_path, path.data(), path.size());
    return addr;
}

class TestClient {
public:
    explicit TestClient(const std::string& path) : fd_(::socket(AF_UNIX, SOCK_STREAM, 0)) {
        REQUIRE(fd_ >= 0);
        const sockaddr_un addr = unix_address(path);
        if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
            const int e = errno;
            ::close(fd_);
            FAIL("connect " << path << ": " << std::strerror(e));
        }
    }
    ~TestClient() { ::close(fd_); }
    TestClient(const TestClient&) = delete;
    TestClient& operator=(const TestClient&) = delete;

    // Errors are ignored: a test that cares reads the server's answer.
    void send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

    // True when a line is buffered or the server has sent something.
    bool readable() {
        if (buffer_.find('\n') != std::string::npos) return true;
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, 0) > 0;
    }

    // One line without its newline; none on end of stream or timeout.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout = std::chrono::seconds{
                                             5}) {
        for (;;) {
            if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
                std::string line = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                return line;
            }
            char chunk[4096];
            const ssize_t n = receive(chunk, sizeof chunk, timeout);
            if (n <= 0) return std::nullopt;
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    // True when the server has closed the connection (within the timeout),
    // with no further data before the end.
    bool at_eof(std::chrono::milliseconds timeout = std::chrono::seconds{5}) {
        if (!buffer_.empty()) return false;
        char c = 0;
        const ssize_t n = receive(&c, 1, timeout);
        return n == 0 || (n < 0 && errno == ECONNRESET);
    }

private:
    // recv() after waiting for readability; -1 with errno ETIMEDOUT on timeout.
    ssize_t receive(char* data, std::size_t size, std::chrono::milliseconds timeout) {
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
        if (ready <= 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        return ::recv(fd_, data, size, 0);
    }

    int fd_;
    std::string buffer_;
};

class FakeHandler : public ControlHandler {
public:
    core::protocol::Status status() override {
        std::lock_guard lock(mutex_);
        ++status_calls_;
        return status_;
    }
    int status_calls() {
        std::lock_guard lock(mutex_);
        return status_calls_;
    }
    core::Result<ControlReply> apply(const core::protocol::Request& request) override {
        std::lock_guard lock(mutex_);
        applied_.push_back(request);
        if (std::holds_alternative<core::protocol::request::Skip>(request)) {
            return core::Error{"no reminder to skip"};
        }
        if (std::holds_alternative<core::protocol::request::Resume>(request)) {
            return ControlReply{"reminders were not paused"};
        }
        if (const auto* c = std::get_if<core::protocol::request::Checkin>(&request)) {
            return ControlReply{
                fmt::format("check-in answered: your back feels {}", core::to_string(c->feel))};
        }
        if (const auto* d = std::get_if<core::protocol::request::Delete>(&request)) {
            if (d->id == 404) return core::Error{"no walk with id 404"};
            return ControlReply{fmt::format("deleted walk {} (said the test's daemon)", d->id)};
        }
        return ControlReply{};
    }
    // The requests apply() saw, in order.
    std::vector<core::protocol::Request> applied() {
        std::lock_guard lock(mutex_);
        return applied_;
    }
    // Their variant indices (Walk is 2, Snooze 3, Skip 4, ...).
    std::vector<std::size_t> applied_kinds() {
        std::vector<std::size_t> kinds;
        for (const auto& r : applied()) kinds.push_back(r.index());
        return kinds;
    }

private:
    std::mutex mutex_;
    core::protocol::Status status_{"sitting", 1500, 1200, 22, 1330, 30, "x11-sync", {}, false, {}};
    std::vector<core::protocol::Request> applied_;
    int status_calls_{0};
};

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "walkbreak-control-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

// A server whose loop runs on its own thread until the object goes away.
struct RunningServer {
    boost::asio::io_context io;
    Logger log{false, false};
    FakeHandler handler;
    std::unique_ptr<ControlServer> server;
    std::thread loop;

    explicit RunningServer(const std::string& path, ControlLimits limits = {}) {
        server = std::make_unique<ControlServer>(io, path, handler, log, limits);
        loop = std::thread([this] {
            auto work = boost::asio::make_work_guard(io);
            io.run();
        });
    }
    ~RunningServer() {
        boost::asio::post(io, [this] {
            server.reset();
            io.stop();
        });
        loop.join();
    }
    // Runs `f` on the loop thread and waits for it.
    template <typename F>
    auto on_loop(F f) {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto result = task.get_future();
        boost::asio::post(io, [&task] { task(); });
        return result.get();
    }
    void publish(const core::protocol::Status& status) {
        on_loop([&] {
            server->publish(status);
            return 0;
        });
    }
};

// Leaves a socket file that nothing listens on, as a crashed daemon does.
inline void leave_dead_socket(const std::string& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    const sockaddr_un addr = unix_address(path);
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    ::close(fd);
}

}  // namespace walkbreak::test
