// SPDX-License-Identifier: GPL-3.0-or-later
// The camera's open count per node (daemon/camera_open_counts.hpp): held
// while any node is open, two openers and one closing still held, a node
// removed while open ends its count, and what /proc counted at the start is
// checked again on its closes until the node is seen closed.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "daemon/camera_open_counts.hpp"

using walkbreak::daemon::CameraOpenCounts;

namespace {

// What /proc would say now; records each node asked about.
struct FakeProc {
    std::map<std::string, unsigned> open;
    std::vector<std::string> asked;
    CameraOpenCounts::Recount recount() {
        return [this](const std::string& node) {
            asked.push_back(node);
            return open[node];
        };
    }
};

// A node counted closed at the start, then seen closed once (so certain).
void add_certain(CameraOpenCounts& counts, FakeProc& proc, const std::string& node) {
    counts.add(node, 0);
    counts.opened(node);
    proc.open[node] = 0;
    counts.closed(node, proc.recount());
    REQUIRE_FALSE(counts.any_open());
}

}  // namespace

TEST_CASE("an open node holds until it is closed", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    add_certain(counts, proc, "/dev/video0");
    counts.opened("/dev/video0");
    CHECK(counts.any_open());
    counts.closed("/dev/video0", proc.recount());
    CHECK_FALSE(counts.any_open());
}

TEST_CASE("two openers and one closing still hold", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    add_certain(counts, proc, "/dev/video0");
    proc.asked.clear();
    counts.opened("/dev/video0");
    counts.opened("/dev/video0");
    counts.closed("/dev/video0", proc.recount());
    CHECK(counts.any_open());
    CHECK(counts.count("/dev/video0") == 1);
    counts.closed("/dev/video0", proc.recount());
    CHECK_FALSE(counts.any_open());
    CHECK(proc.asked.empty());  // a certain node trusts its events
}

TEST_CASE("any node open holds", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    add_certain(counts, proc, "/dev/video0");
    add_certain(counts, proc, "/dev/video1");
    counts.opened("/dev/video1");
    CHECK(counts.any_open());
    counts.opened("/dev/video0");
    counts.closed("/dev/video1", proc.recount());
    CHECK(counts.any_open());
    counts.closed("/dev/video0", proc.recount());
    CHECK_FALSE(counts.any_open());
}

TEST_CASE("a node removed while open ends its count", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    add_certain(counts, proc, "/dev/video0");
    counts.opened("/dev/video0");
    counts.opened("/dev/video0");
    counts.removed("/dev/video0");
    CHECK_FALSE(counts.any_open());
    CHECK_FALSE(counts.watched("/dev/video0"));
    counts.closed("/dev/video0", proc.recount());  // its late close changes nothing
    counts.opened("/dev/video0");                  // nor an event of a node not watched
    CHECK_FALSE(counts.any_open());
}

TEST_CASE("a close with no open seen does not go below zero", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    add_certain(counts, proc, "/dev/video0");
    counts.closed("/dev/video0", proc.recount());
    counts.opened("/dev/video0");
    CHECK(counts.any_open());
}

TEST_CASE("a node open at the start holds until /proc sees it closed", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    // Counted twice at the start (a fork shares one open file), one close to come.
    counts.add("/dev/video0", 2);
    CHECK(counts.any_open());
    proc.open["/dev/video0"] = 0;
    counts.closed("/dev/video0", proc.recount());
    CHECK_FALSE(counts.any_open());
    CHECK(proc.asked == std::vector<std::string>{"/dev/video0"});
}

TEST_CASE("an open counted by /proc and by its event is not held for good", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    counts.add("/dev/video0", 1);
    counts.opened("/dev/video0");  // the same open, queued before the count was made
    proc.open["/dev/video0"] = 0;
    counts.closed("/dev/video0", proc.recount());
    CHECK_FALSE(counts.any_open());
}

TEST_CASE("an uncertain node stays checked while /proc still sees it open", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    counts.add("/dev/video0", 2);
    proc.open["/dev/video0"] = 1;
    counts.closed("/dev/video0", proc.recount());
    CHECK(counts.any_open());
    proc.open["/dev/video0"] = 0;
    counts.closed("/dev/video0", proc.recount());
    CHECK_FALSE(counts.any_open());
    CHECK(proc.asked.size() == 2);
    proc.asked.clear();
    counts.opened("/dev/video0");  // certain from now on
    counts.closed("/dev/video0", proc.recount());
    CHECK(proc.asked.empty());
}

TEST_CASE("lost events count every node again", "[unit][camera]") {
    CameraOpenCounts counts;
    FakeProc proc;
    add_certain(counts, proc, "/dev/video0");
    add_certain(counts, proc, "/dev/video1");
    counts.opened("/dev/video0");
    proc.open["/dev/video0"] = 0;
    proc.open["/dev/video1"] = 1;
    counts.recount_all(proc.recount());
    CHECK(counts.count("/dev/video0") == 0);
    CHECK(counts.count("/dev/video1") == 1);
    CHECK(counts.any_open());
}
