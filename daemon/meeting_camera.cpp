// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_camera.hpp"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "daemon/camera_open_counts.hpp"
#include "daemon/fd_event.hpp"
#include "daemon/meeting_reporter.hpp"
#include "daemon/proc_open_files.hpp"
#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {
namespace {

constexpr std::uint32_t node_events = IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE;
// IN_ATTRIB too: a node the kernel has just created may not be readable yet,
// and so not watchable, until udev has given it its mode and ACL.
constexpr std::uint32_t directory_events =
    IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_ONLYDIR;

// The glob cut into its directory (made absolute, as /proc shows paths) and
// the pattern of the node names in it.
struct DeviceGlob {
    std::string text;
    std::string directory;
    std::string pattern;
};

core::Result<DeviceGlob> split_glob(const std::string& glob) {
    const std::size_t slash = glob.rfind('/');
    std::string directory = slash == std::string::npos ? "." : glob.substr(0, slash);
    if (directory.empty()) directory = "/";
    std::string pattern = slash == std::string::npos ? glob : glob.substr(slash + 1);
    if (pattern.empty()) return core::Error{fmt::format("{} names no device node", glob)};
    if (directory.find_first_of("*?[") != std::string::npos)
        return core::Error{fmt::format(
            "{}: only the last component of meeting.camera_devices may hold wildcards", glob)};
    char* real = realpath(directory.c_str(), nullptr);
    if (real == nullptr)
        return core::Error{fmt::format("cannot find {} ({})", directory, std::strerror(errno))};
    directory = real;
    std::free(real);
    return DeviceGlob{glob, std::move(directory), std::move(pattern)};
}

// /proc shows the file a descriptor refers to with no symlinks in its path,
// and a glob such as /dev/v4l/by-id/* names links to /dev/videoN.
std::string real_path_of(const std::string& node) {
    char* real = realpath(node.c_str(), nullptr);
    if (real == nullptr) return node;
    std::string path{real};
    std::free(real);
    return path;
}

// How many descriptors hold each of `nodes` open, in one look at /proc.
std::map<std::string, unsigned> open_counts(const std::vector<std::string>& nodes) {
    std::vector<std::string> real;
    real.reserve(nodes.size());
    for (const std::string& node : nodes) real.push_back(real_path_of(node));
    std::map<std::string, unsigned> counts = count_open_files(real);
    std::map<std::string, unsigned> by_node;
    for (std::size_t i = 0; i < nodes.size(); ++i) by_node[nodes[i]] = counts[real[i]];
    return by_node;
}

unsigned recount(const std::string& node) { return open_counts({node})[node]; }

class CameraSource final : public MeetingSource {
public:
    CameraSource(boost::asio::io_context& io, DeviceGlob glob, UniqueFd inotify,
                 MeetingSourceCallbacks callbacks, Logger& log)
        : log_(log),
          glob_(std::move(glob)),
          reporter_(io, core::MeetingSignal::Camera, std::move(callbacks), log),
          inotify_(std::move(inotify)),
          watch_(io, inotify_.get(), [this](std::uint32_t) noexcept { on_readable(); }) {}

    core::MeetingSignal signal() const override { return reporter_.signal(); }
    std::string_view backend() const override { return "inotify"; }
    bool holds() const override { return reporter_.holds(); }
    std::string detail() const override {
        if (!watch_of_.empty()) return {};
        return fmt::format("no camera device matches {} now; one plugged in is watched",
                           glob_.text);
    }

    // At open: the directory and each matching node are watched first, then
    // what is already open is counted from /proc, since inotify only tells
    // of opens from now on (the races of that order: camera_open_counts.hpp).
    core::Outcome start() {
        if (inotify_add_watch(inotify_.get(), glob_.directory.c_str(), directory_events) < 0)
            return core::Error{
                fmt::format("cannot watch {} ({})", glob_.directory, std::strerror(errno))};
        std::string refused;  // why the last matching node could not be watched
        const std::vector<std::string> nodes = matching_nodes();
        std::vector<std::string> watched;
        for (const std::string& node : nodes) {
            if (watch_node(node))
                watched.push_back(node);
            else
                refused = fmt::format("cannot watch {} ({})", node, std::strerror(errno));
        }
        // No node at all is a machine without a camera yet (a USB camera is
        // plugged in later): the directory watch sees it come. Nodes that
        // exist but cannot be watched are a reason not to open.
        if (watched.empty() && !refused.empty()) return core::Error{refused};
        for (const auto& [node, open] : open_counts(watched)) counts_.add(node, open);
        if (watched.empty())
            log_.info("meeting", "camera: {}", detail());
        else
            log_.debug("meeting", "camera: watching {} node(s) matching {}", watched.size(),
                       glob_.text);
        reporter_.start(counts_.any_open());
        watch_.schedule_read();
        return core::success();
    }

private:
    std::vector<std::string> matching_nodes() const {
        std::vector<std::string> nodes;
        DIR* dir = opendir(glob_.directory.c_str());
        if (dir == nullptr) return nodes;
        while (const dirent* entry = readdir(dir))
            if (matches(entry->d_name)) nodes.push_back(path_of(entry->d_name));
        closedir(dir);
        return nodes;
    }

