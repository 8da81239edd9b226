// SPDX-License-Identifier: GPL-3.0-or-later
// Other devices' tables in a database that came from before them: a file at
// schema version 3 or 4 migrates to them, keeping its own rows, totals and
// journal outbox. On real SQLite files.
#include <fmt/format.h>

#include "store_devices_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

TEST_CASE("a version 3 database gains the tables of other devices and keeps its rows and totals",
          "[store][schema][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    for (const char* step : {"store_v1.sql", "store_v2.sql", "store_v3.sql"}) {
        run_sql(path, read_text_file(std::string(WALKBREAK_TEST_DATA) + "/" + step));
    }
    REQUIRE(query(path, "PRAGMA user_version") == "3");
    const std::string kept_before =
        query(path,
              "SELECT group_concat(day || ':' || walk_seconds || ':' || meeting_seconds, ' ') "
              "FROM day_totals");
    {
        Store store(path, Store::Mode::ReadWrite);
        CHECK(store.user_version() == Store::schema_version);
        CHECK(store.integrity_check() == "ok");
        CHECK(store.all_walks().size() == 3);
        CHECK(store.all_meetings().size() == 1);
        CHECK(store.devices().empty());
        // Not rebuilt: the totals version 3 kept, still what the rows say.
        CHECK(query(path,
                    "SELECT group_concat(day || ':' || walk_seconds || ':' || "
                    "meeting_seconds, ' ') FROM day_totals") == kept_before);
        check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 4));

        Journal journal(laptop);
        journal.put(walk_at(march_2(20, 0), 10min));
        store.apply_device(journal.merged(), march_2(21, 0));
        const DayTotals day = day_of(store, date(2026, 3, 2));
        CHECK(day.walk_seconds == 22min + 10min);
        CHECK(day.meeting_seconds == 30min);
        check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 4));
    }
}

TEST_CASE("a version 4 database keeps its journal's outbox and gains the tables of other devices",
          "[store][schema][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    for (const char* step : {"store_v1.sql", "store_v2.sql", "store_v3.sql", "store_v4.sql"}) {
        run_sql(path, read_text_file(std::string(WALKBREAK_TEST_DATA) + "/" + step));
    }
    REQUIRE(query(path, "PRAGMA user_version") == "4");
    Store store(path, Store::Mode::ReadWrite);
    CHECK(store.user_version() == Store::schema_version);
    CHECK(store.integrity_check() == "ok");
    CHECK(store.devices().empty());
    // The line version 4 owed is still owed, and journaling is still on.
    CHECK(store.journal_lines_owed() == 1);
    store.add_walk(walk_at(march_2(20, 0), 10min));
    CHECK(store.journal_lines_owed() == 2);
    CHECK(query(path,
                "SELECT device || ' ' || device_name || ' ' || next_sequence "
                "FROM journal_state") == "00112233445566ff desk 3");

    Journal journal(laptop);
    journal.put(walk_at(march_2(20, 5), 10min));
    store.apply_device(journal.merged(), march_2(21, 0));
    CHECK(day_of(store, date(2026, 3, 2)).walk_seconds == 22min + 15min);
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 4));
}
