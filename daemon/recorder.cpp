// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/recorder.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

#include "core/retry.hpp"
#include "core/walk_union.hpp"

namespace walkbreak::daemon {
namespace {

// "20260330T101500", local time: the suffix a user reads in `ls`.
std::string file_stamp(const core::Moment& now) {
    using namespace std::chrono;
    const auto local = floor<seconds>(now.wall + now.utc_offset);
    const auto day = floor<days>(local);
    const year_month_day date{day};
    const hh_mm_ss time{local - day};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                       time.hours().count(), time.minutes().count(), time.seconds().count());
}

// rename(2) that never replaces an existing file (a file moved aside earlier
// in the same second): false with errno set otherwise.
bool rename_no_replace(const std::string& from, const std::string& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL) return false;
    // A file system without RENAME_NOREPLACE: check, then rename. The race
    // is with ourselves only (one daemon per database).
    if (::access(to.c_str(), F_OK) == 0) {
        errno = EEXIST;
        return false;
    }
    return std::rename(from.c_str(), to.c_str()) == 0;
}

}  // namespace

Recorder::Recorder(Clock& clock, std::string db_path, OpenRecordStore open_store, Logger& log)
    : clock_(clock),
      db_path_(std::move(db_path)),
      open_store_(std::move(open_store)),
      log_(log),
      retry_(clock.make_deadline([this]() noexcept { retry(); })) {}

bool Recorder::open() {
    if (store_) return true;
    try {
        auto store = open_store_(db_path_);
        store->use_day_start(day_start_);
        log_.info("store", "database {} (schema {})", db_path_, store->user_version());
        store_ = std::move(store);
        // With records waiting, the streak ends in flush() once they are
        // written: the file may open yet still refuse writes (e.g. a -wal
        // file left read-only).
        if (nothing_pending()) end_failure_streak();
        written();  // what others wrote while it was closed may be owed to the journal
        return true;
    } catch (const core::StoreError& e) {
        // Only a file SQLite cannot read as a database at all is moved aside,
        // never a newer schema (an upgrade reads it) nor a busy, read-only or
        // full one (those clear up): nothing is deleted, and at most once per
        // run, so a disk that corrupts every new file cannot fill it with
        // copies.
        if (e.kind() == core::StoreError::Kind::Corrupt && !moved_aside_) {
            moved_aside_ = true;
            if (move_aside_corrupt(e)) return open();
        }
        report_failure(e);
        // A newer schema will not become older by waiting: never retry it, so
        // the file is never touched by this binary.
        if (e.kind() != core::StoreError::Kind::NewerSchema) schedule_retry();
        return false;
    }
}

void Recorder::use_day_start(core::TimeOfDay starts_at) {
    day_start_ = starts_at;
    if (!store_) return;
    try {
        store_->use_day_start(starts_at);
    } catch (const core::StoreError& e) {
        report_failure(e);
    }
}

bool Recorder::move_aside_corrupt(const core::StoreError& error) {
    std::string aside;
    for (int n = 0; n < 100; ++n) {
        aside = db_path_ + ".corrupt-" + file_stamp(clock_.now()) +
                (n == 0 ? "" : fmt::format("-{}", n));
        if (rename_no_replace(db_path_, aside)) break;
        if (errno != EEXIST) {
            log_.error("store", "{}; cannot move it aside to {}: {}", error.what(), aside,
                       std::strerror(errno));
            return false;
        }
        aside.clear();
    }
    if (aside.empty()) return false;
    // The journal files belong to the damaged file: a fresh database must not
    // replay them, and whoever examines the damage needs them.
    for (const char* suffix : {"-wal", "-shm"}) {
        const std::string from = db_path_ + suffix;
        if (!rename_no_replace(from, aside + suffix) && errno != ENOENT) {
            log_.warning("store", "cannot move {} aside: {}", from, std::strerror(errno));
        }
    }
    log_.error("store", "{}; the damaged file was moved to {} and a fresh database is started",
               error.what(), aside);
    return true;
}

void Recorder::record(Record record) {
    pending_.push_back(std::move(record));
    flush();
}

void Recorder::apply_device(core::DeviceRecords merged, core::WallTime news) {
    const core::DeviceId device = merged.device;
    pending_devices_.insert_or_assign(device, DeviceMerge{std::move(merged), news});
    flush();
}

void Recorder::write_devices() {
    bool changed = false;
    while (!pending_devices_.empty()) {
        const auto first = pending_devices_.begin();
        changed |= store_->apply_device(first->second.merged, first->second.news).any();
        pending_devices_.erase(first);
    }
    if (changed && devices_listener_) devices_listener_();
}

void Recorder::flush() {
    if (nothing_pending() || retry_->armed()) return;
    if (!open()) return;
    try {
        while (!pending_.empty()) {
            store_->add(pending_.front());
            pending_.pop_front();
        }
        write_devices();
        end_failure_streak();
        written();
    } catch (const core::StoreError& e) {
        report_failure(e);
        if (e.kind() == core::StoreError::Kind::Corrupt) store_.reset();
        schedule_retry();
    }
}

void Recorder::written() const {
    if (on_written_) on_written_();
}

