// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "core/day_totals_table.hpp"
#include "core/records.hpp"

namespace walkbreak::core {
namespace {

// "'a', 'b'": the stored spellings of `values` (records.cpp owns them) for a
// CHECK(... IN (...)) constraint.
template <typename Enum, std::size_t N>
std::string sql_names(const std::array<Enum, N>& values) {
    std::string out;
    for (Enum v : values) {
        if (!out.empty()) out += ", ";
        out += '\'';
        for (char c : to_string(v)) out += c == '\'' ? std::string("''") : std::string(1, c);
        out += '\'';
    }
    return out;
}

// Version 1. Times are unix seconds (UTC); utc_offset is seconds east of UTC
// in force at the row's start, so that a row counts on the local day where it
// happened. The enum lists are the values that existed in version 1: a new
// value needs a migration that widens the CHECK. The *_length expression
// indexes let queries bound a range scan on start_utc by the longest row
// (see store_totals.cpp).
void create_version_1(Database& db) {
    constexpr std::array credit{CreditHow::Reminder, CreditHow::Auto, CreditHow::Confirmed,
                                CreditHow::Manual};
    constexpr std::array outcomes{ReminderOutcome::Walked, ReminderOutcome::Snoozed,
                                  ReminderOutcome::Skipped, ReminderOutcome::Ignored};
    constexpr std::array feelings{BackFeel::Better, BackFeel::Same, BackFeel::Worse};
    db.exec(fmt::format(R"sql(
        CREATE TABLE walks(
            id INTEGER PRIMARY KEY,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL,
            how TEXT NOT NULL CHECK(how IN ({})),
            note TEXT NOT NULL DEFAULT '',
            CHECK(end_utc >= start_utc));
        CREATE INDEX walks_start ON walks(start_utc);
        CREATE INDEX walks_length ON walks(end_utc - start_utc);

        CREATE TABLE sitting_bouts(
            id INTEGER PRIMARY KEY,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL,
            CHECK(end_utc >= start_utc));
        CREATE INDEX sitting_bouts_start ON sitting_bouts(start_utc);
        CREATE INDEX sitting_bouts_length ON sitting_bouts(end_utc - start_utc);

        CREATE TABLE reminders(
            id INTEGER PRIMARY KEY,
            shown_utc INTEGER NOT NULL,
            escalated INTEGER NOT NULL CHECK(escalated IN (0, 1)),
            outcome TEXT NOT NULL CHECK(outcome IN ({})),
            resolved_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL);
        CREATE INDEX reminders_shown ON reminders(shown_utc);

        CREATE TABLE checkins(
            id INTEGER PRIMARY KEY,
            at_utc INTEGER NOT NULL,
            feel TEXT NOT NULL CHECK(feel IN ({})),
            utc_offset INTEGER NOT NULL);
        CREATE INDEX checkins_at ON checkins(at_utc);
    )sql",
                        sql_names(credit), sql_names(outcomes), sql_names(feelings)));
}

// The triggers that note every row written to `table` (a table of spans with
// start_utc, end_utc and utc_offset) in day_totals_dirty (version 2).
void create_span_triggers(Database& db, std::string_view table) {
    db.exec(fmt::format(R"sql(
        CREATE TRIGGER {0}_insert_dirty AFTER INSERT ON {0} BEGIN
            INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
        END;
        CREATE TRIGGER {0}_delete_dirty AFTER DELETE ON {0} BEGIN
            INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
        END;
        CREATE TRIGGER {0}_update_dirty AFTER UPDATE ON {0} BEGIN
            INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
            INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
        END;
    )sql",
                        table));
}

