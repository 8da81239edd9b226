// SPDX-License-Identifier: GPL-3.0-or-later
// Other devices' rows: each kind in its device_* table, keyed by the writer's
// device and row id, with the sequence of the journal entry that made the row
// what it is. That sequence is what a merge is compared by: a row whose entry
// is the same is left alone, so a merge writes (and the day totals count
// again) only what changed.
#include "core/store_devices.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "core/day_totals_table.hpp"
#include "core/meeting_signal.hpp"
#include "core/store_impl.hpp"
#include "core/store_rows.hpp"
#include "core/store_totals.hpp"

namespace walkbreak::core {
namespace {

// A kind of record and its table; `columns` come after device, id and seq.
struct KindTable {
    RecordKind kind;
    std::string_view table;
    std::array<std::string_view, 5> columns;
    std::size_t count;
};
constexpr std::array kind_tables{
    KindTable{
        RecordKind::Walk, "device_walks", {"start_utc", "end_utc", "utc_offset", "how", "note"}, 5},
    KindTable{RecordKind::SittingBout,
              "device_sitting_bouts",
              {"start_utc", "end_utc", "utc_offset", "", ""},
              3},
    KindTable{RecordKind::Reminder,
              "device_reminders",
              {"shown_utc", "escalated", "outcome", "resolved_utc", "utc_offset"},
              5},
    KindTable{RecordKind::Checkin, "device_checkins", {"at_utc", "feel", "utc_offset", "", ""}, 3},
    KindTable{RecordKind::Meeting,
              "device_meetings",
              {"start_utc", "end_utc", "utc_offset", "signals", ""},
              4},
};

// An insert that, for a key stored already, updates the row only when
// something in it differs: an unchanged row is not written, its days not
// listed dirty, and the statement's changes() is 0.
std::string upsert_sql(const KindTable& k) {
    std::string columns = "seq";
    std::string placeholders = "?1, ?2, ?3";
    std::string excluded = "excluded.seq";
    std::string sets = "seq = excluded.seq";
    for (std::size_t i = 0; i < k.count; ++i) {
        columns += fmt::format(", {}", k.columns[i]);
        placeholders += fmt::format(", ?{}", i + 4);
        excluded += fmt::format(", excluded.{}", k.columns[i]);
        sets += fmt::format(", {0} = excluded.{0}", k.columns[i]);
    }
    return fmt::format(
        "INSERT INTO {0}(device, id, {1}) VALUES ({2}) ON CONFLICT(device, id) DO UPDATE SET {3} "
        "WHERE ({1}) <> ({4})",
        k.table, columns, placeholders, sets, excluded);
}

// Binds a record's fields from ?4 on, in its KindTable's column order.
void bind_fields(Statement& st, const WalkRecord& w) {
    st.bind(4, to_unix_seconds(w.start))
        .bind(5, to_unix_seconds(w.end))
        .bind(6, w.utc_offset.count())
        .bind(7, to_string(w.how))
        .bind(8, w.note);
}
void bind_fields(Statement& st, const SittingBout& b) {
    st.bind(4, to_unix_seconds(b.start))
        .bind(5, to_unix_seconds(b.end))
        .bind(6, b.utc_offset.count());
}
void bind_fields(Statement& st, const ReminderRecord& r) {
    st.bind(4, to_unix_seconds(r.shown))
        .bind(5, r.escalated ? 1 : 0)
        .bind(6, to_string(r.outcome))
        .bind(7, to_unix_seconds(r.resolved))
        .bind(8, r.utc_offset.count());
}
void bind_fields(Statement& st, const CheckinRecord& c) {
    st.bind(4, to_unix_seconds(c.at)).bind(5, to_string(c.feel)).bind(6, c.utc_offset.count());
}
void bind_fields(Statement& st, const MeetingRecord& m) {
    st.bind(4, to_unix_seconds(m.start))
        .bind(5, to_unix_seconds(m.end))
        .bind(6, m.utc_offset.count())
        .bind(7, signals_text(m.signals));
}
void bind_fields(Statement&, const DeviceNameRecord&) {}  // in `devices`, not a table of its own

// The stored rows of `device` in `table`: id -> seq.
std::unordered_map<std::int64_t, std::int64_t> stored_sequences(Database& db,
                                                                std::string_view table,
                                                                const std::string& device) {
    std::unordered_map<std::int64_t, std::int64_t> out;
    Statement st(db, fmt::format("SELECT id, seq FROM {} WHERE device = ?1", table));
    st.bind(1, device);
    while (st.step()) out.emplace(st.column_int64(0), st.column_int64(1));
    return out;
}

// Makes `device`'s rows of kind `k` those of `merged`.
void write_kind(Database& db, const KindTable& k, const std::string& device,
                const DeviceRecords& merged, bool compare_contents, DeviceChanges& changes) {
    auto stored = stored_sequences(db, k.table, device);
    Statement upsert(db, upsert_sql(k));
    for (const JournalEntry& entry : merged.records) {
        if (entry.key.kind != k.kind || !entry.record) continue;
        const auto it = stored.find(entry.key.id);
        const bool same_entry =
            it != stored.end() && it->second == static_cast<std::int64_t>(entry.sequence);
        if (it != stored.end()) stored.erase(it);
        if (same_entry && !compare_contents) continue;
        upsert.reset();
        upsert.bind(1, device)
            .bind(2, entry.key.id)
            .bind(3, static_cast<std::int64_t>(entry.sequence));
        std::visit([&](const auto& record) { bind_fields(upsert, record); }, *entry.record);
        upsert.run();
        changes.written += static_cast<int>(db.changes());
    }
    Statement drop(db, fmt::format("DELETE FROM {} WHERE device = ?1 AND id = ?2", k.table));
    for (const auto& [id, seq] : stored) {
        drop.reset();
        drop.bind(1, device).bind(2, id).run();
        ++changes.removed;
    }
}

constexpr std::string_view device_columns =
    "id, name, last_sequence, missing_sequences, conflicting_entries, last_news_utc";

std::optional<DeviceInfo> read_device(const Statement& st) {
    const auto id = DeviceId::parse(st.column_text(0));
    if (!id) return std::nullopt;  // not one walkbreak wrote: not a device
    DeviceInfo d;
    d.id = *id;
    d.name = st.column_text(1);
    d.last_sequence = static_cast<std::uint64_t>(st.column_int64(2));
    d.missing_sequences = static_cast<std::uint64_t>(st.column_int64(3));
    d.conflicting_entries = static_cast<int>(st.column_int64(4));
    d.last_news = from_unix_seconds(st.column_int64(5));
    return d;
}

std::optional<DeviceInfo> select_device(Database& db, DeviceId device) {
    Statement st(db, fmt::format("SELECT {} FROM devices WHERE id = ?1", device_columns));
    st.bind(1, device.hex());
    return st.step() ? read_device(st) : std::nullopt;
}

// Walks read with walk_columns then `device`.
std::vector<DeviceWalk> read_device_walks(Database& db, Statement& st) {
    std::vector<DeviceWalk> out;
    while (st.step()) out.push_back({read_walk(db, st), DeviceId::parse(st.column_text(6))});
    return out;
}

std::vector<DeviceWalk> this_device_walks(std::vector<WalkRecord> walks) {
    std::vector<DeviceWalk> out;
    out.reserve(walks.size());
    for (auto& w : walks) out.push_back({std::move(w), std::nullopt});
    return out;
}

// " AND device = ?N" for one other device; "" for all of them.
std::string device_condition(const DeviceScope& scope, int index) {
    return scope.other() ? fmt::format(" AND device = ?{}", index) : std::string{};
}

// In time order, this computer's first on a tie, then by device and id.
bool earlier(const DeviceWalk& a, const DeviceWalk& b) {
    const auto key = [](const DeviceWalk& w) {
        return std::tuple{w.walk.start, w.device.has_value(),
                          w.device.value_or(DeviceId::from_bits(0)), w.walk.id};
    };
    return key(a) < key(b);
}

// Other devices' walks (of `scope`: all of them or one) overlapping [from,
// to), in the whole seconds select_walks_between takes.
std::vector<DeviceWalk> other_walks_between(Database& db, WallTime from, WallTime to,
                                            const DeviceScope& scope) {
    const std::int64_t from_floor = to_unix_seconds(from);
    const std::int64_t from_ceil = std::chrono::ceil<Seconds>(from).time_since_epoch().count();
    const std::int64_t to_ceil = std::chrono::ceil<Seconds>(to).time_since_epoch().count();
    Statement st(db, fmt::format("SELECT {}, device FROM device_walks WHERE start_utc >= ?1 "
                                 "AND start_utc < ?2 AND (end_utc > ?3 OR start_utc >= ?4){}",
                                 walk_columns, device_condition(scope, 5)));
    st.bind(1, from_floor - longest_span_seconds(db, "device_walks"))
        .bind(2, to_ceil)
        .bind(3, from_floor)
        .bind(4, from_ceil);
    if (const auto other = scope.other()) st.bind(5, other->hex());
    return read_device_walks(db, st);
}

}  // namespace

DeviceChanges write_device_records(Database& db, const DeviceRecords& merged, WallTime news) {
    const std::string device = merged.device.hex();
    const auto before = select_device(db, merged.device);
    // A different set of conflicting entries may keep another version of a
    // sequence stored already: then contents are compared, not sequences.
    const bool compare_contents =
        !before || before->conflicting_entries != merged.conflicting_entries;
    DeviceChanges changes;
    for (const KindTable& k : kind_tables) {
        write_kind(db, k, device, merged, compare_contents, changes);
    }
    const bool news_now = !before || changes.any() || before->last_sequence != merged.last_sequence;
    Statement st(db, fmt::format("INSERT INTO devices({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                 "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                                 "last_sequence = excluded.last_sequence, "
                                 "missing_sequences = excluded.missing_sequences, "
                                 "conflicting_entries = excluded.conflicting_entries, "
                                 "last_news_utc = excluded.last_news_utc",
                                 device_columns));
    st.bind(1, device)
        .bind(2, merged.name)
        .bind(3, static_cast<std::int64_t>(merged.last_sequence))
        .bind(4, static_cast<std::int64_t>(merged.missing_sequences))
        .bind(5, merged.conflicting_entries)
        .bind(6, to_unix_seconds(news_now ? news : before->last_news))
        .run();
    return changes;
}

bool delete_device_records(Database& db, DeviceId device) {
    const std::string id = device.hex();
    for (const KindTable& k : kind_tables) {
        Statement st(db, fmt::format("DELETE FROM {} WHERE device = ?1", k.table));
        st.bind(1, id).run();
    }
    Statement st(db, "DELETE FROM devices WHERE id = ?1");
    st.bind(1, id).run();
    return db.changes() > 0;
}

std::vector<DeviceInfo> select_devices(Database& db) {
    std::vector<DeviceInfo> out;
    Statement st(db, fmt::format("SELECT {} FROM devices ORDER BY id", device_columns));
    while (st.step()) {
        if (auto d = read_device(st)) out.push_back(std::move(*d));
    }
    return out;
}

std::vector<DeviceSpan> select_device_walks_between(Database& db, WallTime from, WallTime to) {
    std::vector<DeviceSpan> out;
    for (const DeviceWalk& w : other_walks_between(db, from, to, DeviceScope::all())) {
        if (w.device) out.push_back({*w.device, w.walk.start, w.walk.end, w.walk.utc_offset});
    }
    return out;
}

std::vector<DeviceWalk> select_newest_walks(Database& db, int limit, DeviceScope scope) {
    if (limit <= 0) return {};
    std::vector<DeviceWalk> out;
    if (!scope.other()) {
        Statement st(db, fmt::format("SELECT {} FROM walks ORDER BY start_utc DESC, id DESC "
                                     "LIMIT ?1",
                                     walk_columns));
        st.bind(1, limit);
        out = this_device_walks(read_walks(db, st));
    }
    if (!scope.is_this_device()) {
        Statement st(db, fmt::format("SELECT {}, device FROM device_walks WHERE 1{} "
                                     "ORDER BY start_utc DESC, id DESC LIMIT ?1",
                                     walk_columns, device_condition(scope, 2)));
        st.bind(1, limit);
        if (const auto other = scope.other()) st.bind(2, other->hex());
        auto theirs = read_device_walks(db, st);
        out.insert(out.end(), theirs.begin(), theirs.end());
    }
    std::sort(out.begin(), out.end(),
              [](const DeviceWalk& a, const DeviceWalk& b) { return earlier(b, a); });
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
    return out;
}

std::vector<DeviceWalk> select_scope_walks_between(Database& db, WallTime from, WallTime to,
                                                   DeviceScope scope) {
    std::vector<DeviceWalk> out;
    if (!scope.other()) out = this_device_walks(select_walks_between(db, from, to));
    if (!scope.is_this_device()) {
        auto theirs = other_walks_between(db, from, to, scope);
        out.insert(out.end(), theirs.begin(), theirs.end());
    }
    std::sort(out.begin(), out.end(), earlier);
    return out;
}

std::vector<CheckinRecord> select_recent_checkins(Database& db, int limit, DeviceScope scope) {
    if (limit <= 0) return {};
    std::vector<CheckinRecord> out;
    if (!scope.other()) {
        Statement st(db, fmt::format("SELECT {} FROM checkins ORDER BY at_utc DESC, id DESC "
                                     "LIMIT ?1",
                                     checkin_columns));
        st.bind(1, limit);
        out = read_checkins(db, st);
    }
    if (!scope.is_this_device()) {
        Statement st(db, fmt::format("SELECT {} FROM device_checkins WHERE 1{} "
                                     "ORDER BY at_utc DESC, id DESC LIMIT ?1",
                                     checkin_columns, device_condition(scope, 2)));
        st.bind(1, limit);
        if (const auto other = scope.other()) st.bind(2, other->hex());
        auto theirs = read_checkins(db, st);
        out.insert(out.end(), theirs.begin(), theirs.end());
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const CheckinRecord& a, const CheckinRecord& b) { return a.at > b.at; });
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
    return out;
}

