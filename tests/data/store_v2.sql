-- SPDX-License-Identifier: GPL-3.0-or-later
-- Run after store_v1.sql: what schema version 2 added to that file, and the
-- per-day totals version 2 kept for its rows, as version 2 wrote them. Frozen:
-- newer walkbreaks must open (and migrate) exactly this.

-- What version 2 added: per-day totals kept by triggers, built for 00:00.
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
CREATE TRIGGER walks_insert_dirty AFTER INSERT ON walks BEGIN
    INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
END;
CREATE TRIGGER walks_delete_dirty AFTER DELETE ON walks BEGIN
    INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
END;
CREATE TRIGGER walks_update_dirty AFTER UPDATE ON walks BEGIN
    INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
    INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
END;
CREATE TRIGGER sitting_bouts_insert_dirty AFTER INSERT ON sitting_bouts BEGIN
    INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
END;
CREATE TRIGGER sitting_bouts_delete_dirty AFTER DELETE ON sitting_bouts BEGIN
    INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
END;
CREATE TRIGGER sitting_bouts_update_dirty AFTER UPDATE ON sitting_bouts BEGIN
    INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
    INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
END;
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

-- The totals version 2 kept for the rows above: 2026-03-02 and 03 (days 20514, 20515).
INSERT INTO day_totals_basis(starts_at) VALUES (0);
INSERT INTO day_totals VALUES
    (20514, 1320, 3, 2700, 2700, 2, 1, 0, 1, 0),
    (20515, 600, 1, 0, 0, 0, 0, 0, 0, 0);
PRAGMA user_version = 2;
