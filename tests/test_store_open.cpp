// SPDX-License-Identifier: GPL-3.0-or-later
// Opening the store: schema versions, migrations, and files that are missing,
// foreign or too new.
#include <fmt/format.h>

#include <array>
#include <fstream>

#include "core/day_totals_table.hpp"
#include "core/schema.hpp"
#include "core/store_totals.hpp"
#include "store_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

// tests/data/store_v1.sql loaded into a new file.
std::string make_v1_database(const TempDir& tmp) {
    std::string path = tmp.file("walkbreak.db");
    run_sql(path, read_text_file(std::string(WALKBREAK_TEST_DATA) + "/store_v1.sql"));
    return path;
}

// The version 1 file taken to version 2 by tests/data/store_v2.sql, with the
// totals version 2 kept.
std::string make_v2_database(const TempDir& tmp) {
    std::string path = make_v1_database(tmp);
    run_sql(path, read_text_file(std::string(WALKBREAK_TEST_DATA) + "/store_v2.sql"));
    return path;
}

// The schema as SQLite keeps it, whitespace normalised, one line per object.
std::string schema_of(const std::string& path) {
    Database db(path, SQLITE_OPEN_READONLY);
    Statement st(db,
                 "SELECT type || ' ' || name || ': ' || sql FROM sqlite_schema "
                 "WHERE sql IS NOT NULL ORDER BY type, name");
    std::string out;
    while (st.step()) {
        bool space = false;
        for (char c : st.column_text(0)) {
            if (c == ' ' || c == '\n' || c == '\t') {
                space = true;
                continue;
            }
            if (space && !out.empty() && out.back() != '(' && c != ')') out += ' ';
            space = false;
            out += c;
        }
        out += '\n';
    }
    return out;
}

template <typename F>
StoreError store_error_from(F&& f) {
    try {
        f();
    } catch (const StoreError& e) {
        return e;
    }
    FAIL("no StoreError was thrown");
    throw std::logic_error("unreachable");
}

// Test migrations beyond walkbreak's own history: version 2 adds a column to
// rows that exist, version 3 a table filled from the walks, versions 4 and 5
// an index each (so that the history ends past walkbreak's own).
void add_mood_column(Database& db) {
    db.exec("ALTER TABLE walks ADD COLUMN mood TEXT NOT NULL DEFAULT 'fine'");
}
void add_walk_days(Database& db) {
    db.exec(
        "CREATE TABLE walk_days(day INTEGER PRIMARY KEY);"
        "INSERT OR IGNORE INTO walk_days SELECT (start_utc + utc_offset) / 86400 FROM walks");
}
void add_mood_index(Database& db) { db.exec("CREATE INDEX walks_mood ON walks(mood)"); }
void add_note_index(Database& db) { db.exec("CREATE INDEX walks_note ON walks(note)"); }
void add_mood_view(Database& db) {
    db.exec("CREATE VIEW moods AS SELECT DISTINCT mood FROM walks");
}
void fail_halfway(Database& db) {
    db.exec("CREATE TABLE half_done(x)");
    db.exec("INSERT INTO no_such_table VALUES (1)");
}

}  // namespace

TEST_CASE("an empty file (schema version 0) is migrated to the current schema", "[store][schema]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    create_empty_file(path);
    REQUIRE(file_exists(path));
    Store store(path, Store::Mode::ReadWrite);
    CHECK(store.user_version() == Store::schema_version);
    CHECK(store.integrity_check() == "ok");
    store.add_walk(make_walk(utc_time(2026, 3, 4, 9, 0), 5min, UtcOffset{3600}));
    CHECK(store.all_walks().size() == 1);
}

