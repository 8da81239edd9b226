// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/seen_twice.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace walkbreak::core {
namespace {

auto order_key(const DeviceSpan& s) {
    return std::tuple(s.start, s.end, s.device, s.utc_offset.count());
}

// Groups of spans seen together (union-find over indices of the sorted
// spans), each knowing the devices it holds so that a device joins once.
class Groups {
public:
    explicit Groups(const std::vector<DeviceSpan>& spans)
        : parent_(spans.size()), devices_(spans.size()) {
        std::iota(parent_.begin(), parent_.end(), std::size_t{0});
        for (std::size_t i = 0; i < spans.size(); ++i) devices_[i] = {spans[i].device};
    }
    std::size_t root(std::size_t i) {
        while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
        return i;
    }
    // Joins the groups of a and b unless a device would be in it twice.
    void join(std::size_t a, std::size_t b) {
        a = root(a);
        b = root(b);
        if (a == b) return;
        for (const DeviceId& d : devices_[b]) {
            if (std::find(devices_[a].begin(), devices_[a].end(), d) != devices_[a].end()) return;
        }
        if (b < a) std::swap(a, b);
        parent_[b] = a;
        devices_[a].insert(devices_[a].end(), devices_[b].begin(), devices_[b].end());
        devices_[b].clear();
    }

private:
    std::vector<std::size_t> parent_;
    std::vector<std::vector<DeviceId>> devices_;
};

Millis abs_difference(WallTime a, WallTime b) { return a < b ? b - a : a - b; }

// Whether `a` is kept over `b` as a group's span.
bool better_observation(const DeviceSpan& a, const DeviceSpan& b) {
    const Millis la = a.end - a.start;
    const Millis lb = b.end - b.start;
    if (la != lb) return la > lb;
    return order_key(a) < order_key(b);
}

}  // namespace

std::vector<DeviceSpan> keep_each_seen_once(std::vector<DeviceSpan> spans, Seconds tolerance) {
    std::erase_if(spans, [](const DeviceSpan& s) { return s.end < s.start; });
    std::sort(spans.begin(), spans.end(),
              [](const DeviceSpan& a, const DeviceSpan& b) { return order_key(a) < order_key(b); });
    Groups groups(spans);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        for (std::size_t j = i + 1;
             j < spans.size() && spans[j].start - spans[i].start <= tolerance; ++j) {
            if (spans[i].device != spans[j].device &&
                abs_difference(spans[i].end, spans[j].end) <= tolerance) {
                groups.join(i, j);
            }
        }
    }
    // Each group's best observation, found at its root's slot.
    std::vector<std::size_t> best(spans.size());
    std::iota(best.begin(), best.end(), std::size_t{0});
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::size_t r = groups.root(i);
        if (better_observation(spans[i], spans[best[r]])) best[r] = i;
    }
    std::vector<DeviceSpan> kept;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (groups.root(i) == i) kept.push_back(spans[best[i]]);
    }
    std::sort(kept.begin(), kept.end(),
              [](const DeviceSpan& a, const DeviceSpan& b) { return order_key(a) < order_key(b); });
    return kept;
}

}  // namespace walkbreak::core
