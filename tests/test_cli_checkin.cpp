// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak checkin` without a daemon, and the recent answers with the
// scale-back advice in `today` and `stats`.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

using walkbreak::test::Sandbox;

namespace {

void enable_checkins(const Sandbox& sandbox) {
    std::filesystem::create_directories(sandbox.home / "config" / "walkbreak");
    std::ofstream(sandbox.home / "config" / "walkbreak" / "config.toml") << "[checkin]\n"
                                                                            "enabled = true\n";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("checkin without a daemon records the answer after the last walk", "[cli][checkin]") {
    Sandbox sandbox;
    enable_checkins(sandbox);
    REQUIRE(sandbox.run({"log", "10m"}).code == 0);
    const auto r = sandbox.run({"checkin", "better"});
    CHECK(r.code == 0);
    CHECK(contains(r.out, "check-in recorded after the walk of "));
    CHECK(contains(r.out, ": your back feels better\nrecent check-ins: better (newest first)\n"));
}

TEST_CASE("three worse in a row bring the advice back until a better or same answer",
          "[cli][checkin]") {
    Sandbox sandbox;
    enable_checkins(sandbox);
    for (int i = 0; i < 2; ++i) REQUIRE(sandbox.run({"checkin", "worse"}).code == 0);
    CHECK_FALSE(contains(sandbox.run({"today"}).out, "see a doctor"));
    const auto third = sandbox.run({"checkin", "worse"});
    CHECK(contains(third.out, "Time to go easier on your back: worse after 3 walks in a row."));
    for (const char* view : {"today", "stats"}) {
        const auto r = sandbox.run({view});
        INFO(r.out);
        CHECK(contains(r.out, "recent check-ins: worse, worse, worse (newest first)\n"));
        CHECK(contains(r.out, "Time to go easier on your back"));
        CHECK(contains(r.out, "see a doctor"));
        CHECK(contains(r.out, "numbness, tingling"));
    }
    const auto j = nlohmann::json::parse(sandbox.run({"today", "--json"}).out);
    CHECK(j.at("checkins").at("scale_back") == true);
    CHECK(j.at("checkins").at("recent").size() == 3);
    REQUIRE(sandbox.run({"checkin", "same"}).code == 0);
    const auto after = sandbox.run({"today"}).out;
    CHECK(contains(after, "recent check-ins: same, worse, worse, worse (newest first)\n"));
    CHECK_FALSE(contains(after, "Time to go easier"));
}
