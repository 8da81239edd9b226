// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// This computer's device id (docs/SYNC.md "Device identity"): drawn once from
// the system's random source the first time sync is on, kept in the
// device-id file beside the database (core::device_id_path), and read from
// there ever after, so that renaming the host or the device does not make
// this computer a new device.
#include <string>

#include "core/device_id.hpp"
#include "core/result.hpp"

namespace walkbreak::daemon {

// The id in `path`, or a new one written there (mode 0600, its directory made
// 0700 if missing). Written to a temporary name and linked into place, so
// that a reader never sees half a file and two daemons starting at once
// agree on the one that got there first. An error says why ("cannot read
// ...: Permission denied", "... does not hold a device id").
core::Result<core::DeviceId> load_or_create_device_id(const std::string& path);

}  // namespace walkbreak::daemon
