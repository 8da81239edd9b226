// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/render_svg.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/civil.hpp"

namespace walkbreak::cli {

using namespace std::chrono;

namespace {

// Geometry in SVG user units (CSS pixels at 100 %).
constexpr double chart_width = 760;
constexpr double chart_height = 320;
constexpr double left = 52;    // room for the minute labels
constexpr double right = 56;   // room for the "goal" label
constexpr double top = 44;     // room for the title
constexpr double bottom = 52;  // room for two rows of day labels
constexpr double plot_width = chart_width - left - right;
constexpr double plot_height = chart_height - top - bottom;
// Centre to centre, the least room for a day label ("28") and a month label
// ("Mar 2026") in their rows.
constexpr double min_day_label_gap = 20;
constexpr double min_month_label_gap = 64;

constexpr std::string_view colour_met = "#2e8b57";
constexpr std::string_view colour_bar = "#4a7fb5";
constexpr std::string_view colour_goal = "#d9822b";
constexpr std::string_view colour_grid = "#e2e2e2";
constexpr std::string_view colour_text = "#333333";

constexpr std::array<std::string_view, 12> month_name{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Gridline spacing in minutes: the smallest that gives at most six lines.
std::int64_t grid_step(std::int64_t top_minutes) {
    for (std::int64_t step : {5, 10, 15, 30, 60, 120, 240}) {
        if (top_minutes <= step * 6) return step;
    }
    return 480;
}

std::string number(double v) { return fmt::format("{:.1f}", v); }

}  // namespace

std::string render_chart_svg(const RangeReport& report) {
    const auto n = static_cast<double>(report.days.size());
    std::int64_t most = 1;
    for (const auto& d : report.days) {
        most = std::max({most, whole_minutes(d.goal), whole_minutes(d.totals.walk_seconds)});
    }
    const std::int64_t step = grid_step(most);
    const std::int64_t top_minutes = (most + step - 1) / step * step;
    const double per_minute = plot_height / static_cast<double>(top_minutes);
    const double pitch = n > 0 ? plot_width / n : plot_width;
    const double bar_width = std::max(1.0, pitch * 0.72);
    const double base = top + plot_height;
    auto y_of = [&](std::int64_t minutes) {
        return base - static_cast<double>(minutes) * per_minute;
    };

    std::string out = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\" fill=\"{2}\">\n"
        "<title>Walking minutes per day, {3} to {4}</title>\n"
        "<rect class=\"background\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n"
        "<text x=\"{5}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Walking minutes per day, "
        "{3} – {4}</text>\n",
        chart_width, chart_height, colour_text, core::format_date(report.from),
        core::format_date(report.to), left);

    out += fmt::format(
        "<g class=\"legend\" font-size=\"11\">"
        "<rect x=\"{0}\" y=\"14\" width=\"10\" height=\"10\" fill=\"{2}\"/>"
        "<text x=\"{1}\" y=\"23\">goal met</text>"
        "<rect x=\"{3}\" y=\"14\" width=\"10\" height=\"10\" fill=\"{5}\"/>"
        "<text x=\"{4}\" y=\"23\">below goal</text></g>\n",
        chart_width - 180, chart_width - 166, colour_met, chart_width - 100, chart_width - 86,
        colour_bar);
    out += "<g class=\"grid\">\n";
    for (std::int64_t m = 0; m <= top_minutes; m += step) {
        out += fmt::format(
            "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"{3}\"/>"
            "<text x=\"{4}\" y=\"{5}\" text-anchor=\"end\">{6}</text>\n",
            left, left + plot_width, number(y_of(m)), colour_grid, left - 8, number(y_of(m) + 4),
            m);
    }
    out += fmt::format(
        "<text x=\"14\" y=\"{0}\" transform=\"rotate(-90 14 {0})\" "
        "text-anchor=\"middle\">minutes</text>\n</g>\n",
        number(top + plot_height / 2));

    out += "<g class=\"bars\">\n";
    for (std::size_t i = 0; i < report.days.size(); ++i) {
        const auto& d = report.days[i];
        const std::int64_t walked = whole_minutes(d.totals.walk_seconds);
        const double x = left + static_cast<double>(i) * pitch + (pitch - bar_width) / 2;
        const double y = y_of(std::min(walked, top_minutes));
        out += fmt::format(
            "<rect class=\"bar{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
            "fill=\"{}\"><title>{}: {} of {} min</title></rect>\n",
            d.goal_met() ? " met" : "", number(x), number(y), number(bar_width), number(base - y),
            d.goal_met() ? colour_met : colour_bar, core::format_date(d.totals.date), walked,
            whole_minutes(d.goal));
    }
    out += "</g>\n";

    // The goal: a horizontal segment over each day, joined where it changes.
    std::string path;
    for (std::size_t i = 0; i < report.days.size(); ++i) {
        const double y = y_of(whole_minutes(report.days[i].goal));
        const double x = left + static_cast<double>(i) * pitch;
        path += fmt::format("{}{} {} H{} ", i == 0 ? "M" : "L", number(x), number(y),
                            number(x + pitch));
    }
    if (!path.empty()) {
        path.pop_back();
        const double last_goal_y = y_of(whole_minutes(report.days.back().goal));
        out += fmt::format(
            "<path class=\"goal-line\" d=\"{}\" fill=\"none\" stroke=\"{}\" "
            "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
            "<text x=\"{}\" y=\"{}\" fill=\"{}\">goal</text>\n",
            path, colour_goal, left + plot_width + 6, number(last_goal_y + 4), colour_goal);
    }

    // Day of month under each bar when there is room, else under Mondays;
    // the month's name under its first day and under the first bar. A label
    // that would run into the one before it on its row is left out, so that
    // long charts (up to two years) thin out rather than overprint.
    out += "<g class=\"labels\" text-anchor=\"middle\">\n";
    double last_day_x = -1e9;
    double last_month_x = -1e9;
    for (std::size_t i = 0; i < report.days.size(); ++i) {
        const core::Date date = report.days[i].totals.date;
        const year_month_day ymd{date};
        const double x = left + (static_cast<double>(i) + 0.5) * pitch;
        if ((pitch >= 16 || weekday{date} == Monday) && x - last_day_x >= min_day_label_gap) {
            out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", number(x), base + 18,
                               static_cast<unsigned>(ymd.day()));
            last_day_x = x;
        }
        if ((i == 0 || ymd.day() == day{1}) && x - last_month_x >= min_month_label_gap) {
            out += fmt::format(
                "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{} {}</text>\n", number(x), base + 36,
                month_name[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()));
            last_month_x = x;
        }
    }
    out += fmt::format(
        "</g>\n<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" "
        "stroke=\"{3}\"/>\n</svg>\n",
        left, left + plot_width, base, colour_text);
    return out;
}

}  // namespace walkbreak::cli
