// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI reads the database read-only while the daemon writes it (WAL).
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <exception>
#include <functional>
#include <thread>

#include "store_test_support.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

constexpr UtcOffset cet{3600};

// Inserts a walk the way another walkbreak process would, in `db`'s open
// transaction.
void insert_walk(Database& db, WallTime start) {
    Statement st(db,
                 "INSERT INTO walks(start_utc, end_utc, utc_offset, how) "
                 "VALUES (?1, ?1 + 120, 3600, 'reminder')");
    st.bind(1, to_unix_seconds(start)).run();
}

// Runs `body` in a child process and gives its exit code, or 128 + the signal
// that ended it. With `as_nobody`, a child of root first becomes nobody, as
// root ignores file modes. cannot_test: the check is impossible here.
constexpr int cannot_test = 100;
int in_child(const std::function<int()>& body, bool as_nobody = false) {
    const pid_t child = ::fork();
    if (child < 0) {
        return cannot_test;
    }
    if (child == 0) {
        int code = cannot_test;
        const bool drop = as_nobody && ::geteuid() == 0;
        if (!drop ||
            (::setgroups(0, nullptr) == 0 && ::setgid(65534) == 0 && ::setuid(65534) == 0)) {
            try {
                code = body();
            } catch (...) {
                code = 99;
            }
        }
        ::_exit(code);
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child) {
        return cannot_test;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("a reader sees the last commit while a writer holds an open write transaction",
          "[store][concurrency]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    const auto morning = local_time(2026, 3, 2, 9, 0, cet);
    Store(path, Store::Mode::ReadWrite).add_walk(make_walk(morning, 5min, cet));

    Database writer(path, SQLITE_OPEN_READWRITE);
    Transaction tx(writer);
    insert_walk(writer, morning + 1h);

    // Opened in the middle of the writer's transaction.
    Store reader(path, Store::Mode::ReadOnly);
    CHECK(reader.all_walks().size() == 1);
    CHECK(reader.day_totals(date(2026, 3, 2), date(2026, 3, 2), 0min)[0].walks == 1);

    // A second writer waits for the lock; without a busy timeout it fails
    // at once with Busy.
    Database other(path, SQLITE_OPEN_READWRITE);
    try {
        Transaction blocked(other);
        FAIL("the second write transaction began");
    } catch (const StoreError& e) {
        CHECK(e.kind() == StoreError::Kind::Busy);
        CHECK_THAT(e.what(), Catch::Contains(path) && Catch::Contains("locked"));
    }

    tx.commit();
    CHECK(reader.all_walks().size() == 2);
    CHECK(reader.day_totals(date(2026, 3, 2), date(2026, 3, 2), 0min)[0].walks == 2);
}

TEST_CASE("a reader never sees half of a transaction while the writer commits",
          "[store][concurrency]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    create_store(path);
    const auto base = local_time(2026, 3, 2, 6, 0, cet);
    constexpr int commits = 150;

    // Each commit, through the Store as walkbreak writes: two walks and one
    // reminder, all on 2026-03-02, in one transaction. After each commit but
    // the last the writer waits until the reader has begun another read, so
    // reads are interleaved with the writes however the threads are scheduled.
    std::atomic<bool> done{false};
    std::atomic<int> reads_begun{0};
    std::atomic<int> commits_made{0};
    std::exception_ptr failure;
    std::thread writer([&] {
        try {
            Store daemon(path, Store::Mode::ReadWrite);
            for (int i = 0; i < commits; ++i) {
                const auto at = base + std::chrono::minutes{5 * i};
                RecordSet set;
                set.walks.push_back(make_walk(at, 2min, cet, CreditHow::Reminder));
                set.walks.push_back(make_walk(at + 2min, 2min, cet, CreditHow::Reminder));
                set.reminders.push_back({at, false, ReminderOutcome::Walked, at, cet});
                const int seen = reads_begun;
                daemon.import_records(set);
                ++commits_made;
                while (i + 1 < commits && reads_begun == seen) std::this_thread::yield();
            }
        } catch (...) {
            failure = std::current_exception();
        }
        done = true;
    });

    Store reader(path, Store::Mode::ReadOnly);
    int reads = 0;
    int half_walks = 0;
    int inconsistent_days = 0;
    int reads_between_commits = 0;  // saw some of the commits, not all
    int reads_across_a_commit = 0;  // a commit was made while the read ran
    while (!done) {
        const int before = commits_made;
        ++reads_begun;
        const auto walks = reader.all_walks().size();
        if (walks % 2 != 0) ++half_walks;
        const auto day = reader.day_totals(date(2026, 3, 2), date(2026, 3, 2), 0min).at(0);
        if (day.walks != 2 * day.reminders.sent) ++inconsistent_days;
        if (walks > 0 && walks < 2 * commits) ++reads_between_commits;
        if (commits_made != before) ++reads_across_a_commit;
        ++reads;
    }
    writer.join();
    if (failure) std::rethrow_exception(failure);
    INFO("reads during the writes: " << reads << ", across a commit: " << reads_across_a_commit);
    CHECK(half_walks == 0);
    CHECK(inconsistent_days == 0);
    // The reads did overlap the writes: the writer waited for them.
    CHECK(reads_between_commits >= commits - 2);
    const auto day = reader.day_totals(date(2026, 3, 2), date(2026, 3, 2), 0min).at(0);
    CHECK(day.walks == 2 * commits);
    CHECK(day.reminders.sent == commits);
}

TEST_CASE("a read-only open works when the database has no -wal file yet", "[store][concurrency]") {
    TempDir tmp;
    const std::string dir = tmp.file("data");
    const std::string path = dir + "/walkbreak.db";
    Store(path, Store::Mode::ReadWrite).add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 5min, cet));
    // The last connection to close checkpoints and removes the -wal.
    REQUIRE_FALSE(file_exists(path + "-wal"));

    SECTION("in a directory it may write") {
        Store reader(path, Store::Mode::ReadOnly);
        CHECK(reader.all_walks().size() == 1);
        CHECK(reader.integrity_check() == "ok");
    }

    SECTION("in a directory it may not write") {
        REQUIRE(::chmod(tmp.path().c_str(), 0755) == 0);
        REQUIRE(::chmod(dir.c_str(), 0555) == 0);
        REQUIRE(::chmod(path.c_str(), 0644) == 0);
        const int code = in_child(
            [&] {
                if (::access(dir.c_str(), W_OK) == 0 || ::access(path.c_str(), R_OK) != 0) {
                    return cannot_test;
                }
                Store reader(path, Store::Mode::ReadOnly);
                const bool ok = reader.all_walks().size() == 1 &&
                                reader.user_version() == Store::schema_version;
                return ok && !file_exists(path + "-wal") ? 0 : 1;
            },
            true);
        ::chmod(dir.c_str(), 0700);
        if (code == cannot_test) {
            WARN("cannot take write access to the directory away here; not tested");
            return;
        }
        CHECK(code == 0);  // 1: wrong data, 99: StoreError
    }
}

