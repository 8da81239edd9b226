// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/folder_watch.hpp"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace walkbreak::daemon {
namespace {

// IN_UNMOUNT, IN_IGNORED and IN_Q_OVERFLOW come without asking.
constexpr std::uint32_t folder_events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                        IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
constexpr std::uint32_t ancestor_events =
    IN_CREATE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
constexpr std::uint32_t gone_events = IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED;

// "/a/b/c" -> "/a/b"; "/a" -> "/" (paths without a trailing slash).
std::string parent_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0) return "/";
    return path.substr(0, slash);
}

// The component of `path` right below `dir` ("/a/b/c" below "/a": "b").
std::string component_below(const std::string& dir, const std::string& path) {
    const std::size_t from = dir == "/" ? 1 : dir.size() + 1;
    if (path.size() <= from) return {};
    const auto slash = path.find('/', from);
    return path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
}

}  // namespace

core::Result<std::unique_ptr<FolderWatch>> FolderWatch::open(boost::asio::io_context& io,
                                                             std::string folder,
                                                             Callbacks callbacks) {
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    if (folder.empty() || folder.front() != '/') {
        return core::Error{fmt::format("{}: expected an absolute folder", folder)};
    }
    UniqueFd inotify{inotify_init1(IN_NONBLOCK | IN_CLOEXEC)};
    if (!inotify) return core::Error{fmt::format("cannot use inotify ({})", std::strerror(errno))};
    UniqueFd mounts{::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC)};
    return std::make_unique<FolderWatch>(io, std::move(folder), std::move(inotify),
                                         std::move(mounts), std::move(callbacks));
}

FolderWatch::FolderWatch(boost::asio::io_context& io, std::string folder, UniqueFd inotify,
                         UniqueFd mounts, Callbacks callbacks)
    : folder_(std::move(folder)),
      inotify_(std::move(inotify)),
      mounts_(std::move(mounts)),
      callbacks_(std::move(callbacks)),
      inotify_watch_(io, inotify_.get(), [this](std::uint32_t) noexcept { on_inotify(); }),
      mounts_watch_(io, mounts_.get(), [this](std::uint32_t) noexcept { on_mounts_changed(); }),
      report_appeared_(io, [this]() noexcept { callbacks_.appeared(); }) {}

void FolderWatch::start() {
    inotify_watch_.schedule_read();
    // Edge-triggered, and for reading, which mountinfo always is: each
    // change of the mount table is then reported once. Watched for its
    // exceptional condition alone, the change would be lost: the loop's
    // epoll set is itself watched by asio's, whose poll of it polls
    // mountinfo, which clears that condition before the loop's own
    // epoll_wait could report it. (One report follows the start, for the
    // readiness found when the watch is added: a look that finds all as it
    // was.)
    if (mounts_) mounts_watch_.schedule(FdEvent::read | FdEvent::priority | EPOLLET);
    look();
}

void FolderWatch::forget_watches() {
    for (int* wd : {&folder_wd_, &ancestor_wd_}) {
        if (*wd >= 0) inotify_rm_watch(inotify_.get(), *wd);  // its IN_IGNORED is passed over
        *wd = -1;
    }
    ancestor_.clear();
    folder_dev_.reset();
    folder_ino_.reset();
    report_appeared_.cancel();
}

void FolderWatch::look() {
    forget_watches();
    // Twice at most: the folder may appear between the first try and the
    // watch on the directory above it, which would then never see it come.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int wd = inotify_add_watch(inotify_.get(), folder_.c_str(), folder_events);
        if (wd >= 0) {
            if (ancestor_wd_ >= 0) inotify_rm_watch(inotify_.get(), ancestor_wd_);
            ancestor_wd_ = -1;
            ancestor_.clear();
            folder_wd_ = wd;
            struct stat st {};
            if (::stat(folder_.c_str(), &st) == 0) {
                folder_dev_ = st.st_dev;
                folder_ino_ = st.st_ino;
            }
            report_appeared_.schedule();
            return;
        }
        if (ancestor_wd_ >= 0) return;
        for (std::string dir = parent_of(folder_);; dir = parent_of(dir)) {
            const int awd = inotify_add_watch(inotify_.get(), dir.c_str(), ancestor_events);
            if (awd >= 0) {
                ancestor_wd_ = awd;
                ancestor_ = dir;
                break;
            }
            if (dir == "/") return;  // nothing above it can be watched either
        }
    }
}

void FolderWatch::on_inotify() noexcept {
    alignas(inotify_event) char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(inotify_.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EAGAIN: all read
        for (ssize_t at = 0; at < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
            handle(*event);
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
}

void FolderWatch::handle(const inotify_event& event) {
    if ((event.mask & IN_Q_OVERFLOW) != 0) {
        look();  // what changed is not known: everything is read again
        return;
    }
    const std::string name = event.len != 0 ? std::string{event.name} : std::string{};
    if (event.wd == folder_wd_ && folder_wd_ >= 0) {
        if ((event.mask & gone_events) != 0) {
            if ((event.mask & IN_IGNORED) == 0) inotify_rm_watch(inotify_.get(), folder_wd_);
            folder_wd_ = -1;
            callbacks_.vanished();
            look();
        } else if (!name.empty()) {
            callbacks_.changed(name);
        }
        return;
    }
    if (event.wd == ancestor_wd_ && ancestor_wd_ >= 0) {
        if ((event.mask & gone_events) != 0 || name == component_below(ancestor_, folder_)) look();
    }
    // Anything else is about a watch already given up.
}

void FolderWatch::on_mounts_changed() noexcept {
    // A file system mounted over the folder, or over a directory above it,
    // changes what the path names without a word from inotify; so does one
    // taken away while it is busy (a lazy unmount) or a bind mount taken
    // away: the watched directory lives on elsewhere, and no IN_UNMOUNT
    // comes.
    if (!present()) return look();
    struct stat st {};
    if (::stat(folder_.c_str(), &st) != 0) {
        // Gone with the mount. (When inotify's IN_UNMOUNT is read first, the
        // folder is no longer present() here and this is not said twice.)
        inotify_rm_watch(inotify_.get(), folder_wd_);
        folder_wd_ = -1;
        callbacks_.vanished();
        return look();
    }
    // Another directory now (a file system mounted over it): read afresh.
    if (folder_dev_ != st.st_dev || folder_ino_ != st.st_ino) look();
}

}  // namespace walkbreak::daemon
