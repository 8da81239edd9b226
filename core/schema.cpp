// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/schema.hpp"

#include <fmt/format.h>

#include <string_view>

namespace walkbreak::core {
namespace {

// The version `history` ends at, after checking that it counts 1, 2, 3 ...
int latest_version(std::span<const Migration> history) {
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (history[i].version != static_cast<int>(i) + 1 || history[i].apply == nullptr) {
            throw StoreError(StoreError::Kind::Other, "the list of schema migrations is broken");
        }
    }
    return static_cast<int>(history.size());
}

void refuse_newer(const Database& db, int version, int latest) {
    if (version > latest) {
        throw StoreError(StoreError::Kind::NewerSchema,
                         fmt::format("{} has schema version {}, but this walkbreak understands up "
                                     "to {}; upgrade walkbreak (the file was not changed)",
                                     db.path(), version, latest));
    }
}

// A pragma that answers with one text row, e.g. journal_mode.
std::string pragma_text(Database& db, std::string_view sql) {
    Statement st(db, sql);
    return st.step() ? st.column_text(0) : std::string();
}

}  // namespace

int read_user_version(Database& db) {
    Statement st(db, "PRAGMA user_version");
    return st.step() ? static_cast<int>(st.column_int64(0)) : 0;
}

void prepare_for_writing(Database& db, std::span<const Migration> history) {
    const int latest = latest_version(history);
    // Before anything that could write, such as switching the journal mode.
    refuse_newer(db, read_user_version(db), latest);

    // WAL lets the CLI read while the daemon writes. synchronous=NORMAL in WAL
    // mode cannot corrupt the file; a power cut may lose the last commits only.
    const std::string mode = pragma_text(db, "PRAGMA journal_mode = WAL");
    if (mode != "wal") {
        throw StoreError(StoreError::Kind::Other,
                         fmt::format("{}: cannot use write-ahead logging (journal mode stays "
                                     "\"{}\"); is the file on a network file system?",
                                     db.path(), mode));
    }
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");

    for (const Migration& step : history) {
        if (read_user_version(db) >= step.version) continue;
        Transaction tx(db, Transaction::Kind::Write);
        // Again under the write lock: another process may have just done it.
        const int version = read_user_version(db);
        if (version >= step.version) continue;
        step.apply(db);
        db.exec(fmt::format("PRAGMA user_version = {}", step.version));
        tx.commit();
    }
}

void check_for_reading(Database& db, std::span<const Migration> history) {
    const int latest = latest_version(history);
    const int version = read_user_version(db);
    refuse_newer(db, version, latest);
    if (version < latest) {
        throw StoreError(StoreError::Kind::Open,
                         fmt::format("{} has schema version {}, older than the version {} this "
                                     "walkbreak reads; start walkbreakd once to upgrade it (the "
                                     "file was not changed)",
                                     db.path(), version, latest));
    }
}

}  // namespace walkbreak::core
