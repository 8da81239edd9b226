// SPDX-License-Identifier: GPL-3.0-or-later
// The control server on a real socket in a temporary directory, with the loop
// on a thread of its own and plain blocking clients in the test thread.
// SIGPIPE keeps its default action here on purpose: a server that wrote to a
// closed peer without MSG_NOSIGNAL would kill this test.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "control_test_support.hpp"
#include "daemon/control_server.hpp"

using namespace walkbreak;
using namespace walkbreak::daemon;
using namespace std::chrono_literals;
namespace protocol = core::protocol;
namespace fs = std::filesystem;
using walkbreak::test::FakeHandler;
using walkbreak::test::RunningServer;
using walkbreak::test::TempDir;
using walkbreak::test::TestClient;

namespace {

protocol::Response response(std::optional<std::string> line) {
    REQUIRE(line.has_value());
    auto r = protocol::decode_response(*line);
    INFO(*line);
    REQUIRE(r.ok());
    return *r;
}

// Polls `predicate` for up to five seconds.
template <typename Predicate>
bool eventually(Predicate predicate) {
    for (int i = 0; i < 500; ++i) {
        if (predicate()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

bool status_works(const std::string& path) {
    TestClient c(path);
    c.send("{\"cmd\":\"status\"}\n");
    auto r = response(c.read_line());
    return r.ok && r.status && r.status->today_walk_minutes == 22;
}

}  // namespace

TEST_CASE("a status request is answered with the handler's status", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "run" / "control.sock").string();
    RunningServer s(path);
    TestClient c(path);
    c.send("{\"cmd\":\"status\"}\n");
    auto r = response(c.read_line());
    CHECK(r.ok);
    REQUIRE(r.status.has_value());
    CHECK(*r.status == s.handler.status());
}

TEST_CASE("commands reach the handler and its errors reach the client", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path);
    TestClient c(path);
    c.send("{\"cmd\":\"walk\"}\n{\"cmd\":\"snooze\",\"seconds\":600}\n{\"cmd\":\"skip\"}\n");
    CHECK(response(c.read_line()).ok);
    CHECK(response(c.read_line()).ok);
    auto skip = response(c.read_line());
    CHECK_FALSE(skip.ok);
    CHECK(skip.error == "no reminder to skip");
    CHECK(s.handler.applied_kinds() == std::vector<std::size_t>{2, 3, 4});
}

TEST_CASE("every kind of bad request gets an error and the server keeps serving", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path);
    TestClient c(path);
    const std::vector<std::string> bad{
        "garbage",
        "{}",
        "[1,2]",
        R"({"cmd":"frob"})",
        R"({"cmd":7})",
        R"({"cmd":"snooze","seconds":-1})",
        R"({"cmd":"pause","seconds":1,"until":2})",
        R"({"cmd":"delete"})",
        R"({"cmd":"delete","id":-4})",
        R"({"cmd":"delete","id":"all"})",
        R"({"cmd":"edit","id":3})",
        R"({"cmd":"edit","id":3,"start":1,"seconds":60,"utc_offset":0})",
        "{\"cmd\":\"st\xff\xfe\"}",
        std::string("\0\0\0", 3),
        ""};
    for (const auto& line : bad) {
        INFO(line);
        c.send(line + "\n");
        auto r = response(c.read_line());
        CHECK_FALSE(r.ok);
        CHECK(r.error.find("expect") != std::string::npos);
    }
    CHECK(s.handler.applied().empty());  // none of them reached the daemon's service
    c.send("{\"cmd\":\"status\"}\n");
    CHECK(response(c.read_line()).ok);
    CHECK(status_works(path));
}

