// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a Store holds, for the files that implement its functions. Internal
// to the store.
#include <fmt/format.h>

#include "core/sqlite.hpp"
#include "core/store.hpp"

namespace walkbreak::core {

struct Store::Impl {
    Database db;
    Mode mode;

    // Writes on a read-only store are a bug in the caller; say so plainly
    // rather than with SQLite's "attempt to write a readonly database".
    void require_writable() const {
        if (mode != Mode::ReadWrite) {
            throw StoreError(StoreError::Kind::ReadOnly,
                             fmt::format("{} is open read-only", db.path()));
        }
    }
};

// What `read` gives within one read snapshot of `db`.
template <typename Read>
auto in_snapshot(Database& db, Read&& read) {
    Transaction snapshot(db, Transaction::Kind::Read);
    auto result = read();
    snapshot.commit();
    return result;
}

}  // namespace walkbreak::core
