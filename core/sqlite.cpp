// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sqlite.hpp"

#include <fmt/format.h>

#include <cctype>
#include <limits>
#include <utility>

namespace walkbreak::core {
namespace {

// A statement as it appears in an error message: whitespace runs collapsed,
// long text cut, so that the message stays one readable line.
std::string abbreviate(std::string_view sql) {
    constexpr std::size_t max_length = 60;
    std::string out;
    bool space = false;
    for (char c : sql) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
        if (out.size() >= max_length) {
            out += "...";
            break;
        }
    }
    return out;
}

// "file:" URI for sqlite3_open_v2 with SQLITE_OPEN_URI: everything but
// unreserved characters and '/' is percent-encoded, so '?', '#' and '%' in a
// file name stay part of the name.
std::string immutable_uri(const std::string& path) {
    std::string uri = "file:";
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '/' || c == '.' || c == '_' || c == '-' || c == '~') {
            uri += c;
        } else {
            uri += fmt::format("%{:02X}", u);
        }
    }
    return uri + "?immutable=1";
}

// Only whitespace and semicolons: what may follow the one statement prepared.
bool blank(std::string_view sql) {
    for (char c : sql) {
        if (c != ';' && std::isspace(static_cast<unsigned char>(c)) == 0) return false;
    }
    return true;
}

// SQLite takes int lengths; a longer text would be a bug, not data.
int checked_length(std::size_t size) {
    if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw StoreError(StoreError::Kind::Other, "text too long for SQLite");
    }
    return static_cast<int>(size);
}

}  // namespace

StoreError::Kind store_error_kind(int result_code) {
    switch (result_code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return StoreError::Kind::Busy;
        case SQLITE_READONLY:
            return StoreError::Kind::ReadOnly;
        case SQLITE_FULL:
            return StoreError::Kind::Full;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return StoreError::Kind::Corrupt;
        case SQLITE_CANTOPEN:
            return StoreError::Kind::Open;
        default:
            return StoreError::Kind::Other;
    }
}

Database::Database(std::string path, int flags, bool immutable) : path_(std::move(path)) {
    const std::string name = immutable ? immutable_uri(path_) : path_;
    if (immutable) flags |= SQLITE_OPEN_URI;
    const int rc = sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        // sqlite3_open_v2 allocates a handle even on failure, for the message.
        const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        close();
        throw StoreError(store_error_kind(rc),
                         fmt::format("{}: cannot open the database: {}", path_, message));
    }
    sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { close(); }

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

void Database::close() noexcept {
    // Statements are finalized by their owners first, so close_v2 frees the
    // connection now; it cannot fail with a valid handle.
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(rc, abbreviate(sql));
}

void Database::set_busy_timeout(int milliseconds) {
    const int rc = sqlite3_busy_timeout(db_, milliseconds);
    if (rc != SQLITE_OK) fail(rc, "setting the busy timeout");
}

bool Database::is_read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

void Database::fail(int result_code, std::string_view context) const {
    // The connection's message belongs to the latest failed call; when it does
    // not match `result_code` (e.g. a COMMIT after an automatic rollback), the
    // generic text for the code is the honest one.
    const bool matches = db_ != nullptr && sqlite3_extended_errcode(db_) == result_code;
    const char* message = matches ? sqlite3_errmsg(db_) : sqlite3_errstr(result_code);
    throw StoreError(store_error_kind(result_code),
                     fmt::format("{}: {} (in \"{}\")", path_, message, context));
}

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v2(db.handle(), sql.data(), checked_length(sql.size()), &stmt_, &tail);
    if (rc != SQLITE_OK) db.fail(rc, abbreviate(sql));
    const auto used = static_cast<std::size_t>(tail - sql.data());
    if (stmt_ == nullptr || !blank(sql.substr(used))) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw StoreError(
            StoreError::Kind::Other,
            fmt::format("{}: not exactly one SQL statement: \"{}\"", db.path(), abbreviate(sql)));
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_, index, value));
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check_bind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8));
    return *this;
}

void Statement::check_bind(int result_code) const {
    if (result_code != SQLITE_OK) fail(result_code);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // Reset so that the statement releases its read snapshot or lock at once.
    sqlite3_reset(stmt_);
    fail(rc);
}

void Statement::run() {
    if (step()) {
        throw StoreError(StoreError::Kind::Other,
                         fmt::format("{}: statement returned rows: \"{}\"", db_->path(),
                                     abbreviate(sqlite3_sql(stmt_))));
    }
}

std::int64_t Statement::column_int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::string Statement::column_text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
    return {reinterpret_cast<const char*>(text), size};
}

bool Statement::column_is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void Statement::reset() {
    // sqlite3_reset repeats the error of a failed step, which step() has
    // already thrown; the statement is usable again either way.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

void Statement::fail(int result_code) const {
    db_->fail(result_code, abbreviate(sqlite3_sql(stmt_)));
}

Transaction::Transaction(Database& db, Kind kind) : db_(db) {
    db_.exec(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL);
    // a second ROLLBACK would only report that, so it is not attempted.
    if (open_ && sqlite3_get_autocommit(db_.handle()) == 0) {
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

}  // namespace walkbreak::core
