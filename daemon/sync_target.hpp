// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Who and where this computer is for the sync folder, from `[sync]`: the
// folder as a path, the device name and the device id (docs/SYNC.md).
#include <filesystem>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "core/device_id.hpp"
#include "core/paths.hpp"
#include "core/result.hpp"

namespace walkbreak::daemon {

// Where and as whom this device writes: the folder (absolute), its id and name.
struct SyncTarget {
    std::filesystem::path folder;
    core::DeviceId device = core::DeviceId::from_bits(0);
    std::string device_name;
    friend bool operator==(const SyncTarget&, const SyncTarget&) = default;
};

// None when sync is off (no sync.folder). Else the folder resolved against
// $HOME, the name (sync.device_name, or the host name), and the device id
// from core::device_id_file(db) — drawn from getrandom(2) and written there
// the first time, which only walkbreakd does. An error says why sync cannot
// be used now (an unknown home, a device-id file that holds something else,
// one that cannot be written).
core::Result<std::optional<SyncTarget>> sync_target(const core::Config::Sync& sync,
                                                    const std::string& db, const core::GetEnv& env);

}  // namespace walkbreak::daemon
