// SPDX-License-Identifier: GPL-3.0-or-later
// The reports with other devices in the database (docs/SYNC.md): stats,
// today and history count every device by default with the union rule,
// --device picks one, history shows who recorded each walk in text, JSON and
// CSV; without other devices every view is as it was.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "cli/render_csv.hpp"
#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "core/journal_merge.hpp"
#include "core/store.hpp"
#include "tests/cli_test_support.hpp"
#include "tests/store_test_support.hpp"
#include "tests/time_zone_support.hpp"

using namespace walkbreak;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr core::DeviceId laptop = core::DeviceId::from_bits(0x00c4e1a27b9d3f58);
constexpr core::DeviceId tablet = core::DeviceId::from_bits(0x7b00000000000001);

// 2026-03-02 at h:m:s UTC.
core::WallTime march_2(int h, int m, int s = 0) { return test::utc_time(2026, 3, 2, h, m, s); }

core::WalkRecord walk_at(core::WallTime start, core::Seconds length, std::string note = {}) {
    return test::make_walk(start, length, core::UtcOffset{0}, core::CreditHow::Auto,
                           std::move(note));
}

// Another device's merged journal: its name, then the walks as records 1, 2 ...
core::DeviceRecords device(core::DeviceId id, std::string name,
                           const std::vector<core::WalkRecord>& walks) {
    std::vector<core::JournalEntry> entries{
        core::put_entry(id, 1, 1, core::DeviceNameRecord{std::move(name)})};
    std::int64_t row = 0;
    for (const auto& w : walks) {
        entries.push_back(core::put_entry(id, entries.size() + 1, ++row, w));
    }
    return core::merge_journals(entries).front();
}

struct Devices {
    test::ScopedTimeZone utc{"UTC"};
    test::Sandbox sandbox;
    std::string db = (sandbox.home / "data" / "walkbreak" / "walkbreak.db").string();

    Devices() {
        sandbox.now = march_2(20, 0);
        std::filesystem::create_directories(sandbox.home / "config" / "walkbreak");
        std::ofstream(sandbox.home / "config" / "walkbreak" / "config.toml")
            << "[sync]\ndevice_name = \"desk\"\n";
        core::Store store(db, core::Store::Mode::ReadWrite);
        store.use_day_start(0min);
        store.add_walk(walk_at(march_2(10, 0), 10min, "both desks"));
        store.add_walk(walk_at(march_2(15, 0), 5min));
    }
    void add_laptop() {
        core::Store store(db, core::Store::Mode::ReadWrite);
        // The walk away from both desks, on a clock 3 s ahead; one only the laptop saw.
        store.apply_device(
            device(laptop, "Travel Laptop",
                   {walk_at(march_2(10, 0, 3), 10min), walk_at(march_2(12, 0), 4min)}),
            march_2(13, 0));
    }
    json json_of(std::vector<std::string> args) {
        const auto r = sandbox.run(std::move(args));
        INFO(r.err);
        REQUIRE(r.code == 0);
        return json::parse(r.out);
    }
};

}  // namespace

TEST_CASE("without other devices the reports are exactly as before", "[cli][sync]") {
    Devices d;
    const std::string stats = d.sandbox.run({"stats", "--json", "--day", "2026-03-02"}).out;
    const std::string history = d.sandbox.run({"history", "--json"}).out;
    const std::string history_text = d.sandbox.run({"history"}).out;
    CHECK(json::parse(history).at("walks").at(0).count("device") == 0);
    CHECK(history_text.find("DEVICE") == std::string::npos);
    CHECK(json::parse(stats).at("walk_seconds") == 15 * 60);
    // --device this changes nothing either.
    CHECK(d.sandbox.run({"stats", "--json", "--day", "2026-03-02", "--device", "this"}).out ==
          stats);
    CHECK(d.sandbox.run({"history", "--json", "--device", "desk"}).out == history);
}

TEST_CASE("stats counts every device by default, a walk both saw once; --device picks one",
          "[cli][sync]") {
    Devices d;
    d.add_laptop();
    const auto all = d.json_of({"stats", "--json", "--day", "2026-03-02"});
    CHECK(all.at("walk_seconds") == 19 * 60);
    CHECK(all.at("walks") == 3);
    const auto mine = d.json_of({"stats", "--json", "--day", "2026-03-02", "--device", "this"});
    CHECK(mine.at("walk_seconds") == 15 * 60);
    CHECK(mine.at("walks") == 2);
    // By its name, as written or as its file names spell it, or by its id.
    for (const char* name : {"Travel Laptop", "travel-laptop", "00c4e1a27b9d3f58"}) {
        const auto theirs = d.json_of({"stats", "--json", "--day", "2026-03-02", "--device", name});
        CHECK(theirs.at("walk_seconds") == 14 * 60);
        CHECK(theirs.at("walks") == 2);
    }
    const auto week = d.json_of({"stats", "--json", "--week", "2026-03-02"});
    CHECK(week.at("total_walk_seconds") == 19 * 60);
    const auto csv = d.sandbox.run({"stats", "--csv", "--day", "2026-03-02"}).out;
    CHECK_THAT(csv, Catch::Contains("\n2026-03-02,19,1140,3,"));
}

