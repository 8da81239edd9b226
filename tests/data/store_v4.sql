-- SPDX-License-Identifier: GPL-3.0-or-later
-- Run after store_v1.sql, store_v2.sql and store_v3.sql: what schema version
-- 4 added to that file (the journal's outbox, docs/SYNC.md), with sync once
-- switched on as device 00112233445566ff "desk" and one line still owed.
-- Frozen: newer walkbreaks must open (and migrate) exactly this.
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
CREATE TRIGGER walks_insert_journal AFTER INSERT ON walks
WHEN (SELECT journaling FROM journal_state) = 1 BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('walk', NEW.id, 'put');
END;
CREATE TRIGGER walks_update_journal AFTER UPDATE ON walks
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'walk', OLD.id, 'delete' WHERE OLD.id != NEW.id;
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'walk', NEW.id, 'put' WHERE (SELECT journaling FROM journal_state) = 1;
END;
CREATE TRIGGER walks_delete_journal AFTER DELETE ON walks
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('walk', OLD.id, 'delete');
END;
CREATE TRIGGER sitting_bouts_insert_journal AFTER INSERT ON sitting_bouts
WHEN (SELECT journaling FROM journal_state) = 1 BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('sitting_bout', NEW.id, 'put');
END;
CREATE TRIGGER sitting_bouts_update_journal AFTER UPDATE ON sitting_bouts
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'sitting_bout', OLD.id, 'delete' WHERE OLD.id != NEW.id;
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'sitting_bout', NEW.id, 'put' WHERE (SELECT journaling FROM journal_state) = 1;
END;
CREATE TRIGGER sitting_bouts_delete_journal AFTER DELETE ON sitting_bouts
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('sitting_bout', OLD.id, 'delete');
END;
CREATE TRIGGER reminders_insert_journal AFTER INSERT ON reminders
WHEN (SELECT journaling FROM journal_state) = 1 BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('reminder', NEW.id, 'put');
END;
CREATE TRIGGER reminders_update_journal AFTER UPDATE ON reminders
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'reminder', OLD.id, 'delete' WHERE OLD.id != NEW.id;
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'reminder', NEW.id, 'put' WHERE (SELECT journaling FROM journal_state) = 1;
END;
CREATE TRIGGER reminders_delete_journal AFTER DELETE ON reminders
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('reminder', OLD.id, 'delete');
END;
CREATE TRIGGER checkins_insert_journal AFTER INSERT ON checkins
WHEN (SELECT journaling FROM journal_state) = 1 BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('checkin', NEW.id, 'put');
END;
CREATE TRIGGER checkins_update_journal AFTER UPDATE ON checkins
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'checkin', OLD.id, 'delete' WHERE OLD.id != NEW.id;
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'checkin', NEW.id, 'put' WHERE (SELECT journaling FROM journal_state) = 1;
END;
CREATE TRIGGER checkins_delete_journal AFTER DELETE ON checkins
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('checkin', OLD.id, 'delete');
END;
CREATE TRIGGER meetings_insert_journal AFTER INSERT ON meetings
WHEN (SELECT journaling FROM journal_state) = 1 BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('meeting', NEW.id, 'put');
END;
CREATE TRIGGER meetings_update_journal AFTER UPDATE ON meetings
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'meeting', OLD.id, 'delete' WHERE OLD.id != NEW.id;
    INSERT INTO journal_outbox(kind, row_id, op)
        SELECT 'meeting', NEW.id, 'put' WHERE (SELECT journaling FROM journal_state) = 1;
END;
CREATE TRIGGER meetings_delete_journal AFTER DELETE ON meetings
WHEN EXISTS (SELECT 1 FROM journal_state) BEGIN
    INSERT INTO journal_outbox(kind, row_id, op) VALUES ('meeting', OLD.id, 'delete');
END;

-- Sync on; the walks up to here were journaled (sequences 1 and 2 written),
-- and walk 7 is owed a line that was never drained.
INSERT INTO journal_state VALUES (1, 1, '00112233445566ff', 'desk', 3);
INSERT INTO journal_outbox(kind, row_id, op) VALUES ('walk', 7, 'put');
PRAGMA user_version = 4;
