// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/render_text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "core/civil.hpp"
#include "core/duration.hpp"

namespace walkbreak::cli {

using namespace std::chrono;
using core::Seconds;

namespace {

constexpr std::string_view green = "\x1b[32m";
constexpr std::string_view cyan = "\x1b[36m";
constexpr std::string_view dim = "\x1b[2m";
constexpr std::string_view reset = "\x1b[0m";

// Bar cells: a day's bar never takes more than this, however wide the terminal.
constexpr int max_cells = 48;
constexpr int min_cells = 8;

constexpr std::array<std::string_view, 8> eighths_glyph{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr std::array<std::string_view, 7> weekday_name{"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};

std::string paint(std::string_view text, std::string_view colour, bool enabled) {
    if (!enabled || text.empty()) return std::string(text);
    return fmt::format("{}{}{}", colour, text, reset);
}

// `value` on a bar of `cells` cells whose full length is `scale`, in eighths of
// a cell, with the goal marker inserted where `goal` falls: cells + 1 columns
// in all (a blank column when there is no goal), trailing blanks included.
std::string bar(Seconds value, Seconds goal, Seconds scale, int cells, bool met, bool colour) {
    const std::int64_t span = std::max<std::int64_t>(scale.count(), 1);
    const std::int64_t eighths =
        std::clamp<std::int64_t>(value.count() * cells * 8 / span, 0, std::int64_t{cells} * 8);
    const int goal_at = goal > Seconds{0}
        ? static_cast<int>(std::clamp<std::int64_t>((goal.count() * cells + span / 2) / span, 1,
                                                    cells))
        : cells;
    std::string filled;
    std::string blank;
    std::string out;
    auto flush = [&] {
        out += paint(filled, met ? green : cyan, colour);
        out += blank;
        filled.clear();
        blank.clear();
    };
    for (int i = 0; i <= cells; ++i) {
        if (i == goal_at) {
            flush();
            out += goal > Seconds{0} ? paint("│", dim, colour) : std::string(" ");
        }
        if (i == cells) break;
        const std::int64_t here = eighths - std::int64_t{i} * 8;
        if (here >= 8) {
            filled += "█";
        } else if (here > 0) {
            filled += eighths_glyph[static_cast<std::size_t>(here)];
        } else {
            blank += ' ';
        }
    }
    flush();
    return out;
}

std::string rtrim_lines(std::string text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        out += line;
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::string day_label(core::Date d) {
    const year_month_day ymd{d};
    return fmt::format("{} {:02}-{:02}", weekday_name[weekday{d}.c_encoding()],
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string minutes_vs_goal(const DayReport& day) {
    if (day.goal <= Seconds{0}) return fmt::format("{}", whole_minutes(day.totals.walk_seconds));
    return fmt::format("{}/{}", whole_minutes(day.totals.walk_seconds), whole_minutes(day.goal));
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string short_duration(Seconds s) {
    return core::format_duration(s >= minutes{1} ? floor<minutes>(s) : s);
}

std::string render_days_text(const RangeReport& report, const TextStyle& style) {
    if (report.days.empty()) return "no days in this range\n";
    Seconds scale{1};
    std::size_t right_width = 0;
    for (const auto& d : report.days) {
        scale = std::max({scale, d.goal, d.totals.walk_seconds});
        right_width = std::max(right_width, minutes_vs_goal(d).size());
    }
    // label, 2 blanks, the bar and its marker, 2 blanks, "22/30 min", " ✓".
    const int fixed = 9 + 2 + 1 + 2 + static_cast<int>(right_width) + 4 + 2;
    const int cells = std::clamp(style.width - fixed, min_cells, max_cells);

    std::string out;
    for (const auto& d : report.days) {
        out += fmt::format("{}  {}  {:>{}} min{}\n", day_label(d.totals.date),
                           bar(d.totals.walk_seconds, d.goal, scale, cells, d.goal_met(),
                               style.colour),
                           minutes_vs_goal(d), right_width, d.goal_met() ? " ✓" : "");
    }
    const auto n = static_cast<std::int64_t>(report.days.size());
    out += fmt::format("total {} min in {}; daily goal met on {} of {}",
                       whole_minutes(report.total_walk()),
                       plural(report.total_walks(), "walk", "walks"), report.days_goal_met(),
                       plural(n, "day", "days"));
    if (n == 7 && report.weekly_goal > Seconds{0}) {
        out += fmt::format("; weekly goal {}/{} min", whole_minutes(report.total_walk()),
                           whole_minutes(report.weekly_goal));
    }
    out += '\n';
    return rtrim_lines(std::move(out));
}

std::string render_day_text(const DayReport& day, const TextStyle& style) {
    const auto& t = day.totals;
    std::string out =
        fmt::format("{} {}: {} min walked", weekday_name[weekday{t.date}.c_encoding()],
                    core::format_date(t.date), whole_minutes(t.walk_seconds));
    if (day.goal > Seconds{0}) {
        out += fmt::format(" of {}", whole_minutes(day.goal));
    }
    out += fmt::format(" in {}", plural(t.walks, "walk", "walks"));
    if (day.goal_met()) {
        out += "; goal met ✓";
    } else if (day.goal > Seconds{0}) {
        out += fmt::format("; {} min to go", whole_minutes(day.goal - t.walk_seconds + 59s));
    }
    out += '\n';
    const int cells = std::clamp(style.width - 4, min_cells, max_cells);
    const Seconds scale = std::max({Seconds{1}, day.goal, t.walk_seconds});
    out += fmt::format("  {}\n", bar(t.walk_seconds, day.goal, scale, cells, day.goal_met(),
                                     style.colour));
    out += fmt::format("  sitting {} min, longest stretch {} min\n",
                       whole_minutes(t.sitting_seconds), whole_minutes(t.longest_sitting));
    const auto& r = t.reminders;
    out += fmt::format("  reminders: {} sent; {} walked, {} snoozed, {} skipped, {} ignored\n",
                       r.sent, r.walked, r.snoozed, r.skipped, r.ignored);
    return rtrim_lines(std::move(out));
}

std::string render_history_text(const std::vector<core::WalkRecord>& walks) {
    if (walks.empty()) return "no walks recorded yet\n";
    std::size_t id_width = 2;
    for (const auto& w : walks) id_width = std::max(id_width, fmt::format("{}", w.id).size());
    std::string out = fmt::format("{:>{}}  {:<10}  {:<11}  {:<7}  {:<9}  {}\n", "ID", id_width,
                                  "DATE", "TIME", "LENGTH", "HOW", "NOTE");
    for (const auto& w : walks) {
        const std::string times = fmt::format("{}–{}", format_local_time(w.start, w.utc_offset),
                                              format_local_time(w.end, w.utc_offset));
        // Always 11 columns ("10:03–10:15"), though the dash is three bytes.
        out += fmt::format("{:>{}}  {}  {}  {:<7}  {:<9}  {}\n", w.id, id_width,
                           format_local_date(w.start, w.utc_offset), times,
                           core::format_duration(w.seconds()), core::to_string(w.how), w.note);
    }
    return rtrim_lines(std::move(out));
}

std::string render_status_text(const core::protocol::Status& status, core::WallTime now,
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
    parts.push_back(status.goal_minutes > 0
                        ? fmt::format("today {}/{} min", status.today_walk_minutes,
                                      status.goal_minutes)
                        : fmt::format("today {} min", status.today_walk_minutes));
    parts.push_back(fmt::format("idle backend {}", status.backend));
    return fmt::format("{}\n", fmt::join(parts, " · "));
}

}  // namespace walkbreak::cli
