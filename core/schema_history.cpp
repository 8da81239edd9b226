// SPDX-License-Identifier: GPL-3.0-or-later
// The schema's history (core/schema.hpp): each version's migration, oldest
// first. Opening, checking and migrating a file is schema.cpp's.
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "core/day_totals_table.hpp"
#include "core/records.hpp"
#include "core/schema.hpp"

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

// The triggers that note the span [start_column, end_column] of every row
// written to `table` in `dirty`: day_totals_dirty since version 2,
// day_totals_dirty_devices for other devices' rows since version 5.
void create_dirty_triggers(Database& db, std::string_view table, std::string_view start_column,
                           std::string_view end_column, std::string_view dirty) {
    db.exec(fmt::format(R"sql(
        CREATE TRIGGER {0}_insert_dirty AFTER INSERT ON {0} BEGIN
            INSERT INTO {1} VALUES (NEW.{2}, NEW.{3}, NEW.utc_offset);
        END;
        CREATE TRIGGER {0}_delete_dirty AFTER DELETE ON {0} BEGIN
            INSERT INTO {1} VALUES (OLD.{2}, OLD.{3}, OLD.utc_offset);
        END;
        CREATE TRIGGER {0}_update_dirty AFTER UPDATE ON {0} BEGIN
            INSERT INTO {1} VALUES (OLD.{2}, OLD.{3}, OLD.utc_offset);
            INSERT INTO {1} VALUES (NEW.{2}, NEW.{3}, NEW.utc_offset);
        END;
    )sql",
                        table, dirty, start_column, end_column));
}

// For a table of spans (start_utc, end_utc) and of reminders (an instant, shown_utc).
void create_span_triggers(Database& db, std::string_view table,
                          std::string_view dirty = "day_totals_dirty") {
    create_dirty_triggers(db, table, "start_utc", "end_utc", dirty);
}
void create_reminder_triggers(Database& db, std::string_view table,
                              std::string_view dirty = "day_totals_dirty") {
    create_dirty_triggers(db, table, "shown_utc", "shown_utc", dirty);
}

// Version 2: per-day totals (core/day_totals_table.hpp says why one
// day.starts_at at a time), built for the default 00:00 (walkbreakd rebuilds
// them for its own starts_at when that differs). Files that went through
// version 2 before version 3 existed had them built here; the build is now
// the last migration's (it runs the current totals code, which reads and
// writes every table of the latest schema). Triggers note the
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
    create_reminder_triggers(db, "reminders");
}

// Version 3: the meetings the tracker saw end (DESIGN.md §3, "Meetings"),
// times and offsets as walks keep them; `signals` the ones that made the
// meeting, as "microphone,camera" (core/meeting_signal.hpp). Each day's
// meeting time is kept in day_totals, whose rows so far have no meetings to
// count, so the new column's 0 is right for them without a rebuild. (A file
// coming from version 1 had its totals built here until version 5 existed.)
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

