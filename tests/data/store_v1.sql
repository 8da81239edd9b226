-- SPDX-License-Identifier: GPL-3.0-or-later
-- A walkbreak database as schema version 1 wrote it, with a few rows. Frozen:
-- newer walkbreaks must open (and migrate) exactly this.
CREATE TABLE walks(
    id INTEGER PRIMARY KEY,
    start_utc INTEGER NOT NULL,
    end_utc INTEGER NOT NULL,
    utc_offset INTEGER NOT NULL,
    how TEXT NOT NULL CHECK(how IN ('reminder', 'auto', 'confirmed', 'manual')),
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
    outcome TEXT NOT NULL CHECK(outcome IN ('walked', 'snoozed', 'skipped', 'ignored')),
    resolved_utc INTEGER NOT NULL,
    utc_offset INTEGER NOT NULL);
CREATE INDEX reminders_shown ON reminders(shown_utc);

CREATE TABLE checkins(
    id INTEGER PRIMARY KEY,
    at_utc INTEGER NOT NULL,
    feel TEXT NOT NULL CHECK(feel IN ('better', 'same', 'worse')),
    utc_offset INTEGER NOT NULL);
CREATE INDEX checkins_at ON checkins(at_utc);

-- 2026-03-02 (a Monday) in Berlin, UTC+1.
INSERT INTO walks(id, start_utc, end_utc, utc_offset, how, note) VALUES
    (1, 1772438400, 1772438700, 3600, 'reminder', ''),
    (2, 1772449200, 1772449620, 3600, 'confirmed', 'round the block'),
    (7, 1772491800, 1772493000, 3600, 'manual', 'across midnight');
INSERT INTO sitting_bouts(id, start_utc, end_utc, utc_offset) VALUES
    (1, 1772435700, 1772438400, 3600);
INSERT INTO reminders(id, shown_utc, escalated, outcome, resolved_utc, utc_offset) VALUES
    (1, 1772438100, 0, 'walked', 1772438400, 3600),
    (2, 1772448300, 1, 'skipped', 1772448360, 3600);
INSERT INTO checkins(id, at_utc, feel, utc_offset) VALUES
    (1, 1772438760, 'better', 3600);
PRAGMA user_version = 1;
