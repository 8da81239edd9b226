// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/camera_open_counts.hpp"

namespace walkbreak::daemon {

void CameraOpenCounts::add(const std::string& node, unsigned open_now) {
    nodes_[node] = Node{open_now, true};
}

void CameraOpenCounts::opened(const std::string& node) {
    if (auto it = nodes_.find(node); it != nodes_.end()) ++it->second.open;
}

void CameraOpenCounts::closed(const std::string& node, const Recount& recount) {
    auto it = nodes_.find(node);
    if (it == nodes_.end()) return;
    Node& n = it->second;
    if (n.uncertain) {
        n.open = recount(node);
        n.uncertain = n.open != 0;
    } else if (n.open > 0) {
        --n.open;  // a close with no open seen is one from before the watch
    }
}

void CameraOpenCounts::removed(const std::string& node) { nodes_.erase(node); }

void CameraOpenCounts::recount_all(const Recount& recount) {
    for (auto& [node, n] : nodes_) n = Node{recount(node), true};
}

bool CameraOpenCounts::any_open() const {
    for (const auto& [node, n] : nodes_)
        if (n.open > 0) return true;
    return false;
}

unsigned CameraOpenCounts::count(const std::string& node) const {
    const auto it = nodes_.find(node);
    return it != nodes_.end() ? it->second.open : 0;
}

}  // namespace walkbreak::daemon
