// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the sync folder (daemon/sync_reader.hpp; watching it is
// test_folder_watch.cpp's) on a real directory, real inotify and a real
// SQLite file: other devices' journals merged into the store and read again when they
// change, this computer's own never read back, conflict copies, strangers
// and newer formats told once; and the service's total of today across
// devices once a merge is stored.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/crc32.hpp"
#include "core/journal_line.hpp"
#include "core/presence_line.hpp"
#include "core/sync_folder.hpp"
#include "daemon/folder_watch.hpp"
#include "daemon/record_store.hpp"
#include "daemon/sync_reader.hpp"
#include "tests/loop_test_support.hpp"
#include "tests/service_fixture.hpp"

using namespace walkbreak;
using namespace std::chrono_literals;
using test::run_ready;
using test::run_until;

namespace {

constexpr core::DeviceId desk = core::DeviceId::from_bits(0x3f2a9c0d5e6b7a81);  // this computer
constexpr core::DeviceId laptop = core::DeviceId::from_bits(0x00c4e1a27b9d3f58);
const core::YearMonth december{2026, 12};

void write_file(const std::string& path, const std::string& text,
                std::ios::openmode mode = std::ios::trunc) {
    std::ofstream out(path, std::ios::binary | mode);
    out << text;
}

// A walk of `length` from `start` on the laptop, as its journal line.
std::string laptop_walk(std::uint64_t seq, std::int64_t id, core::WallTime start,
                        core::Seconds length, std::string note = {}) {
    core::WalkRecord w =
        test::make_walk(start, length, core::UtcOffset{0}, core::CreditHow::Auto, std::move(note));
    return core::encode_journal_line(core::put_entry(laptop, seq, id, w));
}

std::string name_line(core::DeviceId device, std::uint64_t seq, std::string name) {
    return core::encode_journal_line(
        core::put_entry(device, seq, 1, core::DeviceNameRecord{std::move(name)}));
}

// A real store and a recorder on it, a reader of `folder` on the loop.
struct Reading {
    explicit Reading(std::string folder_path)
        : folder(std::move(folder_path)),
          clock(test::at(12, 0)),
          recorder(clock, dir.file("walkbreak.db"), daemon::open_sqlite_store, log.logger()),
          reader(io, folder, desk, recorder, log.logger()) {
        REQUIRE(recorder.open());
        REQUIRE(reader.start());
    }
    // Runs the loop until what the folder holds has been read and stored.
    void settle() {
        run_ready(io);
        run_until(io, [&] { return reader.caught_up(); });
    }
    core::Store store() {
        return core::Store(dir.file("walkbreak.db"), core::Store::Mode::ReadOnly);
    }
    std::string path(const std::string& name) const { return folder + "/" + name; }

    std::string folder;
    test::TempDir dir;
    boost::asio::io_context io;
    test::ManualClock clock;
    test::CapturedLog log;
    daemon::Recorder recorder;
    daemon::SyncReader reader;
};

}  // namespace

