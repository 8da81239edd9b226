// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How many times each watched camera node is open, from inotify's IN_OPEN and
// IN_CLOSE_* (meeting_camera.hpp): the camera holds while any node is open.
// inotify reports one open per open(2) and one close when the last
// descriptor of that open file goes, so a pair per open file, however many
// processes share it after a fork.
//
// What was open before the watch began is counted once from /proc. That
// count is of descriptors, not open files (a dup or a fork counts twice,
// with one close to come), and opens and closes that race it may be seen
// twice or not at all; so a node counted from /proc is uncertain: each of
// its closes is checked against a fresh count (`recount`) until one finds it
// closed, and from then on the events alone are trusted. Pure logic, no I/O.
#include <functional>
#include <map>
#include <string>

namespace walkbreak::daemon {

class CameraOpenCounts {
public:
    // Counts the open files of one node, as they are now.
    using Recount = std::function<unsigned(const std::string& node)>;

    // A node watched from now on, open `open_now` times (a /proc count).
    void add(const std::string& node, unsigned open_now);
    void opened(const std::string& node);
    void closed(const std::string& node, const Recount& recount);
    // The node is gone: whatever held it open no longer counts.
    void removed(const std::string& node);
    // Events were lost (the inotify queue overflowed): every node is
    // counted again and uncertain.
    void recount_all(const Recount& recount);

    bool any_open() const;
    unsigned count(const std::string& node) const;
    bool watched(const std::string& node) const { return nodes_.count(node) != 0; }

private:
    struct Node {
        unsigned open{0};
        bool uncertain{false};
    };
    std::map<std::string, Node> nodes_;
};

}  // namespace walkbreak::daemon
