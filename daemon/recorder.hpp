// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The daemon's side of the store. A database that cannot be written (locked
// by another process, disk full, read-only, missing directory) never stops
// walkbreak from tracking and reminding: records wait in memory, in order,
// and are retried with a growing delay (core::retry_delay) until they are
// written. Each failure is logged once when it starts and once when it
// clears, never in a loop. Loop thread only.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/journal_merge.hpp"
#include "core/store.hpp"
#include "daemon/clock.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/logger.hpp"
#include "daemon/record_store.hpp"

namespace walkbreak::daemon {

class Recorder {
public:
    // `open_store` opens the database at `db_path` (open_sqlite_store in
    // walkbreakd); `clock` times the retries and names a damaged file moved
    // aside. Opens nothing yet.
    Recorder(Clock& clock, std::string db_path, OpenRecordStore open_store, Logger& log);

    // Opens (or retries opening) the database; false while it cannot be used.
    bool open();
    // The day.starts_at whose per-day totals the store keeps, and by which
    // walks_on() counts days: applied when the database opens, and at once
    // when it is open (a rebuild when it changed; reported as any failure of
    // the store).
    void use_day_start(core::TimeOfDay starts_at);
    // Writes now if it can, else keeps the record for a retry.
    void record(Record record);
    // Another device's records as its journals now say (the sync folder's
    // reader), written as core::Store::apply_device does, now if it can; else
    // the latest merge of each device waits in memory for the retries.
    void apply_device(core::DeviceRecords merged, core::WallTime news);
    // Told after a write of other devices' records changed any of them (the
    // day's total across devices may have changed), whenever it happened.
    void set_devices_listener(Callback<void()> listener) {
        devices_listener_ = std::move(listener);
    }

    // The walks with a part on local `day`, including walks still waiting to
    // be written (as the store will keep them), so the user's totals never
    // go backwards; and other devices' stored walks near the day, for the
    // union rule across devices. `complete` is false when the stored ones
    // could not be read (the database is not open, or the read failed): ask
    // again later.
    struct DayWalks {
        std::vector<core::WalkRecord> walks;
        std::vector<core::DeviceSpan> others;
        bool complete{false};
    };
    DayWalks walks_on(core::Date day);
    // check_walked_once against the stored walks and those waiting to be
    // written. While the database is not open or cannot be read the walk is
    // checked against those waiting only: the totals take the union anyway.
    core::Outcome check_walked_once(const core::WalkRecord& walk);
    // `walkbreak edit` and `delete` while walkbreakd runs: the store's own
    // edit_walk and delete_walk (the rule of a direct write), an edit also
    // checked against the walks waiting to be written. Done now or refused
    // with the reason, never kept for later: the user is there to try again,
    // and nothing changed. The walk as it was before (edit) or removed.
    core::Result<core::WalkRecord> edit_walk(const core::WalkRecord& walk);
    core::Result<core::WalkRecord> delete_walk(std::int64_t id);
    // The latest `limit` stored check-ins, oldest first. None while the
    // database is not open (open() keeps its own retry schedule) or cannot be
    // read (reported as any other failure of the store, once). Records
    // waiting in memory are not included: read at start-up, before there are
    // any.
    std::vector<core::CheckinRecord> latest_checkins(int limit);
    // Records waiting for the database (other devices' merges count one each).
    std::size_t pending() const { return pending_.size() + pending_devices_.size(); }
    // The database is open (it may still refuse writes).
    bool is_open() const { return store_ != nullptr; }

    // Called after every commit that may have changed a journaled record (a
    // record or records written, an edit, a delete) and when the database
    // opens: the sync journal writer drains the outbox then. One hook; its
    // setter (the service) clears it before it goes.
    void on_written(Callback<void()> hook) { on_written_ = std::move(hook); }
    // The sync journal's outbox (core::Store's functions of the same names)
    // on the open database, for the journal writer. False or none while the
    // database is not open (it is not opened here: open() keeps its own
    // retry schedule) or when it fails (reported as any failure of the
    // store, once).
    bool set_journaling(const std::optional<core::JournalSettings>& settings);
    std::optional<std::vector<core::OwedJournalLine>> owed_journal_lines(std::size_t limit);
    bool journal_lines_written(std::int64_t through_position);
    // Last-chance flush at shutdown; what still fails is reported as lost.
    void flush_before_exit();

private:
    std::vector<core::WalkRecord> waiting_walks() const;
    bool nothing_pending() const { return pending_.empty() && pending_devices_.empty(); }
    // Writes the waiting merges of other devices; throws as the store does.
    void write_devices();
    // Runs `change` on the open store; a store that cannot be opened or
    // fails is a refusal.
    core::Result<core::WalkRecord> change_now(
        const std::function<core::Result<core::WalkRecord>(RecordStore&)>& change);
    void flush();
    void written() const;
    // Runs `use` on the open store: false when it is not open or fails.
    bool use_open_store(const std::function<void(RecordStore&)>& use);
    void schedule_retry();
    void retry();
    void report_failure(const core::StoreError& error);
    // What the failures in a row were about succeeded: the next failure
    // waits the shortest delay again, and a reported failure is cleared.
    void end_failure_streak();
    // A database file that SQLite cannot read (garbage, a damaged header) is
    // renamed to "<db>.corrupt-YYYYMMDDTHHMMSS" (local time) with its -wal and
    // -shm, so that a fresh one can be started; false (and logged) if it
    // cannot be.
    bool move_aside_corrupt(const core::StoreError& error);

    Clock& clock_;
    std::string db_path_;
    OpenRecordStore open_store_;
    Logger& log_;
    std::unique_ptr<Deadline> retry_;  // armed exactly while a retry is scheduled
    std::unique_ptr<RecordStore> store_;
    std::deque<Record> pending_;
    struct DeviceMerge {
        core::DeviceRecords merged;
        core::WallTime news;
    };
    std::map<core::DeviceId, DeviceMerge> pending_devices_;  // the latest of each device
    Callback<void()> devices_listener_;
    std::optional<core::StoreError::Kind> failing_;  // set while in a failure streak
    int failures_in_a_row_{0};                       // writes or opens, for core::retry_delay
    bool moved_aside_{false};                        // at most once per run
    core::TimeOfDay day_start_{0};
    Callback<void()> on_written_;
};

}  // namespace walkbreak::daemon
