// SPDX-License-Identifier: GPL-3.0-or-later
// The daemon's journal writer (daemon/journal_writer.hpp) on a real SQLite
// file and a real folder, on a clock moved by hand: what the database owes is
// appended to this month's journal at once, as lines the core reader reads
// back as the records; a torn last line is ended first; a line written twice
// (a crash before the outbox was told) reads once; a failing folder is logged
// once, retried with a growing delay and written when it mends; the presence
// file changes only when the presence does; and nothing is armed while
// nothing fails.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/journal_merge.hpp"
#include "core/journal_read.hpp"
#include "core/presence_line.hpp"
#include "core/retry.hpp"
#include "daemon/journal_writer.hpp"
#include "tests/service_test_support.hpp"
#include "tests/store_test_support.hpp"

using namespace walkbreak;
using namespace std::chrono_literals;
using core::FolderFile;
using test::ManualClock;

namespace {

constexpr core::DeviceId desk = core::DeviceId::from_bits(0x3f2a9c0d5e6b7a81);
constexpr core::UtcOffset cest{7200};

// 2026-03-30 10:15:00 UTC; the boot clock at one hour.
core::Moment start_moment() {
    return {test::utc_time(2026, 3, 30, 10, 15), core::Millis{3'600'000}, cest};
}

core::WalkRecord walk_ending(const core::Moment& now, core::Seconds ago, core::Seconds length,
                             std::string note = {}) {
    core::WalkRecord w;
    w.end = now.wall - ago;
    w.start = w.end - length;
    w.utc_offset = cest;
    w.how = core::CreditHow::Auto;
    w.note = std::move(note);
    return w;
}

struct Fixture {
    test::TempDir dir;
    std::string db = dir.file("data/walkbreak.db");
    std::filesystem::path folder = dir.file("Sync");
    ManualClock clock{start_moment()};
    test::CapturedLog log;
    boost::asio::io_context io;
    daemon::Recorder recorder{clock, db, daemon::open_sqlite_store, log.logger()};
    daemon::JournalWriter journal{io, clock, recorder, log.logger()};

    Fixture() {
        std::filesystem::create_directories(folder);
        recorder.on_written([this]() noexcept { journal.drain(); });
        REQUIRE(recorder.open());
    }
    ~Fixture() { recorder.on_written({}); }

