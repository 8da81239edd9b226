// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The devices seen in the sync folder (docs/SYNC.md), read straight from its
// files with the core: core/sync_folder names each file, core/journal_read
// and core/journal_merge give each device's latest name, highest sequence and
// missing sequences, core/presence_line its presence. `walkbreak devices`
// shows it and `walkbreak doctor` checks it. Nothing here reads the database:
// once walkbreakd stores other devices' records there, this could read them
// from it instead, but the folder is what the sync engine delivered.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/render_text.hpp"
#include "core/device_id.hpp"
#include "core/paths.hpp"
#include "core/presence_line.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace walkbreak::cli {

struct SeenDevice {
    core::DeviceId id = core::DeviceId::from_bits(0);
    // Its latest device_name entry; before one is read, the name its newest
    // file's name carries (made safe for file names: "desk-pc").
    std::string name;
    bool this_device{false};
    int journal_files{0};
    std::uint64_t last_sequence{0};
    // Sequences below last_sequence not read: a file still on its way, or
    // lost. The device is "behind" while this is not zero.
    std::uint64_t missing_sequences{0};
    int skipped_lines{0};        // damaged, or of a record kind a later walkbreak writes
    int conflicting_entries{0};  // one sequence, different entries: two computers, one id?
    bool arriving{false};        // a journal's last line has not come whole yet
    std::optional<core::PresenceRecord> presence;
    // The newest modification time of its journal and presence files.
    std::optional<core::WallTime> last_news;
};

struct IgnoredFile {
    enum class Why {
        ConflictCopy,  // Syncthing's NAME.sync-conflict-DATE-TIME-WHO.EXT
        Unknown,       // not a walkbreak file name
        NewerVersion,  // written by a later walkbreak's format
        Damaged,       // a presence file that fails its check or makes no sense
        Unreadable,    // the file could not be read (permissions, a directory)
    };
    std::string file;  // the name in the folder
    Why why{Why::Unknown};
    std::string detail;
};
std::string_view to_string(IgnoredFile::Why why);  // conflict_copy, unknown, newer_version, ...

struct FolderDevices {
    std::string folder;
    std::optional<core::DeviceId> this_device;  // none: no device-id file yet
    std::vector<SeenDevice> devices;            // this device first, then by name and id
    std::vector<IgnoredFile> ignored;           // by file name
    int in_transit{0};  // temporary files the engine renames into place when whole

    int other_devices() const;
    int conflict_copies() const;
};

// The folder's devices. `this_device` is this computer's id when it has one.
// An error when the folder cannot be listed, saying why.
core::Result<FolderDevices> read_folder_devices(const std::string& folder,
                                                std::optional<core::DeviceId> this_device);

// This computer's device id (core::read_device_id_file beside the database);
// none while walkbreakd has not drawn one, or when the file holds something
// else (doctor's device-id check says so).
std::optional<core::DeviceId> read_device_id(const core::Paths& paths);

// core::resolve_sync_folder with the CLI's HOME, which may be unset.
core::Result<std::string> resolve_sync_folder(const core::Config::Sync& sync,
                                              const std::optional<std::string>& home);

// The zone offset to show an instant in (core::local_utc_offset outside tests).
using ZoneOffset = std::function<core::UtcOffset(core::WallTime)>;

// `walkbreak devices`:
//   sync folder /home/me/Sync/walkbreak
//
//   desk (this device)
//     id 3f2a9c0d5e6b7a81, 2 journal files, up to entry 17, none missing
//     sitting since 10:32; last news 10:32 (3m ago)
//   ...
// then the files ignored, each with why.
std::string render_devices_text(const FolderDevices& folder, core::WallTime now,
                                const ZoneOffset& zone, const TextStyle& style);
// {"folder","this_device","devices":[{"id","name","this_device","journal_files",
//  "last_sequence","missing_sequences","behind","skipped_lines","conflicting_entries",
//  "arriving","presence":{"state","since"} or null,"last_news"}],
//  "ignored":[{"file","why","detail"}],"in_transit"}; times in RFC 3339, local zone.
std::string render_devices_json(const FolderDevices& folder, const ZoneOffset& zone);

}  // namespace walkbreak::cli
