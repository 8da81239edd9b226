// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sync_paths.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

namespace walkbreak::core {
namespace {

std::string errno_text(int error) { return std::strerror(error); }

// Closes a file descriptor when it goes out of scope.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    // close(2)'s own result: a delayed write error shows there.
    int close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd);
    }

private:
    int fd_;
};

Error file_error(std::string_view what, const std::filesystem::path& file, int error) {
    return Error{fmt::format("cannot {} {}: {}", what, file.string(), errno_text(error))};
}

// Like `mkdir -p -m 0700`: the directory is the database's, private.
Outcome create_private_directories(const std::filesystem::path& dir) {
    std::filesystem::path partial;
    for (const auto& part : dir) {
        partial /= part;
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
            return file_error("create the directory", partial, errno);
        }
    }
    return success();
}

// Lexically normal, without the empty last part "/a/b/" keeps.
std::filesystem::path normal_directory(const std::filesystem::path& dir) {
    std::filesystem::path normal = dir.lexically_normal();
    if (!normal.has_filename() && normal != normal.root_path()) normal = normal.parent_path();
    return normal;
}

bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

Result<std::filesystem::path> resolve_sync_folder(const Config::Sync& sync,
                                                  const std::filesystem::path& home) {
    if (!sync.folder) return Error{"sync is off: sync.folder is not set"};
    const std::string& folder = *sync.folder;
    std::filesystem::path path;
    if (folder.starts_with("~/")) {
        if (home.empty() || !home.is_absolute()) {
            return Error{fmt::format(
                "sync.folder \"{}\": the home directory is not known (HOME is unset or not an "
                "absolute path); write the folder as an absolute path",
                folder)};
        }
        path = home / folder.substr(2);
    } else {
        path = folder;
    }
    if (!path.is_absolute()) {
        return Error{fmt::format(
            R"(sync.folder "{}": expected an absolute folder or one under "~/")", folder)};
    }
    path = normal_directory(path);
    if (path == path.root_path() || (!home.empty() && path == normal_directory(home))) {
        return Error{fmt::format(
            "sync.folder \"{}\" is {}: expected a folder of its own, like \"~/Sync/walkbreak\"",
            folder, path == path.root_path() ? "the root directory" : "the home directory")};
    }
    return path;
}

std::string sync_device_name(const Config::Sync& sync, std::string_view host_name) {
    if (sync.device_name) return *sync.device_name;
    if (!host_name.empty()) return std::string(host_name);
    return "device";
}

std::string host_name() {
    std::array<char, HOST_NAME_MAX + 1> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0) return {};
    return std::string(name.data());
}

std::filesystem::path device_id_file(const std::filesystem::path& db) {
    return db.parent_path() / "device-id";
}

Result<std::optional<DeviceId>> read_device_id_file(const std::filesystem::path& file) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) {
        if (errno == ENOENT) return std::optional<DeviceId>{};
        return file_error("read the device id from", file, errno);
    }
    // 17 bytes are the whole of a good file; one more tells a longer one.
    std::array<char, 18> buffer{};
    std::size_t size = 0;
    while (size < buffer.size()) {
        const ssize_t n = ::read(fd.get(), buffer.data() + size, buffer.size() - size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return file_error("read the device id from", file, errno);
        if (n == 0) break;
        size += static_cast<std::size_t>(n);
    }
    const std::string_view text(buffer.data(), size);
    const auto id = text.size() == 17 && text.back() == '\n' ? DeviceId::parse(text.substr(0, 16))
                                                             : std::nullopt;
    if (!id) {
        return Error{fmt::format(
            "{} does not hold a device id (16 lower-case hex digits and a newline); delete it "
            "and walkbreakd draws a new one",
            file.string())};
    }
    return std::optional<DeviceId>{*id};
}

Result<DeviceId> create_device_id_file(const std::filesystem::path& file, DeviceId candidate) {
    const std::filesystem::path dir = file.parent_path();
    if (auto made = create_private_directories(dir); !made) return Error{made.error()};
    std::string temporary = (dir / ".device-id.tmp-XXXXXX").string();
    Fd fd(::mkostemp(temporary.data(), O_CLOEXEC));  // 0600
    if (fd.get() < 0) return file_error("create a file in", dir, errno);
    const std::string text = candidate.hex() + '\n';
    if (!write_all(fd.get(), text) || ::fsync(fd.get()) != 0 || fd.close() != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return file_error("write", temporary, error);
    }
    // link(2) never replaces: a file another walkbreakd made meanwhile wins.
    const bool linked = ::link(temporary.c_str(), file.c_str()) == 0;
    const int error = errno;
    ::unlink(temporary.c_str());
    if (!linked && error != EEXIST) return file_error("create", file, error);
    if (linked) {
        // The name itself on disk: an id lost in a crash would be drawn again,
        // and the journals written under the first one would look like
        // another device's.
        Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
        return candidate;
    }
    auto existing = read_device_id_file(file);
    if (!existing) return Error{existing.error()};
    if (!*existing) return file_error("create", file, ENOENT);
    return **existing;
}

}  // namespace walkbreak::core
