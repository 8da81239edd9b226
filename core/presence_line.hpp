// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A device's presence file, NAME.ID.presence (docs/SYNC.md "Live, across
// machines"): one line in the journal's frame,
//
//   1 {"device":"3f2a9c0d5e6b7a81","state":"sitting","since":1780300800,
//      "sitting_since":1780299000} 0c1d2e3f
//
// written whole (to a temporary name, then renamed) each time the device goes
// from sitting to away or back, or its sitting is carried over from another
// device. Only its state, since when, and since when the user has been
// sitting (for "away": the sitting the absence ended), which a reader of an
// older walkbreak may not find (it then knows only `since`).
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/device_id.hpp"
#include "core/journal_line.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

enum class PresenceState { Sitting, Away };
std::string_view to_string(PresenceState state);

struct PresenceRecord {
    DeviceId device = DeviceId::from_bits(0);
    PresenceState state{PresenceState::Sitting};
    WallTime since{};                       // whole seconds
    std::optional<WallTime> sitting_since;  // whole seconds; none in older files
    friend bool operator==(const PresenceRecord&, const PresenceRecord&) = default;
};

// The line, newline included.
std::string encode_presence_line(const PresenceRecord& presence);

// A presence file's text: its one line, which must end in a newline (a file
// caught while it arrives is Damaged). Problems as for a journal line: a
// newer format version is told apart from damage.
std::variant<PresenceRecord, LineProblem> decode_presence_file(std::string_view text);

}  // namespace walkbreak::core
