// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Durations as people write them: "90s", "5m", "1h30m", "2h", "1h5m30s".
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

// Accepts one or more <integer><unit> groups, units h, m, s in that order, each
// at most once, with no spaces and no sign. "0s" is valid; "" and "5" are not
// (a bare number has no unit, and walkbreak never guesses one).
// The error says what was expected, e.g. `expected a duration like 90s, 5m or 1h30m`.
Result<Seconds> parse_duration(std::string_view text);

// The shortest canonical spelling: 5400s -> "1h30m", 90s -> "1m30s", 0s -> "0s".
std::string format_duration(Seconds d);

}  // namespace walkbreak::core