    bool matches(const char* name) const {
        return fnmatch(glob_.pattern.c_str(), name, FNM_PERIOD) == 0;
    }
    std::string path_of(const char* name) const {
        return glob_.directory == "/" ? std::string{"/"} + name : glob_.directory + "/" + name;
    }

    // False with errno set when inotify refuses (no read permission).
    bool watch_node(const std::string& node) {
        const int wd = inotify_add_watch(inotify_.get(), node.c_str(), node_events);
        if (wd < 0) return false;
        node_of_[wd] = node;
        watch_of_[node] = wd;
        return true;
    }

    // A node appeared (or became readable): watched and counted from now on.
    void add_node(const std::string& node) {
        if (watch_of_.count(node) != 0) return;
        if (!watch_node(node)) {
            log_.debug("meeting", "camera: cannot watch {} yet ({})", node, std::strerror(errno));
            return;
        }
        counts_.add(node, recount(node));
        log_.info("meeting", "camera: watching {}", node);
    }

    void remove_node(const std::string& node) {
        const auto it = watch_of_.find(node);
        if (it == watch_of_.end()) return;
        inotify_rm_watch(inotify_.get(), it->second);
        forget_watch(it->second);
        log_.info("meeting", "camera: {} is gone", node);
    }

    void forget_watch(int wd) {
        const auto it = node_of_.find(wd);
        if (it == node_of_.end()) return;
        counts_.removed(it->second);  // an open that it held ends with it
        watch_of_.erase(it->second);
        node_of_.erase(it);
    }

    void on_readable() noexcept {
        alignas(inotify_event) char buffer[4096];
        for (;;) {
            const ssize_t n = read(inotify_.get(), buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno == EAGAIN) break;
            if (n <= 0) {
                log_.warning("meeting", "camera: cannot read inotify events ({}); not watching",
                             n < 0 ? std::strerror(errno) : "end of file");
                watch_.cancel();
                reporter_.set(false);  // what is open can no longer be known
                return;
            }
            for (ssize_t at = 0; at < n;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
                handle(*event);
                at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            }
        }
        reporter_.set(counts_.any_open());
    }

    void handle(const inotify_event& event) {
        if ((event.mask & IN_Q_OVERFLOW) != 0) {
            log_.info("meeting", "camera: inotify events were lost; counting again");
            for (const std::string& node : matching_nodes()) add_node(node);
            counts_.recount_all(recount);
            return;
        }
        const auto it = node_of_.find(event.wd);
        if (it == node_of_.end()) {
            if (event.len != 0 && matches(event.name)) directory_changed(event);
            return;
        }
        const std::string& node = it->second;
        if ((event.mask & IN_OPEN) != 0) {
            counts_.opened(node);
            log_.debug("meeting", "camera: {} opened ({} open)", node, counts_.count(node));
        }
        if ((event.mask & (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)) != 0) {
            counts_.closed(node, recount);
            log_.debug("meeting", "camera: {} closed ({} open)", node, counts_.count(node));
        }
        if ((event.mask & IN_IGNORED) != 0) forget_watch(event.wd);  // the node's inode is gone
    }

    // An event of the directory watch about a node whose name matches.
    void directory_changed(const inotify_event& event) {
        const std::string node = path_of(event.name);
        if ((event.mask & (IN_DELETE | IN_MOVED_FROM)) != 0)
            remove_node(node);
        else
            add_node(node);  // created, moved in, or its mode changed
    }

    Logger& log_;
    DeviceGlob glob_;
    MeetingReporter reporter_;
    UniqueFd inotify_;
    FdEvent watch_;                       // declared after inotify_: cancelled before it closes
    std::map<int, std::string> node_of_;  // watch descriptor -> node
    std::map<std::string, int> watch_of_;
    CameraOpenCounts counts_;
};

}  // namespace

core::Result<std::unique_ptr<MeetingSource>> open_camera_source(boost::asio::io_context& io,
                                                                const MeetingSourceOptions& options,
                                                                MeetingSourceCallbacks callbacks,
                                                                Logger& log) {
    auto glob = split_glob(options.camera_devices);
    if (!glob) return core::Error{glob.error()};
    UniqueFd inotify{inotify_init1(IN_NONBLOCK | IN_CLOEXEC)};
    if (!inotify) return core::Error{fmt::format("cannot use inotify ({})", std::strerror(errno))};
    auto source = std::make_unique<CameraSource>(io, std::move(glob).value(), std::move(inotify),
                                                 std::move(callbacks), log);
    if (auto started = source->start(); !started) return core::Error{started.error()};
    return std::unique_ptr<MeetingSource>{std::move(source)};
}

}  // namespace walkbreak::daemon
