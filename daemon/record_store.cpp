// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/record_store.hpp"

namespace walkbreak::daemon {
namespace {

// How long one statement waits for another process's lock.
constexpr core::Millis busy_wait{100};

class SqliteRecordStore final : public RecordStore {
public:
    explicit SqliteRecordStore(const std::string& path)
        : store_(path, core::Store::Mode::ReadWrite) {
        store_.set_busy_timeout(busy_wait);
    }

    int user_version() override { return store_.user_version(); }

    void add(const Record& record) override {
        std::visit([this](const auto& r) { add_one(r); }, record);
    }

    std::vector<core::WalkRecord> walks_between(core::WallTime from, core::WallTime to) override {
        return store_.walks_between(from, to);
    }
    core::Outcome check_walked_once(const core::WalkRecord& walk) override {
        return store_.check_walked_once(walk);
    }
    core::Result<core::WalkRecord> edit_walk(const core::WalkRecord& walk) override {
        return store_.edit_walk(walk);
    }
    std::optional<core::WalkRecord> delete_walk(std::int64_t id) override {
        return store_.delete_walk(id);
    }
    std::vector<core::CheckinRecord> recent_checkins(int limit) override {
        return store_.recent_checkins(limit);
    }
    void use_day_start(core::TimeOfDay starts_at) override { store_.use_day_start(starts_at); }
    core::DeviceChanges apply_device(const core::DeviceRecords& merged,
                                     core::WallTime news) override {
        return store_.apply_device(merged, news);
    }
    std::vector<core::DeviceSpan> device_walks_between(core::WallTime from,
                                                       core::WallTime to) override {
        return store_.device_walks_between(from, to);
    }
    void set_journaling(const std::optional<core::JournalSettings>& settings) override {
        store_.set_journaling(settings);
    }
    std::vector<core::OwedJournalLine> owed_journal_lines(std::size_t limit) override {
        return store_.owed_journal_lines(limit);
    }
    void journal_lines_written(std::int64_t through_position) override {
        store_.journal_lines_written(through_position);
    }

private:
    void add_one(const core::WalkRecord& r) { store_.add_walk(r); }
    void add_one(const core::SittingBout& r) { store_.add_sitting_bout(r); }
    void add_one(const core::ReminderRecord& r) { store_.add_reminder(r); }
    void add_one(const core::CheckinRecord& r) { store_.add_checkin(r); }
    void add_one(const core::MeetingRecord& r) { store_.add_meeting(r); }

    core::Store store_;
};

}  // namespace

std::unique_ptr<RecordStore> open_sqlite_store(const std::string& path) {
    return std::make_unique<SqliteRecordStore>(path);
}

core::WalkRecord as_stored(core::WalkRecord walk) {
    walk.start = std::chrono::floor<core::Seconds>(walk.start);
    walk.end = std::chrono::floor<core::Seconds>(walk.end);
    return walk;
}

}  // namespace walkbreak::daemon