TEST_CASE("a version 1 database from an earlier walkbreak opens with all its rows",
          "[store][schema]") {
    TempDir tmp;
    const std::string path = make_v1_database(tmp);
    for (auto mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
        Store store(path, mode);
        CHECK(store.user_version() == Store::schema_version);
        const auto walks = store.all_walks();
        REQUIRE(walks.size() == 3);
        CHECK(walks[1].id == 2);
        CHECK(walks[1].how == CreditHow::Confirmed);
        CHECK(walks[1].note == "round the block");
        CHECK(walks[2].id == 7);
        CHECK(store.all_sitting_bouts().size() == 1);
        CHECK(store.all_reminders().size() == 2);
        CHECK(store.recent_checkins(10).size() == 1);
        const auto days = store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 0min);
        REQUIRE(days.size() == 2);
        CHECK(days[0].walk_seconds == 300s + 420s + 600s);
        CHECK(days[0].walks == 3);
        CHECK(days[0].sitting_seconds == 45min);
        CHECK(days[0].reminders.sent == 2);
        CHECK(days[1].walk_seconds == 600s);
    }
    // The migration to version 2 built the per-day totals from the rows.
    {
        Database db(path, SQLITE_OPEN_READONLY);
        CHECK(query_text(db, "SELECT starts_at FROM day_totals_basis") == "0");
        CHECK(query_text(db, "SELECT count(*) FROM day_totals") == "2");
        CHECK(query_text(db, "SELECT walk_seconds || ' ' || walks FROM day_totals ORDER BY day") ==
              "1320 3");
    }
    // Written on by this walkbreak, the old file stays sound.
    Store store(path, Store::Mode::ReadWrite);
    CHECK(store.add_walk(make_walk(utc_time(2026, 3, 4, 9, 0), 5min, UtcOffset{3600})) == 8);
    CHECK(store.integrity_check() == "ok");
}

TEST_CASE("a version 2 database gains the meetings table and keeps its rows and totals",
          "[store][schema][meeting]") {
    TempDir tmp;
    const std::string path = make_v2_database(tmp);
    {
        Database db(path, SQLITE_OPEN_READONLY);
        REQUIRE(read_user_version(db) == 2);
    }
    SECTION("a read-only open refuses it untouched") {
        const std::string before = read_bytes(path);
        CHECK_THROWS_AS(Store(path, Store::Mode::ReadOnly), StoreError);
        CHECK(read_bytes(path) == before);
    }
    SECTION("a read-write open migrates it") {
        Store store(path, Store::Mode::ReadWrite);
        CHECK(store.user_version() == Store::schema_version);
        CHECK(store.integrity_check() == "ok");
        CHECK(store.all_walks().size() == 3);
        CHECK(store.all_sitting_bouts().size() == 1);
        CHECK(store.all_reminders().size() == 2);
        CHECK(store.recent_checkins(10).size() == 1);
        CHECK(store.all_meetings().empty());
        {
            // The kept totals were not rebuilt: the same rows, no meeting time,
            // and still what the rows say.
            Database db(path, SQLITE_OPEN_READONLY);
            CHECK(query_text(db,
                             "SELECT group_concat(day || ':' || walk_seconds || ':' || "
                             "meeting_seconds, ' ') FROM day_totals") ==
                  "20514:1320:0 20515:600:0");
            CHECK(day_totals_current(db, 0min));
            CHECK(read_kept_day_totals(db, date(2026, 3, 1), date(2026, 3, 4)) ==
                  compute_day_totals(db, date(2026, 3, 1), date(2026, 3, 4), 0min));
        }
        // A meeting across midnight on the migrated file counts on both days.
        store.add_meeting({local_time(2026, 3, 2, 23, 40, UtcOffset{3600}),
                           local_time(2026, 3, 3, 0, 10, UtcOffset{3600}),
                           UtcOffset{3600},
                           {MeetingSignal::Microphone}});
        const auto days = store.day_totals(date(2026, 3, 2), date(2026, 3, 3), 0min);
        REQUIRE(days.size() == 2);
        CHECK(days[0].meeting_seconds == 20min);
        CHECK(days[0].walk_seconds == 1320s);
        CHECK(days[1].meeting_seconds == 10min);
        CHECK(store.integrity_check() == "ok");
    }
}

