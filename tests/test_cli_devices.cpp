// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak devices` on real folders: journals, presence files, conflict
// copies and strangers written to a temporary directory, read back through
// the folder reader and the command line.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/sync_devices.hpp"
#include "core/crc32.hpp"
#include "sync_folder_test_support.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace walkbreak::test;

TEST_CASE("the folder's devices: names, sequences, what is missing, presence and news",
          "[cli][devices]") {
    SyncSandbox s;
    s.two_devices();
    const auto read = read_folder_devices(s.folder.string(), desk);
    REQUIRE(read);
    REQUIRE(read->devices.size() == 2);
    const SeenDevice& first = read->devices[0];
    CHECK(first.id == desk);
    CHECK(first.this_device);
    CHECK(first.name == "Desk PC");
    CHECK(first.last_sequence == 2);
    CHECK(first.missing_sequences == 0);
    CHECK_FALSE(first.presence);
    CHECK(first.last_news == t0 - std::chrono::minutes{5});
    const SeenDevice& second = read->devices[1];
    CHECK(second.id == laptop);
    CHECK_FALSE(second.this_device);
    CHECK(second.last_sequence == 4);
    CHECK(second.missing_sequences == 2);
    REQUIRE(second.presence);
    CHECK(second.presence->state == core::PresenceState::Away);
    CHECK(second.presence->since == t0 - std::chrono::hours{1});
    // The newest of its files: the presence, written after the journal.
    CHECK(second.last_news == t0 - std::chrono::hours{1});
    CHECK(read->other_devices() == 1);
    CHECK(read->ignored.empty());
}

TEST_CASE("files that are not read are listed with why", "[cli][devices]") {
    SyncSandbox s;
    s.two_devices();
    write_file(s.folder / ".stfolder", "");
    write_file(
        s.folder / "desk.3f2a9c0d5e6b7a81.2026-12.sync-conflict-20261207-083000-ABCDEFG.journal",
        lines({walk_entry(desk, 3, 2)}));
    write_file(s.folder / "notes.txt", "mine\n");
    fs::create_directory(s.folder / core::journal_file_name("desk", desk, {2026, 11}));
    write_file(s.folder / ".syncthing.laptop.00c4e1a27b9d3f58.2026-12.journal.tmp", "half");
    // A later walkbreak's journal and presence: not misread, not taken for damage.
    write_file(s.folder / core::journal_file_name("laptop", laptop, {2027, 1}),
               "2 {} " + fmt::format("{:08x}", core::crc32("2 {}")) + "\n");
    write_file(s.folder / core::presence_file_name("tablet", core::DeviceId::from_bits(5)),
               "1 {\"device\":\"0000000000000005\",\"state\":\"away\"} 00000000\n");
    const auto read = read_folder_devices(s.folder.string(), desk);
    REQUIRE(read);
    std::vector<std::pair<std::string, IgnoredFile::Why>> ignored;
    for (const auto& f : read->ignored) ignored.emplace_back(f.file, f.why);
    using Why = IgnoredFile::Why;
    CHECK(ignored ==
          std::vector<std::pair<std::string, Why>>{
              {"desk.3f2a9c0d5e6b7a81.2026-11.journal", Why::Unreadable},
              {"desk.3f2a9c0d5e6b7a81.2026-12.sync-conflict-20261207-083000-ABCDEFG.journal",
               Why::ConflictCopy},
              {"laptop.00c4e1a27b9d3f58.2027-01.journal", Why::NewerVersion},
              {"notes.txt", Why::Unknown},
              {"tablet.0000000000000005.presence", Why::Damaged}});
    CHECK(read->conflict_copies() == 1);
    CHECK(read->in_transit == 1);
    // The conflict copy's entry is not the desk's: its journal still ends at 2.
    CHECK(read->devices.at(0).last_sequence == 2);
    // A device known only from a damaged presence file is still listed, by its file's name.
    REQUIRE(read->devices.size() == 3);
    CHECK(read->devices.at(2).name == "tablet");
    CHECK_FALSE(read->devices.at(2).presence);
}

