// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "core/day_totals_table.hpp"
#include "core/schema.hpp"
#include "core/sqlite.hpp"
#include "core/store_devices.hpp"
#include "core/store_impl.hpp"
#include "core/store_import.hpp"
#include "core/store_rows.hpp"
#include "core/store_totals.hpp"
#include "core/walk_union.hpp"

namespace walkbreak::core {

Store::Store(const std::string& path, Mode mode)
    : impl_(std::make_unique<Impl>(Impl{open_store_database(path, mode, migrations()), mode})) {}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

namespace {

// Binds ?1 start, ?2 end, ?3 utc_offset, ?4 note of `walk`; an insert adds
// ?5 how, an update ?5 id.
Statement& bind_walk(Statement& st, const WalkRecord& walk) {
    return st.bind(1, to_unix_seconds(walk.start))
        .bind(2, to_unix_seconds(walk.end))
        .bind(3, walk.utc_offset.count())
        .bind(4, walk.note);
}

std::int64_t insert_walk(Database& db, const WalkRecord& walk) {
    Statement st(db,
                 "INSERT INTO walks(start_utc, end_utc, utc_offset, note, how) "
                 "VALUES (?1, ?2, ?3, ?4, ?5)");
    bind_walk(st, walk).bind(5, to_string(walk.how)).run();
    return db.last_insert_rowid();
}

std::optional<WalkRecord> select_walk(Database& db, std::int64_t id) {
    Statement st(db, fmt::format("SELECT {} FROM walks WHERE id = ?1", walk_columns));
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_walk(db, st);
}

}  // namespace

// Stored times are whole seconds: a walk overlaps [from, to) when it starts
// before ceil(to) and ends after floor(from); a zero-length walk when it is
// at or after ceil(from).
std::vector<WalkRecord> select_walks_between(Database& db, WallTime from, WallTime to) {
    const std::int64_t from_floor = to_unix_seconds(from);
    const std::int64_t from_ceil = std::chrono::ceil<Seconds>(from).time_since_epoch().count();
    const std::int64_t to_ceil = std::chrono::ceil<Seconds>(to).time_since_epoch().count();
    Statement st(db, fmt::format("SELECT {} FROM walks WHERE start_utc >= ?1 AND start_utc < ?2 "
                                 "AND (end_utc > ?3 OR start_utc >= ?4) ORDER BY start_utc, id",
                                 walk_columns));
    st.bind(1, from_floor - longest_walk_seconds(db))
        .bind(2, to_ceil)
        .bind(3, from_floor)
        .bind(4, from_ceil);
    return read_walks(db, st);
}

std::vector<WalkRecord> walks_near(Database& db, const WalkRecord& walk) {
    return select_walks_between(db, walk.start, std::max(walk.end, walk.start + Seconds{1}));
}

std::int64_t Store::add_walk(const WalkRecord& walk) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    const std::int64_t id = insert_walk(db, walk);
    settle_day_totals(db);
    tx.commit();
    return id;
}

Result<std::int64_t> Store::log_walk(const WalkRecord& walk) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    if (auto once = core::check_walked_once(walk, walks_near(db, walk)); !once)
        return Error{once.error()};
    const std::int64_t id = insert_walk(db, walk);
    settle_day_totals(db);
    tx.commit();
    return id;
}

Outcome Store::check_walked_once(const WalkRecord& walk) const {
    Database& db = impl_->db;
    return in_snapshot(db, [&] { return core::check_walked_once(walk, walks_near(db, walk)); });
}

Result<WalkRecord> Store::edit_walk(const WalkRecord& walk) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    auto before = select_walk(db, walk.id);
    if (!before)
        return Error{fmt::format("no walk with id {} (walkbreak history lists them)", walk.id)};
    if (auto once = core::check_walked_once(walk, walks_near(db, walk)); !once)
        return Error{once.error()};
    Statement st(db,
                 "UPDATE walks SET start_utc = ?1, end_utc = ?2, utc_offset = ?3, note = ?4 "
                 "WHERE id = ?5");
    bind_walk(st, walk).bind(5, walk.id).run();
    settle_day_totals(db);
    tx.commit();
    return *before;
}

std::optional<WalkRecord> Store::delete_walk(std::int64_t id) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    auto walk = select_walk(db, id);
    if (!walk) return std::nullopt;
    Statement st(db, "DELETE FROM walks WHERE id = ?1");
    st.bind(1, id).run();
    settle_day_totals(db);
    tx.commit();
    return walk;
}

std::optional<WalkRecord> Store::walk_by_id(std::int64_t id) const {
    return select_walk(impl_->db, id);
}

std::vector<WalkRecord> Store::walks_newest_first(int limit) const {
    if (limit <= 0) return {};
    Statement st(impl_->db, fmt::format("SELECT {} FROM walks ORDER BY start_utc DESC, id DESC "
                                        "LIMIT ?1",
                                        walk_columns));
    st.bind(1, limit);
    return read_walks(impl_->db, st);
}

std::vector<WalkRecord> Store::walks_between(WallTime from, WallTime to) const {
    Database& db = impl_->db;
    return in_snapshot(db, [&] { return select_walks_between(db, from, to); });
}

std::vector<WalkRecord> Store::all_walks() const {
    Statement st(impl_->db,
                 fmt::format("SELECT {} FROM walks ORDER BY start_utc, id", walk_columns));
    return read_walks(impl_->db, st);
}

