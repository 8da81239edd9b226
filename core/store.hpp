// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// walkbreak's SQLite database: all SQL lives behind this class. Every write is
// one committed transaction, so a kill at any instant leaves a whole database.
// Not thread-safe: one Store per thread. Errors throw StoreError, whose
// message is meant for the user ("database is newer than this walkbreak ...").
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/civil.hpp"
#include "core/device_id.hpp"
#include "core/records.hpp"
#include "core/result.hpp"
#include "core/seen_twice.hpp"

namespace walkbreak::core {

class StoreError : public std::runtime_error {
public:
    enum class Kind { Open, NewerSchema, Corrupt, Busy, ReadOnly, Full, Other };
    StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

// Per local day, in the units the CLI shows (DESIGN.md §4).
struct DayTotals {
    Date date{};
    Seconds walk_seconds{0};  // walks cut at the day boundary, each part on its own day
    int walks{0};             // walks that have any part on this day
    Seconds sitting_seconds{0};
    Seconds longest_sitting{0};
    Seconds meeting_seconds{0};  // the union of the day's meetings, cut as walks are
    struct Reminders {
        int sent{0}, walked{0}, snoozed{0}, skipped{0}, ignored{0};
        friend bool operator==(const Reminders&, const Reminders&) = default;
    } reminders;
    friend bool operator==(const DayTotals&, const DayTotals&) = default;
};

// Records added together by Store::import_records (the shapes all_* return).
struct RecordSet {
    std::vector<WalkRecord> walks;  // ids are ignored: the store assigns new ones
    std::vector<SittingBout> sitting_bouts;
    std::vector<ReminderRecord> reminders;
    std::vector<CheckinRecord> checkins;
    std::vector<MeetingRecord> meetings;
};

// Per kind of record, how many.
struct RecordCounts {
    int walks{0}, sitting_bouts{0}, reminders{0}, checkins{0}, meetings{0};
    int total() const { return walks + sitting_bouts + reminders + checkins + meetings; }
    friend bool operator==(const RecordCounts&, const RecordCounts&) = default;
};

// Whose records a report counts (docs/SYNC.md "Merging"): every device the
// database knows (this computer and the others whose journals it merged),
// this computer alone, or one other device.
class DeviceScope {
public:
    static DeviceScope all() { return DeviceScope(Kind::All, DeviceId::from_bits(0)); }
    static DeviceScope this_device() { return DeviceScope(Kind::This, DeviceId::from_bits(0)); }
    static DeviceScope only(DeviceId other) { return DeviceScope(Kind::Other, other); }

    bool is_all() const { return kind_ == Kind::All; }
    bool is_this_device() const { return kind_ == Kind::This; }
    // The other device, for only().
    std::optional<DeviceId> other() const {
        return kind_ == Kind::Other ? std::optional{other_} : std::nullopt;
    }

private:
    enum class Kind { All, This, Other };
    DeviceScope(Kind kind, DeviceId other) : kind_(kind), other_(other) {}
    Kind kind_;
    DeviceId other_;
};

// Another device, as its merged journals say (core/journal_merge.hpp).
struct DeviceInfo {
    DeviceId id = DeviceId::from_bits(0);
    std::string name;  // its latest name entry; empty until one is read
    std::uint64_t last_sequence{0};
    std::uint64_t missing_sequences{0};  // below last_sequence, not read: it is behind
    int conflicting_entries{0};
    WallTime last_news{};  // when its journals last brought something new
    friend bool operator==(const DeviceInfo&, const DeviceInfo&) = default;
};

// A walk and the device that recorded it: none for this computer. Another
// device's walk has that device's id for it.
struct DeviceWalk {
    WalkRecord walk;
    std::optional<DeviceId> device;
};

// What Store::apply_device changed: rows written (added or changed) and
// rows removed, of every kind together.
struct DeviceChanges {
    int written{0};
    int removed{0};
    bool any() const { return written > 0 || removed > 0; }
    friend bool operator==(const DeviceChanges&, const DeviceChanges&) = default;
};

struct DeviceRecords;  // core/journal_merge.hpp

struct ImportResult {
    RecordCounts added;
    RecordCounts skipped;  // duplicates
    // Walks not added because they overlap a stored walk or an earlier one
    // of the import (one span of time is walked once), and the first such
    // refusal, as check_walked_once words it.
    int overlapping_walks{0};
    std::string first_overlap;
};

// Who this device's journal lines are written for (docs/SYNC.md "Device
// identity"): its id, and the name the others show.
struct JournalSettings {
    DeviceId device = DeviceId::from_bits(0);
    std::string device_name;
};

// A journal line the database owes the sync folder.
struct OwedJournalLine {
    std::int64_t position{0};  // its place in the outbox: journal_lines_written's argument
    std::uint64_t sequence{0};
    std::string text;  // encode_journal_line's, newline included
};

class Store {
public:
    enum class Mode { ReadWrite, ReadOnly };
    static constexpr int schema_version = 5;

