// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The two ways walkbreakd writes into the sync folder (docs/SYNC.md): lines
// appended to its journal, and a small file replaced whole. Neither creates
// the folder: a folder that is missing (not mounted, not set up yet) is a
// failure to report, not something to make. Loop thread only; each call is a
// few system calls on a local file.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "core/store.hpp"

namespace walkbreak::daemon {

// What went wrong: the call that failed and its errno.
struct FileFailure {
    std::string call;  // "open", "write" ...
    int error{0};
    std::string describe(const std::filesystem::path& file) const;
};

struct AppendResult {
    std::size_t appended{0};  // lines written whole, from the first
    std::optional<FileFailure> failure;
};

// Appends `lines` to `file` (created 0600 when missing), each with one
// write(2) of the whole line on an O_APPEND descriptor, so that a reader sees
// whole lines or a torn last one. First, when the file does not end in a
// newline (a line torn by a crash or a full disk), writes one, so that the
// fragment becomes one damaged line instead of swallowing the next. No fsync:
// the database is the durable copy. Stops at the first failure.
AppendResult append_journal_lines(const std::filesystem::path& file,
                                  std::span<const core::OwedJournalLine> lines);

// Writes `text` to `.NAME.tmp` beside `file` (NAME its file name) and renames
// it over `file`, so that a reader (and the sync engine) only ever sees the
// old contents or the new, whole.
std::optional<FileFailure> replace_file(const std::filesystem::path& file, std::string_view text);

}  // namespace walkbreak::daemon
