// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/control_server.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <exception>
#include <optional>
#include <vector>

#include <boost/asio/local/stream_protocol.hpp>

#include "daemon/control_server_socket.hpp"

namespace walkbreak::daemon {

namespace protocol = core::protocol;

namespace {
constexpr std::string_view domain = "control";
}  // namespace

// One client, owned by the server. Its watch reads requests one at a time and
// writes the replies; every path that ends the connection ends in close(),
// which destroys it, as the last thing the handler does.
class ControlServer::Connection {
public:
    Connection(ControlServer& server, UniqueFd socket, std::uint64_t id)
        : server_(server),
          socket_(std::move(socket)),
          watch_(server.io_, socket_.get(),
                 [this](std::uint32_t events) noexcept { on_ready(events); }),
          id_(id) {}

    void start() { step(); }

    // Destroys this connection.
    void close() {
        ::shutdown(socket_.get(), SHUT_RDWR);
        server_.forget(this);
    }

    // May close (and destroy) this connection when the client is gone.
    void push_status(const std::string& line) {
        if (!subscribed_ || closing_) return;
        // A status not yet being written is stale now: replace it.
        const std::size_t in_flight = sent_ > 0 ? 1 : 0;
        if (outbox_.size() > in_flight && outbox_.back().is_push) {
            outbox_.back().line = line + '\n';
            return;
        }
        queue(line, After::Nothing, true);
        step();
    }

    bool subscribed() const { return subscribed_; }
    // When the last complete request came (or the connection, before any).
    std::chrono::nanoseconds last_active() const { return last_active_; }
    std::uint64_t id() const { return id_; }

    // Refuses a newcomer when the server is full.
    void refuse(std::string_view message) {
        queue(protocol::encode_error(message), After::Close);
        closing_ = true;
        step();
    }

private:
    enum class After { Nothing, ReadNext, Close };
    struct Outgoing {
        std::string line;  // with its newline
        After after{After::Nothing};
        bool is_push{false};
    };

    void on_ready(std::uint32_t events) noexcept {
        if ((events & (FdEvent::read | FdEvent::hangup | FdEvent::error)) != 0) receive();
        step();
    }

