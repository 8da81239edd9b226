// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI's daemon commands against the real control server with a fake
// handler: what they send, what they print, and how they fail.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "cli_test_support.hpp"
#include "control_test_support.hpp"
#include "core/civil.hpp"
#include "core/protocol.hpp"

using namespace walkbreak;
using namespace std::chrono_literals;
namespace protocol = core::protocol;
using walkbreak::test::FakeHandler;
using walkbreak::test::RunningServer;
using walkbreak::test::Sandbox;

namespace {

// A sandbox with a server on its default socket path.
struct WithDaemon {
    Sandbox sandbox;
    std::unique_ptr<RunningServer> daemon;
    WithDaemon() {
        std::filesystem::create_directory(sandbox.home / "run");
        daemon = std::make_unique<RunningServer>(sandbox.socket_path());
    }
};

template <typename T>
T last_applied(FakeHandler& handler) {
    const auto all = handler.applied();
    REQUIRE_FALSE(all.empty());
    REQUIRE(std::holds_alternative<T>(all.back()));
    return std::get<T>(all.back());
}

}  // namespace

TEST_CASE("status --json prints the daemon's status on one line", "[cli]") {
    WithDaemon w;
    auto r = w.sandbox.run({"status", "--json"});
    CHECK(r.code == 0);
    CHECK(r.out == protocol::status_json(w.daemon->handler.status()) + "\n");
    auto text = w.sandbox.run({"status"});
    CHECK(text.code == 0);
    CHECK(text.out ==
          "sitting for 25m · next reminder in 20m · today 22/30 min · idle backend x11-sync\n");
}

TEST_CASE("snooze and pause send what the user asked for", "[cli]") {
    WithDaemon w;
    auto r = w.sandbox.run({"snooze", "5m"});
    CHECK(r.code == 0);
    CHECK(r.out == "reminder snoozed for 5m\n");
    CHECK(last_applied<protocol::request::Snooze>(w.daemon->handler).length == 300s);

    CHECK(w.sandbox.run({"snooze"}).code == 0);
    CHECK_FALSE(last_applied<protocol::request::Snooze>(w.daemon->handler).length.has_value());

    r = w.sandbox.run({"pause", "1h"});
    CHECK(r.out == "reminders paused for 1h\n");
    CHECK(last_applied<protocol::request::Pause>(w.daemon->handler).length == 3600s);

    const core::Date day = std::chrono::sys_days{std::chrono::year{2026} / 3 / 25};
    w.sandbox.now = core::local_to_wall(day, 17h + 43min);
    r = w.sandbox.run({"pause", "--until", "18:30"});
    CHECK(r.out == "reminders paused until 18:30\n");
    CHECK(last_applied<protocol::request::Pause>(w.daemon->handler).until ==
          core::local_to_wall(day, 18h + 30min));
    r = w.sandbox.run({"pause", "--until", "17:00"});
    CHECK(r.out == "reminders paused until tomorrow 17:00\n");
    CHECK(last_applied<protocol::request::Pause>(w.daemon->handler).until ==
          core::local_to_wall(day + std::chrono::days{1}, 17h));
    w.sandbox.now.reset();

    CHECK(w.sandbox.run({"pause", "1h", "--until", "07:30"}).code == 2);
    CHECK(w.sandbox.run({"snooze", "soon"}).code == 2);
}

TEST_CASE("the daemon's refusal is a failure with its message", "[cli]") {
    WithDaemon w;
    auto r = w.sandbox.run({"skip"});
    CHECK(r.code == 1);
    CHECK(r.err == "walkbreak: walkbreakd: no reminder to skip\n");
    r = w.sandbox.run({"walk"});
    CHECK(r.code == 0);
    CHECK(w.daemon->handler.applied_kinds().back() == 2);
}

TEST_CASE("the daemon's message says what it did instead", "[cli]") {
    WithDaemon w;
    auto r = w.sandbox.run({"resume"});
    CHECK(r.code == 0);
    CHECK(r.out == "reminders were not paused\n");
}

TEST_CASE("checkin answers through a running daemon", "[cli]") {
    WithDaemon w;
    auto r = w.sandbox.run({"checkin", "worse"});
    CHECK(r.code == 0);
    CHECK(r.out ==
          "check-in answered: your back feels worse\n"
          "(checkin.enabled is off: reports show check-ins only with it on)\n");
    CHECK(last_applied<protocol::request::Checkin>(w.daemon->handler).feel ==
          core::BackFeel::Worse);
    CHECK(w.sandbox.run({"checkin", "awful"}).code == 2);
}

TEST_CASE("log goes through a running daemon, carrying the walk", "[cli]") {
    WithDaemon w;
    const auto r = w.sandbox.run({"log", "3m", "--note", "stairs"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("through walkbreakd"));
    const auto log = last_applied<protocol::request::Log>(w.daemon->handler);
    CHECK(log.length == std::chrono::minutes{3});
    CHECK(log.note == "stairs");
}

TEST_CASE("edit and delete go through a running daemon, which writes them", "[cli]") {
    WithDaemon w;
    w.daemon.reset();  // log straight to the file
    REQUIRE(w.sandbox.run({"log", "3m", "--note", "stairs"}).code == 0);
    w.daemon = std::make_unique<RunningServer>(w.sandbox.socket_path());

    auto r = w.sandbox.run({"edit", "1", "--duration", "2m", "--note", "park"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("changed walk 1: 2m on "));
    const auto edit = last_applied<protocol::request::Edit>(w.daemon->handler);
    CHECK(edit.id == 1);
    CHECK(edit.walk.length == std::chrono::minutes{2});
    CHECK(edit.walk.note == "park");

    r = w.sandbox.run({"delete", "1"});
    REQUIRE(r.code == 0);
    CHECK(r.out == "deleted walk 1 (said the test's daemon)\n");
    CHECK(last_applied<protocol::request::Delete>(w.daemon->handler).id == 1);
    r = w.sandbox.run({"delete", "404"});
    CHECK(r.code == 1);
    CHECK(r.err == "walkbreak: delete: no walk with id 404\n");

    // The daemon wrote them, not the CLI: the file still has the walk as logged.
    w.daemon.reset();
    CHECK_THAT(w.sandbox.run({"history"}).out, Catch::Contains("stairs"));
    // Without a daemon the CLI writes the file itself.
    r = w.sandbox.run({"delete", "1"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("deleted walk 1: ") && Catch::EndsWith(", 3 min\n"));
    CHECK(w.sandbox.run({"delete", "1"}).code == 1);
}

TEST_CASE("status --follow prints every change until the daemon goes", "[cli]") {
    WithDaemon w;
    test::Outcome outcome;
    std::thread follower([&] { outcome = w.sandbox.run({"status", "--follow", "--json"}); });
    for (int i = 0; i < 500 && w.daemon->handler.status_calls() == 0; ++i) {
        std::this_thread::sleep_for(10ms);
    }
    protocol::Status next{"away", 0, std::nullopt, 25, 1500, 30, "x11-sync", {}, false, {}};
    w.daemon->publish(next);
    std::this_thread::sleep_for(100ms);
    w.daemon.reset();
    follower.join();
    CHECK(outcome.code == 1);
    CHECK(outcome.out == protocol::status_json(FakeHandler{}.status()) + "\n" +
                             protocol::status_json(next) + "\n");
    CHECK_THAT(outcome.err, Catch::Contains("hung up"));
}