// Version 5, the reading half of the sync step (docs/SYNC.md "Merging"): the other devices'
// records as their journals say they now are, each row tagged with the
// writer's device id (16 hex digits, as file names and journal lines spell
// it) and keyed by the writer's row id; `seq` is the journal entry that made
// the row what it is. The local device's own tables are not touched: this
// computer's records stay where they were. `devices` holds what the merge says
// of each other device. day_totals_all_devices keeps each day's totals across
// all devices (the union rule, core/device_totals.hpp) for the basis of
// day_totals, whenever `devices` is not empty (day_totals_basis.all_devices
// says it is built); the triggers list the days other devices' rows touch in
// day_totals_dirty_devices, which only the second table depends on.
void create_version_5(Database& db) {
    constexpr std::array credit{CreditHow::Reminder, CreditHow::Auto, CreditHow::Confirmed,
                                CreditHow::Manual};
    constexpr std::array outcomes{ReminderOutcome::Walked, ReminderOutcome::Snoozed,
                                  ReminderOutcome::Skipped, ReminderOutcome::Ignored};
    constexpr std::array feelings{BackFeel::Better, BackFeel::Same, BackFeel::Worse};
    db.exec(fmt::format(R"sql(
        CREATE TABLE devices(
            id TEXT PRIMARY KEY CHECK(length(id) = 16),
            name TEXT NOT NULL,  -- its latest name entry; '' until one is read
            last_sequence INTEGER NOT NULL,
            missing_sequences INTEGER NOT NULL,  -- below last_sequence, not read
            conflicting_entries INTEGER NOT NULL,
            last_news_utc INTEGER NOT NULL) WITHOUT ROWID;

        CREATE TABLE device_walks(
            device TEXT NOT NULL,
            id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL,
            how TEXT NOT NULL CHECK(how IN ({})),
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY(device, id),
            CHECK(end_utc >= start_utc)) WITHOUT ROWID;
        CREATE INDEX device_walks_start ON device_walks(start_utc);
        CREATE INDEX device_walks_length ON device_walks(end_utc - start_utc);

        CREATE TABLE device_sitting_bouts(
            device TEXT NOT NULL,
            id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL,
            PRIMARY KEY(device, id),
            CHECK(end_utc >= start_utc)) WITHOUT ROWID;
        CREATE INDEX device_sitting_bouts_start ON device_sitting_bouts(start_utc);
        CREATE INDEX device_sitting_bouts_length ON device_sitting_bouts(end_utc - start_utc);

        CREATE TABLE device_reminders(
            device TEXT NOT NULL,
            id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            shown_utc INTEGER NOT NULL,
            escalated INTEGER NOT NULL CHECK(escalated IN (0, 1)),
            outcome TEXT NOT NULL CHECK(outcome IN ({})),
            resolved_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL,
            PRIMARY KEY(device, id)) WITHOUT ROWID;
        CREATE INDEX device_reminders_shown ON device_reminders(shown_utc);

        CREATE TABLE device_meetings(
            device TEXT NOT NULL,
            id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL,
            signals TEXT NOT NULL DEFAULT '',
            PRIMARY KEY(device, id),
            CHECK(end_utc >= start_utc)) WITHOUT ROWID;
        CREATE INDEX device_meetings_start ON device_meetings(start_utc);
        CREATE INDEX device_meetings_length ON device_meetings(end_utc - start_utc);

        CREATE TABLE device_checkins(
            device TEXT NOT NULL,
            id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            at_utc INTEGER NOT NULL,
            feel TEXT NOT NULL CHECK(feel IN ({})),
            utc_offset INTEGER NOT NULL,
            PRIMARY KEY(device, id)) WITHOUT ROWID;
        CREATE INDEX device_checkins_at ON device_checkins(at_utc);

        CREATE TABLE day_totals_all_devices(
            day INTEGER PRIMARY KEY,
            walk_seconds INTEGER NOT NULL,
            walks INTEGER NOT NULL,
            sitting_seconds INTEGER NOT NULL,
            longest_sitting INTEGER NOT NULL,
            sent INTEGER NOT NULL,
            walked INTEGER NOT NULL,
            snoozed INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            ignored INTEGER NOT NULL,
            meeting_seconds INTEGER NOT NULL);
        CREATE TABLE day_totals_dirty_devices(
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            utc_offset INTEGER NOT NULL);
        ALTER TABLE day_totals_basis ADD COLUMN all_devices INTEGER NOT NULL DEFAULT 0;
    )sql",
                        sql_names(credit), sql_names(outcomes), sql_names(feelings)));
    for (const char* table : {"device_walks", "device_sitting_bouts", "device_meetings"}) {
        create_span_triggers(db, table, "day_totals_dirty_devices");
    }
    create_reminder_triggers(db, "device_reminders", "day_totals_dirty_devices");
    // A file coming from version 1 has no totals yet: built here, by the
    // last migration (see version 2).
    if (!day_totals_basis(db)) rebuild_day_totals(db, TimeOfDay{0});
}

constexpr std::array history_of_walkbreak{
    Migration{1, &create_version_1}, Migration{2, &create_version_2},
    Migration{3, &create_version_3}, Migration{4, &create_version_4},
    Migration{5, &create_version_5},
};
static_assert(history_of_walkbreak.back().version == Store::schema_version);

}  // namespace

std::span<const Migration> migrations() { return history_of_walkbreak; }

}  // namespace walkbreak::core