    daemon::SyncTarget target(std::string name = "Desk PC") const {
        return {folder, desk, std::move(name)};
    }
    std::filesystem::path journal_path(std::string name = "desk-pc",
                                       core::YearMonth month = {2026, 3}) const {
        return folder / core::journal_file_name(name, desk, month);
    }
    std::string journal_text(core::YearMonth month = {2026, 3}) const {
        return test::read_bytes(journal_path("desk-pc", month).string());
    }
    core::JournalRead read(core::YearMonth month = {2026, 3}) const {
        auto read = core::read_journal(journal_text(month), desk);
        REQUIRE(read);
        return *read;
    }
    // Runs what the loop has to run now (the next batch of a backlog).
    void run_loop() {
        io.restart();
        while (io.poll() > 0) io.restart();
    }
    std::int64_t owed() const {
        core::Store store(db, core::Store::Mode::ReadOnly);
        return store.journal_lines_owed();
    }
};

std::vector<std::string> kinds(const core::JournalRead& read) {
    std::vector<std::string> out;
    for (const auto& e : read.entries) {
        out.push_back(std::string(core::to_string(e.key.kind)) + (e.record ? "" : " deleted"));
    }
    return out;
}

std::vector<std::string> folder_names(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder)) {
        names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("with sync off nothing is written and nothing is owed", "[unit][journal]") {
    Fixture f;
    f.journal.configure(std::nullopt);
    f.recorder.record(walk_ending(f.clock.now(), 1min, 5min));
    f.journal.presence_changed(core::PresenceState::Away, f.clock.now().wall);
    CHECK(std::filesystem::is_empty(f.folder));
    CHECK(f.owed() == 0);
    CHECK_FALSE(f.clock.next_deadline());
}

TEST_CASE("switched on, the history is journaled, then each record as it is written",
          "[unit][journal]") {
    Fixture f;
    f.recorder.record(walk_ending(f.clock.now(), 2h, 10min, "before sync"));
    f.journal.configure(f.target());
    CHECK(kinds(f.read()) == std::vector<std::string>{"device_name", "walk"});
    CHECK(f.owed() == 0);

    const auto now = f.clock.now();
    f.recorder.record(walk_ending(now, 1min, 5min, "park"));
    f.recorder.record(core::SittingBout{now.wall - 50min, now.wall - 6min, cest});
    f.recorder.record(core::ReminderRecord{now.wall - 7min, false, core::ReminderOutcome::Walked,
                                           now.wall - 6min, cest});
    f.recorder.record(core::CheckinRecord{now.wall, core::BackFeel::Better, cest});
    f.recorder.record(core::MeetingRecord{
        now.wall - 3h, now.wall - 150min, cest, {core::MeetingSignal::Microphone}});
    const auto read = f.read();
    CHECK(kinds(read) == std::vector<std::string>{"device_name", "walk", "walk", "sitting_bout",
                                                  "reminder", "checkin", "meeting"});
    CHECK(read.damaged_lines == 0);
    CHECK_FALSE(read.torn_tail);
    const auto merged = core::merge_journals(read.entries);
    REQUIRE(merged.size() == 1);
    CHECK(merged[0].name == "Desk PC");
    CHECK(merged[0].missing_sequences == 0);
    const auto walks = merged[0].walks();
    REQUIRE(walks.size() == 2);
    CHECK(walks[1].note == "park");
    CHECK(walks[1].end == test::utc_time(2026, 3, 30, 10, 14));
    CHECK(merged[0].meetings().size() == 1);
    CHECK(f.owed() == 0);
    CHECK_FALSE(f.clock.next_deadline());  // nothing failed: nothing armed
}

TEST_CASE("a long backlog is written a batch per turn of the loop", "[unit][journal]") {
    Fixture f;
    const auto now = f.clock.now();
    for (int i = 0; i < 600; ++i) {
        f.recorder.record(core::SittingBout{now.wall - std::chrono::hours{i + 1},
                                            now.wall - std::chrono::hours{i + 1} + 40min, cest});
    }
    f.journal.configure(f.target());
    CHECK(f.read().entries.size() == 256);  // the name and the first 255 bouts
    CHECK(f.owed() == 601 - 256);
    f.run_loop();
    const auto read = f.read();
    CHECK(read.entries.size() == 601);
    CHECK(read.entries.back().sequence == 601);
    CHECK(f.owed() == 0);
    CHECK_FALSE(f.clock.next_deadline());
}

TEST_CASE("an edit and a delete by hand are journal entries too", "[unit][journal]") {
    Fixture f;
    f.journal.configure(f.target());
    f.recorder.record(walk_ending(f.clock.now(), 1h, 10min));
    core::WalkRecord edited = walk_ending(f.clock.now(), 1h, 12min, "longer");
    edited.id = 1;
    REQUIRE(f.recorder.edit_walk(edited));
    REQUIRE(f.recorder.delete_walk(1));
    const auto read = f.read();
    CHECK(kinds(read) == std::vector<std::string>{"device_name", "walk", "walk", "walk deleted"});
    CHECK(std::get<core::WalkRecord>(*read.entries[2].record).note == "longer");
    CHECK(core::merge_journals(read.entries)[0].walks().empty());
}

TEST_CASE("a torn last line is ended before the next line", "[unit][journal]") {
    Fixture f;
    f.journal.configure(f.target());
    const std::string whole = f.journal_text();
    // A crash (or a full disk) cut a line short; the database still owes it.
    const std::string torn = R"(1 {"device":"3f2a9c0d5e6b7a81","seq":2,"kind":"wa)";
    std::ofstream(f.journal_path(), std::ios::app) << torn;

    f.recorder.record(walk_ending(f.clock.now(), 1min, 5min));
    CHECK(f.journal_text().starts_with(whole + torn + "\n1 {"));
    const auto read = f.read();
    CHECK(read.damaged_lines == 1);
    CHECK_FALSE(read.torn_tail);
    CHECK(kinds(read) == std::vector<std::string>{"device_name", "walk"});
}

TEST_CASE("a line written twice, as after a crash before the outbox knew, reads once",
          "[unit][journal]") {
    Fixture f;
    f.journal.configure(f.target());
    f.journal.configure(std::nullopt);  // so that the next record waits in the outbox
    {
        core::Store other(f.db, core::Store::Mode::ReadWrite);
        other.set_journaling(core::JournalSettings{desk, "Desk PC"});
        other.add_walk(walk_ending(f.clock.now(), 1h, 10min));
        // The crash: appended, but the outbox never told.
        const auto owed = other.owed_journal_lines(100);
        REQUIRE(owed.size() == 2);  // the name (switched on again) and the walk
        std::ofstream out(f.journal_path(), std::ios::app | std::ios::binary);
        for (const auto& line : owed) out << line.text;
    }
    f.journal.configure(f.target());  // the next start
    const auto read = f.read();
    CHECK(read.duplicate_lines == 2);
    CHECK(read.conflicting_lines == 0);
    CHECK(read.damaged_lines == 0);
    CHECK(core::merge_journals(read.entries)[0].missing_sequences == 0);
    CHECK(f.owed() == 0);
}