TEST_CASE("other devices' journals are merged into the store; this computer's are never read",
          "[unit][sync]") {
    test::TempDir folder;
    const auto now = test::at(12, 0).wall;
    const std::string journal = core::journal_file_name("laptop", laptop, december);
    write_file(folder.file(journal), name_line(laptop, 1, "laptop") +
                                         laptop_walk(2, 1, now - 3h, 10min) +
                                         laptop_walk(3, 2, now - 2h, 5min));
    // This computer's own journal, as its writer left it: never read back.
    write_file(folder.file(core::journal_file_name("desk", desk, december)),
               name_line(desk, 1, "desk") +
                   core::encode_journal_line(core::put_entry(
                       desk, 2, 1, test::make_walk(now - 1h, 30min, core::UtcOffset{0}))));
    write_file(folder.file("laptop.00c4e1a27b9d3f58.2026-12.sync-conflict-20261206-101010-ABCD"
                           "EFG.journal"),
               laptop_walk(9, 9, now - 1h, 1h));
    write_file(folder.file("notes.txt"), "garbage\n");
    write_file(
        folder.file(core::journal_file_name("tablet", core::DeviceId::from_bits(7), december)),
        "2 {\"device\":\"0000000000000007\"} 00000000\n");

    Reading r(folder.path());
    r.settle();
    {
        auto store = r.store();
        const auto devices = store.devices();
        REQUIRE(devices.size() == 1);
        CHECK(devices[0].id == laptop);
        CHECK(devices[0].name == "laptop");
        CHECK(devices[0].last_sequence == 3);
        CHECK(store.walks_newest_first(10, core::DeviceScope::only(laptop)).size() == 2);
        CHECK(store.all_walks().empty());  // this computer's tables: untouched
    }
    CHECK(r.log.count("sync-conflict") == 1);
    CHECK(r.log.count("notes.txt: not a file walkbreak knows; ignored") == 1);

    SECTION("a line still arriving is read once it is whole, and what is told is told once") {
        const std::string more = laptop_walk(4, 3, now - 1h, 3min, "torn");
        write_file(folder.file(journal), more.substr(0, 20), std::ios::app);
        r.settle();
        CHECK(r.store().walks_newest_first(10, core::DeviceScope::only(laptop)).size() == 2);
        write_file(folder.file(journal), more.substr(20), std::ios::app);
        write_file(folder.file("notes.txt"), "more garbage\n");
        r.settle();
        const auto walks = r.store().walks_newest_first(10, core::DeviceScope::only(laptop));
        REQUIRE(walks.size() == 3);
        CHECK(walks[0].walk.note == "torn");
        CHECK(r.log.count("notes.txt") == 1);
    }
    SECTION("a file of the device deleted: the device is read again from the rest") {
        const std::string february = core::journal_file_name("laptop", laptop, {2027, 2});
        write_file(folder.file(february), laptop_walk(5, 4, now + 60 * 24h, 20min));
        r.settle();
        CHECK(r.store().walks_newest_first(10, core::DeviceScope::only(laptop)).size() == 3);
        std::filesystem::remove(folder.file(february));
        r.settle();
        CHECK(r.store().walks_newest_first(10, core::DeviceScope::only(laptop)).size() == 2);
        // Its last file gone too: what was read of it is kept.
        std::filesystem::remove(folder.file(journal));
        r.settle();
        CHECK(r.store().walks_newest_first(10, core::DeviceScope::only(laptop)).size() == 2);
        CHECK(r.log.count("no journal of device 00c4e1a27b9d3f58 is left") == 1);
    }
}

TEST_CASE("a journal of a newer format is skipped with one message, the rest still read",
          "[unit][sync]") {
    test::TempDir folder;
    const auto now = test::at(12, 0).wall;
    const std::string newer = core::journal_file_name("laptop", laptop, {2027, 1});
    const std::string body = "2 {\"device\":\"00c4e1a27b9d3f58\",\"seq\":9}";
    write_file(folder.file(newer), core::encode_journal_line(core::put_entry(
                                       laptop, 8, 8, test::make_walk(now, 1min, 0s))) +
                                       body + fmt::format(" {:08x}\n", core::crc32(body)));
    write_file(folder.file(core::journal_file_name("laptop", laptop, december)),
               laptop_walk(1, 1, now - 1h, 10min));
    Reading r(folder.path());
    r.settle();
    CHECK(r.store().walks_newest_first(10, core::DeviceScope::all()).size() == 1);
    CHECK(r.log.count("journal format 2, newer than the 1 this walkbreak reads") == 1);
    write_file(folder.file(newer), "\n", std::ios::app);
    r.settle();
    CHECK(r.log.count("journal format 2") == 1);
}

TEST_CASE("a folder missing at start is read when it appears, and kept when it vanishes",
          "[unit][sync]") {
    test::TempDir dir;
    const std::string folder = dir.file("Sync");
    Reading r(folder);
    r.settle();
    CHECK(r.log.count("the sync folder " + folder + " does not exist") == 1);
    std::filesystem::create_directory(folder);
    write_file(folder + "/" + core::journal_file_name("laptop", laptop, december),
               laptop_walk(1, 1, test::at(11, 0).wall, 10min));
    run_until(r.io, [&] { return !r.store().devices().empty(); });
    std::filesystem::remove_all(folder);
    r.settle();
    CHECK(r.log.count("is gone") == 1);
    CHECK(r.store().walks_newest_first(10, core::DeviceScope::all()).size() == 1);
}

// Presence files read into callbacks, for the reader alone.
struct PresenceSeen {
    std::vector<core::PresenceRecord> read;
    std::vector<core::DeviceId> gone;
    int appeared{0};  // the folder was found there
};

std::string presence_line(core::DeviceId device, core::PresenceState state, core::WallTime since) {
    core::PresenceRecord p{device, state, since, since};
    return core::encode_presence_line(p);
}

