// SPDX-License-Identifier: GPL-3.0-or-later
// The names in the sync folder: what walkbreak writes, and what it finds
// there — its journals and presence files, Syncthing's own files, conflict
// copies and anything else.
#include <catch2/catch.hpp>

#include "core/sync_folder.hpp"

using namespace walkbreak::core;
using Kind = FolderFile::Kind;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0x3f2a9c0d5e6b7a81);

Kind kind_of(std::string_view name) { return classify_folder_file(name).kind; }

}  // namespace

TEST_CASE("device ids are 16 lowercase hex digits, one spelling each", "[sync][device]") {
    CHECK(desk.hex() == "3f2a9c0d5e6b7a81");
    CHECK(DeviceId::from_bits(255).hex() == "00000000000000ff");
    CHECK(DeviceId::parse(DeviceId::from_bits(0xdeadbeefULL << 32).hex())->bits() == 0xdeadbeefULL
                                                                                         << 32);
    CHECK_FALSE(DeviceId::parse("3F2A9C0D5E6B7A81"));
    CHECK_FALSE(DeviceId::parse("3f2a9c0d5e6b7a8"));
    CHECK_FALSE(DeviceId::parse("3f2a9c0d5e6b7a810"));
    CHECK_FALSE(DeviceId::parse("3f2a9c0d5e6b7a8g"));
    CHECK_FALSE(DeviceId::parse(""));
}

TEST_CASE("a device's files are named after it and read back as its own", "[sync][names]") {
    const std::string journal = journal_file_name("desk", desk, YearMonth{2026, 12});
    CHECK(journal == "desk.3f2a9c0d5e6b7a81.2026-12.journal");
    const FolderFile f = classify_folder_file(journal);
    CHECK(f.kind == Kind::Journal);
    CHECK(f.device == desk);
    CHECK(f.device_name == "desk");
    CHECK(f.month == YearMonth{2026, 12});

    const std::string presence = presence_file_name("desk", desk);
    CHECK(presence == "desk.3f2a9c0d5e6b7a81.presence");
    const FolderFile p = classify_folder_file(presence);
    CHECK(p.kind == Kind::Presence);
    CHECK(p.device == desk);

    CHECK(classify_folder_file(journal_file_name("x", desk, YearMonth{1970, 1})).kind ==
          Kind::Journal);
    CHECK(classify_folder_file(journal_file_name("x", desk, YearMonth{9999, 12})).month ==
          YearMonth{9999, 12});
}

TEST_CASE("a device name becomes a file-name part of letters, digits and hyphens",
          "[sync][names]") {
    CHECK(device_name_for_files("desk") == "desk");
    CHECK(device_name_for_files("Desk PC.local") == "desk-pc-local");
    CHECK(device_name_for_files("--my  laptop!!") == "my-laptop");
    CHECK(device_name_for_files("") == "device");
    CHECK(device_name_for_files("\xc3\x84\xc3\x96") == "device");  // no ASCII left
    CHECK(device_name_for_files("b\xc3\xbcro-2") == "b-ro-2");
    CHECK(device_name_for_files(std::string(100, 'a')) == std::string(32, 'a'));
    // Whatever the name, the file it makes is recognised as a journal.
    for (const char* name : {"Desk PC.local", "", "a.b.c", "ünïcödé", "x/y", "../etc"}) {
        INFO(name);
        CHECK(kind_of(journal_file_name(name, desk, YearMonth{2026, 1})) == Kind::Journal);
        CHECK(kind_of(presence_file_name(name, desk)) == Kind::Presence);
    }
}

TEST_CASE("Syncthing's conflict copies are recognised and never read", "[sync][names]") {
    CHECK(kind_of("desk.3f2a9c0d5e6b7a81.2026-12.sync-conflict-20261206-101500-ABCDEF7.journal") ==
          Kind::ConflictCopy);
    CHECK(kind_of("desk.3f2a9c0d5e6b7a81.sync-conflict-20261206-101500-ABCDEF7.presence") ==
          Kind::ConflictCopy);
    CHECK(kind_of("notes.sync-conflict-20261206-101500-ABCDEF7.txt") == Kind::ConflictCopy);
}

TEST_CASE("files on their way in, and the engine's own, are told apart", "[sync][names]") {
    CHECK(kind_of(".syncthing.desk.3f2a9c0d5e6b7a81.2026-12.journal.tmp") == Kind::InTransit);
    CHECK(kind_of("~syncthing~desk.3f2a9c0d5e6b7a81.presence.tmp") == Kind::InTransit);
    CHECK(kind_of(".desk.3f2a9c0d5e6b7a81.presence.tmp") == Kind::InTransit);
    CHECK(kind_of(".stfolder") == Kind::SyncEngine);
    CHECK(kind_of(".stignore") == Kind::SyncEngine);
    CHECK(kind_of(".stversions") == Kind::SyncEngine);
}

TEST_CASE("anything else in the folder is unknown", "[sync][names]") {
    for (const char* name : {
             "notes.txt",
             "walkbreak.db",
             "walkbreak.db-wal",
             "desk.3F2A9C0D5E6B7A81.2026-12.journal",  // not our spelling of an id
             "desk.3f2a9c0d5e6b7a8.2026-12.journal",   // 15 digits
             "desk.3f2a9c0d5e6b7a81.2026-13.journal",
             "desk.3f2a9c0d5e6b7a81.1969-12.journal",
             "desk.3f2a9c0d5e6b7a81.2026-1.journal",
             "desk.3f2a9c0d5e6b7a81.journal",
             "desk.3f2a9c0d5e6b7a81.2026-12.journal.bak",
             "desk.3f2a9c0d5e6b7a81.2026-12.presence",
             "Desk.3f2a9c0d5e6b7a81.2026-12.journal",
             ".journal",
             "desk (conflicted copy 2026-12-06).journal",
             "",
         }) {
        INFO(name);
        CHECK(kind_of(name) == Kind::Unknown);
    }
}

TEST_CASE("a journal's month is the UTC month of the write", "[sync][names]") {
    using namespace std::chrono;
    const WallTime new_year = WallTime{sys_days{2027y / January / 1}};
    CHECK(year_month_of(new_year) == YearMonth{2027, 1});
    CHECK(year_month_of(new_year - milliseconds{1}) == YearMonth{2026, 12});
    CHECK(year_month_of(WallTime{sys_days{2028y / February / 29}}) == YearMonth{2028, 2});
    CHECK(year_month_of(WallTime{}) == YearMonth{1970, 1});
}
