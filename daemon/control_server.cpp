// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/control_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <deque>
#include <exception>
#include <optional>
#include <vector>

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "daemon/control_server_socket.hpp"

namespace walkbreak::daemon {

namespace asio = boost::asio;
namespace protocol = core::protocol;
using Local = asio::local::stream_protocol;
using boost::system::error_code;

namespace {
constexpr std::string_view domain = "control";
}  // namespace

// One client. Owned through shared_ptr because asio's pending handlers must
// keep it alive after the server (or a timeout) has closed it: each handler
// holds a reference, so the object goes away when the last one has run.
// `server_` is null once the server is gone; `closed_` stops every handler.
class ControlServer::Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(ControlServer& server, Local::socket socket, std::uint64_t id)
        : server_(&server),
          socket_(std::move(socket)),
          // One byte more than a request, for its newline.
          in_(protocol::max_request_bytes + 1),
          id_(id) {}

    void start() { read_next(); }

    // Idempotent; safe from any handler.
    void close() {
        if (closed_) return;
        closed_ = true;
        error_code ignored;
        socket_.shutdown(Local::socket::shutdown_both, ignored);
        socket_.close(ignored);
        if (server_ != nullptr) server_->forget(this);
    }

    // The server is being destroyed: never call back into it.
    void detach() { server_ = nullptr; }

    void push_status(const std::string& line) {
        if (closed_ || !subscribed_) return;
        // A status not yet being written is stale now: replace it.
        const std::size_t in_flight = writing_ ? 1 : 0;
        if (outbox_.size() > in_flight && outbox_.back().is_push) {
            outbox_.back().line = line + '\n';
            return;
        }
        queue(line, After::Nothing, true);
    }

    bool subscribed() const { return subscribed_; }
    bool closed() const { return closed_; }
    // When the last complete request came (or the connection, before any).
    std::chrono::nanoseconds last_active() const { return last_active_; }
    std::uint64_t id() const { return id_; }

    // Refuses a newcomer when the server is full.
    void refuse(std::string_view message) { queue(protocol::encode_error(message), After::Close); }

private:
    enum class After { Nothing, ReadNext, Close };
    struct Outgoing {
        std::string line;  // with its newline
        After after{After::Nothing};
        bool is_push{false};
    };

