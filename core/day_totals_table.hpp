// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The day_totals table (schema version 2): every local day's totals, kept
// right by each write in the same transaction (settle_day_totals), so that a range of days costs
// O(days) to read however many rows lie behind it. Internal to the store.
//
// Why one basis: a local day depends on day.starts_at, which is a setting.
// The table holds the days of one starts_at (its basis, in the one-row table
// day_totals_basis); a write refreshes the one or two days its row touches
// under that basis, and a reader with another starts_at (a config changed
// but not yet seen by walkbreakd, a --config given by hand) computes from the
// rows instead, which is always right, only slower. walkbreakd and the
// commands that write rebuild the table for their starts_at when it differs
// (Store::use_day_start). Buckets finer than a day (so any starts_at could be
// summed) would not do: walking time is a union, and unions do not add up.
#include <optional>
#include <vector>

#include "core/civil.hpp"
#include "core/sqlite.hpp"
#include "core/store.hpp"

namespace walkbreak::core {

// Which kept totals: this computer's (day_totals) or all devices'.
enum class KeptTotals { ThisDevice, AllDevices };

// The starts_at whose days the table holds; none before the first build.
std::optional<TimeOfDay> day_totals_basis(Database& db);

// True when the kept days are right for `starts_at`: it is the basis, the
// table is built, and no row was written since the last settle (by a
// process that does not settle, such as the sqlite3 shell).
bool day_totals_current(Database& db, TimeOfDay starts_at,
                        KeptTotals which = KeptTotals::ThisDevice);

// Drops the tables' days and computes every day from the rows for
// `starts_at`, which becomes the basis (all devices' days only while there
// is another device). Within the caller's write transaction.
void rebuild_day_totals(Database& db, TimeOfDay starts_at);

// Recomputes the days touched by the rows written since the last settle (as
// the triggers listed them in day_totals_dirty, and day_totals_dirty_devices
// for all devices' days), in contiguous runs; builds all devices' days when
// there is another device and they are not kept yet, and drops them when
// there is none. Every write of the store calls it last, within its
// transaction.
void settle_day_totals(Database& db);

// The kept totals of [from, to], one per date (days with nothing included).
std::vector<DayTotals> read_kept_day_totals(Database& db, Date from, Date to,
                                            KeptTotals which = KeptTotals::ThisDevice);

}  // namespace walkbreak::core
