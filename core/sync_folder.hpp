// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The names of the files in the sync folder (docs/SYNC.md "Folder layout"):
//
//   desk.3f2a9c0d5e6b7a81.2026-12.journal   device "desk"'s journal for December 2026 (UTC)
//   desk.3f2a9c0d5e6b7a81.presence          its presence: sitting or away, and since when
//
// Each device writes only files with its own id. Anything else in the folder
// is the sync engine's, a conflict copy, or unknown, and is never read.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/device_id.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

// A month of the UTC calendar: a journal file's span. UTC, so that a change of
// zone never leaves a device with two current files.
struct YearMonth {
    int year{1970};
    unsigned month{1};  // 1..12
    friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};
YearMonth year_month_of(WallTime at);

// The device name as file names carry it: lower case ASCII letters, digits and
// single hyphens, at most 32 characters; "device" when nothing is left. Only
// for people looking at the folder: the id says whose a file is.
std::string device_name_for_files(std::string_view device_name);

std::string journal_file_name(std::string_view device_name, DeviceId device, YearMonth month);
std::string presence_file_name(std::string_view device_name, DeviceId device);

struct FolderFile {
    enum class Kind {
        Journal,       // device and month set
        Presence,      // device set
        ConflictCopy,  // the sync engine's copy of a file two sides changed: ignored
        InTransit,     // a temporary file the sync engine or a writer renames into place
        SyncEngine,    // the engine's own: .stfolder, .stignore, .stversions
        Unknown,       // anything else: ignored
    };
    Kind kind{Kind::Unknown};
    std::optional<DeviceId> device;
    std::string device_name;  // as the file name has it
    YearMonth month;          // Journal only
};
// What `file_name` (a name in the folder, no directory part) is.
FolderFile classify_folder_file(std::string_view file_name);

}  // namespace walkbreak::core
