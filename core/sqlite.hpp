// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small RAII types over the sqlite3 C API, for the store and its schema only.
// Every return code is checked: a failure throws StoreError whose kind follows
// SQLite's primary result code and whose message names the database file and
// SQLite's own explanation. Like sqlite3 connections used without a mutex,
// none of these may be shared between threads.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/store.hpp"

namespace walkbreak::core {

// The StoreError kind for a (primary or extended) SQLite result code.
StoreError::Kind store_error_kind(int result_code);

class Database {
public:
    // sqlite3_open_v2 with `flags` (SQLITE_OPEN_READONLY, SQLITE_OPEN_READWRITE |
    // SQLITE_OPEN_CREATE, ...). `immutable` opens the file through a URI with
    // immutable=1: no locks and no -wal/-shm files, so only for a file that
    // nothing can be writing. Extended result codes are enabled.
    Database(std::string path, int flags, bool immutable = false);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

    // Runs SQL that returns no rows (one or several statements).
    void exec(std::string_view sql);
    // How long a statement waits for another connection's lock before it
    // fails with StoreError::Kind::Busy.
    void set_busy_timeout(int milliseconds);
    // True when the file could only be opened for reading.
    bool is_read_only() const;
    std::int64_t last_insert_rowid() const;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

    // Throws the StoreError for `result_code`, with SQLite's message for this
    // connection and `context` (what was being done, e.g. the statement).
    [[noreturn]] void fail(int result_code, std::string_view context) const;

private:
    void close() noexcept;

    sqlite3* db_{nullptr};
    std::string path_;
};

class Statement {
public:
    // Prepares exactly one SQL statement.
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are numbered from 1, as in SQL's ?1, ?2 ... Text is copied.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);

    // True when a row is ready to be read; false when the statement is done.
    bool step();
    // Steps a statement that returns no rows (INSERT, DELETE ...).
    void run();

    // Columns are numbered from 0. NULL reads as 0 or "".
    std::int64_t column_int64(int column) const;
    std::string column_text(int column) const;
    bool column_is_null(int column) const;

    // Ready to step again from the start; bindings are cleared.
    void reset();

    sqlite3_stmt* handle() const { return stmt_; }

private:
    [[noreturn]] void fail(int result_code) const;
    void check_bind(int result_code) const;

    Database* db_;
    sqlite3_stmt* stmt_{nullptr};
};

// BEGIN ... COMMIT, rolled back by the destructor unless commit() was called
// (so an exception between the two leaves the database as it was).
class Transaction {
public:
    enum class Kind {
        Read,   // BEGIN DEFERRED: one consistent snapshot for several SELECTs
        Write,  // BEGIN IMMEDIATE: takes the write lock now, so a write later in
                // the transaction cannot fail with Busy halfway through
    };
    explicit Transaction(Database& db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& db_;
    bool open_{true};
};

}  // namespace walkbreak::core