// Version 2: per-day totals (core/day_totals_table.hpp says why one
// day.starts_at at a time), built for the default 00:00 (walkbreakd rebuilds
// them for its own starts_at when that differs). Files that went through
// version 2 before version 3 existed had them built here; the build is now
// the last migration's (it runs the current totals code, which reads every
// table of the latest schema). Triggers note the
// span of every row written, by the store or by anyone else with sqlite3, in
// day_totals_dirty; the store settles those days before its write commits,
// and a reader that finds the list not empty computes from the rows.
void create_version_2(Database& db) {
    db.exec(R"sql(
        CREATE TABLE day_totals(
            day INTEGER PRIMARY KEY,  -- days since 1970-01-01, local per the basis
            walk_seconds INTEGER NOT NULL,  -- the union of the day's walks
            walks INTEGER NOT NULL,
            sitting_seconds INTEGER NOT NULL,
            longest_sitting INTEGER NOT NULL,
            sent INTEGER NOT NULL,
            walked INTEGER NOT NULL,
            snoozed INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            ignored INTEGER NOT NULL);
        CREATE TABLE day_totals_basis(
            starts_at INTEGER NOT NULL);  -- day.starts_at of day_totals, minutes
        CREATE TABLE day_totals_dirty(
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL);
    )sql");
    for (const char* table : {"walks", "sitting_bouts"}) create_span_triggers(db, table);
    db.exec(R"sql(
        CREATE TRIGGER reminders_insert_dirty AFTER INSERT ON reminders BEGIN
            INSERT INTO day_totals_dirty VALUES (NEW.shown_utc, NEW.shown_utc, NEW.utc_offset);
        END;
        CREATE TRIGGER reminders_delete_dirty AFTER DELETE ON reminders BEGIN
            INSERT INTO day_totals_dirty VALUES (OLD.shown_utc, OLD.shown_utc, OLD.utc_offset);
        END;
        CREATE TRIGGER reminders_update_dirty AFTER UPDATE ON reminders BEGIN
            INSERT INTO day_totals_dirty VALUES (OLD.shown_utc, OLD.shown_utc, OLD.utc_offset);
            INSERT INTO day_totals_dirty VALUES (NEW.shown_utc, NEW.shown_utc, NEW.utc_offset);
        END;
    )sql");
}

// Version 3: the meetings the tracker saw end (DESIGN.md §3, "Meetings"),
// times and offsets as walks keep them; `signals` the ones that made the
// meeting, as "microphone,camera" (core/meeting_signal.hpp). Each day's
// meeting time is kept in day_totals, whose rows so far have no meetings to
// count, so the new column's 0 is right for them without a rebuild. A file
// coming from version 1 has no totals yet: they are built here.
void create_version_3(Database& db) {
    db.exec(R"sql(
        CREATE TABLE meetings(
            id INTEGER PRIMARY KEY,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL,
            signals TEXT NOT NULL DEFAULT '',
            CHECK(end_utc >= start_utc));
        CREATE INDEX meetings_start ON meetings(start_utc);
        CREATE INDEX meetings_length ON meetings(end_utc - start_utc);
        ALTER TABLE day_totals ADD COLUMN meeting_seconds INTEGER NOT NULL DEFAULT 0;
    )sql");
    create_span_triggers(db, "meetings");
    if (!day_totals_basis(db)) rebuild_day_totals(db, TimeOfDay{0});
}

// The journal's outbox triggers on `table`, whose rows are journal records of
// kind `kind` (docs/SYNC.md "Writing a journal"). While journaling is on,
// every insert, update and delete, whoever makes it, owes the row's line;
// while it is off (switched off after having been on), only deletions are
// owed, since switching on again owes every row that exists.
void create_journal_triggers(Database& db, std::string_view table, std::string_view kind) {
    db.exec(fmt::format(R"sql(
        CREATE TRIGGER {0}_insert_journal AFTER INSERT ON {0}
        WHEN (SELECT journaling FROM journal_state) = 1 BEGIN
            INSERT INTO journal_outbox(kind, row_id, op) VALUES ('{1}', NEW.id, 'put');
        END;
        CREATE TRIGGER {0}_update_journal AFTER UPDATE ON {0}
        WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
            INSERT INTO journal_outbox(kind, row_id, op)
                SELECT '{1}', OLD.id, 'delete' WHERE OLD.id != NEW.id;
            INSERT INTO journal_outbox(kind, row_id, op)
                SELECT '{1}', NEW.id, 'put' WHERE (SELECT journaling FROM journal_state) = 1;
        END;
        CREATE TRIGGER {0}_delete_journal AFTER DELETE ON {0}
        WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
            INSERT INTO journal_outbox(kind, row_id, op) VALUES ('{1}', OLD.id, 'delete');
        END;
    )sql",
                        table, kind));
}

