// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where this computer's sync files are and who it is (docs/SYNC.md "The
// folder", "Device identity"): the folder of `[sync] folder` as a path, the
// device name, and the device id kept beside the database.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "core/device_id.hpp"
#include "core/result.hpp"

namespace walkbreak::core {

// `sync.folder` as an absolute, lexically normal path: "~/" is `home` (which
// must then be absolute). An error when sync is off (no folder set) or the
// folder cannot be formed; the message names the key and what was wrong.
// Pure: nothing is looked at on disk.
Result<std::filesystem::path> resolve_sync_folder(const Config::Sync& sync,
                                                  const std::filesystem::path& home);

// `sync.device_name`, or else `host_name`, or else "device" when the host has
// none. The label the others show; file names carry device_name_for_files()
// of it (core/sync_folder.hpp).
std::string sync_device_name(const Config::Sync& sync, std::string_view host_name);
// gethostname(2); empty when it fails.
std::string host_name();

// The device id's file: "device-id" in the database's directory
// ($XDG_DATA_HOME/walkbreak/device-id), so that a copied data directory
// carries its id with its history.
std::filesystem::path device_id_file(const std::filesystem::path& db);

// The file holds the id as 16 lower-case hex digits and a newline, nothing
// else. None when there is no file (sync was never switched on here); an
// error when it cannot be read or holds anything else (the message says to
// delete it so that walkbreakd draws a new id).
Result<std::optional<DeviceId>> read_device_id_file(const std::filesystem::path& file);

// For walkbreakd only, when read_device_id_file found none: writes
// `candidate` (drawn from the system's random source) under a temporary name
// in the same directory, flushed to disk, and links it into place, so that
// the file is never seen half-written and an existing one is never replaced.
// The id now in the file: `candidate`, or the one another process put there
// first. Creates the directory (0700) if need be; the file is 0600.
Result<DeviceId> create_device_id_file(const std::filesystem::path& file, DeviceId candidate);

}  // namespace walkbreak::core