std::vector<CheckinRecord> select_checkins_between(Database& db, std::int64_t lo, std::int64_t hi,
                                                   DeviceScope scope) {
    std::vector<CheckinRecord> out;
    const auto read = [&](std::string_view table, bool others) {
        Statement st(db, fmt::format("SELECT {} FROM {} WHERE at_utc >= ?1 AND at_utc < ?2{} "
                                     "ORDER BY at_utc, id",
                                     checkin_columns, table,
                                     others ? device_condition(scope, 3) : std::string{}));
        st.bind(1, lo).bind(2, hi);
        if (const auto other = scope.other(); others && other) st.bind(3, other->hex());
        auto rows = read_checkins(db, st);
        out.insert(out.end(), rows.begin(), rows.end());
    };
    if (!scope.other()) read("checkins", false);
    if (!scope.is_this_device()) read("device_checkins", true);
    std::stable_sort(out.begin(), out.end(),
                     [](const CheckinRecord& a, const CheckinRecord& b) { return a.at < b.at; });
    return out;
}

// --- Store's members for other devices ---

DeviceChanges Store::apply_device(const DeviceRecords& merged, WallTime news) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    const DeviceChanges changes = write_device_records(db, merged, news);
    settle_day_totals(db);
    tx.commit();
    return changes;
}

bool Store::forget_device(DeviceId device) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    const bool known = delete_device_records(db, device);
    settle_day_totals(db);
    tx.commit();
    return known;
}

std::vector<DeviceInfo> Store::devices() const { return select_devices(impl_->db); }

std::vector<DeviceSpan> Store::device_walks_between(WallTime from, WallTime to) const {
    Database& db = impl_->db;
    return in_snapshot(db, [&] { return select_device_walks_between(db, from, to); });
}

std::vector<DeviceWalk> Store::walks_newest_first(int limit, DeviceScope scope) const {
    Database& db = impl_->db;
    return in_snapshot(db, [&] { return select_newest_walks(db, limit, scope); });
}

std::vector<DeviceWalk> Store::walks_between(WallTime from, WallTime to, DeviceScope scope) const {
    Database& db = impl_->db;
    return in_snapshot(db, [&] { return select_scope_walks_between(db, from, to, scope); });
}

}  // namespace walkbreak::core
