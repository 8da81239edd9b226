// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The CLI's side of the control socket: blocking, one request at a time.
// Every error is a one-line message for the user.
#include <chrono>
#include <string>

#include "core/protocol.hpp"
#include "core/result.hpp"

namespace walkbreak::cli {

class DaemonClient {
public:
    // When nothing listens on `socket_path` the error is not_running_message().
    static core::Result<DaemonClient> connect(const std::string& socket_path,
                                              std::chrono::milliseconds timeout);
    ~DaemonClient();
    DaemonClient(DaemonClient&& other) noexcept;
    DaemonClient& operator=(DaemonClient&&) = delete;
    DaemonClient(const DaemonClient&) = delete;
    DaemonClient& operator=(const DaemonClient&) = delete;

    // Sends `request` and waits up to the timeout for its response line.
    core::Result<core::protocol::Response> request(const core::protocol::Request& request);
    // The next line of a subscription, however long it takes; an error when
    // the daemon hangs up.
    core::Result<core::protocol::Response> next_pushed();

private:
    DaemonClient(int fd, std::string path, std::chrono::milliseconds timeout)
        : fd_(fd), path_(std::move(path)), timeout_(timeout) {}
    // One line without its newline; `wait` < 0 waits forever.
    core::Result<std::string> read_line(int wait_ms);

    int fd_;
    std::string path_;
    std::chrono::milliseconds timeout_;
    std::string buffer_;
};

// "walkbreakd is not running (no socket at PATH); start it with: systemctl --user start walkbreakd"
std::string not_running_message(const std::string& socket_path);

// Best effort: tells a running walkbreakd that the database changed behind its
// back. Silent when no daemon runs or it does not answer promptly.
void notify_refresh(const std::string& socket_path);

}  // namespace walkbreak::cli
