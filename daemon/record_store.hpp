// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the recorder asks of the database: the five kinds of record the
// tracker produces, the few reads the service makes, the changes by hand it
// passes on, and the sync journal's outbox. walkbreakd's one
// implementation is the SQLite store (open_sqlite_store); the recorder's
// tests pass one that fails on demand. Every call may throw
// core::StoreError, whose kind() says whether waiting can help.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/journal_merge.hpp"
#include "core/store.hpp"

namespace walkbreak::daemon {

using Record = std::variant<core::WalkRecord, core::SittingBout, core::ReminderRecord,
                            core::CheckinRecord, core::MeetingRecord>;

class RecordStore {
public:
    virtual ~RecordStore() = default;
    // PRAGMA user_version, for the log.
    virtual int user_version() = 0;
    // One committed transaction.
    virtual void add(const Record& record) = 0;
    // As core::Store's functions of the same names.
    virtual std::vector<core::WalkRecord> walks_between(core::WallTime from, core::WallTime to) = 0;
    virtual core::Outcome check_walked_once(const core::WalkRecord& walk) = 0;
    // `walkbreak edit` and `delete` through walkbreakd: the rule of a direct write.
    virtual core::Result<core::WalkRecord> edit_walk(const core::WalkRecord& walk) = 0;
    virtual std::optional<core::WalkRecord> delete_walk(std::int64_t id) = 0;
    virtual std::vector<core::CheckinRecord> recent_checkins(int limit) = 0;  // newest first
    virtual void use_day_start(core::TimeOfDay starts_at) = 0;
    // Other devices' records (core::Store's functions of the same names).
    virtual core::DeviceChanges apply_device(const core::DeviceRecords& merged,
                                             core::WallTime news) = 0;
    virtual std::vector<core::DeviceSpan> device_walks_between(core::WallTime from,
                                                               core::WallTime to) = 0;
    // The sync journal's outbox, as core::Store's functions of the same names.
    virtual void set_journaling(const std::optional<core::JournalSettings>& settings) = 0;
    virtual std::vector<core::OwedJournalLine> owed_journal_lines(std::size_t limit) = 0;
    virtual void journal_lines_written(std::int64_t through_position) = 0;
};

// Opens (creating it if need be) the database at `path` for writing, or
// throws core::StoreError.
using OpenRecordStore = std::function<std::unique_ptr<RecordStore>(const std::string& path)>;

// The SQLite store (core::Store), waiting only briefly for another process's
// lock: a record that meets one waits in memory for the recorder's next
// retry, so the loop never stalls behind someone's long transaction.
std::unique_ptr<RecordStore> open_sqlite_store(const std::string& path);

// A walk as the store keeps it: each end floored to the second. Totals made
// in memory count walks this way, so that they never differ from the stored.
core::WalkRecord as_stored(core::WalkRecord walk);

}  // namespace walkbreak::daemon
