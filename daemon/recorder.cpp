// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/recorder.hpp"

#include <algorithm>

namespace walkbreak::daemon {
namespace {

constexpr std::chrono::seconds max_retry_delay{300};

struct Writer {
    core::Store& store;
    void operator()(const core::WalkRecord& r) const { store.add_walk(r); }
    void operator()(const core::SittingBout& r) const { store.add_sitting_bout(r); }
    void operator()(const core::ReminderRecord& r) const { store.add_reminder(r); }
    void operator()(const core::CheckinRecord& r) const { store.add_checkin(r); }
};

}  // namespace

Recorder::Recorder(boost::asio::io_context& io, std::string db_path, Logger& log)
    : retry_timer_(io), db_path_(std::move(db_path)), log_(log) {}

bool Recorder::open() {
    if (store_) return true;
    try {
        store_.emplace(db_path_, core::Store::Mode::ReadWrite);
        log_.info("store", "database {} (schema {})", db_path_, store_->user_version());
        if (failing_) report_recovery();
        return true;
    } catch (const core::StoreError& e) {
        report_failure(e);
        // A newer schema will not become older by waiting: never retry it, so
        // the file is never touched by this binary.
        if (e.kind() != core::StoreError::Kind::NewerSchema) schedule_retry();
        return false;
    }
}

void Recorder::record(Record record) {
    pending_.push_back(std::move(record));
    flush();
}

void Recorder::write(const Record& record) { std::visit(Writer{*store_}, record); }

void Recorder::flush() {
    if (pending_.empty() || retry_armed_) return;
    if (!open()) return;
    try {
        while (!pending_.empty()) {
            write(pending_.front());
            pending_.pop_front();
        }
        retry_delay_ = std::chrono::seconds{1};
        if (failing_) report_recovery();
    } catch (const core::StoreError& e) {
        report_failure(e);
        if (e.kind() == core::StoreError::Kind::Corrupt) store_.reset();
        schedule_retry();
    }
}

void Recorder::schedule_retry() {
    if (retry_armed_) return;
    retry_armed_ = true;
    retry_timer_.expires_after(retry_delay_);
    retry_delay_ = std::min(retry_delay_ * 2, max_retry_delay);
    retry_timer_.async_wait([this](const boost::system::error_code& ec) {
        retry_armed_ = false;
        if (ec) return;
        if (pending_.empty()) {
            open();
        } else {
            flush();
        }
    });
}

void Recorder::report_failure(const core::StoreError& error) {
    if (failing_ == error.kind()) return;
    failing_ = error.kind();
    log_.error("store", "{}; walkbreak keeps tracking and will write {} when it can",
               error.what(), pending_.empty() ? "new records" : "what it holds");
}

void Recorder::report_recovery() {
    failing_.reset();
    log_.notice("store", "database writable again; all records written");
}

core::Seconds Recorder::walk_seconds_on(core::Date day, core::TimeOfDay starts_at) {
    core::Seconds total{0};
    if (open()) {
        try {
            const auto totals = store_->day_totals(day, day, starts_at);
            if (!totals.empty()) total = totals.front().walk_seconds;
        } catch (const core::StoreError& e) {
            report_failure(e);
        }
    }
    for (const auto& r : pending_) {
        if (const auto* walk = std::get_if<core::WalkRecord>(&r)) {
            for (const auto& share :
                 core::split_by_local_day(walk->start, walk->end, walk->utc_offset, starts_at)) {
                if (share.date == day) total += share.seconds;
            }
        }
    }
    return total;
}

void Recorder::flush_before_exit() {
    retry_timer_.cancel();
    retry_armed_ = false;
    flush();
    if (!pending_.empty()) {
        log_.error("store", "{} record(s) could not be written before exit and are lost",
                   pending_.size());
    }
}

}  // namespace walkbreak::daemon
