// SPDX-License-Identifier: GPL-3.0-or-later
// The idle bookkeeping every backend shares (daemon/idle_reporter.hpp): the
// daemon hears "idle" once and then exactly one "active", and the loss of
// the backend last.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "daemon/idle_reporter.hpp"

using namespace walkbreak;
using daemon::IdleReporter;

namespace {

struct Heard {
    std::vector<std::string> reports;
    daemon::IdleCallbacks callbacks() {
        return {[this](core::Millis idle_for) noexcept {
                    reports.push_back("idle " + std::to_string(idle_for.count()));
                },
                [this]() noexcept { reports.emplace_back("active"); },
                [this](std::string reason) noexcept { reports.push_back("lost: " + reason); }};
    }
};

}  // namespace

TEST_CASE("idle is reported once until the user is back", "[unit][idle]") {
    Heard heard;
    daemon::Logger log{false, false};
    IdleReporter reporter{"test", heard.callbacks(), log};
    CHECK(reporter.idle(core::Millis{120000}));
    CHECK_FALSE(reporter.idle(core::Millis{180000}));
    CHECK(reporter.reported_idle());
    CHECK(heard.reports == std::vector<std::string>{"idle 120000"});
}

TEST_CASE("active is reported only after an idle report", "[unit][idle]") {
    Heard heard;
    daemon::Logger log{false, false};
    IdleReporter reporter{"test", heard.callbacks(), log};
    CHECK_FALSE(reporter.active());
    reporter.idle(core::Millis{5000});
    CHECK(reporter.active());
    CHECK_FALSE(reporter.active());
    CHECK_FALSE(reporter.reported_idle());
    CHECK(heard.reports == std::vector<std::string>{"idle 5000", "active"});
}

TEST_CASE("a forgotten idle report owes no active", "[unit][idle]") {
    Heard heard;
    daemon::Logger log{false, false};
    IdleReporter reporter{"test", heard.callbacks(), log};
    reporter.idle(core::Millis{5000});
    reporter.forget();
    CHECK_FALSE(reporter.active());
    CHECK(reporter.idle(core::Millis{6000}));
    CHECK(heard.reports == std::vector<std::string>{"idle 5000", "idle 6000"});
}

TEST_CASE("the loss is reported last and may destroy the reporter's owner", "[unit][idle]") {
    std::vector<std::string> reports;
    daemon::Logger log{false, false};
    std::unique_ptr<IdleReporter> reporter;
    reporter = std::make_unique<IdleReporter>(
        "test",
        daemon::IdleCallbacks{[](core::Millis) noexcept {}, []() noexcept {},
                              [&](std::string reason) noexcept {
                                  reporter.reset();  // the daemon drops the backend
                                  reports.push_back(reason);
                              }},
        log);
    reporter->idle(core::Millis{1000});
    reporter->lost("display closed");
    CHECK(reporter == nullptr);
    CHECK(reports == std::vector<std::string>{"display closed"});
}
