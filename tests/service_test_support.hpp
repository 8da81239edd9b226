// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the service layer's tests give the recorder and the service instead
// of the system's: a clock moved by hand that fires its deadlines as time
// passes, a store that fails on demand and remembers what it was given, the
// desktop's parts as fakes the test drives, and a log kept in memory.
#include <stdio.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/walk_union.hpp"
#include "daemon/clock.hpp"
#include "daemon/desktop.hpp"
#include "daemon/logger.hpp"
#include "daemon/record_store.hpp"

namespace walkbreak::test {

// Both clocks move together, by hand; deadlines fire, earliest first, each at
// its own instant, as advance() passes them.
class ManualClock final : public daemon::Clock {
public:
    explicit ManualClock(core::Moment start) : now_(start) {}
    ~ManualClock() override = default;

    core::Moment now() override { return now_; }
    std::unique_ptr<daemon::Deadline> make_deadline(daemon::Callback<void()> on_expired) override {
        return std::make_unique<ManualDeadline>(*this, std::move(on_expired));
    }

    void advance(core::Millis by) {
        const core::Millis target = now_.boot + by;
        while (ManualDeadline* due = earliest(target)) {
            move_to(std::max(due->at, now_.boot));
            due->armed_ = false;
            const daemon::Callback<void()> fire = due->on_expired;  // it may destroy `due`
            fire();
        }
        move_to(target);
    }
    // The boot instant of the earliest armed deadline.
    std::optional<core::Millis> next_deadline() const {
        std::optional<core::Millis> next;
        for (const ManualDeadline* d : deadlines_) {
            if (d->armed_ && (!next || d->at < *next)) next = d->at;
        }
        return next;
    }

private:
    struct ManualDeadline final : daemon::Deadline {
        ManualDeadline(ManualClock& c, daemon::Callback<void()> f)
            : clock(c), on_expired(std::move(f)) {
            clock.deadlines_.push_back(this);
        }
        ~ManualDeadline() override { std::erase(clock.deadlines_, this); }
        void arm_at(core::Millis boot) override {
            at = boot;
            armed_ = true;
        }
        void disarm() override { armed_ = false; }
        bool armed() const override { return armed_; }

        ManualClock& clock;
        daemon::Callback<void()> on_expired;
        core::Millis at{};
        bool armed_{false};
    };

    ManualDeadline* earliest(core::Millis target) const {
        ManualDeadline* found = nullptr;
        for (ManualDeadline* d : deadlines_) {
            if (d->armed_ && d->at <= target && (found == nullptr || d->at < found->at)) found = d;
        }
        return found;
    }
    void move_to(core::Millis boot) {
        now_.wall += boot - now_.boot;
        now_.boot = boot;
    }

    core::Moment now_;
    std::vector<ManualDeadline*> deadlines_;
};

// What a ScriptedStore was given, and how it is to fail; shared with the
// test, since the recorder owns the store it opens.
struct StoreScript {
    std::vector<daemon::Record> added;
    std::optional<core::StoreError::Kind> fail_writes;
    std::optional<core::StoreError::Kind> fail_opens;
    int opens{0};
    int walk_reads{0};
    std::map<core::DeviceId, core::DeviceRecords> devices;  // other devices, as applied

    core::WalkRecord* walk_with_id(std::int64_t id) {
        for (auto& r : added) {
            if (auto* w = std::get_if<core::WalkRecord>(&r); w != nullptr && w->id == id) return w;
        }
        return nullptr;
    }

    std::vector<core::WalkRecord> walks() const {
        std::vector<core::WalkRecord> out;
        for (const auto& r : added) {
            if (const auto* w = std::get_if<core::WalkRecord>(&r)) out.push_back(*w);
        }
        return out;
    }
};

class ScriptedStore final : public daemon::RecordStore {
public:
    explicit ScriptedStore(std::shared_ptr<StoreScript> script) : script_(std::move(script)) {}

