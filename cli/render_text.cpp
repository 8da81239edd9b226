// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/render_text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "cli/text_bar.hpp"
#include "core/civil.hpp"
#include "core/duration.hpp"
#include "core/goals.hpp"
#include "core/messages.hpp"

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

// Each line of `text` wrapped to `width` (wrap_line).
std::string wrap_lines(std::string_view text, int width) {
    std::string out;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        out += wrap_line(text.substr(0, nl), width);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    }
    return out;
}

std::string summary_lines(const RangeReport& report, int width) {
    const auto n = static_cast<std::int64_t>(report.days.size());
    std::string out = fmt::format("total {} min in {}; daily goal met on {} of {}\n",
                                  whole_minutes(report.total_walk()),
                                  plural(report.total_walks(), "walk", "walks"),
                                  report.days_goal_met(), plural(n, "day", "days"));
    for (const auto& w : report.weeks) out += week_line(w);
    out += fmt::format("goal streak: {} now, longest here {}\n",
                       plural(report.current_streak(), "day", "days"),
                       plural(report.longest_streak(), "day", "days"));
    Seconds in_meetings{0};
    for (const auto& d : report.days) in_meetings += d.totals.meeting_seconds;
    if (whole_minutes(in_meetings) > 0) {
        out += fmt::format("meetings: {} min\n", whole_minutes(in_meetings));
    }
    const auto r = report.reminders();
    out += fmt::format("reminders: {} sent; {} walked, {} snoozed, {} skipped, {} ignored\n",
                       r.sent, r.walked, r.snoozed, r.skipped, r.ignored);
    if (report.checkins_enabled) {
        const auto b = report.back();
        out += fmt::format("back: {} better, {} same, {} worse (↑ better, → same, ↓ worse)\n",
                           b.better, b.same, b.worse);
    }
    if (report.program) out += program_line(*report.program, true);
    out = wrap_lines(out, width);
    if (report.checkins_enabled) out += recent_checkins_text(report.recent_checkins, width, "");
    return out;
}

}  // namespace

std::string program_line(const ProgramReport& p, bool with_weekly) {
    if (p.starts) {
        return fmt::format("beginner program: starts on {}; {} min a day until then\n",
                           core::format_date(*p.starts), whole_minutes(p.daily));
    }
    if (p.maintenance()) {
        return fmt::format("beginner program: done; keeping up {} min a day\n",
                           whole_minutes(p.daily));
    }
    return fmt::format("beginner program: week {} of {}, {} min a day{}\n", p.week,
                       core::beginner_program_weeks, whole_minutes(p.daily),
                       with_weekly ? fmt::format(", {} a week", whole_minutes(p.weekly)) : "");
}

std::string recent_checkins_text(const std::vector<core::CheckinRecord>& newest_first, int width,
                                 std::string_view indent) {
    if (newest_first.empty()) return "";
    std::vector<std::string_view> feels;
    for (const auto& c : newest_first) feels.push_back(core::to_string(c.feel));
    std::string out = wrap_line(
        fmt::format("recent check-ins: {} (newest first)", fmt::join(feels, ", ")), width, indent);
    const int run = worse_in_a_row(newest_first);
    if (run < worse_in_a_row_to_scale_back) return out;
    const core::Message advice = core::scale_back_message();
    out += wrap_line(fmt::format("{}: worse after {} walks in a row.", advice.summary, run), width,
                     indent);
    std::string_view body = advice.body;
    while (!body.empty()) {
        const auto nl = body.find('\n');
        out += wrap_line(body.substr(0, nl), width, indent);
        body = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
    }
    return out;
}

std::string short_duration(Seconds s) {
    return core::format_duration(s >= minutes{1} ? floor<minutes>(s) : s);
}