TEST_CASE("a presence file replaced by the sync engine is not the device gone",
          "[unit][sync][inotify]") {
    test::TempDir dir;
    const std::string folder = dir.file("walkbreak");
    std::filesystem::create_directory(folder);
    boost::asio::io_context io;
    test::ManualClock clock(test::at(12, 0));
    test::CapturedLog log;
    daemon::Recorder recorder(clock, dir.file("walkbreak.db"), daemon::open_sqlite_store,
                              log.logger());
    REQUIRE(recorder.open());
    PresenceSeen seen;
    daemon::SyncReader reader(
        io, folder, desk, recorder, log.logger(),
        {[&](const core::PresenceRecord& p) noexcept { seen.read.push_back(p); },
         [&](core::DeviceId d) noexcept { seen.gone.push_back(d); },
         [&]() noexcept { ++seen.appeared; }});
    REQUIRE(reader.start());
    const std::string file = folder + "/" + core::presence_file_name("laptop", laptop);
    const core::WallTime sat = test::at(11, 50).wall;
    write_file(file, presence_line(laptop, core::PresenceState::Sitting, sat));
    // A file written is read at each event of it (created, written, closed):
    // what counts is the latest record read.
    run_until(io, [&] { return !seen.read.empty(); });
    CHECK(seen.read.back().state == core::PresenceState::Sitting);
    CHECK(seen.appeared == 1);  // at start: the journal writer is told

    // As Syncthing replaces a file: the old one removed, then the new copy
    // renamed into place. The device was never gone: its news is the new file.
    const core::WallTime left = test::at(11, 58).wall;
    write_file(folder + "/.syncthing.tmp", presence_line(laptop, core::PresenceState::Away, left));
    std::filesystem::remove(file);
    std::filesystem::rename(folder + "/.syncthing.tmp", file);
    run_until(io, [&] { return seen.read.back().state == core::PresenceState::Away; });
    CHECK(seen.read.back().state == core::PresenceState::Away);
    CHECK(seen.read.back().since == left);
    // Longer than the grace: still not gone.
    const auto wait_out = std::chrono::steady_clock::now() + daemon::SyncReader::presence_grace +
                          std::chrono::milliseconds{500};
    run_until(io, [&] { return std::chrono::steady_clock::now() >= wait_out; });
    CHECK(seen.gone.empty());

    // Renamed: the file under the new name comes first, the old one goes.
    const std::string renamed = folder + "/" + core::presence_file_name("notebook", laptop);
    const std::size_t read_before = seen.read.size();
    write_file(renamed, presence_line(laptop, core::PresenceState::Away, left));
    run_until(io, [&] { return seen.read.size() > read_before; });
    CHECK(seen.read.size() > read_before);
    std::filesystem::remove(file);
    const auto after_rename = std::chrono::steady_clock::now() +
                              daemon::SyncReader::presence_grace + std::chrono::milliseconds{500};
    run_until(io, [&] { return std::chrono::steady_clock::now() >= after_rename; });
    CHECK(seen.gone.empty());

    // Deleted for good: gone, once, after the grace.
    const auto deleted = std::chrono::steady_clock::now();
    std::filesystem::remove(renamed);
    run_until(io, [&] { return !seen.gone.empty(); });
    CHECK(std::chrono::steady_clock::now() - deleted >= daemon::SyncReader::presence_grace);
    CHECK(seen.gone == std::vector{laptop});
}

TEST_CASE("after a merge, today's total is the union across devices", "[unit][sync][service]") {
    test::Fixture f{test::at(12, 0)};
    // Walked away from both desks (the laptop 3 s ahead), and once from the laptop alone.
    f.script->added.push_back(test::walk(test::at(10, 0).wall, 10min));
    REQUIRE(f.service.apply(core::protocol::request::Refresh{}));
    CHECK(f.service.status().today_walk_seconds == 10 * 60);
    core::DeviceRecords laptop_records;
    laptop_records.device = laptop;
    for (const auto& [seq, start, length] :
         {std::tuple{1, test::at(10, 0).wall + 3s, 10min}, {2, test::at(11, 0).wall, 5min}}) {
        laptop_records.records.push_back(
            core::put_entry(laptop, static_cast<std::uint64_t>(seq), seq,
                            test::make_walk(start, length, core::UtcOffset{0})));
    }
    f.recorder.apply_device(laptop_records, test::at(12, 0).wall);
    run_ready(f.io);
    CHECK(f.service.status().today_walk_seconds == 15 * 60);
}