TEST_CASE("a device name no device has is a usage error naming those there are", "[cli][sync]") {
    Devices d;
    d.add_laptop();
    const auto r = d.sandbox.run({"stats", "--device", "phone"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("--device phone: no device of that name or id"));
    CHECK_THAT(r.err, Catch::Contains("this (desk), Travel Laptop (00c4e1a27b9d3f58)"));
    {
        core::Store store(d.db, core::Store::Mode::ReadWrite);
        store.apply_device(device(tablet, "Travel Laptop", {}), march_2(13, 0));
    }
    const auto twice = d.sandbox.run({"history", "--device", "Travel Laptop"});
    CHECK(twice.code == 2);
    CHECK_THAT(twice.err, Catch::Contains("more than one device has that name"));
    CHECK(d.sandbox.run({"history", "--device", "7b00000000000001"}).code == 0);
}

TEST_CASE("history shows who recorded each walk in text, JSON and CSV", "[cli][sync]") {
    Devices d;
    d.add_laptop();
    const auto text = d.sandbox.run({"history"});
    REQUIRE(text.code == 0);
    CHECK(text.out ==
          "ID  DEVICE         DATE        TIME         LENGTH   HOW        NOTE\n"
          " 2  desk           2026-03-02  15:00–15:05  5m       auto\n"
          "    Travel Laptop  2026-03-02  12:00–12:04  4m       auto\n"
          "    Travel Laptop  2026-03-02  10:00–10:10  10m      auto\n"
          " 1  desk           2026-03-02  10:00–10:10  10m      auto       both desks\n");
    const auto j = d.json_of({"history", "--json"});
    const auto& walks = j.at("walks");
    REQUIRE(walks.size() == 4);
    CHECK(walks[0].at("device") == "desk");
    CHECK(walks[0].at("device_id").is_null());  // walkbreakd has not drawn an id here
    CHECK(walks[0].at("this_device") == true);
    CHECK(walks[1].at("device") == "Travel Laptop");
    CHECK(walks[1].at("device_id") == "00c4e1a27b9d3f58");
    CHECK(walks[1].at("this_device") == false);
    CHECK(walks[1].at("id") == 2);
    const auto csv = d.sandbox.run({"history", "--csv", "--limit", "2"});
    CHECK(csv.out ==
          "id,device,device_id,this_device,start,end,seconds,minutes,how,note\n"
          "2,desk,,true,2026-03-02T15:00:00+00:00,2026-03-02T15:05:00+00:00,300,5,auto,\n"
          "2,Travel Laptop,00c4e1a27b9d3f58,false,2026-03-02T12:00:00+00:00,"
          "2026-03-02T12:04:00+00:00,240,4,auto,\n");
    CHECK(d.json_of({"history", "--json", "--device", "this"}).at("walks").size() == 2);
}

TEST_CASE("history --csv has its device column without other devices too", "[cli][sync]") {
    Devices d;
    CHECK(d.sandbox.run({"history", "--csv"}).out ==
          "id,device,device_id,this_device,start,end,seconds,minutes,how,note\n"
          "2,desk,,true,2026-03-02T15:00:00+00:00,2026-03-02T15:05:00+00:00,300,5,auto,\n"
          "1,desk,,true,2026-03-02T10:00:00+00:00,2026-03-02T10:10:00+00:00,600,10,auto,"
          "both desks\n");
}

TEST_CASE("today lists the walks of every device with who recorded them", "[cli][sync]") {
    Devices d;
    d.sandbox.now = march_2(20, 0);
    d.add_laptop();
    const auto j = d.json_of({"today", "--json"});
    CHECK(j.at("walk_seconds") == 19 * 60);
    REQUIRE(j.at("walk_list").size() == 4);
    CHECK(j.at("walk_list").at(0).at("device") == "desk");
    const auto text = d.sandbox.run({"today"}).out;
    CHECK_THAT(text,
               Catch::Contains("    10:00–10:10  10m     auto       desk           both desks\n"));
    CHECK_THAT(text, Catch::Contains("    12:00–12:04  4m      auto       Travel Laptop\n"));
    const auto theirs = d.json_of({"today", "--json", "--device", "travel-laptop"});
    CHECK(theirs.at("walk_list").size() == 2);
    CHECK(theirs.at("walk_seconds") == 14 * 60);
}
