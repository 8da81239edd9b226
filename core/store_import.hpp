// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Store::import_records: many records in one transaction, duplicates skipped.
// Internal to the store.
#include "core/sqlite.hpp"
#include "core/store.hpp"

namespace walkbreak::core {

// All or nothing: any failure rolls the whole set back and throws StoreError.
ImportResult import_record_set(Database& db, const RecordSet& records);

}  // namespace walkbreak::core