// Version 4, the sync step (docs/SYNC.md): what this device owes its journal.
// journal_state has no row until sync is first switched on here; then one:
// whether journaling is on, the device id and name lines are written for,
// and the sequence the next line gets. journal_outbox holds, in the order
// they happened, the records whose lines are owed; `sequence` and `line` are
// set once the daemon has given the line its sequence (store_journal.cpp),
// so that a line written twice after a crash is the same bytes both times.
void create_version_4(Database& db) {
    db.exec(R"sql(
        CREATE TABLE journal_state(
            id INTEGER PRIMARY KEY CHECK(id = 1),
            journaling INTEGER NOT NULL CHECK(journaling IN (0, 1)),
            device TEXT NOT NULL,
            device_name TEXT NOT NULL,
            next_sequence INTEGER NOT NULL CHECK(next_sequence >= 1));
        CREATE TABLE journal_outbox(
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK(kind IN ('device_name', 'walk', 'sitting_bout', 'reminder',
                                              'checkin', 'meeting')),
            row_id INTEGER NOT NULL,
            op TEXT NOT NULL CHECK(op IN ('put', 'delete')),
            sequence INTEGER,  -- with `line`: set together, once
            line TEXT);
    )sql");
    create_journal_triggers(db, "walks", "walk");
    create_journal_triggers(db, "sitting_bouts", "sitting_bout");
    create_journal_triggers(db, "reminders", "reminder");
    create_journal_triggers(db, "checkins", "checkin");
    create_journal_triggers(db, "meetings", "meeting");
}

constexpr std::array history_of_walkbreak{
    Migration{1, &create_version_1},
    Migration{2, &create_version_2},
    Migration{3, &create_version_3},
    Migration{4, &create_version_4},
};
static_assert(history_of_walkbreak.back().version == Store::schema_version);

// The version `history` ends at, after checking that it counts 1, 2, 3 ...
int latest_version(std::span<const Migration> history) {
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (history[i].version != static_cast<int>(i) + 1 || history[i].apply == nullptr) {
            throw StoreError(StoreError::Kind::Other, "the list of schema migrations is broken");
        }
    }
    return static_cast<int>(history.size());
}

void refuse_newer(const Database& db, int version, int latest) {
    if (version > latest) {
        throw StoreError(StoreError::Kind::NewerSchema,
                         fmt::format("{} has schema version {}, but this walkbreak understands up "
                                     "to {}; upgrade walkbreak (the file was not changed)",
                                     db.path(), version, latest));
    }
}

// A pragma that answers with one text row, e.g. journal_mode.
std::string pragma_text(Database& db, std::string_view sql) {
    Statement st(db, sql);
    return st.step() ? st.column_text(0) : std::string();
}

}  // namespace

std::span<const Migration> migrations() { return history_of_walkbreak; }

int read_user_version(Database& db) {
    Statement st(db, "PRAGMA user_version");
    return st.step() ? static_cast<int>(st.column_int64(0)) : 0;
}

void prepare_for_writing(Database& db, std::span<const Migration> history) {
    const int latest = latest_version(history);
    // Before anything that could write, such as switching the journal mode.
    refuse_newer(db, read_user_version(db), latest);

    // WAL lets the CLI read while the daemon writes. synchronous=NORMAL in WAL
    // mode cannot corrupt the file; a power cut may lose the last commits only.
    const std::string mode = pragma_text(db, "PRAGMA journal_mode = WAL");
    if (mode != "wal") {
        throw StoreError(StoreError::Kind::Other,
                         fmt::format("{}: cannot use write-ahead logging (journal mode stays "
                                     "\"{}\"); is the file on a network file system?",
                                     db.path(), mode));
    }
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");

    for (const Migration& step : history) {
        if (read_user_version(db) >= step.version) continue;
        Transaction tx(db, Transaction::Kind::Write);
        // Again under the write lock: another process may have just done it.
        const int version = read_user_version(db);
        if (version >= step.version) continue;
        step.apply(db);
        db.exec(fmt::format("PRAGMA user_version = {}", step.version));
        tx.commit();
    }
}

void check_for_reading(Database& db, std::span<const Migration> history) {
    const int latest = latest_version(history);
    const int version = read_user_version(db);
    refuse_newer(db, version, latest);
    if (version < latest) {
        throw StoreError(StoreError::Kind::Open,
                         fmt::format("{} has schema version {}, older than the version {} this "
                                     "walkbreak reads; start walkbreakd once to upgrade it (the "
                                     "file was not changed)",
                                     db.path(), version, latest));
    }
}

}  // namespace walkbreak::core