TEST_CASE("an oversize line gets an error and its connection is closed", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path);
    {
        TestClient c(path);
        c.send(std::string(protocol::max_request_bytes + 1, 'x'));
        auto r = response(c.read_line());
        CHECK_FALSE(r.ok);
        CHECK(r.error == "request longer than 4096 bytes; closing");
        CHECK(c.at_eof());
    }
    {
        // Exactly at the limit, newline included in the buffer: still served.
        TestClient c(path);
        std::string line = "{\"cmd\":\"status\"}";
        line.resize(protocol::max_request_bytes, ' ');
        c.send(line + "\n");
        CHECK(response(c.read_line()).ok);
    }
    {
        // Far more than the limit, then hang up without reading.
        TestClient c(path);
        c.send(std::string(100000, '{'));
    }
    CHECK(status_works(path));
}

TEST_CASE("a last line without a newline is answered before closing", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path);
    TestClient c(path);
    c.send("{\"cmd\":\"status\"}");
    c.shutdown_write();
    CHECK(response(c.read_line()).ok);
    CHECK(c.at_eof());
}

TEST_CASE("500 idle connections neither exceed the cap nor lock out a client", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path, ControlLimits{64, 60s});
    std::vector<std::unique_ptr<TestClient>> idle;
    for (int i = 0; i < 500; ++i) idle.push_back(std::make_unique<TestClient>(path));
    CHECK(status_works(path));
    CHECK(s.on_loop([&] { return s.server->connection_count(); }) <= 64);
    // The oldest idle connections were closed to make room.
    CHECK(idle.front()->at_eof());
    CHECK(status_works(path));
}

TEST_CASE("an idle connection is dropped after the timeout, a subscriber is not", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path, ControlLimits{64, 200ms});
    TestClient idle(path);
    TestClient subscriber(path);
    subscriber.send("{\"cmd\":\"subscribe\"}\n");
    CHECK(response(subscriber.read_line()).status.has_value());
    CHECK(idle.at_eof());  // waits up to the client's 5 s receive timeout
    std::this_thread::sleep_for(400ms);
    protocol::Status next{"away", 0, std::nullopt, 25, 1500, 30, "x11-sync", {}, false, {}};
    s.publish(next);
    auto r = response(subscriber.read_line());
    REQUIRE(r.status.has_value());
    CHECK(*r.status == next);
}

TEST_CASE("subscribers receive every published status in order", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path);
    TestClient a(path);
    TestClient b(path);
    TestClient bystander(path);
    for (auto* c : {&a, &b}) {
        c->send("{\"cmd\":\"subscribe\"}\n");
        auto first = response(c->read_line());
        REQUIRE(first.status.has_value());
        CHECK(first.status->state == "sitting");
    }
    for (std::int64_t minutes : {23, 24}) {
        protocol::Status st{"sitting", 60,         60, minutes, minutes * 60,
                            30,        "x11-sync", {}, false,   {}};
        s.publish(st);
        for (auto* c : {&a, &b}) {
            auto r = response(c->read_line());
            REQUIRE(r.status.has_value());
            CHECK(r.status->today_walk_minutes == minutes);
        }
    }
    CHECK_FALSE(bystander.read_line(200ms).has_value());
}

TEST_CASE("clients that hang up mid-stream do no harm", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path);
    {
        TestClient gone(path);
        gone.send("{\"cmd\":\"subscribe\"}\n");
    }
    for (int i = 0; i < 20; ++i) {
        TestClient gone(path);
        gone.send("{\"cmd\":\"status\"}\n{\"cmd\":\"status\"}\n{\"cmd\":\"subscribe\"}\n");
    }
    for (int i = 0; i < 5; ++i) {
        protocol::Status st{"sitting", i, {}, 0, 0, 30, "none", {}, false, {}};
        s.publish(st);
        std::this_thread::sleep_for(20ms);
    }
    CHECK(status_works(path));
    // Every connection is gone once the server has seen the last hang-up.
    auto count = [&] { return s.on_loop([&] { return s.server->connection_count(); }); };
    CHECK(eventually([&] { return count() == 0; }));
}

