// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Other devices' records in the store (schema version 4, docs/SYNC.md
// "Merging"): written from merged journals, read for reports tagged with
// their device. Each function runs within the caller's transaction; the
// writes leave their days listed for settle_day_totals. Internal to
// the store.
#include <cstdint>
#include <vector>

#include "core/journal_merge.hpp"
#include "core/sqlite.hpp"
#include "core/store.hpp"

namespace walkbreak::core {

// Store::apply_device without its transaction and settle.
DeviceChanges write_device_records(Database& db, const DeviceRecords& merged, WallTime news);
// Store::forget_device without its transaction and settle.
bool delete_device_records(Database& db, DeviceId device);

std::vector<DeviceInfo> select_devices(Database& db);

// Store::device_walks_between.
std::vector<DeviceSpan> select_device_walks_between(Database& db, WallTime from, WallTime to);

// Store's walks_newest_first and walks_between for `scope`.
std::vector<DeviceWalk> select_newest_walks(Database& db, int limit, DeviceScope scope);
std::vector<DeviceWalk> select_scope_walks_between(Database& db, WallTime from, WallTime to,
                                                   DeviceScope scope);

// The latest `limit` check-ins of `scope`, newest first; and those at unix
// seconds in [lo, hi), oldest first.
std::vector<CheckinRecord> select_recent_checkins(Database& db, int limit, DeviceScope scope);
std::vector<CheckinRecord> select_checkins_between(Database& db, std::int64_t lo, std::int64_t hi,
                                                   DeviceScope scope);

}  // namespace walkbreak::core