    void read_next() {
        if (closed_) return;
        asio::async_read_until(
            socket_, in_, '\n',
            [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
    }

    void on_read(error_code ec, std::size_t length) {
        if (closed_ || server_ == nullptr) return;
        if (ec == asio::error::not_found) {
            // The buffer is full and holds no newline: the line is too long.
            server_->log_.info(domain, "connection {}: request longer than {} bytes; closing", id_,
                               protocol::max_request_bytes);
            queue(protocol::encode_error(fmt::format("request longer than {} bytes; closing",
                                                     protocol::max_request_bytes)),
                  After::Close);
            return;
        }
        if (ec == asio::error::eof && in_.size() > 0) {
            // A last line without its newline (`printf ... | nc -U`): answer it, then close.
            handle_line(take(in_.size()), After::Close);
            return;
        }
        if (ec) {
            close();
            return;
        }
        std::string line = take(length);
        line.pop_back();  // the newline
        last_active_ = clock_now(TimerClock::Monotonic);
        handle_line(line, After::ReadNext);
        if (server_ != nullptr) server_->schedule_idle_sweep();
    }

    std::string take(std::size_t n) {
        std::string s(asio::buffers_begin(in_.data()),
                      asio::buffers_begin(in_.data()) + static_cast<std::ptrdiff_t>(n));
        in_.consume(n);
        return s;
    }

    void handle_line(std::string_view line, After after) {
        auto request = protocol::decode_request(line);
        if (!request) {
            server_->log_.info(domain, "connection {}: bad request: {}", id_, request.error());
            queue(protocol::encode_error(request.error()), after);
            return;
        }
        queue(answer(*request), after);
    }

    // The response line for a well-formed request. Handler exceptions become
    // error replies: nothing a client sends may stop the loop.
    std::string answer(const protocol::Request& request) {
        ControlHandler& handler = server_->handler_;
        try {
            if (std::holds_alternative<protocol::request::Status>(request)) {
                return protocol::encode_status(handler.status());
            }
            if (std::holds_alternative<protocol::request::Subscribe>(request)) {
                subscribed_ = true;
                server_->log_.debug(domain, "connection {}: subscribed", id_);
                return protocol::encode_status(handler.status());
            }
            auto result = handler.apply(request);
            if (!result) return protocol::encode_error(result.error());
            return protocol::encode_ok(result->message);
        } catch (const std::exception& e) {
            server_->log_.error(domain, "connection {}: handler failed: {}", id_, e.what());
            return protocol::encode_error(fmt::format("internal error: {}", e.what()));
        }
    }

    void queue(std::string line, After after, bool is_push = false) {
        line += '\n';
        outbox_.push_back(Outgoing{std::move(line), after, is_push});
        if (!writing_) write_next();
    }

    void write_next() {
        if (closed_ || outbox_.empty()) return;
        writing_ = true;
        asio::async_write(
            socket_, asio::buffer(outbox_.front().line),
            [self = shared_from_this()](error_code ec, std::size_t) { self->on_written(ec); });
    }

    void on_written(error_code ec) {
        writing_ = false;
        if (closed_) return;
        if (ec) {
            // EPIPE / ECONNRESET: the client hung up mid-reply. Nothing to do.
            if (server_ != nullptr) {
                server_->log_.debug(domain, "connection {}: write failed: {}", id_, ec.message());
            }
            close();
            return;
        }
        const After after = outbox_.front().after;
        outbox_.pop_front();
        if (after == After::Close) {
            close();
            return;
        }
        if (after == After::ReadNext) read_next();
        write_next();
    }

    ControlServer* server_;
    Local::socket socket_;
    asio::streambuf in_;
    std::deque<Outgoing> outbox_;  // the front is being written while writing_
    std::uint64_t id_;
    std::chrono::nanoseconds last_active_{clock_now(TimerClock::Monotonic)};
    bool writing_{false};
    bool subscribed_{false};
    bool closed_{false};
};

ControlServer::ControlServer(asio::io_context& io, std::string socket_path, ControlHandler& handler,
                             Logger& log, ControlLimits limits)
    : socket_path_(std::move(socket_path)),
      handler_(handler),
      log_(log),
      limits_(limits),
      acceptor_(io),
      accept_retry_(io, TimerClock::Monotonic, [this] { accept_next(); }),
      idle_sweep_(io, TimerClock::Monotonic, [this] { sweep_idle(); }),
      alive_(std::make_shared<char>()) {
    const SocketFileId id = bind_control_socket(acceptor_, socket_path_);
    socket_dev_ = id.dev;
    socket_ino_ = id.ino;
    log_.info(domain, "listening on {}", socket_path_);
    accept_next();
}

ControlServer::~ControlServer() {
    alive_.reset();
    error_code ignored;
    acceptor_.close(ignored);
    // Copy: closing a connection removes it from the list.
    auto connections = connections_;
    connections_.clear();
    for (auto& c : connections) {
        c->detach();
        c->close();
    }
    remove_control_socket(socket_path_, SocketFileId{socket_dev_, socket_ino_});
}

void ControlServer::publish(const protocol::Status& status) {
    const std::string line = protocol::encode_status(status);
    for (auto& c : connections_) c->push_status(line);
}

void ControlServer::accept_next() {
    acceptor_.async_accept(
        [this, alive = std::weak_ptr<char>(alive_)](error_code ec, Local::socket socket) {
            if (alive.expired()) return;
            if (!ec) {
                on_accepted(std::move(socket));
                accept_next();
                return;
            }
            if (ec == asio::error::operation_aborted) return;
            // Out of descriptors, most likely: wait a moment rather than spin.
            log_.warning(domain, "accept failed: {}; retrying", ec.message());
            accept_retry_.arm_after(std::chrono::milliseconds{100});
        });
}

void ControlServer::on_accepted(Local::socket socket) {
    ucred peer{};
    socklen_t size = sizeof peer;
    if (::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 ||
        peer.uid != ::geteuid()) {
        log_.warning(domain, "refused a connection from uid {} (pid {})", peer.uid, peer.pid);
        return;  // the socket closes as it goes out of scope
    }
    auto connection = std::make_shared<Connection>(*this, std::move(socket), next_id_++);
    if (connections_.size() >= limits_.max_connections && !make_room()) {
        log_.warning(domain, "{} subscribers already; refusing a connection", connections_.size());
        connection->detach();
        connection->refuse(
            fmt::format("too many connections ({}); try again later", limits_.max_connections));
        return;
    }
    connections_.push_back(connection);
    log_.debug(domain, "connection {} from pid {}", connection->id(), peer.pid);
    connection->start();
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
    auto victim = *oldest;  // keeps it alive through close()
    log_.debug(domain, "connection {}: closed to make room", victim->id());
    victim->close();
    return true;
}

void ControlServer::forget(const Connection* connection) {
    connections_.remove_if([connection](const auto& c) { return c.get() == connection; });
    schedule_idle_sweep();
}

// Armed for the connection that falls idle first, and disarmed when only
// subscribers (or none) are left: a CLI call that has hung up leaves nothing
// that wakes the daemon later.
void ControlServer::schedule_idle_sweep() {
    std::optional<std::chrono::nanoseconds> first;
    for (const auto& c : connections_) {
        if (c->subscribed() || c->closed()) continue;
        if (!first || c->last_active() < *first) first = c->last_active();
    }
    if (first) {
        idle_sweep_.arm_at(*first + limits_.idle_timeout);
    } else {
        idle_sweep_.disarm();
    }
}

void ControlServer::sweep_idle() {
    const auto now = clock_now(TimerClock::Monotonic);
    std::vector<std::shared_ptr<Connection>> idle;  // they leave the list as they close
    for (const auto& c : connections_) {
        if (!c->subscribed() && !c->closed() && c->last_active() + limits_.idle_timeout <= now) {
            idle.push_back(c);
        }
    }
    for (const auto& c : idle) {
        log_.debug(domain, "connection {}: idle; closing", c->id());
        c->close();
    }
    schedule_idle_sweep();
}

}  // namespace walkbreak::daemon
