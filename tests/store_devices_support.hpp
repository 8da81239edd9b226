// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers for the tests of other devices' records in the store
// (test_store_devices*.cpp): devices, a journal built entry by entry, and the
// kept totals checked against the rows.
#include <string>
#include <string_view>
#include <vector>

#include "core/day_totals_table.hpp"
#include "core/journal_merge.hpp"
#include "core/store_totals.hpp"
#include "store_test_support.hpp"

namespace walkbreak::test {

using namespace walkbreak::core;
using namespace std::chrono_literals;

constexpr DeviceId laptop = DeviceId::from_bits(0x00c4e1a27b9d3f58);
constexpr DeviceId tablet = DeviceId::from_bits(0x7b00000000000001);
constexpr UtcOffset berlin{3600};

// 2026-03-02 at h:m in Berlin.
inline WallTime march_2(int h, int m, int s = 0) { return local_time(2026, 3, 2, h, m, berlin, s); }

inline WalkRecord walk_at(WallTime start, Seconds length, std::string note = {}) {
    return make_walk(start, length, berlin, CreditHow::Auto, std::move(note));
}

// What one device's journals say, built entry by entry as its daemon would
// journal its records: each put or delete the next sequence.
class Journal {
public:
    explicit Journal(DeviceId device, std::string name = "laptop") : device_(device) {
        entries_.push_back(put_entry(device_, ++seq_, 1, DeviceNameRecord{std::move(name)}));
    }
    std::int64_t put(JournalRecord record, std::int64_t id = 0) {
        if (id == 0) id = ++row_;
        entries_.push_back(put_entry(device_, ++seq_, id, std::move(record)));
        return id;
    }
    void remove(RecordKind kind, std::int64_t id) {
        entries_.push_back(delete_entry(device_, ++seq_, RecordKey{kind, id}));
    }
    // An entry that is on its way: its sequence is taken, its line not read.
    void skip_one() { ++seq_; }
    DeviceRecords merged() const {
        auto devices = merge_journals(entries_);
        REQUIRE(devices.size() == 1);
        return devices.front();
    }

private:
    DeviceId device_;
    std::uint64_t seq_{0};
    std::int64_t row_{0};
    std::vector<JournalEntry> entries_;
};

inline DayTotals day_of(const Store& store, Date d, DeviceScope scope = DeviceScope::all()) {
    const auto days = store.day_totals(d, d, 0min, scope);
    REQUIRE(days.size() == 1);
    return days.front();
}

inline std::string query(const std::string& path, std::string_view sql) {
    Database db(path, SQLITE_OPEN_READONLY);
    return query_text(db, sql);
}

// Every day's kept totals of `which` against the same computed from the rows.
inline void check_kept_totals_are_right(const std::string& path, Date from, Date to) {
    Database db(path, SQLITE_OPEN_READONLY);
    REQUIRE(day_totals_current(db, 0min, KeptTotals::ThisDevice));
    CHECK(read_kept_day_totals(db, from, to, KeptTotals::ThisDevice) ==
          compute_day_totals(db, from, to, 0min));
    if (has_other_devices(db)) {
        REQUIRE(day_totals_current(db, 0min, KeptTotals::AllDevices));
        CHECK(read_kept_day_totals(db, from, to, KeptTotals::AllDevices) ==
              compute_all_devices_day_totals(db, from, to, 0min));
    }
}

}  // namespace walkbreak::test
