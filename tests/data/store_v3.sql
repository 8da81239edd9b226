-- SPDX-License-Identifier: GPL-3.0-or-later
-- Run after store_v1.sql and store_v2.sql: what schema version 3 added to
-- that file, a meeting, and the totals version 3 kept for it. Frozen: newer
-- walkbreaks must open (and migrate) exactly this.
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
CREATE TRIGGER meetings_insert_dirty AFTER INSERT ON meetings BEGIN
    INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
END;
CREATE TRIGGER meetings_delete_dirty AFTER DELETE ON meetings BEGIN
    INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
END;
CREATE TRIGGER meetings_update_dirty AFTER UPDATE ON meetings BEGIN
    INSERT INTO day_totals_dirty VALUES (OLD.start_utc, OLD.end_utc, OLD.utc_offset);
    INSERT INTO day_totals_dirty VALUES (NEW.start_utc, NEW.end_utc, NEW.utc_offset);
END;

-- A meeting on 2026-03-02 from 11:00 to 11:30 in Berlin, and the day's total
-- as version 3 kept it (the trigger's list settled).
INSERT INTO meetings(id, start_utc, end_utc, utc_offset, signals) VALUES
    (1, 1772445600, 1772447400, 3600, 'microphone,camera');
DELETE FROM day_totals_dirty;
UPDATE day_totals SET meeting_seconds = 1800 WHERE day = 20514;
PRAGMA user_version = 3;
