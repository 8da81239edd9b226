// SPDX-License-Identifier: GPL-3.0-or-later
// The live views: the daemon's status line and `walkbreak today`.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/import_parse.hpp"
#include "cli/render_text.hpp"
#include "cli/text_bar.hpp"
#include "core/civil.hpp"
#include "core/duration.hpp"
#include "core/goals.hpp"

namespace walkbreak::cli {

using core::Seconds;

namespace {

// "in a meeting since 14:02 (microphone, camera)", at the CLI's local time.
std::string meeting_part(const core::protocol::Status::Meeting& meeting, core::UtcOffset offset) {
    const auto since = parse_rfc3339(meeting.since);
    const std::string at = since ? " since " + format_local_time(*since, offset) : "";
    return fmt::format("in a meeting{} ({})", at, fmt::join(meeting.signals, ", "));
}

// State, pause, meeting, reminder showing, next reminder: what the daemon knows that
// the database does not.
std::vector<std::string> live_parts(const core::protocol::Status& status, core::WallTime now,
                                    core::UtcOffset offset) {
    std::vector<std::string> parts;
    if (status.state == "sitting") {
        parts.push_back(
            fmt::format("sitting for {}", short_duration(Seconds{status.sitting_seconds})));
    } else {
        parts.push_back(status.state);
    }
    if (status.paused_until) {
        const auto until = core::from_unix_seconds(*status.paused_until);
        const bool same_day = format_local_date(until, offset) == format_local_date(now, offset);
        parts.push_back(fmt::format("paused until {}{}",
                                    same_day ? "" : format_local_date(until, offset) + " ",
                                    format_local_time(until, offset)));
    }
    if (status.meeting) parts.push_back(meeting_part(*status.meeting, offset));
    if (status.reminder_showing) parts.emplace_back("reminder showing");
    if (status.next_reminder_in_seconds) {
        parts.push_back(fmt::format("next reminder in {}",
                                    short_duration(Seconds{*status.next_reminder_in_seconds})));
    }
    return parts;
}

// Each walk with its times and the length that counts on the day: a walk
// across the day's start or end says how long it was in all.
std::string walk_lines(const TodayReport& today) {
    if (today.walks.empty()) return "  no walks yet\n";
    std::string out = "  walks:\n";
    // Once other devices are known, who recorded each walk, after its way.
    const bool with_devices = today.origins.size() == today.walks.size();
    std::size_t device_width = 0;
    for (const auto& origin : today.origins) {
        device_width = std::max(device_width, escape_control(origin.device).size());
    }
    for (std::size_t i = 0; i < today.walks.size(); ++i) {
        const auto& w = today.walks[i];
        const bool clipped =
            today.day_end > today.day_begin && (w.start < today.day_begin || w.end > today.day_end);
        const core::Seconds counted =
            clipped ? std::chrono::floor<core::Seconds>(std::min(w.end, today.day_end) -
                                                        std::max(w.start, today.day_begin))
                    : w.seconds();
        const std::string length = clipped
                                       ? fmt::format("{} (of {})", core::format_duration(counted),
                                                     core::format_duration(w.seconds()))
                                       : core::format_duration(counted);
        const std::string device =
            with_devices
                ? fmt::format("{:<{}}  ", escape_control(today.origins[i].device), device_width)
                : std::string{};
        out +=
            fmt::format("    {}–{}  {:<6}  {:<9}  {}{}\n", format_local_time(w.start, w.utc_offset),
                        format_local_time(w.end, end_offset(w)), length, core::to_string(w.how),
                        device, escape_control(w.note));
    }
    return out;
}

}  // namespace

std::string render_status_text(const core::protocol::Status& status, core::WallTime now,
                               core::UtcOffset offset) {
    std::vector<std::string> parts = live_parts(status, now, offset);
    parts.push_back(
        status.goal_minutes > 0
            ? fmt::format("today {}/{} min", status.today_walk_minutes, status.goal_minutes)
            : fmt::format("today {} min", status.today_walk_minutes));
    parts.push_back(fmt::format("idle backend {}", status.backend));
    return fmt::format("{}\n", fmt::join(parts, " · "));
}

std::string render_today_text(const TodayReport& today, const TextStyle& style, core::WallTime now,
                              core::UtcOffset offset) {
    // The headline and the bar, then the walks, then what is going on now.
    std::string out = render_day_head(today.day, style);
    out += walk_lines(today);
    if (today.live) {
        out += wrap_line(
            fmt::format("now: {}", fmt::join(live_parts(*today.live, now, offset), " · ")),
            style.width, "  ");
    }
    out += render_day_counts(today.day, style);
    if (today.checkins_enabled) {
        const auto& b = today.day.back;
        out += b.total() == 0 ? std::string("  back: no check-ins yet\n")
                              : fmt::format("  back: {} better, {} same, {} worse\n", b.better,
                                            b.same, b.worse);
        out += recent_checkins_text(today.recent_checkins, style.width, "  ");
    }
    if (today.program) out += "  " + program_line(*today.program, false);
    return rtrim_lines(std::move(out));
}

}  // namespace walkbreak::cli
