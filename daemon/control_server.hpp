// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The control socket (DESIGN.md §2, §5): newline-delimited JSON on a unix
// stream socket, one response line per request line (core/protocol.hpp).
//
// Contracts:
//  - Loop thread only: the constructor, publish() and the destructor run on the
//    thread that runs `io`, and so does every call into the ControlHandler.
//  - Only the daemon's own user is served (SO_PEERCRED); other peers are closed.
//  - The daemon survives any bytes: a bad line gets an error reply and the
//    connection stays usable; a line longer than protocol::max_request_bytes
//    gets an error reply and the connection is closed.
//  - A client that hangs up mid-reply costs nothing: replies are sent with
//    MSG_NOSIGNAL, so no SIGPIPE is raised (the daemon need not ignore it,
//    though walkbreakd does so as well).
//  - One request at a time per connection: the next line is read once the
//    reply to the previous one has been written.
//  - At most `max_connections` at once. When full, the connection idle the
//    longest that holds no subscription is closed to make room, so a stuck
//    script can never lock the CLI out; when every slot is a subscriber, the
//    newcomer gets an error reply and is closed.
//  - A connection without a subscription that sends no complete line for
//    `idle_timeout` is closed. Subscribers stay until they hang up.
//  - A slow subscriber never makes the daemon buffer more than one status:
//    a status not yet sent is replaced by a newer one.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "core/protocol.hpp"
#include "core/result.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/logger.hpp"
#include "daemon/timer_event.hpp"
#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {

// A request carried out: the client is told {"ok":true}, with the message
// when there is one (what was done, when it differs from what was asked).
struct ControlReply {
    std::string message;
};

// What the control server asks of the daemon. Called on the loop thread; an
// implementation should not throw (the server turns an exception into an
// error reply and logs it).
class ControlHandler {
public:
    virtual ~ControlHandler() = default;
    // The live status, for `status` and `subscribe` requests.
    virtual core::protocol::Status status() = 0;
    // Carries out any request but Status and Subscribe, which the server
    // answers itself from status(). An error's message goes to the client.
    virtual core::Result<ControlReply> apply(const core::protocol::Request& request) = 0;
};

struct ControlLimits {
    std::size_t max_connections{64};
    std::chrono::milliseconds idle_timeout{std::chrono::seconds{60}};
};

class ControlServer {
public:
    // Creates the socket's directory 0700 (or checks that an existing one is
    // ours and private), replaces a stale socket left by a crashed daemon, and
    // listens on a 0600 socket. Throws std::runtime_error with a message for
    // the user, e.g. when another walkbreakd already answers on `socket_path`.
    ControlServer(boost::asio::io_context& io, std::string socket_path, ControlHandler& handler,
                  Logger& log, ControlLimits limits = {});
    // Closes every connection and removes the socket file if it is still ours.
    ~ControlServer();
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    // Sends `status` to every subscriber, as {"ok":true,"status":{...}}.
    void publish(const core::protocol::Status& status);

    const std::string& socket_path() const { return socket_path_; }
    std::size_t connection_count() const { return connections_.size(); }

private:
    class Connection;
    friend class Connection;

    void accept_all() noexcept;
    void on_accepted(UniqueFd socket);
    // Makes room for one more connection; false when every slot is a subscriber.
    bool make_room();
    // Destroys `connection`: the last thing any of its handlers does.
    void forget(const Connection* connection);
    // One timer for every connection's idle timeout, armed only while a
    // connection that is not a subscriber is open (see timer_event.hpp for
    // why not a timer per connection).
    void schedule_idle_sweep();
    void sweep_idle() noexcept;

    boost::asio::io_context& io_;
    std::string socket_path_;
    ControlHandler& handler_;
    Logger& log_;
    ControlLimits limits_;
    UniqueFd listener_;
    FdEvent accept_watch_;  // declared after listener_: cancelled before it closes
    TimerEvent accept_retry_;
    TimerEvent idle_sweep_;
    // The socket file's identity after bind, so that the destructor never
    // removes a socket that a later daemon put in its place.
    std::uint64_t socket_dev_{0};
    std::uint64_t socket_ino_{0};
    // Owned here; a connection's events die with it.
    std::list<std::unique_ptr<Connection>> connections_;
    // Newcomers refused when full: told why, then closed. Not counted.
    std::list<std::unique_ptr<Connection>> refused_;
    std::uint64_t next_id_{1};
};

}  // namespace walkbreak::daemon