std::string range_heading(core::Date from, core::Date to) {
    static constexpr std::array<std::string_view, 12> month_names{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    const year_month_day a{from};
    const year_month_day b{to};
    if (a.day() == day{1} && b == year_month_day{a.year() / a.month() / std::chrono::last}) {
        return fmt::format("{} {}", month_names.at(static_cast<unsigned>(a.month()) - 1),
                           static_cast<int>(a.year()));
    }
    if (from == to) return fmt::format("{} {}", weekday_short(from), core::format_date(from));
    if (weekday{from} == Monday && (to - from).count() == 6) {
        return fmt::format("week of {} to {}", core::format_date(from), core::format_date(to));
    }
    return fmt::format("{} to {} ({})", core::format_date(from), core::format_date(to),
                       plural((to - from).count() + 1, "day", "days"));
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

    std::string out = range_heading(report.from, report.to) + '\n';
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
    out += summary_lines(report, style.width);
    return rtrim_lines(std::move(out));
}

std::string render_day_head(const DayReport& day, const TextStyle& style) {
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
    out = wrap_line(out, style.width);
    // Nothing walked: a bar of blanks with a lone goal marker says nothing.
    if (t.walk_seconds <= Seconds{0}) return out;
    const int cells = std::clamp(style.width - 4, min_bar_cells, max_bar_cells);
    const Seconds scale = std::max({Seconds{1}, day.goal, t.walk_seconds});
    out += fmt::format(
        "  {}\n", goal_bar(t.walk_seconds, day.goal, scale, cells, day.goal_met(), style.colour));
    return rtrim_lines(std::move(out));
}

std::string render_day_counts(const DayReport& day, const TextStyle& style) {
    const auto& t = day.totals;
    // Sitting is measured by walkbreakd only: a day it did not run has none.
    std::string sitting =
        t.sitting_seconds > Seconds{0}
            ? fmt::format("sitting {} min, longest stretch {} min",
                          whole_minutes(t.sitting_seconds), whole_minutes(t.longest_sitting))
            : std::string("sitting: no data");
    if (whole_minutes(t.meeting_seconds) > 0) {
        sitting += fmt::format("; {} min in meetings", whole_minutes(t.meeting_seconds));
    }
    std::string out = wrap_line(sitting, style.width, "  ");
    const auto& r = t.reminders;
    out +=
        wrap_line(fmt::format("reminders: {} sent; {} walked, {} snoozed, {} skipped, {} ignored",
                              r.sent, r.walked, r.snoozed, r.skipped, r.ignored),
                  style.width, "  ");
    return out;
}

std::string render_day_text(const DayReport& day, const TextStyle& style) {
    return render_day_head(day, style) + render_day_counts(day, style);
}

std::string render_history_text(const std::vector<core::WalkRecord>& walks,
                                core::TimeOfDay starts_at) {
    return render_history_text(walks, {}, starts_at);
}

std::string render_history_text(const std::vector<core::WalkRecord>& walks,
                                const std::vector<WalkOrigin>& origins, core::TimeOfDay starts_at) {
    if (walks.empty()) return "no walks recorded yet\n";
    const bool with_devices = origins.size() == walks.size();
    std::size_t id_width = 2;
    std::size_t device_width = 6;
    for (std::size_t i = 0; i < walks.size(); ++i) {
        id_width = std::max(id_width, fmt::format("{}", walks[i].id).size());
        if (with_devices) {
            device_width = std::max(device_width, escape_control(origins[i].device).size());
        }
    }
    const auto device_cell = [&](const std::string& text) {
        return with_devices ? fmt::format("{:<{}}  ", text, device_width) : std::string{};
    };
    std::string out = fmt::format("{:>{}}  {}{:<10}  {:<11}  {:<7}  {:<9}  {}\n", "ID", id_width,
                                  device_cell("DEVICE"), "DATE", "TIME", "LENGTH", "HOW", "NOTE");
    for (std::size_t i = 0; i < walks.size(); ++i) {
        const auto& w = walks[i];
        const std::string times = fmt::format("{}–{}", format_local_time(w.start, w.utc_offset),
                                              format_local_time(w.end, end_offset(w)));
        // Another device's walk keeps that device's id, which means nothing here.
        const std::string id =
            !with_devices || origins[i].this_device ? fmt::format("{}", w.id) : std::string{};
        // Always 11 columns ("10:03–10:15"), though the dash is three bytes.
        out += fmt::format("{:>{}}  {}{}  {}  {:<7}  {:<9}  {}\n", id, id_width,
                           device_cell(with_devices ? escape_control(origins[i].device) : ""),
                           format_walk_day(w, starts_at), times, core::format_duration(w.seconds()),
                           core::to_string(w.how), escape_control(w.note));
    }
    return rtrim_lines(std::move(out));
}

}  // namespace walkbreak::cli