TEST_CASE("when every slot holds a subscriber a newcomer is refused", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer s(path, ControlLimits{2, 60s});
    TestClient a(path), b(path);
    for (auto* c : {&a, &b}) {
        c->send("{\"cmd\":\"subscribe\"}\n");
        REQUIRE(response(c->read_line()).ok);
    }
    TestClient late(path);
    auto r = response(late.read_line());
    CHECK_FALSE(r.ok);
    CHECK(r.error == "too many connections (2); try again later");
    CHECK(late.at_eof());
}

TEST_CASE("the socket is 0600 in a 0700 directory and removed on shutdown", "[control]") {
    TempDir dir;
    const fs::path run = dir.path / "run";
    const std::string path = (run / "control.sock").string();
    {
        RunningServer s(path);
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        CHECK(S_ISSOCK(st.st_mode));
        CHECK((st.st_mode & 0777u) == 0600u);
        REQUIRE(::stat(run.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777u) == 0700u);
    }
    CHECK_FALSE(fs::exists(path));
}

TEST_CASE("a stale socket from a crashed daemon is replaced", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    walkbreak::test::leave_dead_socket(path);
    REQUIRE(fs::is_socket(path));
    RunningServer s(path);
    CHECK(status_works(path));
}

TEST_CASE("a second server on a live socket is refused and the first keeps it", "[control]") {
    TempDir dir;
    const std::string path = (dir.path / "control.sock").string();
    RunningServer first(path);
    boost::asio::io_context io;
    Logger log{false, false};
    FakeHandler handler;
    CHECK_THROWS_WITH(ControlServer(io, path, handler, log),
                      "walkbreakd is already running for this user (socket " + path + ")");
    CHECK(status_works(path));
}

TEST_CASE("unsafe socket places are refused with a reason", "[control]") {
    TempDir dir;
    boost::asio::io_context io;
    Logger log{false, false};
    FakeHandler handler;
    const fs::path open_dir = dir.path / "open";
    fs::create_directory(open_dir);
    fs::permissions(open_dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
    CHECK_THROWS_WITH(ControlServer(io, (open_dir / "control.sock").string(), handler, log),
                      Catch::Contains("open to group or others (mode 0755); expected mode 0700"));
    const fs::path file = dir.path / "not-a-socket";
    { std::ofstream(file) << "x"; }
    CHECK_THROWS_WITH(ControlServer(io, file.string(), handler, log),
                      Catch::Contains("exists and is not a socket"));
    CHECK(fs::exists(file));
    CHECK_THROWS_WITH(ControlServer(io, "/" + std::string(200, 'x'), handler, log),
                      Catch::Contains("expected 1 to 107 bytes"));
}

TEST_CASE("a peer running as another user is closed without an answer", "[control]") {
    if (::geteuid() != 0) {
        WARN("needs root to connect as another user; not checked");
        return;
    }
    TempDir dir;
    const fs::path run = dir.path / "run";
    const std::string path = (run / "control.sock").string();
    RunningServer s(path);
    // Let the other user reach the socket, so that only SO_PEERCRED stops it.
    const auto passable = fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec;
    fs::permissions(dir.path, passable);
    fs::permissions(run, passable);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::group_write | fs::perms::others_read |
                              fs::perms::others_write);
    const sockaddr_un addr = walkbreak::test::unix_address(path);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Only system calls here: the child of a threaded process.
        if (::setuid(65534) != 0) ::_exit(10);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
            ::_exit(11);
        }
        const char request[] = "{\"cmd\":\"status\"}\n";
        ::send(fd, request, sizeof request - 1, MSG_NOSIGNAL);
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 5000) != 1) ::_exit(12);
        char c = 0;
        const ssize_t n = ::recv(fd, &c, 1, 0);
        ::_exit(n == 0 || (n < 0 && errno == ECONNRESET) ? 0 : 13);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);  // 13 would mean the server answered
    CHECK(status_works(path));
}
