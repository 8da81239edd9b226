// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace walkbreak::cli {

namespace {

// Responses are small; anything this long is not walkbreakd talking.
constexpr std::size_t max_response_bytes = 1 << 20;

std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

}  // namespace

std::string not_running_message(const std::string& socket_path) {
    return fmt::format(
        "walkbreakd is not running (no socket at {}); start it with: systemctl --user start "
        "walkbreakd",
        socket_path);
}

core::Result<DaemonClient> DaemonClient::connect(const std::string& socket_path,
                                                 std::chrono::milliseconds timeout) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socket_path.empty() || socket_path.size() >= sizeof addr.sun_path) {
        return core::Error{fmt::format("socket path \"{}\" is {} bytes; expected 1 to {} bytes",
                                       socket_path, socket_path.size(), sizeof addr.sun_path - 1)};
    }
    std::memcpy(addr.sun_path, socket_path.data(), socket_path.size());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return core::Error{fmt::format("cannot create a socket: {}", errno_text(errno))};
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        const int e = errno;
        ::close(fd);
        // No file, or a file that nothing listens on (a crashed daemon's).
        if (e == ENOENT || e == ECONNREFUSED) return core::Error{not_running_message(socket_path)};
        return core::Error{
            fmt::format("cannot connect to walkbreakd at {}: {}", socket_path, errno_text(e))};
    }
    return DaemonClient(fd, socket_path, timeout);
}

DaemonClient::~DaemonClient() {
    if (fd_ >= 0) ::close(fd_);
}

DaemonClient::DaemonClient(DaemonClient&& other) noexcept
    : fd_(other.fd_),
      path_(std::move(other.path_)),
      timeout_(other.timeout_),
      buffer_(std::move(other.buffer_)) {
    other.fd_ = -1;
}

core::Result<core::protocol::Response> DaemonClient::request(
    const core::protocol::Request& request) {
    const std::string line = core::protocol::encode_request(request) + '\n';
    std::string_view rest = line;
    while (!rest.empty()) {
        // MSG_NOSIGNAL: a daemon that goes away mid-request is an error, not a SIGPIPE.
        const ssize_t n = ::send(fd_, rest.data(), rest.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            return core::Error{
                fmt::format("walkbreakd at {} hung up: {}", path_, errno_text(errno))};
        }
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    auto reply = read_line(static_cast<int>(timeout_.count()));
    if (!reply) return core::Error{reply.error()};
    return core::protocol::decode_response(*reply);
}

core::Result<core::protocol::Response> DaemonClient::next_pushed() {
    auto line = read_line(-1);
    if (!line) return core::Error{line.error()};
    return core::protocol::decode_response(*line);
}

core::Result<std::string> DaemonClient::read_line(int wait_ms) {
    for (;;) {
        if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
            std::string line = buffer_.substr(0, nl);
            buffer_.erase(0, nl + 1);
            return line;
        }
        if (buffer_.size() > max_response_bytes) {
            return core::Error{fmt::format("walkbreakd at {} sent an oversize response", path_)};
        }
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, wait_ms);
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) {
            return core::Error{
                fmt::format("walkbreakd at {} did not answer within {} ms", path_, wait_ms)};
        }
        char chunk[4096];
        const ssize_t n = ready < 0 ? -1 : ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n == 0) return core::Error{fmt::format("walkbreakd at {} hung up", path_)};
        if (n < 0) {
            return core::Error{
                fmt::format("reading from walkbreakd at {}: {}", path_, errno_text(errno))};
        }
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
}

void notify_refresh(const std::string& socket_path) {
    auto client = DaemonClient::connect(socket_path, std::chrono::milliseconds{1000});
    if (!client) return;
    static_cast<void>(client->request(core::protocol::request::Refresh{}));
}

}  // namespace walkbreak::cli
