// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak doctor`'s config findings and its text: what needs no action is
// not marked "ok", and every config warning is shown without repeating the file.
#include <catch2/catch.hpp>

#include <fstream>

#include "cli/doctor.hpp"
#include "cli_test_support.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using walkbreak::test::Sandbox;

TEST_CASE("doctor shows every config warning, each without the file's name", "[cli][doctor]") {
    Sandbox sandbox;
    const core::Paths paths{(sandbox.home / "config.toml").string(), "", ""};
    std::ofstream(paths.config) << "[reminder]\ninterval = \"10m\"\nsnooze = \"30s\"\n";
    DoctorReport report;
    check_config(paths, report);
    REQUIRE(report.findings.size() >= 2);
    for (const auto& f : report.findings) {
        CHECK(f.subject == paths.config);
        CHECK(f.health == Health::Warning);
        CHECK(f.detail.find(paths.config) == std::string::npos);
    }
    CHECK(report.findings.at(0).detail.rfind("2:", 0) == 0);
    const std::string text = render_doctor_text(report, false);
    CHECK(text.find("[warn] " + paths.config + ": 2:") != std::string::npos);
}

TEST_CASE("a fact that needs no action is not reported as ok", "[cli][doctor]") {
    DoctorReport report;
    report.findings.push_back(
        {"idle", "x11-sync", Health::Ok, "available; walkbreakd uses this one", {}});
    report.findings.push_back({"idle", "kde-idle", Health::Info, "not available: no Wayland", {}});
    const std::string text = render_doctor_text(report, false);
    CHECK(text.find("[--  ] kde-idle: not available") != std::string::npos);
    CHECK(text.find("[ok  ] kde-idle") == std::string::npos);
    CHECK(report.healthy());
    CHECK(render_doctor_json(report).find("\"health\": \"info\"") != std::string::npos);
}
