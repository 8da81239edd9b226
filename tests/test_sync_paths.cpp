// SPDX-License-Identifier: GPL-3.0-or-later
// Where the sync folder is, what the device is called, and its id's file:
// read, refused when it holds anything but an id, created once and never
// replaced.
#include <sys/stat.h>

#include <fstream>
#include <catch2/catch.hpp>

#include "core/sync_paths.hpp"
#include "store_test_support.hpp"

using namespace walkbreak::core;
using walkbreak::test::read_bytes;
using walkbreak::test::TempDir;

namespace {

Config::Sync with_folder(std::string folder) {
    Config::Sync sync;
    sync.folder = std::move(folder);
    return sync;
}

void write_file(const std::string& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

}  // namespace

TEST_CASE("the sync folder under ~/ is the home's, absolute and normal", "[sync][paths]") {
    const auto f = resolve_sync_folder(with_folder("~/Sync/walkbreak"), "/home/ana");
    REQUIRE(f);
    CHECK(*f == "/home/ana/Sync/walkbreak");
    CHECK(*resolve_sync_folder(with_folder("~/Sync//walkbreak/./"), "/home/ana/") ==
          "/home/ana/Sync/walkbreak");
    CHECK(*resolve_sync_folder(with_folder("~/a/../Sync"), "/home/ana") == "/home/ana/Sync");
    CHECK(*resolve_sync_folder(with_folder("/srv/sync/walkbreak/"), "") == "/srv/sync/walkbreak");
    CHECK(*resolve_sync_folder(with_folder("/srv/x/../sync"), "/home/ana") == "/srv/sync");
}

TEST_CASE("a sync folder that cannot be formed is an error naming the key", "[sync][paths]") {
    const auto off = resolve_sync_folder(Config::Sync{}, "/home/ana");
    REQUIRE_FALSE(off);
    CHECK(off.error() == "sync is off: sync.folder is not set");

    for (const char* home : {"", "relative/home"}) {
        const auto no_home = resolve_sync_folder(with_folder("~/Sync"), home);
        REQUIRE_FALSE(no_home);
        CHECK_THAT(no_home.error(), Catch::Contains("sync.folder \"~/Sync\"") &&
                                        Catch::Contains("home directory is not known"));
    }
    const auto relative = resolve_sync_folder(with_folder("Sync"), "/home/ana");
    REQUIRE_FALSE(relative);
    CHECK_THAT(relative.error(), Catch::Contains("expected an absolute folder"));

    const auto home = resolve_sync_folder(with_folder("~/"), "/home/ana");
    REQUIRE_FALSE(home);
    CHECK_THAT(home.error(), Catch::Contains("is the home directory"));
    const auto root = resolve_sync_folder(with_folder("/.."), "/home/ana");
    REQUIRE_FALSE(root);
    CHECK_THAT(root.error(), Catch::Contains("is the root directory"));
}

TEST_CASE("the device is named by sync.device_name, else by the host", "[sync][paths]") {
    Config::Sync sync;
    CHECK(sync_device_name(sync, "desk-pc") == "desk-pc");
    CHECK(sync_device_name(sync, "") == "device");
    sync.device_name = "Laptop (home)";
    CHECK(sync_device_name(sync, "desk-pc") == "Laptop (home)");
    CHECK_FALSE(host_name().empty());
}

TEST_CASE("the device id lives beside the database", "[sync][paths]") {
    CHECK(device_id_file("/home/ana/.local/share/walkbreak/walkbreak.db") ==
          "/home/ana/.local/share/walkbreak/device-id");
    CHECK(device_id_file("/tmp/x/test.db") == "/tmp/x/device-id");
}

TEST_CASE("a device id file is read only when it holds one id and a newline", "[sync][paths]") {
    const TempDir dir;
    const std::string file = dir.file("device-id");

    const auto none = read_device_id_file(file);
    REQUIRE(none);
    CHECK_FALSE(*none);

    write_file(file, "3f2a9c0d5e6b7a81\n");
    const auto id = read_device_id_file(file);
    REQUIRE(id);
    REQUIRE(*id);
    CHECK((*id)->bits() == 0x3f2a9c0d5e6b7a81);

    for (const char* bad :
         {"3f2a9c0d5e6b7a81", "3F2A9C0D5E6B7A81\n", "3f2a9c0d5e6b7a81\n\n", "3f2a9c0d5e6b7a8\n",
          " 3f2a9c0d5e6b7a81\n", "", "\n", "3f2a9c0d5e6b7a81\nextra text that goes on\n"}) {
        write_file(file, bad);
        const auto read = read_device_id_file(file);
        REQUIRE_FALSE(read);
        CHECK_THAT(read.error(), Catch::Contains(file) && Catch::Contains("delete it"));
    }
}

TEST_CASE("a device id file is created whole, private, and never replaced", "[sync][paths]") {
    const TempDir dir;
    const std::string file = dir.path() + "/data/walkbreak/device-id";
    const DeviceId first = DeviceId::from_bits(0x00c4e1a27b9d3f58);

    const auto created = create_device_id_file(file, first);
    REQUIRE(created);
    CHECK(*created == first);
    CHECK(read_bytes(file) == "00c4e1a27b9d3f58\n");
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((dir.path() + "/data/walkbreak").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);

    // Another process was first: its id stays and is the answer.
    const auto again = create_device_id_file(file, DeviceId::from_bits(1));
    REQUIRE(again);
    CHECK(*again == first);
    CHECK(read_bytes(file) == "00c4e1a27b9d3f58\n");
    // No temporary file is left behind.
    int entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path() + "/data/walkbreak")) {
        (void)e;
        ++entries;
    }
    CHECK(entries == 1);
}

TEST_CASE("a device id file that cannot be created says where and why", "[sync][paths]") {
    const TempDir dir;
    ::chmod(dir.path().c_str(), 0500);
    const auto refused = create_device_id_file(dir.file("device-id"), DeviceId::from_bits(7));
    ::chmod(dir.path().c_str(), 0700);
    if (::geteuid() == 0) return;  // root writes anywhere
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error(), Catch::Contains(dir.path()) && Catch::Contains("ermission"));
}