TEST_CASE("damaged lines, a line still arriving and two computers with one id are counted",
          "[cli][devices]") {
    SyncSandbox s;
    std::string text = lines({name_entry(laptop, 1, "laptop"), walk_entry(laptop, 2, 1)});
    text.insert(text.find('\n') + 5, "X");                        // line 2 damaged
    text += core::encode_journal_line(walk_entry(laptop, 3, 2));  // whole
    const std::string other = core::encode_journal_line(walk_entry(laptop, 3, 9));
    text += other;                      // sequence 3 again, another entry
    text += "1 {\"device\":\"00c4e1a";  // still arriving
    write_file(s.folder / core::journal_file_name("laptop", laptop, december), text);
    const auto read = read_folder_devices(s.folder.string(), std::nullopt);
    REQUIRE(read);
    REQUIRE(read->devices.size() == 1);
    const SeenDevice& d = read->devices[0];
    CHECK(d.skipped_lines == 1);
    CHECK(d.arriving);
    CHECK(d.conflicting_entries == 1);
    CHECK(d.last_sequence == 3);
    CHECK(d.missing_sequences == 1);  // the damaged line's entry
    CHECK_FALSE(d.this_device);
}

TEST_CASE("walkbreak devices lists the folder's devices as text and JSON", "[cli][devices]") {
    SyncSandbox s;
    s.now = t0;
    s.two_devices();
    s.set_device_id(desk);
    write_file(s.folder / "laptop.00c4e1a27b9d3f58.presence.sync-conflict-20261207-083000-XYZ",
               "x\n");

    const auto text = s.run({"devices"});
    INFO(text.out << text.err);
    CHECK(text.code == 0);
    CHECK(text.out.find("sync folder " + s.folder.string() + "\n") == 0);
    CHECK(text.out.find("\nDesk PC (this device)\n"
                        "  id 3f2a9c0d5e6b7a81, 1 journal file, up to entry 2, none missing\n") !=
          std::string::npos);
    CHECK(text.out.find("\nlaptop\n  id 00c4e1a27b9d3f58, 1 journal file, up to entry 4\n"
                        "  behind: 2 entries not here yet") != std::string::npos);
    CHECK(text.out.find("(5m ago)") != std::string::npos);
    CHECK(text.out.find("away since ") != std::string::npos);
    CHECK(text.out.find("\nignored: 1 file\n  laptop.00c4e1a27b9d3f58.presence.sync-conflict-") !=
          std::string::npos);

    const auto json = s.run({"devices", "--json"});
    REQUIRE(json.code == 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j["folder"] == s.folder.string());
    CHECK(j["this_device"] == "3f2a9c0d5e6b7a81");
    REQUIRE(j["devices"].size() == 2);
    CHECK(j["devices"][0]["name"] == "Desk PC");
    CHECK(j["devices"][0]["this_device"] == true);
    CHECK(j["devices"][0]["presence"].is_null());
    CHECK(j["devices"][1]["name"] == "laptop");
    CHECK(j["devices"][1]["last_sequence"] == 4);
    CHECK(j["devices"][1]["missing_sequences"] == 2);
    CHECK(j["devices"][1]["behind"] == true);
    CHECK(j["devices"][1]["presence"]["state"] == "away");
    CHECK(j["devices"][1]["last_news"].is_string());
    REQUIRE(j["ignored"].size() == 1);
    CHECK(j["ignored"][0]["why"] == "conflict_copy");
    CHECK(j["in_transit"] == 0);
}

TEST_CASE("walkbreak devices without sync, or without its folder, says what to do",
          "[cli][devices]") {
    Sandbox plain;
    const auto off = plain.run({"devices"});
    CHECK(off.code == 1);
    CHECK(off.out.empty());
    CHECK(off.err.find("walkbreak: sync is off") == 0);
    CHECK(off.err.find("folder = \"~/Sync/walkbreak\"") != std::string::npos);
    CHECK(plain.run({"devices", "--json"}).code == 1);

    SyncSandbox s;
    fs::remove_all(s.folder);
    const auto missing = s.run({"devices"});
    CHECK(missing.code == 1);
    CHECK(missing.err.find("the sync folder " + s.folder.string() + " does not exist") !=
          std::string::npos);

    const auto empty = [&] {
        fs::create_directories(s.folder);
        return s.run({"devices"});
    }();
    CHECK(empty.code == 0);
    CHECK(empty.out.find("no device has written here yet") != std::string::npos);
    CHECK(empty.out.find("this computer has no device id yet") != std::string::npos);

    CHECK(s.run({"devices", "extra"}).code == 2);
}