    // ReadWrite creates the file and its directory, and migrates older schemas.
    // ReadOnly never writes; a missing file is StoreError::Kind::Open, and so
    // is an older schema (starting walkbreakd once upgrades it). A newer
    // schema is StoreError::Kind::NewerSchema in either mode.
    Store(const std::string& path, Mode mode);
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;

    // A walk the daemon credited; returns the new id. Stored as it comes:
    // totals take the union of the walks (core/walk_union.hpp).
    std::int64_t add_walk(const WalkRecord& walk);
    // A walk typed in by hand: in one transaction, checked against the stored
    // walks by check_walked_once and added. The new id, or the refusal.
    Result<std::int64_t> log_walk(const WalkRecord& walk);
    // check_walked_once against the stored walks, without writing.
    Outcome check_walked_once(const WalkRecord& walk) const;
    // Gives walk `walk.id` that start, end, utc_offset and note (its `how`
    // stays), under the same rule as log_walk. The walk as it was before, or
    // why not (no such walk, an overlap).
    Result<WalkRecord> edit_walk(const WalkRecord& walk);
    // The walk removed; none when there is no walk with that id.
    std::optional<WalkRecord> delete_walk(std::int64_t id);
    std::optional<WalkRecord> walk_by_id(std::int64_t id) const;
    std::vector<WalkRecord> walks_newest_first(int limit) const;
    // Walks overlapping [from, to).
    std::vector<WalkRecord> walks_between(WallTime from, WallTime to) const;
    void add_sitting_bout(const SittingBout& bout);
    void add_reminder(const ReminderRecord& reminder);
    void add_checkin(const CheckinRecord& checkin);
    // A meeting that ended. Stored as it comes: totals take the union.
    void add_meeting(const MeetingRecord& meeting);
    // Adds every record in one transaction: all or nothing. A record is a
    // duplicate, skipped and counted, when one of its kind with the same
    // start and end is stored already or comes earlier in `records` (walks,
    // sitting bouts and meetings: start, end; reminders: shown, resolved;
    // check-ins: at).
    // A walk that overlaps a stored or earlier walk is skipped and counted
    // apart (check_walked_once).
    ImportResult import_records(const RecordSet& records);
    // The most recent check-ins, newest first.
    std::vector<CheckinRecord> recent_checkins(int limit) const;
    // Check-ins whose local day (their own utc_offset, days from `starts_at`)
    // lies in [from, to], oldest first. Reads only rows near the range, with
    // offsets assumed within +-14 h as day_totals does.
    std::vector<CheckinRecord> checkins_on_days(Date from, Date to, TimeOfDay starts_at) const;
    // The same two of `scope`'s devices, merged in time order.
    std::vector<CheckinRecord> recent_checkins(int limit, DeviceScope scope) const;
    std::vector<CheckinRecord> checkins_on_days(Date from, Date to, TimeOfDay starts_at,
                                                DeviceScope scope) const;