TEST_CASE("after the writer is killed mid-transaction, every commit is readable",
          "[store][concurrency]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    const auto morning = local_time(2026, 3, 2, 9, 0, cet);
    const int code = in_child([&] {
        Store daemon(path, Store::Mode::ReadWrite);
        for (int i = 0; i < 3; ++i) {
            daemon.add_walk(make_walk(morning + std::chrono::hours{i}, 5min, cet));
        }
        Database db(path, SQLITE_OPEN_READWRITE);
        Transaction open(db);
        insert_walk(db, morning + 5h);
        ::kill(::getpid(), SIGKILL);
        return 0;
    });
    REQUIRE(code == 128 + SIGKILL);
    // The commits are still in the -wal only.
    REQUIRE(file_exists(path + "-wal"));

    CHECK(Store(path, Store::Mode::ReadOnly).all_walks().size() == 3);
    Store store(path, Store::Mode::ReadWrite);
    CHECK(store.all_walks().size() == 3);
    store.add_walk(make_walk(morning + 6h, 5min, cet));
    CHECK(store.all_walks().size() == 4);
    CHECK(store.integrity_check() == "ok");
}

TEST_CASE("opening a file it may not write for writing is a ReadOnly error",
          "[store][concurrency]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store(path, Store::Mode::ReadWrite).add_walk(make_walk(utc_time(2026, 3, 2, 9, 0), 5min, cet));
    // The directory stays writable, so SQLite can open the file at all.
    REQUIRE(::chmod(tmp.path().c_str(), 0777) == 0);
    REQUIRE(::chmod(path.c_str(), 0444) == 0);
    const int code = in_child(
        [&] {
            if (::access(path.c_str(), W_OK) == 0 || ::access(path.c_str(), R_OK) != 0) {
                return cannot_test;
            }
            try {
                Store(path, Store::Mode::ReadWrite);
            } catch (const StoreError& e) {
                const bool names_path = std::string(e.what()).find(path) != std::string::npos;
                return e.kind() == StoreError::Kind::ReadOnly && names_path ? 0 : 2;
            }
            return 1;
        },
        true);
    if (code == cannot_test) {
        WARN("cannot take write access to the file away here; not tested");
        return;
    }
    CHECK(code == 0);  // 1: opened for writing, 2: wrong error
    CHECK(Store(path, Store::Mode::ReadOnly).all_walks().size() == 1);
}

TEST_CASE("with a short busy timeout a write that meets a lock fails fast with Busy",
          "[store][concurrency]") {
    TempDir tmp;
    const std::string path = tmp.file("walkbreak.db");
    Store store(path, Store::Mode::ReadWrite);
    store.set_busy_timeout(Millis{100});
    const auto morning = local_time(2026, 3, 2, 9, 0, cet);

    Database writer(path, SQLITE_OPEN_READWRITE);
    Transaction tx(writer);  // another process's write transaction
    insert_walk(writer, morning);

    const auto t0 = std::chrono::steady_clock::now();
    try {
        store.add_walk(make_walk(morning + 1h, 5min, cet));
        FAIL("the write went through another process's lock");
    } catch (const StoreError& e) {
        CHECK(e.kind() == StoreError::Kind::Busy);
    }
    const auto waited = std::chrono::steady_clock::now() - t0;
    CHECK(waited >= std::chrono::milliseconds{90});
    CHECK(waited < std::chrono::seconds{2});  // not the constructor's 5 s

    tx.commit();
    store.add_walk(make_walk(morning + 1h, 5min, cet));  // the lock is gone: it goes through
    CHECK(store.all_walks().size() == 2);
}
