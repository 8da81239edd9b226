// SPDX-License-Identifier: GPL-3.0-or-later
// The sync journal's outbox (schema version 4): what this device owes its
// journal, and the lines it is owed as. The triggers that fill the outbox are
// schema.cpp's; this file switches journaling on and off and turns owed rows
// into lines.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "core/journal_entry.hpp"
#include "core/journal_line.hpp"
#include "core/store_impl.hpp"
#include "core/store_rows.hpp"

namespace walkbreak::core {
namespace {

struct JournalState {
    bool journaling{false};
    DeviceId device = DeviceId::from_bits(0);
    std::string device_name;
    std::uint64_t next_sequence{1};
};

std::optional<JournalState> read_state(Database& db) {
    Statement st(db,
                 "SELECT journaling, device, device_name, next_sequence FROM journal_state "
                 "WHERE id = 1");
    if (!st.step()) return std::nullopt;
    const std::string device = st.column_text(1);
    const auto id = DeviceId::parse(device);
    if (!id) {
        throw StoreError(
            StoreError::Kind::Corrupt,
            fmt::format("{}: journal_state holds no device id but \"{}\"", db.path(), device));
    }
    return JournalState{st.column_int64(0) != 0, *id, st.column_text(2),
                        static_cast<std::uint64_t>(st.column_int64(3))};
}

// Owes a line for every record there is, and for the device name.
void owe_everything(Database& db) {
    db.exec(R"sql(
        INSERT INTO journal_outbox(kind, row_id, op) VALUES ('device_name', 1, 'put');
        INSERT INTO journal_outbox(kind, row_id, op) SELECT 'walk', id, 'put' FROM walks ORDER BY id;
        INSERT INTO journal_outbox(kind, row_id, op)
            SELECT 'sitting_bout', id, 'put' FROM sitting_bouts ORDER BY id;
        INSERT INTO journal_outbox(kind, row_id, op)
            SELECT 'reminder', id, 'put' FROM reminders ORDER BY id;
        INSERT INTO journal_outbox(kind, row_id, op)
            SELECT 'checkin', id, 'put' FROM checkins ORDER BY id;
        INSERT INTO journal_outbox(kind, row_id, op)
            SELECT 'meeting', id, 'put' FROM meetings ORDER BY id;
    )sql");
}

void owe_device_name(Database& db) {
    db.exec("INSERT INTO journal_outbox(kind, row_id, op) VALUES ('device_name', 1, 'put')");
}

void write_state(Database& db, const JournalState& state) {
    Statement st(db,
                 "INSERT OR REPLACE INTO journal_state"
                 "(id, journaling, device, device_name, next_sequence) "
                 "VALUES (1, ?1, ?2, ?3, ?4)");
    st.bind(1, state.journaling ? 1 : 0)
        .bind(2, state.device.hex())
        .bind(3, state.device_name)
        .bind(4, static_cast<std::int64_t>(state.next_sequence))
        .run();
}

// The records owed rows name, as they are now: one prepared statement per
// table for a whole batch.
class RecordsNow {
public:
    RecordsNow(Database& db, const JournalState& state) : db_(db), state_(state) {}

    // The entry for an owed row: its record as it is now, or its deletion.
    JournalEntry entry(std::uint64_t sequence, RecordKey key) {
        auto record = select(key);
        if (!record) return delete_entry(state_.device, sequence, key);
        return put_entry(state_.device, sequence, key.id, std::move(*record));
    }

private:
    std::optional<JournalRecord> select(RecordKey key) {
        switch (key.kind) {
            case RecordKind::DeviceName:
                return JournalRecord{DeviceNameRecord{state_.device_name}};
            case RecordKind::Walk:
                return row(key, "walks", walk_columns,
                           [&](const Statement& st) { return read_walk(db_, st); });
            case RecordKind::SittingBout:
                return row(key, "sitting_bouts", sitting_bout_columns,
                           [](const Statement& st) { return read_sitting_bout(st); });
            case RecordKind::Reminder:
                return row(key, "reminders", reminder_columns,
                           [&](const Statement& st) { return read_reminder(db_, st); });
            case RecordKind::Checkin:
                return row(key, "checkins", checkin_columns,
                           [&](const Statement& st) { return read_checkin(db_, st); });
            case RecordKind::Meeting:
                return row(key, "meetings", meeting_columns,
                           [&](const Statement& st) { return read_meeting(db_, st); });
        }
        return std::nullopt;  // not reached: every kind is a case
    }

    template <typename Read>
    std::optional<JournalRecord> row(RecordKey key, std::string_view table,
                                     std::string_view columns, Read read) {
        auto& st = statements_[static_cast<std::size_t>(key.kind)];
        if (!st) st.emplace(db_, fmt::format("SELECT {} FROM {} WHERE id = ?1", columns, table));
        st->reset();
        st->bind(1, key.id);
        if (!st->step()) return std::nullopt;
        return JournalRecord{read(*st)};
    }