    // One entry per date in [from, to], days with nothing included. O(days)
    // when the store keeps the totals for `starts_at` (use_day_start), else
    // computed from the rows near the range. For all devices (the default),
    // with the other devices' records the union rule across devices
    // (core/device_totals.hpp), kept per day too; without any other device,
    // this computer's totals. Another device alone: its rows, as this
    // computer's are counted.
    std::vector<DayTotals> day_totals(Date from, Date to, TimeOfDay starts_at,
                                      DeviceScope scope = DeviceScope::all()) const;

    // --- Other devices (docs/SYNC.md "Merging") ---
    // Makes `merged`'s device's records in the database what `merged` says,
    // in one transaction: rows it no longer has are removed, rows whose
    // entry changed are written, the rest is left alone (so only the days
    // that changed are counted again), and its `devices` row updated with
    // `news` as its last news when anything changed or it is new. This
    // computer's own tables are never touched. ReadWrite only.
    DeviceChanges apply_device(const DeviceRecords& merged, WallTime news);
    // Removes a device and all its records (its journals are gone); whether
    // it was known. ReadWrite only.
    bool forget_device(DeviceId device);
    // The other devices, in id order.
    std::vector<DeviceInfo> devices() const;
    // Other devices' walks overlapping [from, to), tagged with their device,
    // for the union rule across devices (the daemon's total of today).
    std::vector<DeviceSpan> device_walks_between(WallTime from, WallTime to) const;
    // walks_newest_first and walks_between over `scope`'s devices.
    std::vector<DeviceWalk> walks_newest_first(int limit, DeviceScope scope) const;
    std::vector<DeviceWalk> walks_between(WallTime from, WallTime to, DeviceScope scope) const;
    // Keeps the per-day totals for days starting at `starts_at` (a rebuild
    // from all rows when they were kept for another day.starts_at), and
    // settles rows written behind the store's back. ReadWrite only.
    void use_day_start(TimeOfDay starts_at);

    // Everything, oldest first, for export and for import round trips.
    std::vector<WalkRecord> all_walks() const;
    std::vector<SittingBout> all_sitting_bouts() const;
    std::vector<ReminderRecord> all_reminders() const;
    std::vector<CheckinRecord> all_checkins() const;
    std::vector<MeetingRecord> all_meetings() const;

    // The sync journal's outbox (docs/SYNC.md "Writing a journal";
    // store_journal.cpp). Triggers note every change to a journaled record,
    // whoever makes it, while journaling is on. ReadWrite only.
    //
    // Journaling on (`settings`): switching it on (the first time, or after
    // it was off) owes a line for every record and the device name; a new
    // device id starts its sequence at 1 and owes everything again; a new
    // name owes its line. Off (none): nothing more is owed but deletions,
    // and owed lines not yet given a sequence are dropped (the next
    // switch-on owes every record). One transaction.
    void set_journaling(const std::optional<JournalSettings>& settings);
    // Up to `limit` owed lines, oldest first; none while journaling is off.
    // A line gets its sequence and contents (the record as it is now, or its
    // deletion when it is gone) the first time it is asked for, in one write
    // transaction with the sequence counter; after that it is the same bytes
    // every time, until journal_lines_written.
    std::vector<OwedJournalLine> owed_journal_lines(std::size_t limit);
    // The owed lines up to `position` are in the journal: no longer owed.
    void journal_lines_written(std::int64_t through_position);
    // How many lines are owed now.
    std::int64_t journal_lines_owed() const;

    const std::string& path() const;
    int user_version() const;
    // How long a statement waits for another process's lock before failing
    // with StoreError::Kind::Busy (5 s from the constructor). The daemon, which
    // queues and retries its writes, sets it short so its loop never stalls.
    void set_busy_timeout(Millis timeout);
    // "ok", or SQLite's list of problems.
    std::string integrity_check() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace walkbreak::core