    int user_version() override { return 2; }
    void add(const daemon::Record& record) override {
        if (script_->fail_writes)
            throw core::StoreError(*script_->fail_writes, "the test's store refuses the write");
        script_->added.push_back(record);
    }
    std::vector<core::WalkRecord> walks_between(core::WallTime from, core::WallTime to) override {
        ++script_->walk_reads;
        std::vector<core::WalkRecord> out;
        for (const auto& w : script_->walks()) {
            if (w.end > from && w.start < to) out.push_back(w);
        }
        return out;
    }
    core::Outcome check_walked_once(const core::WalkRecord& walk) override {
        return core::check_walked_once(walk, script_->walks());
    }
    // As core::Store's: by id, under the union rule; an edit keeps `how`.
    core::Result<core::WalkRecord> edit_walk(const core::WalkRecord& walk) override {
        if (script_->fail_writes)
            throw core::StoreError(*script_->fail_writes, "the test's store refuses the write");
        auto* stored = script_->walk_with_id(walk.id);
        if (stored == nullptr) return core::Error{"no walk with that id"};
        if (auto once = core::check_walked_once(walk, script_->walks()); !once) {
            return core::Error{once.error()};
        }
        const core::WalkRecord before = *stored;
        *stored = walk;
        stored->how = before.how;
        return before;
    }
    std::optional<core::WalkRecord> delete_walk(std::int64_t id) override {
        auto* stored = script_->walk_with_id(id);
        if (stored == nullptr) return std::nullopt;
        const core::WalkRecord gone = *stored;
        std::erase_if(script_->added, [&](const daemon::Record& r) {
            const auto* w = std::get_if<core::WalkRecord>(&r);
            return w != nullptr && w->id == id;
        });
        return gone;
    }
    std::vector<core::CheckinRecord> recent_checkins(int) override { return {}; }
    void use_day_start(core::TimeOfDay) override {}
    core::DeviceChanges apply_device(const core::DeviceRecords& merged, core::WallTime) override {
        if (script_->fail_writes)
            throw core::StoreError(*script_->fail_writes, "the test's store refuses the write");
        const int before = script_->devices.count(merged.device) != 0
                               ? static_cast<int>(script_->devices[merged.device].records.size())
                               : 0;
        script_->devices[merged.device] = merged;
        return {static_cast<int>(merged.records.size()), before};
    }
    std::vector<core::DeviceSpan> device_walks_between(core::WallTime from,
                                                       core::WallTime to) override {
        std::vector<core::DeviceSpan> out;
        for (const auto& [id, device] : script_->devices) {
            for (const auto& w : device.walks()) {
                if (w.end > from && w.start < to) out.push_back({id, w.start, w.end, w.utc_offset});
            }
        }
        return out;
    }
    // No journal: the journal writer's tests use the real store.
    void set_journaling(const std::optional<core::JournalSettings>&) override {}
    std::vector<core::OwedJournalLine> owed_journal_lines(std::size_t) override { return {}; }
    void journal_lines_written(std::int64_t) override {}

private:
    std::shared_ptr<StoreScript> script_;
};

inline daemon::OpenRecordStore scripted_store(std::shared_ptr<StoreScript> script) {
    return [script](const std::string&) -> std::unique_ptr<daemon::RecordStore> {
        ++script->opens;
        if (script->fail_opens)
            throw core::StoreError(*script->fail_opens, "the test's store cannot be opened");
        return std::make_unique<ScriptedStore>(script);
    };
}

// A Logger writing into memory.
class CapturedLog {
public:
    CapturedLog() : stream_(::open_memstream(&buffer_, &size_)), log_(false, false, stream_) {}
    ~CapturedLog() {
        std::fclose(stream_);
        std::free(buffer_);
    }
    CapturedLog(const CapturedLog&) = delete;
    CapturedLog& operator=(const CapturedLog&) = delete;

    daemon::Logger& logger() { return log_; }
    std::string text() {
        std::fflush(stream_);
        return std::string{buffer_, size_};
    }
    // Lines containing `part`.
    int count(const std::string& part) {
        const std::string all = text();
        int n = 0;
        for (std::size_t at = all.find(part); at != std::string::npos;
             at = all.find(part, at + part.size()))
            ++n;
        return n;
    }

private:
    char* buffer_{nullptr};
    std::size_t size_{0};
    std::FILE* stream_;
    daemon::Logger log_;
};

}  // namespace walkbreak::test
