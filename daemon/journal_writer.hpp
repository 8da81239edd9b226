// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// walkbreakd's side of the sync folder (docs/SYNC.md "Writing a journal"):
// it drains what the database owes the journal (the outbox, which triggers
// fill whoever changes a record) into this month's journal file, and writes
// the presence file when the user's presence changes. Event-driven: it works
// when told (a record committed, start, reload, a presence change) and arms a
// deadline only while the folder or the database fails, to retry with a
// growing delay (core::retry_delay). A folder that is missing, read-only or
// full never stops tracking: what is owed stays in the database, the failure
// is logged once and its end once. Loop thread only.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include "core/presence_line.hpp"
#include "core/store.hpp"
#include "core/sync_folder.hpp"

#include "daemon/clock.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/logger.hpp"
#include "daemon/recorder.hpp"
#include "daemon/sync_target.hpp"

namespace walkbreak::daemon {

class JournalWriter {
public:
    // The database is reached through `recorder` (its open store); `io` runs
    // the batches of a long backlog one at a time.
    JournalWriter(boost::asio::io_context& io, Clock& clock, Recorder& recorder, Logger& log);

    // Sync on with `target`, or off: the database is told (switching on owes
    // the whole history, a new name its line; off owes nothing more) and what
    // is owed is written at once, even while a retry is scheduled (a SIGHUP
    // after the folder was mended).
    void configure(std::optional<SyncTarget> target);
    // Writes what the database owes now, retrying later on a failure. Called
    // after every commit (Recorder::on_written) and by configure().
    void drain();
    // The user's presence: the presence file is rewritten when it differs
    // from the last one written (now, or at the next attempt that succeeds).
    void presence_changed(core::PresenceState state, core::WallTime since,
                          std::optional<core::WallTime> sitting_since = std::nullopt);

    bool retry_armed() const { return retry_->armed(); }

private:
    bool write_presence();
    bool write_owed_lines();
    // This month's journal file: the one of ours already in the folder for
    // the month (under the name it was started with: a rename shows in the
    // next month's name), or a new one under the current name.
    std::filesystem::path journal_file(core::YearMonth month);
    // Presence files of this device under other names (before a rename).
    void remove_stale_presence_files();
    void folder_failed(const std::string& what, int error);
    void database_failed();
    void succeeded();
    void schedule_retry();

    Clock& clock_;
    Recorder& recorder_;
    Logger& log_;
    std::unique_ptr<Deadline> retry_;  // armed exactly while a failure waits for its retry
    // A backlog (switching sync on owes the whole history) is written a batch
    // per turn of the loop, so that events are not kept waiting behind it.
    DeferEvent next_batch_;
    int failures_in_a_row_{0};
    std::optional<SyncTarget> target_;
    bool configured_{false};                        // configure() was called
    bool database_told_{false};                     // the database has target_'s journaling
    std::optional<core::PresenceRecord> presence_;  // the user's, as last told
    std::optional<core::PresenceRecord> presence_written_;
    bool stale_presence_checked_{false};
    struct MonthFile {
        core::YearMonth month;
        std::filesystem::path path;
    };
    std::optional<MonthFile> month_file_;
    std::optional<int> folder_failing_;  // the errno of the failure last logged
};

}  // namespace walkbreak::daemon