void Store::add_sitting_bout(const SittingBout& bout) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    Statement st(db,
                 "INSERT INTO sitting_bouts(start_utc, end_utc, utc_offset) VALUES (?1, ?2, ?3)");
    st.bind(1, to_unix_seconds(bout.start))
        .bind(2, to_unix_seconds(bout.end))
        .bind(3, bout.utc_offset.count())
        .run();
    settle_day_totals(db);
    tx.commit();
}

void Store::add_meeting(const MeetingRecord& meeting) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    Statement st(db,
                 "INSERT INTO meetings(start_utc, end_utc, utc_offset, signals) "
                 "VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, to_unix_seconds(meeting.start))
        .bind(2, to_unix_seconds(meeting.end))
        .bind(3, meeting.utc_offset.count())
        .bind(4, signals_text(meeting.signals))
        .run();
    settle_day_totals(db);
    tx.commit();
}

void Store::add_reminder(const ReminderRecord& reminder) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    Statement st(db,
                 "INSERT INTO reminders(shown_utc, escalated, outcome, resolved_utc, utc_offset) "
                 "VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, to_unix_seconds(reminder.shown))
        .bind(2, reminder.escalated ? 1 : 0)
        .bind(3, to_string(reminder.outcome))
        .bind(4, to_unix_seconds(reminder.resolved))
        .bind(5, reminder.utc_offset.count())
        .run();
    settle_day_totals(db);
    tx.commit();
}

void Store::add_checkin(const CheckinRecord& checkin) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    Statement st(db, "INSERT INTO checkins(at_utc, feel, utc_offset) VALUES (?1, ?2, ?3)");
    st.bind(1, to_unix_seconds(checkin.at))
        .bind(2, to_string(checkin.feel))
        .bind(3, checkin.utc_offset.count())
        .run();
    tx.commit();
}

ImportResult Store::import_records(const RecordSet& records) {
    impl_->require_writable();
    return import_record_set(impl_->db, records);
}

std::vector<CheckinRecord> Store::recent_checkins(int limit) const {
    return recent_checkins(limit, DeviceScope::this_device());
}

std::vector<CheckinRecord> Store::checkins_on_days(Date from, Date to, TimeOfDay starts_at) const {
    return checkins_on_days(from, to, starts_at, DeviceScope::this_device());
}

std::vector<CheckinRecord> Store::recent_checkins(int limit, DeviceScope scope) const {
    Database& db = impl_->db;
    return in_snapshot(db, [&] { return select_recent_checkins(db, limit, scope); });
}

std::vector<CheckinRecord> Store::checkins_on_days(Date from, Date to, TimeOfDay starts_at,
                                                   DeviceScope scope) const {
    if (to < from) return {};
    const UnixSpan span = local_days_span(from, to);
    Database& db = impl_->db;
    auto checkins =
        in_snapshot(db, [&] { return select_checkins_between(db, span.lo, span.hi, scope); });
    // The scan's margins hold the neighbouring days too.
    std::erase_if(checkins, [&](const CheckinRecord& c) {
        const Date day = local_day(c.at, c.utc_offset, starts_at);
        return day < from || day > to;
    });
    return checkins;
}

std::vector<CheckinRecord> Store::all_checkins() const {
    Statement st(impl_->db,
                 fmt::format("SELECT {} FROM checkins ORDER BY at_utc, id", checkin_columns));
    return read_checkins(impl_->db, st);
}

std::vector<SittingBout> Store::all_sitting_bouts() const {
    Statement st(impl_->db, fmt::format("SELECT {} FROM sitting_bouts ORDER BY start_utc, id",
                                        sitting_bout_columns));
    std::vector<SittingBout> bouts;
    while (st.step()) bouts.push_back(read_sitting_bout(st));
    return bouts;
}

std::vector<MeetingRecord> Store::all_meetings() const {
    Statement st(impl_->db,
                 fmt::format("SELECT {} FROM meetings ORDER BY start_utc, id", meeting_columns));
    std::vector<MeetingRecord> meetings;
    while (st.step()) meetings.push_back(read_meeting(impl_->db, st));
    return meetings;
}

std::vector<ReminderRecord> Store::all_reminders() const {
    Statement st(impl_->db,
                 fmt::format("SELECT {} FROM reminders ORDER BY shown_utc, id", reminder_columns));
    std::vector<ReminderRecord> reminders;
    while (st.step()) reminders.push_back(read_reminder(impl_->db, st));
    return reminders;
}

std::vector<DayTotals> Store::day_totals(Date from, Date to, TimeOfDay starts_at,
                                         DeviceScope scope) const {
    return query_day_totals(impl_->db, from, to, starts_at, scope);
}

void Store::use_day_start(TimeOfDay starts_at) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    if (day_totals_basis(db) != starts_at) {
        rebuild_day_totals(db, starts_at);
    } else {
        settle_day_totals(db);
    }
    tx.commit();
}

void Store::set_busy_timeout(Millis timeout) {
    impl_->db.set_busy_timeout(static_cast<int>(timeout.count()));
}

const std::string& Store::path() const { return impl_->db.path(); }

int Store::user_version() const { return read_user_version(impl_->db); }

std::string Store::integrity_check() const {
    try {
        Statement st(impl_->db, "PRAGMA integrity_check");
        std::string report;
        while (st.step()) {
            if (!report.empty()) report += '\n';
            report += st.column_text(0);
        }
        return report;
    } catch (const StoreError& e) {
        // A file damaged badly enough that the check cannot run: that is the
        // problem to report.
        if (e.kind() != StoreError::Kind::Corrupt) throw;
        return e.what();
    }
}

}  // namespace walkbreak::core