TEST_CASE("a failed migration to version 3 leaves a version 2 file as it was",
          "[store][schema][meeting]") {
    TempDir tmp;
    const std::string path = make_v2_database(tmp);
    // The file already holds a table named meetings: version 3 cannot
    // create its own, and its transaction is rolled back whole.
    run_sql(path, "CREATE TABLE meetings(x)");
    const auto error = store_error_from([&] { Store(path, Store::Mode::ReadWrite); });
    CHECK_THAT(error.what(), Catch::Contains("meetings"));
    Database db(path, SQLITE_OPEN_READONLY);
    CHECK(read_user_version(db) == 2);
    CHECK(query_text(db,
                     "SELECT count(*) FROM pragma_table_info('day_totals') "
                     "WHERE name = 'meeting_seconds'") == "0");
    CHECK(query_text(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'meetings_start'") ==
          "0");
    CHECK(query_text(db, "SELECT count(*) FROM walks") == "3");
}

TEST_CASE("a migrated database has the same schema as a new one", "[store][schema]") {
    TempDir tmp;
    const std::string old_path = make_v1_database(tmp);
    create_store(old_path);
    const std::string new_path = tmp.file("new.db");
    create_store(new_path);
    CHECK(schema_of(old_path) == schema_of(new_path));
    TempDir v2_dir;
    const std::string v2_path = make_v2_database(v2_dir);
    create_store(v2_path);
    CHECK(schema_of(v2_path) == schema_of(new_path));
    TempDir v3_dir;
    const std::string v3_path = make_v2_database(v3_dir);
    run_sql(v3_path, read_text_file(std::string(WALKBREAK_TEST_DATA) + "/store_v3.sql"));
    create_store(v3_path);
    CHECK(schema_of(v3_path) == schema_of(new_path));
    TempDir v4_dir;
    const std::string v4_path = make_v2_database(v4_dir);
    for (const char* step : {"/store_v3.sql", "/store_v4.sql"}) {
        run_sql(v4_path, read_text_file(std::string(WALKBREAK_TEST_DATA) + step));
    }
    create_store(v4_path);
    CHECK(schema_of(v4_path) == schema_of(new_path));
}

TEST_CASE("opening applies each missing migration in order and keeps the rows", "[store][schema]") {
    TempDir tmp;
    const std::string path = make_v1_database(tmp);
    const std::array history{migrations()[0],
                             Migration{2, &add_mood_column},
                             Migration{3, &add_walk_days},
                             Migration{4, &add_mood_index},
                             Migration{5, &add_note_index},
                             Migration{6, &add_mood_view}};
    static_assert(history.size() > Store::schema_version);
    Database db = open_store_database(path, Store::Mode::ReadWrite, history);
    CHECK(read_user_version(db) == 6);
    CHECK(query_text(db, "SELECT group_concat(mood) FROM moods") == "fine");
    CHECK(query_text(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'walks_note'") == "1");
    CHECK(query_text(db, "SELECT count(*) FROM walks") == "3");
    CHECK(query_text(db, "SELECT group_concat(id || ':' || mood || ':' || note, '|') FROM walks") ==
          "1:fine:|2:fine:round the block|7:fine:across midnight");
    CHECK(query_text(db, "SELECT count(*) FROM walk_days") == "1");
    CHECK(query_text(db, "SELECT count(*) FROM reminders") == "2");
    CHECK(query_text(db, "PRAGMA journal_mode") == "wal");

    SECTION("and a store of the older version then refuses the file as newer") {
        const auto error = store_error_from([&] { Store(path, Store::Mode::ReadOnly); });
        CHECK(error.kind() == StoreError::Kind::NewerSchema);
    }
}

TEST_CASE("a database opened for writing uses WAL, normal sync, foreign keys and a busy timeout",
          "[store][schema]") {
    TempDir tmp;
    Database db =
        open_store_database(tmp.file("walkbreak.db"), Store::Mode::ReadWrite, migrations());
    CHECK(query_text(db, "PRAGMA journal_mode") == "wal");
    CHECK(query_text(db, "PRAGMA synchronous") == "1");  // NORMAL
    CHECK(query_text(db, "PRAGMA foreign_keys") == "1");
    CHECK(query_text(db, "PRAGMA busy_timeout") == "5000");
    CHECK(query_text(db, "PRAGMA user_version") == std::to_string(Store::schema_version));
}

TEST_CASE("a failing migration leaves the database at the last version that completed",
          "[store][schema]") {
    TempDir tmp;
    const std::string path = make_v1_database(tmp);
    const std::array history{migrations()[0], Migration{2, &add_mood_column},
                             Migration{3, &fail_halfway}};
    const auto error =
        store_error_from([&] { open_store_database(path, Store::Mode::ReadWrite, history); });
    CHECK_THAT(error.what(), Catch::Contains("no such table"));
    CHECK_THAT(error.what(), Catch::Contains(path));

    Database db(path, SQLITE_OPEN_READONLY);
    CHECK(read_user_version(db) == 2);
    CHECK(query_text(db, "SELECT count(*) FROM walks WHERE mood = 'fine'") == "3");
    CHECK(query_text(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'") == "0");
}

TEST_CASE("a database with a newer schema is refused and left byte for byte unchanged",
          "[store][schema]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    // In rollback-journal mode, switching to WAL before the check would show.
    const std::string journal_mode = GENERATE(as<std::string>{}, "DELETE", "WAL");
    run_sql(path, "PRAGMA journal_mode = " + journal_mode +
                      "; CREATE TABLE walks(id INTEGER PRIMARY KEY, mood TEXT);"
                      "INSERT INTO walks(mood) VALUES ('great'); PRAGMA user_version = 7;");
    const std::string before = read_bytes(path);
    REQUIRE_FALSE(before.empty());

    for (auto mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
        const auto error = store_error_from([&] { Store(path, mode); });
        CHECK(error.kind() == StoreError::Kind::NewerSchema);
        CHECK(std::string(error.what()) ==
              path + fmt::format(" has schema version 7, but this walkbreak understands up to "
                                 "{}; upgrade walkbreak (the file was not changed)",
                                 Store::schema_version));
        CHECK(read_bytes(path) == before);
    }
}

TEST_CASE("a read-only open of a missing file is an Open error and creates nothing",
          "[store][schema]") {
    TempDir tmp;
    const std::string path = tmp.file("data/walkbreak.db");
    const auto error = store_error_from([&] { Store(path, Store::Mode::ReadOnly); });
    CHECK(error.kind() == StoreError::Kind::Open);
    CHECK_THAT(error.what(), Catch::Contains(path) && Catch::Contains("walkbreakd"));
    CHECK_FALSE(file_exists(tmp.file("data")));
}

TEST_CASE("a read-only open of an older schema is refused without migrating", "[store][schema]") {
    TempDir tmp;
    SECTION("an empty file, version 0") {
        const std::string path = tmp.file("walkbreak.db");
        create_empty_file(path);
        const auto error = store_error_from([&] { Store(path, Store::Mode::ReadOnly); });
        CHECK(error.kind() == StoreError::Kind::Open);
        CHECK_THAT(error.what(), Catch::Contains("schema version 0") &&
                                     Catch::Contains("start walkbreakd once to upgrade it"));
        CHECK(read_bytes(path).empty());
    }
    SECTION("version 1 with rows, when this walkbreak knows version 2") {
        const std::string path = make_v1_database(tmp);
        const std::string before = read_bytes(path);
        const std::array history{migrations()[0], Migration{2, &add_mood_column}};
        const auto error =
            store_error_from([&] { open_store_database(path, Store::Mode::ReadOnly, history); });
        CHECK(error.kind() == StoreError::Kind::Open);
        CHECK_THAT(error.what(), Catch::Contains("schema version 1"));
        CHECK(read_bytes(path) == before);
    }
}

TEST_CASE("a file that is not a database is reported as corrupt", "[store][schema]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    std::ofstream(path) << std::string(4096, 'x');
    for (auto mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
        const auto error = store_error_from([&] { Store(path, mode); });
        CHECK(error.kind() == StoreError::Kind::Corrupt);
        CHECK_THAT(error.what(), Catch::Contains(path) && Catch::Contains("not a database"));
    }
    CHECK(read_bytes(path) == std::string(4096, 'x'));
}

TEST_CASE("SQLite failures become StoreErrors of the matching kind", "[store][schema]") {
    CHECK(store_error_kind(SQLITE_BUSY) == StoreError::Kind::Busy);
    CHECK(store_error_kind(SQLITE_LOCKED) == StoreError::Kind::Busy);
    CHECK(store_error_kind(SQLITE_BUSY_SNAPSHOT) == StoreError::Kind::Busy);
    CHECK(store_error_kind(SQLITE_READONLY_DIRECTORY) == StoreError::Kind::ReadOnly);
    CHECK(store_error_kind(SQLITE_FULL) == StoreError::Kind::Full);
    CHECK(store_error_kind(SQLITE_CORRUPT) == StoreError::Kind::Corrupt);
    CHECK(store_error_kind(SQLITE_NOTADB) == StoreError::Kind::Corrupt);
    CHECK(store_error_kind(SQLITE_CANTOPEN) == StoreError::Kind::Open);
    CHECK(store_error_kind(SQLITE_IOERR_WRITE) == StoreError::Kind::Other);

    TempDir tmp;
    const auto error = store_error_from([&] {
        Database(tmp.file("missing/dir/x.db"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    });
    CHECK(error.kind() == StoreError::Kind::Open);
    CHECK_THAT(error.what(), Catch::Contains(tmp.file("missing/dir/x.db")) &&
                                 Catch::Contains("unable to open database file"));
}
