// SPDX-License-Identifier: GPL-3.0-or-later
// The live views: the daemon's status line and `walkbreak today`.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/render_text.hpp"
#include "cli/text_bar.hpp"
#include "core/civil.hpp"
#include "core/duration.hpp"
#include "core/goals.hpp"

namespace walkbreak::cli {

using core::Seconds;

namespace {

// State, pause, reminder showing, next reminder: what the daemon knows that
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
    if (status.reminder_showing) parts.emplace_back("reminder showing");
    if (status.next_reminder_in_seconds) {
        parts.push_back(fmt::format("next reminder in {}",
                                    short_duration(Seconds{*status.next_reminder_in_seconds})));
    }
    return parts;
}

std::string walk_lines(const std::vector<core::WalkRecord>& walks) {
    if (walks.empty()) return "  no walks yet\n";
    std::string out = "  walks:\n";
    for (const auto& w : walks) {
        out +=
            fmt::format("    {}–{}  {:<6}  {:<9}  {}\n", format_local_time(w.start, w.utc_offset),
                        format_local_time(w.end, w.utc_offset), core::format_duration(w.seconds()),
                        core::to_string(w.how), w.note);
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
    const std::string day = render_day_text(today.day, style);
    // The headline and the bar, then the walks, then what is going on now.
    const std::size_t after_bar = day.find('\n', day.find('\n') + 1) + 1;
    std::string out = day.substr(0, after_bar);
    out += walk_lines(today.walks);
    if (today.live) {
        out += fmt::format("  now: {}\n", fmt::join(live_parts(*today.live, now, offset), " · "));
    }
    out += day.substr(after_bar);
    if (today.checkins_enabled) {
        const auto& b = today.day.back;
        out += b.total() == 0 ? std::string("  back: no check-ins yet\n")
                              : fmt::format("  back: {} better, {} same, {} worse\n", b.better,
                                            b.same, b.worse);
    }
    if (today.program) {
        const auto& p = *today.program;
        out += p.maintenance()
                   ? fmt::format("  beginner program: done; keeping up {} min a day\n",
                                 whole_minutes(p.daily))
                   : fmt::format("  beginner program: week {} of {}, {} min a day\n", p.week,
                                 core::beginner_program_weeks, whole_minutes(p.daily));
    }
    return rtrim_lines(std::move(out));
}

}  // namespace walkbreak::cli
