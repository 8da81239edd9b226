// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A directory watched with inotify whether or not it exists (the sync
// folder, docs/SYNC.md): while it is there, each name in it that is written
// (IN_CLOSE_WRITE), created, moved in or out, or deleted is reported; while it
// is not (not made yet, deleted, moved away, unmounted), the nearest existing
// directory above it is watched for the next component's creation, so that
// it is picked up the moment it appears. A change of the mount table
// (/proc/self/mountinfo, which wakes its pollers when it changes) makes it
// look again, since mounting a file system over the folder or its parent
// tells inotify nothing, nor does taking away a bind mount or a busy file
// system (a lazy unmount); the folder gone with it is vanished(). No
// polling, no timer: nothing wakes the loop while nothing changes there.
// Loop thread only.
#include <sys/inotify.h>
#include <sys/stat.h>

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {

class FolderWatch {
public:
    struct Callbacks {
        // The folder is there (at start, or again): read everything in it.
        // Also after inotify lost events (its queue overflowed).
        Callback<void()> appeared;
        // A name in the folder changed: written and closed, created, moved in
        // or out, or deleted.
        Callback<void(const std::string& name)> changed;
        // The folder is gone: deleted, moved away or unmounted. Not called
        // when it is missing at start.
        Callback<void()> vanished;
    };

    // Opens inotify for `folder` (an absolute path); an error says why not.
    static core::Result<std::unique_ptr<FolderWatch>> open(boost::asio::io_context& io,
                                                           std::string folder, Callbacks callbacks);
    FolderWatch(boost::asio::io_context& io, std::string folder, UniqueFd inotify, UniqueFd mounts,
                Callbacks callbacks);
    FolderWatch(const FolderWatch&) = delete;
    FolderWatch& operator=(const FolderWatch&) = delete;

    // Watches; appeared() follows from the loop when the folder is there.
    void start();
    bool present() const { return folder_wd_ >= 0; }
    const std::string& folder() const { return folder_; }
    // While the folder is missing: the directory watched for it to appear.
    const std::string& waiting_in() const { return ancestor_; }

private:
    // Watches the folder if it is there, else the nearest directory above it.
    void look();
    void forget_watches();
    void on_inotify() noexcept;
    void on_mounts_changed() noexcept;
    void handle(const inotify_event& event);

    std::string folder_;
    UniqueFd inotify_;
    UniqueFd mounts_;  // /proc/self/mountinfo; none where it cannot be opened
    Callbacks callbacks_;
    FdEvent inotify_watch_;  // declared after the descriptors: cancelled before they close
    FdEvent mounts_watch_;
    DeferEvent report_appeared_;
    int folder_wd_{-1};
    int ancestor_wd_{-1};
    std::string ancestor_;             // the directory watched while the folder is missing
    std::optional<dev_t> folder_dev_;  // the file system the folder was on when watched
    std::optional<ino_t> folder_ino_;
};

}  // namespace walkbreak::daemon