void Recorder::schedule_retry() {
    if (retry_->armed()) return;
    retry_->arm_at(clock_.now().boot + core::retry_delay(++failures_in_a_row_));
}

void Recorder::retry() {
    if (nothing_pending()) {
        open();
    } else {
        flush();
    }
}

void Recorder::report_failure(const core::StoreError& error) {
    if (failing_ == error.kind()) return;
    failing_ = error.kind();
    log_.error("store", "{}; walkbreak keeps tracking and will write {} when it can", error.what(),
               nothing_pending() ? "new records" : "what it holds");
}

void Recorder::end_failure_streak() {
    failures_in_a_row_ = 0;
    if (!failing_) return;
    failing_.reset();
    log_.notice("store", "database writable again; all records written");
}

Recorder::DayWalks Recorder::walks_on(core::Date day) {
    using namespace std::chrono_literals;
    DayWalks day_walks;
    // Any offset within +-14 h puts the day's walks in here; the union per
    // local day sorts out which part counts where.
    const core::WallTime from = core::WallTime{day} + day_start_ - 14h;
    const core::WallTime to = core::WallTime{day + std::chrono::days{1}} + day_start_ + 14h;
    // Not opened here: open() keeps its own retry schedule.
    if (store_) {
        try {
            day_walks.walks = store_->walks_between(from, to);
            day_walks.others = store_->device_walks_between(from, to);
            day_walks.complete = true;
        } catch (const core::StoreError& e) {
            report_failure(e);
        }
    }
    for (const auto& r : pending_) {
        if (const auto* walk = std::get_if<core::WalkRecord>(&r)) {
            day_walks.walks.push_back(as_stored(*walk));
        }
    }
    return day_walks;
}

std::vector<core::WalkRecord> Recorder::waiting_walks() const {
    std::vector<core::WalkRecord> waiting;
    for (const auto& r : pending_) {
        if (const auto* w = std::get_if<core::WalkRecord>(&r)) waiting.push_back(*w);
    }
    return waiting;
}

core::Outcome Recorder::check_walked_once(const core::WalkRecord& walk) {
    if (auto once = core::check_walked_once(walk, waiting_walks()); !once) return once;
    if (!store_) return core::success();
    try {
        return store_->check_walked_once(walk);
    } catch (const core::StoreError& e) {
        report_failure(e);
        return core::success();
    }
}

core::Result<core::WalkRecord> Recorder::edit_walk(const core::WalkRecord& walk) {
    if (auto once = core::check_walked_once(walk, waiting_walks()); !once) {
        return core::Error{once.error()};
    }
    return change_now([&](RecordStore& store) { return store.edit_walk(walk); });
}

core::Result<core::WalkRecord> Recorder::delete_walk(std::int64_t id) {
    return change_now([&](RecordStore& store) -> core::Result<core::WalkRecord> {
        if (auto gone = store.delete_walk(id)) return *gone;
        return core::Error{fmt::format("no walk with id {} (walkbreak history lists them)", id)};
    });
}

core::Result<core::WalkRecord> Recorder::change_now(
    const std::function<core::Result<core::WalkRecord>(RecordStore&)>& change) {
    if (!open()) {
        return core::Error{fmt::format(
            "the database {} cannot be opened now (walkbreakd's log says why); nothing was "
            "changed",
            db_path_)};
    }
    try {
        auto changed = change(*store_);
        if (changed) written();
        return changed;
    } catch (const core::StoreError& e) {
        report_failure(e);
        return core::Error{fmt::format("{}; nothing was changed", e.what())};
    }
}

bool Recorder::use_open_store(const std::function<void(RecordStore&)>& use) {
    if (!store_) return false;
    try {
        use(*store_);
        if (pending_.empty()) end_failure_streak();
        return true;
    } catch (const core::StoreError& e) {
        report_failure(e);
        return false;
    }
}

bool Recorder::set_journaling(const std::optional<core::JournalSettings>& settings) {
    return use_open_store([&](RecordStore& store) { store.set_journaling(settings); });
}

std::optional<std::vector<core::OwedJournalLine>> Recorder::owed_journal_lines(std::size_t limit) {
    std::optional<std::vector<core::OwedJournalLine>> lines;
    if (!use_open_store([&](RecordStore& store) { lines = store.owed_journal_lines(limit); }))
        return std::nullopt;
    return lines;
}

bool Recorder::journal_lines_written(std::int64_t through_position) {
    return use_open_store(
        [&](RecordStore& store) { store.journal_lines_written(through_position); });
}

std::vector<core::CheckinRecord> Recorder::latest_checkins(int limit) {
    if (!store_) return {};
    try {
        auto checkins = store_->recent_checkins(limit);  // newest first
        std::reverse(checkins.begin(), checkins.end());
        return checkins;
    } catch (const core::StoreError& e) {
        report_failure(e);
        return {};
    }
}

void Recorder::flush_before_exit() {
    retry_->disarm();
    flush();
    if (!pending_.empty()) {
        log_.error("store", "{} record(s) could not be written before exit and are lost",
                   pending_.size());
    }
    // Other devices' records are read again from their journals at the next start.
}

}  // namespace walkbreak::daemon
