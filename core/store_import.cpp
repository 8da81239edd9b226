// SPDX-License-Identifier: GPL-3.0-or-later
// Store::import_records. Each record is looked up by its kind's identity
// (start and end) through the start index before it is inserted, inside one
// write transaction, so duplicates within the batch are caught as well.
#include "core/store_import.hpp"

#include <string_view>

#include "core/day_totals_table.hpp"
#include "core/store_totals.hpp"
#include "core/walk_union.hpp"

namespace walkbreak::core {
namespace {

// An identity probe and an insert for one table, prepared once per import.
class Inserter {
public:
    Inserter(Database& db, std::string_view exists_sql, std::string_view insert_sql)
        : exists_(db, exists_sql), insert_(db, insert_sql) {}

    // True when a row with this identity is stored already.
    bool exists(std::int64_t first, std::int64_t second) {
        exists_.reset();
        exists_.bind(1, first).bind(2, second);
        return exists_.step();
    }
    // A fresh insert statement, its bindings cleared.
    Statement& insert() {
        insert_.reset();
        return insert_;
    }

private:
    Statement exists_;
    Statement insert_;
};

}  // namespace

ImportResult import_record_set(Database& db, const RecordSet& records) {
    ImportResult result;
    Transaction tx(db);

    Inserter walks(db, "SELECT 1 FROM walks WHERE start_utc = ?1 AND end_utc = ?2 LIMIT 1",
                   "INSERT INTO walks(start_utc, end_utc, utc_offset, how, note) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& w : records.walks) {
        const auto start = to_unix_seconds(w.start);
        const auto end = to_unix_seconds(w.end);
        if (walks.exists(start, end)) {
            ++result.skipped.walks;
            continue;
        }
        if (auto once = check_walked_once(w, walks_near(db, w)); !once) {
            if (result.overlapping_walks++ == 0) result.first_overlap = once.error();
            continue;
        }
        walks.insert()
            .bind(1, start)
            .bind(2, end)
            .bind(3, w.utc_offset.count())
            .bind(4, to_string(w.how))
            .bind(5, w.note)
            .run();
        ++result.added.walks;
    }

    Inserter bouts(db, "SELECT 1 FROM sitting_bouts WHERE start_utc = ?1 AND end_utc = ?2 LIMIT 1",
                   "INSERT INTO sitting_bouts(start_utc, end_utc, utc_offset) VALUES (?1, ?2, ?3)");
    for (const auto& b : records.sitting_bouts) {
        const auto start = to_unix_seconds(b.start);
        const auto end = to_unix_seconds(b.end);
        if (bouts.exists(start, end)) {
            ++result.skipped.sitting_bouts;
            continue;
        }
        bouts.insert().bind(1, start).bind(2, end).bind(3, b.utc_offset.count()).run();
        ++result.added.sitting_bouts;
    }

    Inserter reminders(
        db, "SELECT 1 FROM reminders WHERE shown_utc = ?1 AND resolved_utc = ?2 LIMIT 1",
        "INSERT INTO reminders(shown_utc, escalated, outcome, resolved_utc, utc_offset) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& r : records.reminders) {
        const auto shown = to_unix_seconds(r.shown);
        const auto resolved = to_unix_seconds(r.resolved);
        if (reminders.exists(shown, resolved)) {
            ++result.skipped.reminders;
            continue;
        }
        reminders.insert()
            .bind(1, shown)
            .bind(2, r.escalated ? 1 : 0)
            .bind(3, to_string(r.outcome))
            .bind(4, resolved)
            .bind(5, r.utc_offset.count())
            .run();
        ++result.added.reminders;
    }

    // A check-in is an instant: ?2 repeats it so that the probe has the same shape.
    Inserter checkins(db, "SELECT 1 FROM checkins WHERE at_utc = ?1 AND at_utc = ?2 LIMIT 1",
                      "INSERT INTO checkins(at_utc, feel, utc_offset) VALUES (?1, ?2, ?3)");
    for (const auto& c : records.checkins) {
        const auto at = to_unix_seconds(c.at);
        if (checkins.exists(at, at)) {
            ++result.skipped.checkins;
            continue;
        }
        checkins.insert()
            .bind(1, at)
            .bind(2, to_string(c.feel))
            .bind(3, c.utc_offset.count())
            .run();
        ++result.added.checkins;
    }

    // Meetings are stored as they come, overlaps included: totals take the union.
    Inserter meetings(db, "SELECT 1 FROM meetings WHERE start_utc = ?1 AND end_utc = ?2 LIMIT 1",
                      "INSERT INTO meetings(start_utc, end_utc, utc_offset, signals) "
                      "VALUES (?1, ?2, ?3, ?4)");
    for (const auto& m : records.meetings) {
        const auto start = to_unix_seconds(m.start);
        const auto end = to_unix_seconds(m.end);
        if (meetings.exists(start, end)) {
            ++result.skipped.meetings;
            continue;
        }
        meetings.insert()
            .bind(1, start)
            .bind(2, end)
            .bind(3, m.utc_offset.count())
            .bind(4, signals_text(m.signals))
            .run();
        ++result.added.meetings;
    }

    settle_day_totals(db);
    tx.commit();
    return result;
}

}  // namespace walkbreak::core