TEST_CASE("a missing folder is logged once, retried, and written when it appears",
          "[unit][journal]") {
    Fixture f;
    std::filesystem::remove(f.folder);
    f.journal.configure(f.target());
    f.journal.presence_changed(core::PresenceState::Sitting, f.clock.now().wall);
    CHECK(f.log.count("walkbreak keeps tracking") == 1);
    CHECK_THAT(f.log.text(),
               Catch::Contains(f.folder.string()) && Catch::Contains("No such file or directory"));
    const core::Millis t0 = f.clock.now().boot;
    CHECK(f.clock.next_deadline() == t0 + core::retry_delay(1));

    // Tracking goes on: records are stored and owed.
    f.recorder.record(walk_ending(f.clock.now(), 1min, 5min));
    f.recorder.record(walk_ending(f.clock.now(), 30min, 5min));
    CHECK(f.owed() == 3);
    f.clock.advance(core::retry_delay(1));
    CHECK(f.clock.next_deadline() == f.clock.now().boot + core::retry_delay(2));
    CHECK(f.log.count("walkbreak keeps tracking") == 1);

    std::filesystem::create_directories(f.folder);
    f.clock.advance(core::retry_delay(2));
    CHECK(kinds(f.read()) == std::vector<std::string>{"device_name", "walk", "walk"});
    CHECK(f.owed() == 0);
    CHECK(f.log.count("can be written again") == 1);
    CHECK_FALSE(f.clock.next_deadline());
    CHECK(std::filesystem::exists(f.folder / core::presence_file_name("Desk PC", desk)));
}

TEST_CASE("a folder that refuses writes is written at the next record once it takes them",
          "[unit][journal]") {
    Fixture f;
    // A directory where the journal file should be: open(2) fails, root or not.
    std::filesystem::create_directories(f.journal_path());
    f.journal.configure(f.target());
    CHECK(f.log.count("walkbreak keeps tracking") == 1);
    CHECK_THAT(f.log.text(), Catch::Contains("Is a directory"));
    f.recorder.record(walk_ending(f.clock.now(), 1min, 5min));
    CHECK(f.log.count("walkbreak keeps tracking") == 1);
    CHECK(f.owed() == 2);

    // Mended: the next record writes everything at once, before the retry.
    std::filesystem::remove(f.journal_path());
    REQUIRE(f.clock.next_deadline());
    f.recorder.record(walk_ending(f.clock.now(), 30min, 5min));
    CHECK(kinds(f.read()) == std::vector<std::string>{"device_name", "walk", "walk"});
    CHECK(f.log.count("can be written again") == 1);
    CHECK_FALSE(f.clock.next_deadline());
}

TEST_CASE("a renamed device keeps this month's file, and a new UTC month starts another",
          "[unit][journal]") {
    Fixture f;
    f.journal.configure(f.target());
    f.journal.presence_changed(core::PresenceState::Sitting, f.clock.now().wall);
    f.journal.configure(f.target("Office"));  // renamed mid-month
    f.recorder.record(walk_ending(f.clock.now(), 1min, 5min));
    CHECK(kinds(f.read()) == std::vector<std::string>{"device_name", "device_name", "walk"});
    CHECK(core::merge_journals(f.read().entries)[0].name == "Office");
    // The presence file follows the name at once; the old one is gone.
    CHECK(folder_names(f.folder) ==
          std::vector<std::string>{"desk-pc.3f2a9c0d5e6b7a81.2026-03.journal",
                                   "office.3f2a9c0d5e6b7a81.presence"});

    f.clock.advance(std::chrono::hours{24 * 2});  // 2026-04-01 10:15 UTC
    f.recorder.record(walk_ending(f.clock.now(), 1min, 5min));
    const auto april = f.folder / core::journal_file_name("office", desk, {2026, 4});
    const auto read = core::read_journal(test::read_bytes(april.string()), desk);
    REQUIRE(read);
    CHECK(kinds(*read) == std::vector<std::string>{"walk"});
    CHECK(read->entries[0].sequence == 4);
}

TEST_CASE("the presence file is rewritten only when the presence changes", "[unit][journal]") {
    Fixture f;
    f.journal.configure(f.target());
    const auto file = f.folder / core::presence_file_name("Desk PC", desk);
    const auto presence = [&] {
        return std::get<core::PresenceRecord>(
            core::decode_presence_file(test::read_bytes(file.string())));
    };
    const core::WallTime t0 = f.clock.now().wall;
    f.journal.presence_changed(core::PresenceState::Sitting, t0);
    CHECK(presence() == core::PresenceRecord{desk, core::PresenceState::Sitting, t0, {}});

    std::filesystem::remove(file);
    f.journal.presence_changed(core::PresenceState::Sitting, t0);  // the same: not written
    f.recorder.record(walk_ending(f.clock.now(), 1min, 5min));     // nor as a heartbeat
    CHECK_FALSE(std::filesystem::exists(file));

    const core::WallTime away = t0 + 3min + std::chrono::milliseconds{400};
    f.journal.presence_changed(core::PresenceState::Away, away);
    CHECK(presence() == core::PresenceRecord{desk, core::PresenceState::Away, t0 + 3min, {}});
    // The sitting carried over from another computer is a change too, in whole seconds.
    f.journal.presence_changed(core::PresenceState::Away, away, t0 - 20min + 700ms);
    CHECK(presence() ==
          core::PresenceRecord{desk, core::PresenceState::Away, t0 + 3min, t0 - 20min});
    // No temporary file is left behind.
    CHECK(folder_names(f.folder).size() == 2);
    CHECK_FALSE(f.clock.next_deadline());
}
