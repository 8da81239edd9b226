// SPDX-License-Identifier: GPL-3.0-or-later
// Watching the sync folder (daemon/folder_watch.hpp) on a real directory and
// real inotify: the folder watched before it exists, after it vanishes, and
// across mounts (as root), each change of a file in it told by name.
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "daemon/folder_watch.hpp"
#include "tests/loop_test_support.hpp"
#include "tests/service_fixture.hpp"

using namespace walkbreak;
using namespace std::chrono_literals;
using test::run_ready;
using test::run_until;

namespace {

// A file of one byte at `path`: a change in the folder.
void put_file(const std::string& path) { std::ofstream(path, std::ios::binary) << "x"; }

struct FolderEvents {
    int appeared{0};
    int vanished{0};
    std::vector<std::string> changed;
};

std::unique_ptr<daemon::FolderWatch> watch(boost::asio::io_context& io, const std::string& folder,
                                           FolderEvents& seen) {
    auto opened = daemon::FolderWatch::open(
        io, folder,
        {[&seen]() noexcept { ++seen.appeared; },
         [&seen](const std::string& name) noexcept { seen.changed.push_back(name); },
         [&seen]() noexcept { ++seen.vanished; }});
    REQUIRE(opened);
    return std::move(*opened);
}

}  // namespace

TEST_CASE("the folder is watched before it exists, and again after it vanishes",
          "[unit][sync][inotify]") {
    test::TempDir dir;
    boost::asio::io_context io;
    FolderEvents seen;
    const std::string folder = dir.file("Sync/walkbreak");
    auto w = watch(io, folder, seen);
    w->start();
    CHECK_FALSE(w->present());
    CHECK(w->waiting_in() == dir.path());
    run_ready(io);
    CHECK(seen.appeared == 0);

    std::filesystem::create_directory(dir.file("Sync"));
    run_until(io, [&] { return w->waiting_in() == dir.file("Sync"); });
    CHECK_FALSE(w->present());
    std::filesystem::create_directory(folder);
    run_until(io, [&] { return seen.appeared == 1; });
    CHECK(w->present());

    put_file(folder + "/a.journal");
    run_until(io, [&] { return !seen.changed.empty(); });
    CHECK(seen.changed.front() == "a.journal");

    std::filesystem::rename(folder, dir.file("Sync/elsewhere"));
    run_until(io, [&] { return seen.vanished == 1; });
    CHECK_FALSE(w->present());
    // Moved away, its watch follows it no more: a write there is not news.
    const auto changes = seen.changed.size();
    put_file(dir.file("Sync/elsewhere/b.journal"));
    run_ready(io);
    CHECK(seen.changed.size() == changes);

    std::filesystem::create_directory(folder);
    run_until(io, [&] { return seen.appeared == 2; });
    std::filesystem::remove_all(dir.file("Sync"));
    run_until(io, [&] { return seen.vanished == 2 && w->waiting_in() == dir.path(); });
    CHECK(seen.appeared == 2);
}

// A file system mounted for a test, taken away when it ends.
struct Mounted {
    std::string point;
    ~Mounted() {
        if (!point.empty()) ::umount2(point.c_str(), MNT_DETACH);
    }
};

TEST_CASE("the folder follows the mount table: a bind mount taken away and put back",
          "[unit][sync][inotify]") {
    // Taking a bind mount away sends no IN_UNMOUNT (the file system stays
    // mounted elsewhere) and putting it back creates nothing inotify sees:
    // only the mount table tells, through the loop's own epoll set.
    test::TempDir dir;
    std::filesystem::create_directory(dir.file("store"));
    std::filesystem::create_directory(dir.file("disk"));
    Mounted store{dir.file("store")};
    if (::geteuid() != 0 ||
        ::mount("tmpfs", store.point.c_str(), "tmpfs", 0, "size=64k,mode=0700") != 0) {
        store.point.clear();
        WARN("mounting a tmpfs needs root (and permission to mount); not checked");
        return;
    }
    std::filesystem::create_directory(dir.file("store/walkbreak"));
    Mounted disk{dir.file("disk")};
    REQUIRE(::mount(store.point.c_str(), disk.point.c_str(), nullptr, MS_BIND, nullptr) == 0);

    boost::asio::io_context io;
    FolderEvents seen;
    const std::string folder = dir.file("disk/walkbreak");
    auto w = watch(io, folder, seen);
    w->start();
    run_until(io, [&] { return seen.appeared == 1; });
    CHECK(w->present());

    REQUIRE(::umount2(disk.point.c_str(), 0) == 0);
    run_until(io, [&] { return seen.vanished == 1; });
    CHECK_FALSE(w->present());
    CHECK(w->waiting_in() == disk.point);
    // Written where the file system still is: not the folder's news now.
    put_file(dir.file("store/walkbreak/a.journal"));
    run_ready(io);
    CHECK(seen.changed.empty());

    REQUIRE(::mount(store.point.c_str(), disk.point.c_str(), nullptr, MS_BIND, nullptr) == 0);
    run_until(io, [&] { return seen.appeared == 2; });
    CHECK(w->present());
    CHECK(seen.vanished == 1);
    put_file(folder + "/b.journal");
    run_until(io, [&] { return !seen.changed.empty(); });
    CHECK(seen.changed.front() == "b.journal");

    // The file system itself unmounted: inotify's IN_UNMOUNT and the mount
    // table both tell, and the folder is said gone once.
    REQUIRE(::umount2(disk.point.c_str(), 0) == 0);
    disk.point.clear();
    REQUIRE(::umount2(store.point.c_str(), 0) == 0);
    store.point.clear();
    run_until(io, [&] { return seen.vanished == 2; });
    run_ready(io);
    CHECK(seen.vanished == 2);
    CHECK_FALSE(w->present());
}
