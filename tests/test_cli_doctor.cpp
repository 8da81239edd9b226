// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak doctor`'s config findings and its text: what needs no action is
// not marked "ok", and every config warning is shown without repeating the
// file. Its sync folder checks on real folders: missing, not a directory, not
// shared, other devices, conflict copies.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "cli/doctor.hpp"
#include "cli_test_support.hpp"
#include "sync_folder_test_support.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using walkbreak::test::Sandbox;
using namespace walkbreak::test;

namespace {

const Finding* finding(const DoctorReport& report, std::string_view subject) {
    const auto it = std::find_if(report.findings.begin(), report.findings.end(),
                                 [&](const Finding& f) { return f.subject == subject; });
    return it == report.findings.end() ? nullptr : &*it;
}

}  // namespace

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

TEST_CASE("doctor without sync says so in one line", "[cli][doctor][sync]") {
    Sandbox plain;
    const core::Paths paths{(plain.home / "config.toml").string(),
                            (plain.home / "walkbreak.db").string(), ""};
    DoctorReport report;
    check_sync(paths, plain.home.string(), report);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].area == "sync");
    CHECK(report.findings[0].health == Health::Info);
    CHECK(report.findings[0].detail.find("off") == 0);
}

TEST_CASE("doctor checks the sync folder: there, a directory, shared, who wrote there",
          "[cli][doctor][sync]") {
    SyncSandbox s;
    const std::string folder = s.folder.string();
    const auto doctor = [&] {
        DoctorReport report;
        check_sync(s.paths(), s.home.string(), report);
        return report;
    };

    SECTION("missing") {
        fs::remove_all(s.folder);
        const auto report = doctor();
        REQUIRE(report.findings.size() == 1);
        CHECK(report.findings[0].subject == folder);
        CHECK(report.findings[0].health == Health::Problem);
        CHECK(report.findings[0].fix.find("mkdir -p " + folder) == 0);
        CHECK(report.findings[0].fix.find("syncthing") != std::string::npos);
        CHECK_FALSE(report.healthy());
    }
    SECTION("a file, not a directory") {
        fs::remove_all(s.folder);
        write_file(s.folder, "oops");
        const auto report = doctor();
        REQUIRE(report.findings.size() == 1);
        CHECK(report.findings[0].detail == "is not a directory");
        CHECK(report.findings[0].health == Health::Problem);
    }
    SECTION("not writable") {
        if (::geteuid() == 0) {
            WARN("running as root: every directory is writable, not checked");
            return;
        }
        fs::permissions(s.folder, fs::perms::owner_read | fs::perms::owner_exec);
        const auto report = doctor();
        fs::permissions(s.folder, fs::perms::owner_all);
        REQUIRE(finding(report, folder));
        CHECK(finding(report, folder)->health == Health::Problem);
        CHECK(finding(report, folder)->detail.find("is not writable") == 0);
    }
    SECTION("not a Syncthing folder, nobody else yet") {
        const auto report = doctor();
        REQUIRE(finding(report, folder));
        CHECK(finding(report, folder)->health == Health::Ok);
        const Finding* syncthing = finding(report, "syncthing");
        REQUIRE(syncthing);
        CHECK(syncthing->health == Health::Warning);
        CHECK(syncthing->detail.find("not a Syncthing folder") == 0);
        CHECK(syncthing->detail.find("another file sync may carry it") != std::string::npos);
        CHECK(syncthing->fix.find("sudo apt install syncthing") != std::string::npos);
        CHECK(syncthing->fix.find("Add Folder with the path " + folder) != std::string::npos);
        const Finding* others = finding(report, "other devices");
        REQUIRE(others);
        CHECK(others->health == Health::Info);
        CHECK(others->detail.find("none seen yet") == 0);
        CHECK(report.healthy());
    }
    SECTION("shared, with another device behind and a conflict copy") {
        write_file(s.folder / ".stfolder", "");
        s.two_devices();
        s.set_device_id(desk);
        write_file(s.folder / "laptop.00c4e1a27b9d3f58.presence.sync-conflict-20261207-083000-XYZ",
                   "x\n");
        const auto report = doctor();
        CHECK(finding(report, "syncthing")->health == Health::Ok);
        const Finding* others = finding(report, "other devices");
        REQUIRE(others);
        CHECK(others->health == Health::Ok);
        CHECK(others->detail == "1 seen: laptop");
        REQUIRE(finding(report, "behind"));
        CHECK(finding(report, "behind")->detail.find("laptop (2 missing)") != std::string::npos);
        const Finding* copies = finding(report, "conflict copies");
        REQUIRE(copies);
        CHECK(copies->health == Health::Warning);
        CHECK(copies->fix == "delete them once looked at: rm " + folder + "/*.sync-conflict-*");
        CHECK(report.healthy());
    }
    SECTION("a folder with a space is quoted in the commands") {
        fs::create_directories(s.home / "My Sync");
        write_file(s.home / "config" / "walkbreak" / "config.toml",
                   "[sync]\nfolder = \"~/My Sync\"\n");
        write_file(s.home / "My Sync" / "x.sync-conflict-20261207-083000-XYZ", "");
        const auto report = doctor();
        REQUIRE(finding(report, "conflict copies"));
        CHECK(finding(report, "conflict copies")
                  ->fix.find("rm '" + (s.home / "My Sync").string() + "'/*.sync-conflict-*") !=
              std::string::npos);
    }
}

TEST_CASE("a fix of several lines is shown under its first line", "[cli][doctor]") {
    DoctorReport report;
    report.findings.push_back(
        {"sync", "syncthing", Health::Warning, "not a Syncthing folder", "step one\nstep two"});
    CHECK(render_doctor_text(report, false) ==
          "sync\n  [warn] syncthing: not a Syncthing folder\n         fix: step one\n"
          "              step two\n\nNo problems found.\n");
}
