// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/control_server_socket.hpp"

#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include <boost/asio/error.hpp>
#include <fmt/format.h>

namespace walkbreak::daemon {
namespace {

namespace asio = boost::asio;
using Local = asio::local::stream_protocol;

std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

void prepare_directory(const std::string& dir) {
    if (::mkdir(dir.c_str(), 0700) == 0) {
        // The umask may have taken bits away; exactly 0700 is wanted.
        if (::chmod(dir.c_str(), 0700) != 0) {
            throw std::runtime_error(fmt::format(
                "cannot set the mode of the socket directory {}: {}", dir, errno_text(errno)));
        }
        return;
    }
    if (errno != EEXIST) {
        throw std::runtime_error(
            fmt::format("cannot create the socket directory {}: {}", dir, errno_text(errno)));
    }
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) {
        throw std::runtime_error(
            fmt::format("cannot inspect the socket directory {}: {}", dir, errno_text(errno)));
    }
    // Anyone who can write the directory can swap the socket for their own.
    if (!S_ISDIR(st.st_mode)) {
        throw std::runtime_error(
            fmt::format("{} is not a directory; refusing to put the control socket there", dir));
    }
    if (st.st_uid != ::geteuid()) {
        throw std::runtime_error(fmt::format(
            "{} is owned by uid {}, not by this user (uid {}); refusing to put the control "
            "socket there",
            dir, st.st_uid, ::geteuid()));
    }
    if ((st.st_mode & 0077u) != 0) {
        throw std::runtime_error(fmt::format(
            "{} is open to group or others (mode {:04o}); expected mode 0700: chmod 700 {}", dir,
            st.st_mode & 07777u, dir));
    }
}

std::runtime_error already_running(const std::string& path) {
    return std::runtime_error(
        fmt::format("walkbreakd is already running for this user (socket {})", path));
}

// A socket file whose daemon crashed refuses connections; remove it. One that
// answers belongs to a live daemon.
void clear_stale_socket(Local::acceptor& acceptor, const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return;
        throw std::runtime_error(fmt::format("cannot inspect {}: {}", path, errno_text(errno)));
    }
    if (!S_ISSOCK(st.st_mode)) {
        throw std::runtime_error(fmt::format(
            "{} exists and is not a socket; remove it or choose another path with --socket", path));
    }
    Local::socket probe(acceptor.get_executor());
    boost::system::error_code ec;
    probe.connect(Local::endpoint(path), ec);
    if (!ec) throw already_running(path);
    if (ec != asio::error::connection_refused) {
        throw std::runtime_error(
            fmt::format("cannot check whether a walkbreakd answers on {}: {}", path, ec.message()));
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        throw std::runtime_error(
            fmt::format("cannot remove the stale socket {}: {}", path, errno_text(errno)));
    }
}

}  // namespace

SocketFileId bind_control_socket(Local::acceptor& acceptor, const std::string& path) {
    constexpr std::size_t max_path = sizeof(sockaddr_un{}.sun_path) - 1;
    if (path.empty() || path.size() > max_path) {
        throw std::runtime_error(fmt::format(
            "socket path \"{}\" is {} bytes; expected 1 to {} bytes", path, path.size(), max_path));
    }
    const auto parent = std::filesystem::path(path).parent_path();
    prepare_directory(parent.empty() ? std::string(".") : parent.string());
    clear_stale_socket(acceptor, path);

    const Local::endpoint endpoint(path);
    acceptor.open(endpoint.protocol());
    boost::system::error_code ec;
    // umask is per process: this runs at start-up on the loop thread, before
    // anything else could create files. 0177 makes the socket 0600 at bind,
    // with no window in which others could connect.
    const mode_t old_mask = ::umask(0177);
    acceptor.bind(endpoint, ec);
    ::umask(old_mask);
    // Another daemon may have bound between our check and our bind.
    if (ec == asio::error::address_in_use) throw already_running(path);
    if (ec) throw std::runtime_error(fmt::format("cannot bind {}: {}", path, ec.message()));
    acceptor.listen(Local::acceptor::max_listen_connections, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot listen on {}: {}", path, ec.message()));

    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        throw std::runtime_error(fmt::format("cannot inspect {}: {}", path, errno_text(errno)));
    }
    return SocketFileId{static_cast<std::uint64_t>(st.st_dev),
                        static_cast<std::uint64_t>(st.st_ino)};
}

void remove_control_socket(const std::string& path, SocketFileId id) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return;
    if (static_cast<std::uint64_t>(st.st_dev) == id.dev &&
        static_cast<std::uint64_t>(st.st_ino) == id.ino) {
        ::unlink(path.c_str());
    }
}

}  // namespace walkbreak::daemon