    // Reads what the socket has, up to one request more than the buffer holds.
    void receive() {
        char chunk[4096];
        while (!peer_gone_ && in_.size() <= protocol::max_request_bytes) {
            const std::size_t room = protocol::max_request_bytes + 1 - in_.size();
            const ssize_t n = ::recv(socket_.get(), chunk, std::min(room, sizeof chunk), 0);
            if (n > 0) {
                in_.append(chunk, static_cast<std::size_t>(n));
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
            peer_gone_ = true;  // end of stream, or ECONNRESET
            reset_by_peer_ = n < 0;
        }
    }

    // Answers the buffered requests one at a time, writes what can be
    // written, and watches for what is missing. May destroy this connection:
    // callers return right after.
    void step() {
        for (;;) {
            if (!awaiting_write_ && !closing_) take_request();
            const std::optional<After> written = write_some();
            if (!written) return;  // closed
            if (*written == After::Close) {
                close();
                return;
            }
            if (*written != After::ReadNext) break;
            awaiting_write_ = false;
        }
        if (closing_ && outbox_.empty()) {
            close();
            return;
        }
        if (peer_gone_ && !closing_ && !awaiting_write_) {
            close();  // nothing more will come
            return;
        }
        std::uint32_t wanted = 0;
        if (!awaiting_write_ && !closing_ && !peer_gone_) wanted |= FdEvent::read;
        if (!outbox_.empty()) wanted |= FdEvent::write;
        watch_.schedule(wanted);
    }

    // Queues the answer to the next complete request, if any.
    void take_request() {
        if (const auto nl = in_.find('\n'); nl != std::string::npos) {
            const std::string line = in_.substr(0, nl);
            in_.erase(0, nl + 1);
            last_active_ = clock_now(TimerClock::Monotonic);
            handle_line(line, After::ReadNext);
            server_.schedule_idle_sweep();
            awaiting_write_ = true;
            return;
        }
        if (in_.size() > protocol::max_request_bytes) {
            // The buffer is full and holds no newline: the line is too long.
            server_.log_.info(domain, "connection {}: request longer than {} bytes; closing", id_,
                              protocol::max_request_bytes);
            queue(protocol::encode_error(fmt::format("request longer than {} bytes; closing",
                                                     protocol::max_request_bytes)),
                  After::Close);
            closing_ = true;
            return;
        }
        if (peer_gone_ && !in_.empty() && !reset_by_peer_) {
            // A last line without its newline (`printf ... | nc -U`): answer it, then close.
            handle_line(in_, After::Close);
            in_.clear();
            closing_ = true;
        }
    }

    // Sends from the outbox until it is empty or the socket is full. Returns
    // what the last fully written line asked for (Nothing when none was
    // written or none asked), or nothing when the connection was closed.
    std::optional<After> write_some() {
        After result = After::Nothing;
        while (!outbox_.empty()) {
            const std::string& line = outbox_.front().line;
            const ssize_t n = ::send(socket_.get(), line.data() + sent_, line.size() - sent_,
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) return result;
            if (n < 0) {
                // EPIPE / ECONNRESET: the client hung up mid-reply. Nothing to do.
                server_.log_.debug(domain, "connection {}: write failed: {}", id_,
                                   std::strerror(errno));
                close();
                return std::nullopt;
            }
            sent_ += static_cast<std::size_t>(n);
            if (sent_ < line.size()) continue;
            const After after = outbox_.front().after;
            outbox_.pop_front();
            sent_ = 0;
            if (after != After::Nothing) return after;
        }
        return result;
    }

    void handle_line(std::string_view line, After after) {
        auto request = protocol::decode_request(line);
        if (!request) {
            server_.log_.info(domain, "connection {}: bad request: {}", id_, request.error());
            queue(protocol::encode_error(request.error()), after);
            return;
        }
        queue(answer(*request), after);
    }

    // The response line for a well-formed request. Handler exceptions become
    // error replies: nothing a client sends may stop the loop.
    std::string answer(const protocol::Request& request) {
        ControlHandler& handler = server_.handler_;
        try {
            if (std::holds_alternative<protocol::request::Status>(request)) {
                return protocol::encode_status(handler.status());
            }
            if (std::holds_alternative<protocol::request::Subscribe>(request)) {
                subscribed_ = true;
                server_.log_.debug(domain, "connection {}: subscribed", id_);
                return protocol::encode_status(handler.status());
            }
            auto result = handler.apply(request);
            if (!result) return protocol::encode_error(result.error());
            return protocol::encode_ok(result->message);
        } catch (const std::exception& e) {
            server_.log_.error(domain, "connection {}: handler failed: {}", id_, e.what());
            return protocol::encode_error(fmt::format("internal error: {}", e.what()));
        }
    }

    void queue(std::string line, After after, bool is_push = false) {
        line += '\n';
        outbox_.push_back(Outgoing{std::move(line), after, is_push});
    }

    ControlServer& server_;
    UniqueFd socket_;
    FdEvent watch_;  // declared after socket_: cancelled before it closes
    std::string in_;
    std::deque<Outgoing> outbox_;  // the front is partly written when sent_ > 0
    std::size_t sent_{0};
    std::uint64_t id_;
    std::chrono::nanoseconds last_active_{clock_now(TimerClock::Monotonic)};
    bool awaiting_write_{false};  // a reply is queued: the next request waits
    bool subscribed_{false};
    bool closing_{false};    // the last reply is queued; close once it is written
    bool peer_gone_{false};  // end of stream or reset: nothing more to read
    bool reset_by_peer_{false};
};

ControlServer::ControlServer(boost::asio::io_context& io, std::string socket_path,
                             ControlHandler& handler, Logger& log, ControlLimits limits)
    : io_(io),
      socket_path_(std::move(socket_path)),
      handler_(handler),
      log_(log),
      limits_(limits),
      accept_watch_(io, -1, [this](std::uint32_t) noexcept { accept_all(); }),
      accept_retry_(io, TimerClock::Monotonic,
                    [this]() noexcept { accept_watch_.schedule_read(); }),
      idle_sweep_(io, TimerClock::Monotonic, [this]() noexcept { sweep_idle(); }) {
    boost::asio::local::stream_protocol::acceptor acceptor(io);
    const SocketFileId id = bind_control_socket(acceptor, socket_path_);
    socket_dev_ = id.dev;
    socket_ino_ = id.ino;
    listener_.reset(acceptor.release());
    ::fcntl(listener_.get(), F_SETFL, ::fcntl(listener_.get(), F_GETFL) | O_NONBLOCK);
    accept_watch_.set_fd(listener_.get());
    accept_watch_.schedule_read();
    log_.info(domain, "listening on {}", socket_path_);
}

ControlServer::~ControlServer() {
    accept_watch_.cancel();
    connections_.clear();
    refused_.clear();
    remove_control_socket(socket_path_, SocketFileId{socket_dev_, socket_ino_});
}

void ControlServer::publish(const protocol::Status& status) {
    const std::string line = protocol::encode_status(status);
    // A connection may close itself (a write fails): step past it first.
    for (auto it = connections_.begin(); it != connections_.end();) {
        Connection& c = **it++;
        c.push_status(line);
    }
}

void ControlServer::accept_all() noexcept {
    for (;;) {
        const int fd = ::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            on_accepted(UniqueFd{fd});
            continue;
        }
        if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED) return;
        // Out of descriptors, most likely: wait a moment rather than spin.
        log_.warning(domain, "accept failed: {}; retrying", std::strerror(errno));
        accept_watch_.cancel();
        accept_retry_.arm_after(std::chrono::milliseconds{100});
        return;
    }
}

