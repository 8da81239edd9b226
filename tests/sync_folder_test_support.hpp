// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A sync folder on disk for the CLI's tests: a sandbox whose config turns
// sync on, and the desk's and the laptop's journal and presence files written
// into its folder as the sync engine would deliver them.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "core/journal_line.hpp"
#include "core/presence_line.hpp"
#include "core/sync_folder.hpp"

namespace walkbreak::test {

namespace fs = std::filesystem;

inline constexpr core::DeviceId desk = core::DeviceId::from_bits(0x3f2a9c0d5e6b7a81);
inline constexpr core::DeviceId laptop = core::DeviceId::from_bits(0x00c4e1a27b9d3f58);
inline const core::YearMonth december{2026, 12};
// 2026-12-07 09:00:00 UTC.
inline const core::WallTime t0 = core::from_unix_seconds(1796634000);

inline core::JournalEntry name_entry(core::DeviceId device, std::uint64_t sequence,
                                     std::string name) {
    return core::put_entry(device, sequence, 1, core::DeviceNameRecord{std::move(name)});
}

inline core::JournalEntry walk_entry(core::DeviceId device, std::uint64_t sequence,
                                     std::int64_t id) {
    core::WalkRecord w;
    w.start = t0 - std::chrono::hours{2};
    w.end = w.start + std::chrono::minutes{10};
    w.how = core::CreditHow::Manual;
    return core::put_entry(device, sequence, id, w);
}

inline std::string lines(const std::vector<core::JournalEntry>& entries) {
    std::string out;
    for (const auto& e : entries) out += core::encode_journal_line(e);
    return out;
}

inline void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The file's modification time, as a sync engine that delivered it then sets it.
inline void touch(const fs::path& path, core::WallTime at) {
    const timespec times[2] = {{core::to_unix_seconds(at), 0}, {core::to_unix_seconds(at), 0}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

// A sandbox whose config turns sync on, with its folder under the home.
struct SyncSandbox : Sandbox {
    fs::path folder;
    SyncSandbox() : folder(home / "Sync" / "walkbreak") {
        fs::create_directories(folder);
        fs::create_directories(home / "config" / "walkbreak");
        write_file(home / "config" / "walkbreak" / "config.toml",
                   "[sync]\nfolder = \"~/Sync/walkbreak\"\n");
    }
    core::Paths paths() const {
        return {(home / "config" / "walkbreak" / "config.toml").string(),
                (home / "data" / "walkbreak" / "walkbreak.db").string(),
                (home / "run" / "walkbreak" / "control.sock").string()};
    }
    void set_device_id(core::DeviceId id) const {
        fs::create_directories(home / "data" / "walkbreak");
        write_file(home / "data" / "walkbreak" / "device-id", id.hex() + "\n");
    }
    // The desk's and the laptop's files: the laptop is behind by two entries.
    void two_devices() const {
        write_file(folder / core::journal_file_name("desk", desk, december),
                   lines({name_entry(desk, 1, "Desk PC"), walk_entry(desk, 2, 1)}));
        touch(folder / core::journal_file_name("desk", desk, december),
              t0 - std::chrono::minutes{5});
        write_file(folder / core::journal_file_name("laptop", laptop, december),
                   lines({name_entry(laptop, 1, "laptop"), walk_entry(laptop, 4, 7)}));
        touch(folder / core::journal_file_name("laptop", laptop, december),
              t0 - std::chrono::hours{3});
        write_file(folder / core::presence_file_name("laptop", laptop),
                   core::encode_presence_line(
                       {laptop, core::PresenceState::Away, t0 - std::chrono::hours{1}, {}}));
        touch(folder / core::presence_file_name("laptop", laptop), t0 - std::chrono::hours{1});
    }
};

}  // namespace walkbreak::test
