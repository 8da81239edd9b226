// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Opening the store's file, and its schema: the version lives in PRAGMA
// user_version, and forward migrations take a database from any older version
// to the current one. Internal to the store (and its tests).
#include <span>
#include <string>

#include "core/sqlite.hpp"

namespace walkbreak::core {

// One step of the schema's history: takes a database at `version - 1` to
// `version`. `apply` runs inside the migration's write transaction and must
// not open one itself.
struct Migration {
    int version;
    void (*apply)(Database& db);
};

// walkbreak's migrations, oldest first; the last one is Store::schema_version.
// A new schema version is one more entry here (and never an edit of an old
// one: old entries are what existing files went through).
std::span<const Migration> migrations();

// PRAGMA user_version; 0 for a new, empty database.
int read_user_version(Database& db);

// For a database opened read-write: refuses a schema newer than `history`
// knows (StoreError::Kind::NewerSchema, before anything is written), switches
// to WAL with the connection settings the store relies on, and applies every
// missing migration in order, each in its own transaction, so a failure keeps
// the database at the last version that completed.
void prepare_for_writing(Database& db, std::span<const Migration> history);

// For a database opened read-only, which is never migrated: a newer schema is
// StoreError::Kind::NewerSchema, an older one StoreError::Kind::Open with a
// message saying that starting walkbreakd once upgrades it.
void check_for_reading(Database& db, std::span<const Migration> history);

// Opens the store's file as Store(path, mode) does, with `history` as the
// schema's migrations (schema.cpp's own for the store; tests pass others).
// ReadWrite creates missing directories (0700) and the file (0600), then
// prepare_for_writing(). ReadOnly never creates or migrates anything: a
// missing file is StoreError::Kind::Open, then check_for_reading().
Database open_store_database(const std::string& path, Store::Mode mode,
                             std::span<const Migration> history);

}  // namespace walkbreak::core
