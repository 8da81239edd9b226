// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers for the store's tests: a private temporary directory, civil times
// built without the zone database, and readable failure output for DayTotals.
#include <stdlib.h>  // mkdtemp
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <catch2/catch.hpp>

#include "core/sqlite.hpp"
#include "core/store.hpp"

namespace walkbreak::test {

using namespace walkbreak::core;

// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
public:
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        std::string name = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                           "/walkbreak-store-test-XXXXXX";
        if (::mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = name;
    }
    ~TempDir() {
        std::error_code ec;
        // Tests may leave directories read-only; make them removable again.
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path_, ec)) {
            if (entry.is_directory(ec)) ::chmod(entry.path().c_str(), 0700);
        }
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

inline Date date(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} /
                                 std::chrono::day{d}};
}

// The instant at which local civil time y-m-d h:min:s reads on a clock whose
// offset from UTC is `offset`.
inline WallTime local_time(int y, unsigned m, unsigned d, int h, int min, UtcOffset offset,
                           int s = 0) {
    return WallTime{date(y, m, d)} + std::chrono::hours{h} + std::chrono::minutes{min} +
           std::chrono::seconds{s} - offset;
}
inline WallTime utc_time(int y, unsigned m, unsigned d, int h, int min, int s = 0) {
    return local_time(y, m, d, h, min, UtcOffset{0}, s);
}

inline WalkRecord make_walk(WallTime start, Seconds length, UtcOffset offset,
                            CreditHow how = CreditHow::Manual, std::string note = {}) {
    WalkRecord w;
    w.start = start;
    w.end = start + length;
    w.utc_offset = offset;
    w.how = how;
    w.note = std::move(note);
    return w;
}

// A walk as the store hands it back: with its id, starting at a unix second.
inline WalkRecord stored_walk(std::int64_t id, std::int64_t start_unix, Seconds length,
                              UtcOffset offset, CreditHow how, std::string note) {
    WalkRecord w = make_walk(from_unix_seconds(start_unix), length, offset, how, std::move(note));
    w.id = id;
    return w;
}

// The whole file; "" for an empty or missing one.
inline std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (in && in.peek() != std::ifstream::traits_type::eof()) bytes << in.rdbuf();
    return bytes.str();
}

inline std::string read_text_file(const std::string& path) {
    if (!std::filesystem::exists(path)) throw std::runtime_error("cannot read " + path);
    return read_bytes(path);
}

// Creates the database (or brings it to the current schema) and closes it.
inline void create_store(const std::string& path) {
    const Store store(path, Store::Mode::ReadWrite);
}

// An empty file, like `touch`.
inline void create_empty_file(const std::string& path) { const std::ofstream file(path); }

inline bool file_exists(const std::string& path) { return std::filesystem::exists(path); }

// Raw SQL on a database file through a connection of its own, as an older or
// newer walkbreak (or another process) would write it.
inline void run_sql(const std::string& path, std::string_view sql) {
    Database db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec(sql);
}

// The first row's first column of `sql`, as text.
inline std::string query_text(Database& db, std::string_view sql) {
    Statement st(db, sql);
    return st.step() ? st.column_text(0) : std::string("<no row>");
}

}  // namespace walkbreak::test

namespace Catch {
template <>
struct StringMaker<walkbreak::core::DayTotals> {
    static std::string convert(const walkbreak::core::DayTotals& t) {
        const std::chrono::year_month_day ymd{t.date};
        std::ostringstream out;
        out << "{" << static_cast<int>(ymd.year()) << "-" << static_cast<unsigned>(ymd.month())
            << "-" << static_cast<unsigned>(ymd.day()) << " walk " << t.walk_seconds.count()
            << "s in " << t.walks << ", sitting " << t.sitting_seconds.count() << "s longest "
            << t.longest_sitting.count() << "s, reminders sent " << t.reminders.sent << " walked "
            << t.reminders.walked << " snoozed " << t.reminders.snoozed << " skipped "
            << t.reminders.skipped << " ignored " << t.reminders.ignored << ", meetings "
            << t.meeting_seconds.count() << "s}";
        return out.str();
    }
};
}  // namespace Catch
