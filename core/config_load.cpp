// SPDX-License-Identifier: GPL-3.0-or-later
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "core/config.hpp"

namespace walkbreak::core {
namespace {

// Far above any real config; a bigger "config" is some other file given by mistake.
constexpr std::size_t max_config_bytes = 1 << 20;

ConfigParse refused(const std::string& path, std::string message) {
    ConfigParse result;
    result.errors.push_back(ConfigDiagnostic{path, 0, 0, "", std::move(message)});
    return result;
}

ConfigParse unreadable(const std::string& path, int error) {
    return refused(path, "expected a readable file: " + std::generic_category().message(error));
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

ConfigParse load_config_file(const std::string& path) {
    const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.get() < 0) {
        if (errno == ENOENT) {
            return ConfigParse{Config{}, {}, {}};  // the file is optional
        }
        return unreadable(path, errno);
    }
    std::string text;
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return unreadable(path, errno);
        }
        if (n == 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > max_config_bytes) {
            return refused(path, "expected a config file of at most 1 MiB");
        }
    }
    return parse_config(text, path);
}

}  // namespace walkbreak::core
