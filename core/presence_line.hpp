// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A device's presence file (docs/SYNC.md "Live, across machines"): one line
// in the journal's frame,
//
//   1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":1780300800} 1c291ca3
//
// saying whether the user is at that computer and since when. The device
// writes it only when that changes, never as a heartbeat.
#include <string>
#include <string_view>
#include <variant>

#include "core/device_id.hpp"
#include "core/journal_line.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

enum class PresenceState {
    Sitting,  // at the computer (typing, watching, in a meeting; paused or off hours too)
    Away,     // idle past idle.away_after, locked, suspended, or walkbreakd stopped
};
std::string_view to_string(PresenceState state);

struct Presence {
    DeviceId device = DeviceId::from_bits(0);
    PresenceState state{PresenceState::Sitting};
    WallTime since{};  // whole seconds
    friend bool operator==(const Presence&, const Presence&) = default;
};

// The file's contents, newline included.
std::string encode_presence_line(const Presence& presence);
// The file's contents; a missing newline is a file not yet whole (Damaged).
// Never throws, whatever the bytes.
std::variant<Presence, LineProblem> decode_presence_line(std::string_view text);

}  // namespace walkbreak::core
