// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/journal_writer.hpp"

#include <utility>

#include "core/retry.hpp"
#include "daemon/sync_files.hpp"

namespace walkbreak::daemon {
namespace {

// Lines taken from the database at a time: switching sync on owes the whole
// history, which is written in batches of this many (a few milliseconds
// each), not held in memory.
constexpr std::size_t batch_lines = 256;

// The files in `folder` (none when it cannot be listed), classified.
std::vector<std::pair<std::filesystem::path, core::FolderFile>> folder_files(
    const std::filesystem::path& folder) {
    std::vector<std::pair<std::filesystem::path, core::FolderFile>> files;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(folder, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        files.emplace_back(it->path(), core::classify_folder_file(it->path().filename().string()));
    }
    return files;
}

}  // namespace

JournalWriter::JournalWriter(boost::asio::io_context& io, Clock& clock, Recorder& recorder,
                             Logger& log)
    : clock_(clock),
      recorder_(recorder),
      log_(log),
      retry_(clock.make_deadline([this]() noexcept { drain(); })),
      next_batch_(io, [this]() noexcept { drain(); }) {}

void JournalWriter::configure(std::optional<SyncTarget> target) {
    if (!configured_ || target != target_) {
        target_ = std::move(target);
        database_told_ = false;
        month_file_.reset();
        presence_written_.reset();  // another folder or name: written there too
        stale_presence_checked_ = false;
        folder_failing_.reset();
        if (target_) {
            log_.info("sync", "writing the journal of {} ({}) into {}", target_->device_name,
                      target_->device.hex(), target_->folder.string());
        }
    }
    configured_ = true;
    drain();
}

void JournalWriter::presence_changed(core::PresenceState state, core::WallTime since,
                                     std::optional<core::WallTime> sitting_since) {
    presence_ = core::PresenceRecord{core::DeviceId::from_bits(0), state,
                                     std::chrono::floor<core::Seconds>(since), std::nullopt};
    if (sitting_since) presence_->sitting_since = std::chrono::floor<core::Seconds>(*sitting_since);
    drain();
}

void JournalWriter::drain() {
    if (!configured_) return;
    if (!database_told_) {
        std::optional<core::JournalSettings> settings;
        if (target_) settings = core::JournalSettings{target_->device, target_->device_name};
        if (!recorder_.set_journaling(settings)) return database_failed();
        database_told_ = true;
    }
    if (!target_) return succeeded();
    // Each on its own: a folder that refuses new files (the presence file's
    // temporary) may still take lines at the end of an existing journal.
    const bool presence_written = write_presence();
    const bool lines_written = write_owed_lines();
    if (presence_written && lines_written) succeeded();
}

bool JournalWriter::write_presence() {
    if (!presence_) return true;
    core::PresenceRecord presence = *presence_;
    presence.device = target_->device;
    if (presence_written_ == presence) return true;
    const auto file =
        target_->folder / core::presence_file_name(target_->device_name, target_->device);
    if (const auto failure = replace_file(file, core::encode_presence_line(presence))) {
        folder_failed(failure->describe(file), failure->error);
        return false;
    }
    presence_written_ = presence;
    log_.debug("sync", "presence: {} since {}", core::to_string(presence.state),
               core::to_unix_seconds(presence.since));
    if (!stale_presence_checked_) remove_stale_presence_files();
    return true;
}

bool JournalWriter::write_owed_lines() {
    const auto lines = recorder_.owed_journal_lines(batch_lines);
    if (!lines) {
        database_failed();
        return false;
    }
    if (lines->empty()) return true;
    const auto file = journal_file(core::year_month_of(clock_.now().wall));
    const AppendResult appended = append_journal_lines(file, *lines);
    if (appended.appended > 0) {
        log_.debug("sync", "{} line(s) appended to {}", appended.appended, file.string());
        if (!recorder_.journal_lines_written((*lines)[appended.appended - 1].position)) {
            database_failed();
            return false;
        }
    }
    if (appended.failure) {
        folder_failed(appended.failure->describe(file), appended.failure->error);
        return false;
    }
    if (lines->size() == batch_lines) next_batch_.schedule();  // there may be more
    return true;
}

std::filesystem::path JournalWriter::journal_file(core::YearMonth month) {
    if (month_file_ && month_file_->month == month) return month_file_->path;
    const std::filesystem::path named =
        target_->folder / core::journal_file_name(target_->device_name, target_->device, month);
    std::optional<std::filesystem::path> found;
    std::error_code ec;
    const bool listed = std::filesystem::is_directory(target_->folder, ec);
    for (const auto& [path, file] : folder_files(target_->folder)) {
        if (file.kind != core::FolderFile::Kind::Journal || file.device != target_->device ||
            file.month != month) {
            continue;
        }
        // The current name if it is there, else the first name in order.
        if (path == named || !found || (*found != named && path < *found)) found = path;
    }
    const std::filesystem::path path = found.value_or(named);
    // Kept only when the folder could be looked at: a folder that appears
    // later (mounted, synced) may hold this month's file under an old name.
    if (listed) month_file_ = MonthFile{month, path};
    return path;
}

void JournalWriter::remove_stale_presence_files() {
    stale_presence_checked_ = true;
    const std::string current = core::presence_file_name(target_->device_name, target_->device);
    for (const auto& [path, file] : folder_files(target_->folder)) {
        if (file.kind != core::FolderFile::Kind::Presence || file.device != target_->device ||
            path.filename() == current) {
            continue;
        }
        std::error_code ec;
        if (std::filesystem::remove(path, ec)) {
            log_.info("sync", "removed {}, this device's presence under its former name",
                      path.string());
        }
    }
}

void JournalWriter::folder_failed(const std::string& what, int error) {
    if (folder_failing_ != error) {
        folder_failing_ = error;
        log_.error("sync",
                   "{}; walkbreak keeps tracking, and the database keeps what the journal is "
                   "owed until the sync folder can be written",
                   what);
    }
    schedule_retry();
}

// The recorder has reported the database's failure. A database that is not
// open needs no retry of ours: the recorder retries the opening, which drains.
void JournalWriter::database_failed() {
    if (recorder_.is_open()) schedule_retry();
}

void JournalWriter::succeeded() {
    retry_->disarm();
    failures_in_a_row_ = 0;
    if (!folder_failing_) return;
    folder_failing_.reset();
    log_.notice("sync", "the sync folder {} can be written again; the journal is up to date",
                target_ ? target_->folder.string() : std::string("(none)"));
}

void JournalWriter::schedule_retry() {
    if (retry_->armed()) return;
    retry_->arm_at(clock_.now().boot + core::retry_delay(++failures_in_a_row_));
}

}  // namespace walkbreak::daemon