void ControlServer::on_accepted(UniqueFd socket) {
    ucred peer{};
    socklen_t size = sizeof peer;
    if (::getsockopt(socket.get(), SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 ||
        peer.uid != ::geteuid()) {
        log_.warning(domain, "refused a connection from uid {} (pid {})", peer.uid, peer.pid);
        return;  // the socket closes as it goes out of scope
    }
    auto connection = std::make_unique<Connection>(*this, std::move(socket), next_id_++);
    Connection& c = *connection;
    if (connections_.size() >= limits_.max_connections && !make_room()) {
        log_.warning(domain, "{} subscribers already; refusing a connection", connections_.size());
        refused_.push_back(std::move(connection));
        c.refuse(
            fmt::format("too many connections ({}); try again later", limits_.max_connections));
        return;
    }
    connections_.push_back(std::move(connection));
    log_.debug(domain, "connection {} from pid {}", c.id(), peer.pid);
    c.start();
    schedule_idle_sweep();
}

bool ControlServer::make_room() {
    auto oldest = connections_.end();
    for (auto it = connections_.begin(); it != connections_.end(); ++it) {
        if ((*it)->subscribed()) continue;
        if (oldest == connections_.end() || (*it)->last_active() < (*oldest)->last_active()) {
            oldest = it;
        }
    }
    if (oldest == connections_.end()) return false;
    log_.debug(domain, "connection {}: closed to make room", (*oldest)->id());
    (*oldest)->close();
    return true;
}

void ControlServer::forget(const Connection* connection) {
    auto is_it = [connection](const auto& c) { return c.get() == connection; };
    refused_.remove_if(is_it);
    connections_.remove_if(is_it);
    schedule_idle_sweep();
}

// Armed for the connection that falls idle first, and disarmed when only
// subscribers (or none) are left: a CLI call that has hung up leaves nothing
// that wakes the daemon later.
void ControlServer::schedule_idle_sweep() {
    std::optional<std::chrono::nanoseconds> first;
    for (const auto& c : connections_) {
        if (c->subscribed()) continue;
        if (!first || c->last_active() < *first) first = c->last_active();
    }
    if (first) {
        idle_sweep_.arm_at(*first + limits_.idle_timeout);
    } else {
        idle_sweep_.disarm();
    }
}

void ControlServer::sweep_idle() noexcept {
    const auto now = clock_now(TimerClock::Monotonic);
    std::vector<Connection*> idle;  // they leave the list as they close
    for (const auto& c : connections_) {
        if (!c->subscribed() && c->last_active() + limits_.idle_timeout <= now) {
            idle.push_back(c.get());
        }
    }
    for (Connection* c : idle) {
        log_.debug(domain, "connection {}: idle; closing", c->id());
        c->close();
    }
    schedule_idle_sweep();
}

}  // namespace walkbreak::daemon