    Database& db_;
    const JournalState& state_;
    std::array<std::optional<Statement>, std::variant_size_v<JournalRecord>> statements_;
};

}  // namespace

namespace {

// Whether the database journals as `settings` say already.
bool journaling_as(const std::optional<JournalState>& state,
                   const std::optional<JournalSettings>& settings) {
    if (!settings) return !state || !state->journaling;
    return state && state->journaling && state->device == settings->device &&
           state->device_name == settings->device_name;
}

// An owed row: its line when it has one already.
struct OwedRow {
    OwedJournalLine line;
    std::optional<RecordKey> unnumbered;  // set when its line is still to be made
};

std::vector<OwedRow> select_owed(Database& db, std::size_t limit) {
    Statement rows(db,
                   "SELECT position, kind, row_id, sequence IS NOT NULL, sequence, line "
                   "FROM journal_outbox ORDER BY position LIMIT ?1");
    rows.bind(1, static_cast<std::int64_t>(limit));
    std::vector<OwedRow> owed;
    while (rows.step()) {
        OwedRow row;
        row.line.position = rows.column_int64(0);
        if (rows.column_int64(3) != 0) {
            row.line.sequence = static_cast<std::uint64_t>(rows.column_int64(4));
            row.line.text = rows.column_text(5);
        } else {
            const std::string kind = rows.column_text(1);
            const auto parsed = record_kind_from(kind);
            if (!parsed) {
                throw StoreError(StoreError::Kind::Corrupt,
                                 fmt::format("{}: journal_outbox row {} has an unknown kind \"{}\"",
                                             db.path(), row.line.position, kind));
            }
            row.unnumbered = RecordKey{*parsed, rows.column_int64(2)};
        }
        owed.push_back(std::move(row));
    }
    return owed;
}

std::vector<OwedJournalLine> lines_of(std::vector<OwedRow> rows) {
    std::vector<OwedJournalLine> lines;
    lines.reserve(rows.size());
    for (auto& row : rows) lines.push_back(std::move(row.line));
    return lines;
}

}  // namespace

void Store::set_journaling(const std::optional<JournalSettings>& settings) {
    impl_->require_writable();
    Database& db = impl_->db;
    {
        // Most calls change nothing (every start, every reload): no write lock for those.
        Transaction snapshot(db, Transaction::Kind::Read);
        const bool unchanged = journaling_as(read_state(db), settings);
        snapshot.commit();
        if (unchanged) return;
    }
    Transaction tx(db);
    const auto state = read_state(db);
    if (journaling_as(state, settings)) {  // another connection did it meanwhile
        tx.commit();
        return;
    }
    if (!settings) {
        JournalState off = *state;
        off.journaling = false;
        write_state(db, off);
        // Lines given a sequence stay owed: a sequence, once given, is written.
        db.exec("DELETE FROM journal_outbox WHERE op = 'put' AND sequence IS NULL");
        tx.commit();
        return;
    }
    JournalState next{true, settings->device, settings->device_name,
                      state ? state->next_sequence : 1};
    if (state && state->device != settings->device) {
        // Another id is another device, whose journal starts at 1 and holds
        // everything; what the old id owed is the old id's.
        next.next_sequence = 1;
        db.exec("DELETE FROM journal_outbox");
    }
    const bool owes_everything = !state || !state->journaling || state->device != next.device;
    write_state(db, next);
    if (owes_everything) {
        owe_everything(db);
    } else {
        owe_device_name(db);  // the one other change: the name
    }
    tx.commit();
}

std::vector<OwedJournalLine> Store::owed_journal_lines(std::size_t limit) {
    impl_->require_writable();
    Database& db = impl_->db;
    {
        // Lines numbered already (or none owed): read, no write lock.
        Transaction snapshot(db, Transaction::Kind::Read);
        const auto state = read_state(db);
        if (!state || !state->journaling || limit == 0) {
            snapshot.commit();
            return {};
        }
        auto rows = select_owed(db, limit);
        snapshot.commit();
        if (std::none_of(rows.begin(), rows.end(), [](const OwedRow& r) { return r.unnumbered; }))
            return lines_of(std::move(rows));
    }
    Transaction tx(db);
    auto state = read_state(db);
    if (!state || !state->journaling) {
        tx.commit();
        return {};
    }
    auto rows = select_owed(db, limit);
    Statement keep(db, "UPDATE journal_outbox SET sequence = ?1, line = ?2 WHERE position = ?3");
    const std::uint64_t first_new = state->next_sequence;
    RecordsNow records(db, *state);
    for (auto& row : rows) {
        if (!row.unnumbered) continue;
        row.line.sequence = state->next_sequence++;
        row.line.text = encode_journal_line(records.entry(row.line.sequence, *row.unnumbered));
        keep.reset();
        keep.bind(1, static_cast<std::int64_t>(row.line.sequence))
            .bind(2, row.line.text)
            .bind(3, row.line.position)
            .run();
    }
    if (state->next_sequence != first_new) write_state(db, *state);
    tx.commit();
    return lines_of(std::move(rows));
}

void Store::journal_lines_written(std::int64_t through_position) {
    impl_->require_writable();
    Database& db = impl_->db;
    Transaction tx(db);
    Statement st(db, "DELETE FROM journal_outbox WHERE position <= ?1 AND sequence IS NOT NULL");
    st.bind(1, through_position).run();
    tx.commit();
}

std::int64_t Store::journal_lines_owed() const {
    Statement st(impl_->db, "SELECT count(*) FROM journal_outbox");
    return st.step() ? st.column_int64(0) : 0;
}

}  // namespace walkbreak::core
