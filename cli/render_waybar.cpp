// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/render_waybar.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace walkbreak::cli {

std::string_view waybar_class(const std::optional<core::protocol::Status>& status) {
    if (!status) return "offline";
    if (status->reminder_showing) return "due";
    if (status->state == "paused" || status->paused_until) return "paused";
    if (status->meeting) return "meeting";
    if (status->state == "sitting") {
        const bool due_now =
            status->next_reminder_in_seconds && *status->next_reminder_in_seconds <= 0;
        return due_now ? "due" : "sitting";
    }
    if (status->state == "off_hours") return "quiet";
    return "away";  // away, locked, suspended
}

std::string waybar_json_line(const std::optional<core::protocol::Status>& status,
                             const std::string& tooltip) {
    nlohmann::ordered_json j;
    std::int64_t percent = 0;
    if (!status) {
        j["text"] = "off";
    } else if (status->goal_minutes > 0) {
        j["text"] = fmt::format("{}/{}", status->today_walk_minutes, status->goal_minutes);
        percent = std::clamp<std::int64_t>(status->today_walk_minutes * 100 / status->goal_minutes,
                                           0, 100);
    } else {
        j["text"] = fmt::format("{}", status->today_walk_minutes);
    }
    j["tooltip"] = tooltip;
    j["class"] = waybar_class(status);
    j["percentage"] = percent;
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

}  // namespace walkbreak::cli
