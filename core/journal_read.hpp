// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A whole journal file's text read into entries (docs/SYNC.md "Reading a
// journal"). The file may be caught while it is still arriving: the last line,
// until its newline has come, is not read; any other line that fails its check
// is skipped and counted, so one damaged line costs one entry, not the file.
#include <optional>
#include <string_view>
#include <vector>

#include "core/device_id.hpp"
#include "core/journal_entry.hpp"
#include "core/result.hpp"

namespace walkbreak::core {

struct JournalRead {
    // By device and sequence, each (device, sequence) once.
    std::vector<JournalEntry> entries;
    bool torn_tail{false};      // the last line has no newline yet: left for the next read
    int damaged_lines{0};       // failed their check or made no sense: skipped
    int unknown_kind_lines{0};  // records of kinds a later walkbreak writes: skipped
    int foreign_lines{0};       // name another device than the file's: skipped
    int duplicate_lines{0};     // an entry read already: read once
    int conflicting_lines{0};   // a sequence read already, with other contents: one kept
};

// `text` is the file's contents; `writer` the device its name says wrote it
// (lines claiming another device are skipped), or none to take every device.
// A whole line from a newer journal format makes the error, naming that
// version and the line: such a journal is skipped, not misread.
Result<JournalRead> read_journal(std::string_view text, std::optional<DeviceId> writer);

// The entries read for one device and sequence, each different one once. Only
// a broken writer, or two computers sharing a device id, makes more than one;
// the one kept is the one whose line sorts first, so that the choice never
// depends on the order they were read in.
class SequenceVersions {
public:
    // Adds `entry` unless an equal one is held; whether it was new.
    bool add(JournalEntry entry);
    const JournalEntry& kept() const;
    int conflicts() const { return static_cast<int>(distinct_.size()) - 1; }

private:
    std::vector<JournalEntry> distinct_;  // never empty once added to
};

}  // namespace walkbreak::core
