// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/sync_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {
namespace {

FileFailure failed(std::string call) { return FileFailure{std::move(call), errno}; }

// One write(2) of the whole of `text`; a short write is a failure (ENOSPC
// when the call did not say). Retried only when interrupted before writing.
std::optional<FileFailure> write_once(int fd, std::string_view text) {
    for (;;) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failed("write");
        if (static_cast<std::size_t>(n) != text.size()) return FileFailure{"write", ENOSPC};
        return std::nullopt;
    }
}

// Ends the file with a newline when its last byte is not one (an empty file
// is left as it is).
std::optional<FileFailure> mend_torn_end(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return failed("stat");
    if (st.st_size == 0) return std::nullopt;
    char last = 0;
    const ssize_t n = ::pread(fd, &last, 1, st.st_size - 1);
    if (n < 0) return failed("read");
    if (n == 1 && last == '\n') return std::nullopt;
    return write_once(fd, "\n");
}

}  // namespace

std::string FileFailure::describe(const std::filesystem::path& file) const {
    return fmt::format("cannot {} {}: {}", call, file.string(), std::strerror(error));
}

AppendResult append_journal_lines(const std::filesystem::path& file,
                                  std::span<const core::OwedJournalLine> lines) {
    AppendResult result;
    // O_RDWR: the end is read to find a torn line.
    UniqueFd fd(::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600));
    if (!fd) {
        result.failure = failed("open");
        return result;
    }
    if ((result.failure = mend_torn_end(fd.get()))) return result;
    for (const auto& line : lines) {
        if ((result.failure = write_once(fd.get(), line.text))) return result;
        ++result.appended;
    }
    // Network file systems report a failed write at close.
    if (::close(fd.release()) != 0) result.failure = failed("close");
    return result;
}

std::optional<FileFailure> replace_file(const std::filesystem::path& file, std::string_view text) {
    const std::filesystem::path temporary =
        file.parent_path() / ("." + file.filename().string() + ".tmp");
    UniqueFd fd(
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0600));
    if (!fd) return failed("open");
    auto failure = write_once(fd.get(), text);
    if (::close(fd.release()) != 0 && !failure) failure = failed("close");
    if (!failure && ::rename(temporary.c_str(), file.c_str()) != 0) failure = failed("rename");
    if (failure) ::unlink(temporary.c_str());
    return failure;
}

}  // namespace walkbreak::daemon
