// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The file-system side of the control socket: its private directory, stale
// sockets from crashed daemons, and binding with mode 0600. Start-up only;
// errors throw std::runtime_error with a message for the user.
#include <cstdint>
#include <string>

#include <boost/asio/local/stream_protocol.hpp>

namespace walkbreak::daemon {

// Which file a socket is, so that it is only ever removed by its owner.
struct SocketFileId {
    std::uint64_t dev{0};
    std::uint64_t ino{0};
};

// Creates `path`'s directory with mode 0700, or checks that an existing one is
// a directory owned by this user with no group or other permissions. A socket
// file at `path` is removed when nothing answers on it (ECONNREFUSED: its
// daemon crashed); when a daemon answers, throws "walkbreakd is already
// running for this user (socket PATH)". Then binds `acceptor` with umask 0177
// (so the socket is 0600 from the start) and listens.
SocketFileId bind_control_socket(boost::asio::local::stream_protocol::acceptor& acceptor,
                                 const std::string& path);

// Removes the socket file at `path` if it is still the one `id` names.
void remove_control_socket(const std::string& path, SocketFileId id);

}  // namespace walkbreak::daemon
