// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/device_identity.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {
namespace {

// The file's text, or errno's failure (ENOENT for a missing file).
core::Result<std::string> read_small_file(const std::string& path, int& error) {
    UniqueFd fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (!fd) {
        error = errno;
        return core::Error{fmt::format("cannot read {}: {}", path, std::strerror(errno))};
    }
    std::string text;
    char buffer[64];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = errno;
            return core::Error{fmt::format("cannot read {}: {}", path, std::strerror(errno))};
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > 64) break;  // an id file is 17 bytes: this is something else
    }
    return text;
}

core::Result<core::DeviceId> parse(const std::string& path, const std::string& text) {
    if (auto id = core::DeviceId::parse_file(text)) return *id;
    return core::Error{fmt::format(
        "{} does not hold a device id (16 lower-case hex digits); remove it to have a new one "
        "drawn",
        path)};
}

bool write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Writes a fresh id to `path` unless one is there by then; the id in it.
core::Result<core::DeviceId> create(const std::string& path) {
    std::uint64_t bits = 0;
    if (::getrandom(&bits, sizeof bits, 0) != static_cast<ssize_t>(sizeof bits)) {
        return core::Error{fmt::format("cannot draw a device id: {}", std::strerror(errno))};
    }
    const auto slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0) {
        ::mkdir(path.substr(0, slash).c_str(), 0700);  // exists already, mostly
    }
    const std::string temporary = fmt::format("{}.{}.tmp", path, ::getpid());
    {
        UniqueFd fd{::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
        if (!fd) {
            return core::Error{fmt::format("cannot write {}: {}", temporary, std::strerror(errno))};
        }
        if (!write_all(fd.get(), core::DeviceId::from_bits(bits).hex() + "\n") ||
            ::fsync(fd.get()) != 0) {
            const int error = errno;
            ::unlink(temporary.c_str());
            return core::Error{fmt::format("cannot write {}: {}", temporary, std::strerror(error))};
        }
    }
    // link(2) never replaces: a daemon that got there first wins, and its id is read.
    const bool linked = ::link(temporary.c_str(), path.c_str()) == 0;
    const int error = errno;
    ::unlink(temporary.c_str());
    if (!linked && error != EEXIST) {
        return core::Error{fmt::format("cannot write {}: {}", path, std::strerror(error))};
    }
    if (linked) return core::DeviceId::from_bits(bits);
    int read_error = 0;
    auto text = read_small_file(path, read_error);
    if (!text) return core::Error{text.error()};
    return parse(path, *text);
}

}  // namespace

core::Result<core::DeviceId> load_or_create_device_id(const std::string& path) {
    int error = 0;
    auto text = read_small_file(path, error);
    if (text) return parse(path, *text);
    if (error != ENOENT) return core::Error{text.error()};
    return create(path);
}

}  // namespace walkbreak::daemon
