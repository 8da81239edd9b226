// SPDX-License-Identifier: GPL-3.0-or-later
// The file-system side of opening the store: directories, file modes, and
// reading a WAL database whose directory we may not write.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/schema.hpp"

namespace walkbreak::core {
namespace {

// Long enough to ride out the daemon's longest write or a checkpoint, short
// enough that a stuck lock is reported rather than hanging the CLI.
constexpr int busy_timeout_ms = 5000;

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

[[noreturn]] void fail_errno(const std::string& what, const std::string& path) {
    throw StoreError(StoreError::Kind::Open,
                     fmt::format("cannot {} {}: {}", what, path, std::strerror(errno)));
}

// Like `mkdir -p -m 0700` for the directories above `path`: the data is about
// the user's health, so directories we create are private. Existing
// directories keep their modes.
void create_parent_directories(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::filesystem::path partial;
    for (const auto& part : parent) {
        partial /= part;
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
            fail_errno("create the directory", partial.string());
        }
    }
}

// The file is created here rather than by SQLite so that it is 0600; SQLite
// gives its -wal and -shm files the same mode, and treats an empty file as a
// new database.
void create_private_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
    } else if (errno != EEXIST) {
        fail_errno("create", path);
    }
}

Database open_for_writing(const std::string& path, std::span<const Migration> history) {
    create_parent_directories(path);
    create_private_file(path);
    Database db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // SQLite quietly opens a file it may not write read-only; the daemon
    // should hear that now, not at its first walk.
    if (db.is_read_only()) {
        throw StoreError(StoreError::Kind::ReadOnly,
                         fmt::format("cannot write {}: permission denied", path));
    }
    db.set_busy_timeout(busy_timeout_ms);
    prepare_for_writing(db, history);
    return db;
}

Database open_for_reading(const std::string& path, std::span<const Migration> history) {
    if (!exists(path)) {
        throw StoreError(StoreError::Kind::Open,
                         fmt::format("there is no walkbreak database at {} yet; walkbreakd "
                                     "creates it when it first runs",
                                     path));
    }
    Database db(path, SQLITE_OPEN_READONLY);
    db.set_busy_timeout(busy_timeout_ms);
    try {
        read_user_version(db);
    } catch (const StoreError& e) {
        // Reading a WAL database needs its -wal and -shm files, which even a
        // read-only connection creates when they are missing (a cleanly closed
        // database has none). In a directory we cannot write that fails. With
        // no -wal file every commit is in the main file, and a writer would
        // first have to create the -wal, which the daemon, running as this
        // same user, cannot either: the file can be read as immutable.
        const bool cannot_create =
            e.kind() == StoreError::Kind::ReadOnly || e.kind() == StoreError::Kind::Open;
        if (!cannot_create || exists(path + "-wal")) throw;
        db = Database(path, SQLITE_OPEN_READONLY, true);
    }
    check_for_reading(db, history);
    return db;
}

}  // namespace

Database open_store_database(const std::string& path, Store::Mode mode,
                             std::span<const Migration> history) {
    return mode == Store::Mode::ReadWrite ? open_for_writing(path, history)
                                          : open_for_reading(path, history);
}

}  // namespace walkbreak::core
