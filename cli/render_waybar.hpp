// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `walkbreak status --waybar`: one line of JSON for a Waybar "custom" module
// (return-type "json"): {"text","tooltip","class","percentage"}.
#include <optional>
#include <string>
#include <string_view>

#include "core/protocol.hpp"

namespace walkbreak::cli {

// The module's CSS class, one of:
//   due      a reminder is showing, or the next one is due now
//   sitting  at the computer, the reminder clock running
//   away     away, screen locked or machine suspended
//   paused   reminders paused (walkbreak pause)
//   quiet    outside schedule.work_hours
//   offline  walkbreakd is not running (no status)
std::string_view waybar_class(const std::optional<core::protocol::Status>& status);

// `text` is today's minutes against the goal ("22/30"), "off" when offline;
// `tooltip` is the status line (render_status_text, without its newline);
// `percentage` is today's minutes as a share of the goal, 0..100.
std::string waybar_json_line(const std::optional<core::protocol::Status>& status,
                             const std::string& tooltip);

}  // namespace walkbreak::cli
