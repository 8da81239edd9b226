// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The daemon's side of the store. A database that cannot be written (locked
// by another process, disk full, read-only, missing directory) never stops
// walkbreak from tracking and reminding: records wait in memory, in order,
// and are retried with a growing delay until they are written. Each failure
// is logged once when it starts and once when it clears, never in a loop.
// Loop thread only.
#include <deque>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/store.hpp"
#include "daemon/logger.hpp"
#include "daemon/timer_event.hpp"

namespace walkbreak::daemon {

using Record =
    std::variant<core::WalkRecord, core::SittingBout, core::ReminderRecord, core::CheckinRecord>;

class Recorder {
public:
    Recorder(boost::asio::io_context& io, std::string db_path, Logger& log);

    // Opens (or retries opening) the database; false while it cannot be used.
    bool open();
    // The day.starts_at whose per-day totals the store keeps: applied when
    // the database opens, and at once when it is open (a rebuild when it
    // changed; reported as any failure of the store).
    void use_day_start(core::TimeOfDay starts_at);
    // Writes now if it can, else keeps the record for a retry.
    void record(Record record);
    // The walks with a part on `day` (local, per starts_at), including walks
    // still waiting to be written, so the user's totals never go backwards.
    std::vector<core::WalkRecord> walks_on(core::Date day, core::TimeOfDay starts_at);
    // check_walked_once against the stored walks and those waiting to be
    // written. When the database cannot be read the walk is let through: the
    // totals take the union of the walks anyway.
    core::Outcome check_walked_once(const core::WalkRecord& walk);
    // The latest `limit` stored check-ins, oldest first. None while the
    // database is not open (open() keeps its own retry schedule) or cannot be
    // read (reported as any other failure of the store, once). Records
    // waiting in memory are not included: read at start-up, before there are
    // any.
    std::vector<core::CheckinRecord> latest_checkins(int limit);
    // Records waiting for the database.
    std::size_t pending() const { return pending_.size(); }
    // Last-chance flush at shutdown; what still fails is reported as lost.
    void flush_before_exit();

private:
    void write(const Record& record);
    void flush();
    void schedule_retry();
    void retry();
    void report_failure(const core::StoreError& error);
    void report_recovery();
    // A database file that SQLite cannot read (garbage, a damaged header) is
    // renamed to "<db>.corrupt-YYYYMMDDTHHMMSS" with its -wal and -shm, so
    // that a fresh one can be started; false (and logged) if it cannot be.
    bool move_aside_corrupt(const core::StoreError& error);

    TimerEvent retry_;  // armed exactly while a retry is scheduled
    std::string db_path_;
    Logger& log_;
    std::optional<core::Store> store_;
    std::deque<Record> pending_;
    std::optional<core::StoreError::Kind> failing_;  // set while in a failure streak
    int failures_in_a_row_{0};                       // writes or opens, for core::retry_delay
    bool moved_aside_{false};                        // at most once per run
    core::TimeOfDay day_start_{0};
};

}  // namespace walkbreak::daemon
