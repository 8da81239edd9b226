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

TEST_CASE(
    "other devices' rows written behind the store's back are counted, and kept from the "
    "next write on",
    "[store][sync]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    {
        Store store(path, Store::Mode::ReadWrite);
        store.use_day_start(0min);
        store.add_walk(walk_at(march_2(10, 0), 10min));
    }
    // As the sqlite3 shell (or a bulk load) would write them.
    run_sql(path, fmt::format("INSERT INTO devices VALUES ('{}', 'laptop', 1, 0, 0, 0);"
                              "INSERT INTO device_walks VALUES ('{}', 1, 1, {}, {}, 3600, "
                              "'auto', '')",
                              laptop.hex(), laptop.hex(), to_unix_seconds(march_2(12, 0)),
                              to_unix_seconds(march_2(12, 5))));
    {
        Store reader(path, Store::Mode::ReadOnly);
        CHECK(day_of(reader, date(2026, 3, 2)).walk_seconds == 15min);
        Database db(path, SQLITE_OPEN_READONLY);
        CHECK_FALSE(day_totals_current(db, 0min, KeptTotals::AllDevices));
    }
    Store store(path, Store::Mode::ReadWrite);
    store.add_walk(walk_at(march_2(18, 0), 1min));
    CHECK(day_of(store, date(2026, 3, 2)).walk_seconds == 16min);
    check_kept_totals_are_right(path, date(2026, 3, 1), date(2026, 3, 3));
}
