// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/render_text.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "cli/text_bar.hpp"
#include "core/civil.hpp"
#include "core/duration.hpp"
#include "core/goals.hpp"

namespace walkbreak::cli {

using namespace std::chrono;
using core::Seconds;

namespace {

std::string minutes_vs_goal(Seconds walked, Seconds goal) {
    if (goal <= Seconds{0}) return fmt::format("{}", whole_minutes(walked));
    return fmt::format("{}/{}", whole_minutes(walked), whole_minutes(goal));
}

std::string week_line(const WeekReport& w) {
    std::string line = fmt::format("week {}–{}{}: {} min", month_day(w.from), month_day(w.to),
                                   w.whole() ? "" : " (part)", minutes_vs_goal(w.walked, w.goal));
    if (w.goal_met()) line += " ✓";
    return line + '\n';
}

std::string summary_lines(const RangeReport& report) {
    const auto n = static_cast<std::int64_t>(report.days.size());
    std::string out = fmt::format("total {} min in {}; daily goal met on {} of {}\n",
                                  whole_minutes(report.total_walk()),
                                  plural(report.total_walks(), "walk", "walks"),
                                  report.days_goal_met(), plural(n, "day", "days"));
    for (const auto& w : report.weeks) out += week_line(w);
    out += fmt::format("goal streak: {} now, longest here {}\n",
                       plural(report.current_streak(), "day", "days"),
                       plural(report.longest_streak(), "day", "days"));
    const auto r = report.reminders();
    out += fmt::format("reminders: {} sent; {} walked, {} snoozed, {} skipped, {} ignored\n",
                       r.sent, r.walked, r.snoozed, r.skipped, r.ignored);
    if (report.checkins_enabled) {
        const auto b = report.back();
        out += fmt::format("back: {} better, {} same, {} worse (↑ better, → same, ↓ worse)\n",
                           b.better, b.same, b.worse);
    }
    if (report.program) {
        const auto& p = *report.program;
        out += p.maintenance()
                   ? fmt::format("beginner program: done; keeping up {} min a day\n",
                                 whole_minutes(p.daily))
                   : fmt::format("beginner program: week {} of {}, {} min a day, {} a week\n",
                                 p.week, core::beginner_program_weeks, whole_minutes(p.daily),
                                 whole_minutes(p.weekly));
    }
    return out;
}

}  // namespace

std::string short_duration(Seconds s) {
    return core::format_duration(s >= minutes{1} ? floor<minutes>(s) : s);
}

std::string back_trend_glyph(const BackFeelCounts& back) {
    if (back.total() == 0) return "";
    if (back.better > back.worse) return "↑";
    if (back.worse > back.better) return "↓";
    return "→";
}

std::string render_days_text(const RangeReport& report, const TextStyle& style) {
    if (report.days.empty()) return "no days in this range\n";
    Seconds scale{1};
    std::size_t right_width = 0;
    std::size_t sit_width = 0;
    for (const auto& d : report.days) {
        scale = std::max({scale, d.goal, d.totals.walk_seconds});
        right_width = std::max(right_width, minutes_vs_goal(d.totals.walk_seconds, d.goal).size());
        if (d.totals.longest_sitting > Seconds{0}) {
            sit_width = std::max(sit_width, short_duration(d.totals.longest_sitting).size());
        }
    }
    // label, 2 blanks, the bar and its marker, 2 blanks, "22/30 min", " ✓",
    // then "  longest sit 48m" and "  back ↑" when shown.
    int fixed = 9 + 2 + 1 + 2 + static_cast<int>(right_width) + 4 + 2;
    if (sit_width > 0) fixed += 14 + static_cast<int>(sit_width);
    if (report.checkins_enabled) fixed += 7;
    const int cells = std::clamp(style.width - fixed, min_bar_cells, max_bar_cells);

    std::string out;
    for (const auto& d : report.days) {
        const auto& t = d.totals;
        out += fmt::format(
            "{}  {}  {:>{}} min{}", day_label(t.date),
            goal_bar(t.walk_seconds, d.goal, scale, cells, d.goal_met(), style.colour),
            minutes_vs_goal(t.walk_seconds, d.goal), right_width, d.goal_met() ? " ✓" : "  ");
        if (sit_width > 0) {
            out +=
                fmt::format("  longest sit {:>{}}", short_duration(t.longest_sitting), sit_width);
        }
        if (report.checkins_enabled) {
            const std::string glyph = back_trend_glyph(d.back);
            const std::string_view colour = d.back.worse > d.back.better ? ansi_yellow : ansi_dim;
            if (!glyph.empty()) out += "  back " + paint(glyph, colour, style.colour);
        }
        out += '\n';
    }
    out += summary_lines(report);
    return rtrim_lines(std::move(out));
}

std::string render_day_text(const DayReport& day, const TextStyle& style) {
    const auto& t = day.totals;
    std::string out = fmt::format("{} {}: {} min walked", weekday_short(t.date),
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
    const int cells = std::clamp(style.width - 4, min_bar_cells, max_bar_cells);
    const Seconds scale = std::max({Seconds{1}, day.goal, t.walk_seconds});
    out += fmt::format(
        "  {}\n", goal_bar(t.walk_seconds, day.goal, scale, cells, day.goal_met(), style.colour));
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

}  // namespace walkbreak::cli
