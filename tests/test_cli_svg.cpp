// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak chart`: the SVG renderer for fixed data, and docs/chart.svg,
// which is the chart of the example month below. After changing the
// renderer, rewrite the picture with
//   WALKBREAK_WRITE_DOCS_CHART=1 build/tests/test_cli_svg
// (the XML well-formedness check is tests/integration/cli_chart.sh).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "cli/render_svg.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace std::chrono;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

RangeReport report_of(core::Date from, const std::vector<int>& mins, const core::Config& config) {
    std::vector<core::DayTotals> totals;
    for (std::size_t i = 0; i < mins.size(); ++i) {
        core::DayTotals t;
        t.date = from + days{static_cast<int>(i)};
        t.walk_seconds = minutes{mins[i]};
        t.walks = mins[i] > 0 ? 1 + mins[i] / 12 : 0;
        totals.push_back(t);
    }
    return make_range_report(from, totals.back().date, totals, config);
}

// Four weeks of someone building the habit against the built-in 30 minutes.
RangeReport example_month() {
    return report_of(sys_days{2026y / March / 2},
                     {12, 18, 25, 31, 20, 8, 0,  22, 30, 34, 15, 28, 41, 10,
                      30, 26, 33, 35, 19, 0, 24, 31, 38, 30, 27, 45, 33, 36},
                     core::Config{});
}

}  // namespace

TEST_CASE("the chart has one bar per day, a goal line and labels", "[cli]") {
    const RangeReport month = example_month();
    const std::string svg = render_chart_svg(month);
    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0) == 0);
    CHECK(svg.size() > 100);
    CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
    CHECK(count(svg, "<rect class=\"bar") == 28);
    CHECK(count(svg, "<rect class=\"bar met\"") == static_cast<std::size_t>(month.days_goal_met()));
    CHECK(count(svg, "class=\"goal-line\"") == 1);
    CHECK(svg.find("<title>2026-03-06: 20 of 30 min</title>") != std::string::npos);
    CHECK(svg.find(">Mar 2026</text>") != std::string::npos);
    CHECK(svg.find(">minutes</text>") != std::string::npos);
    // Self-contained: nothing fetched, nothing run.
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.find("@import") == std::string::npos);
}

TEST_CASE("a goal that changes draws a step in the goal line", "[cli]") {
    core::Config config;
    config.goal.program = core::GoalProgram::Beginner;
    config.goal.program_start = sys_days{2026y / March / 2};
    const RangeReport two_weeks =
        report_of(sys_days{2026y / March / 2}, std::vector<int>(14, 12), config);
    const std::string svg = render_chart_svg(two_weeks);
    CHECK(count(svg, "<rect class=\"bar") == 14);
    CHECK(count(svg, "<rect class=\"bar met\"") == 7);  // 12 of 10 in week 1, of 15 in week 2
    const auto d = svg.find("class=\"goal-line\" d=\"");
    REQUIRE(d != std::string::npos);
    const std::string path = svg.substr(d, svg.find('"', d + 21) - d);
    CHECK(count(path, "L") == 13);
}

TEST_CASE("a chart without days is still a document", "[cli]") {
    RangeReport empty;
    empty.from = empty.to = sys_days{2026y / March / 2};
    const std::string svg = render_chart_svg(empty);
    CHECK(count(svg, "<rect class=\"bar") == 0);
    CHECK(count(svg, "goal-line") == 0);
    CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
}

TEST_CASE("docs/chart.svg is the chart of the example month", "[cli]") {
    const std::string svg = render_chart_svg(example_month());
    const std::string path = WALKBREAK_SOURCE_DIR "/docs/chart.svg";
    if (std::getenv("WALKBREAK_WRITE_DOCS_CHART") != nullptr) {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << svg;
    }
    std::ifstream in(path, std::ios::binary);
    const std::string stored{std::istreambuf_iterator<char>(in), {}};
    CHECK(stored == svg);
}

namespace {

// The x of every label in the row at `y`, in order.
std::vector<double> label_xs(const std::string& svg, const std::string& y) {
    std::vector<double> xs;
    const std::string tail = "\" y=\"" + y + "\"";
    for (auto at = svg.find("<text x=\""); at != std::string::npos;
         at = svg.find("<text x=\"", at + 1)) {
        const auto x_end = svg.find('"', at + 9);
        if (svg.compare(x_end, tail.size(), tail) == 0) {
            xs.push_back(std::stod(svg.substr(at + 9, x_end - at - 9)));
        }
    }
    return xs;
}

}  // namespace

TEST_CASE("labels thin out on long charts instead of running together", "[cli]") {
    for (int weeks : {6, 26, 104}) {
        INFO(weeks << " weeks");
        const std::vector<int> mins(static_cast<std::size_t>(weeks) * 7, 20);
        const std::string svg =
            render_chart_svg(report_of(sys_days{2025y / January / 6}, mins, core::Config{}));
        const auto days_row = label_xs(svg, "286");
        const auto months_row = label_xs(svg, "304");
        CHECK(days_row.size() >= 4);
        CHECK(months_row.size() >= 2);
        for (std::size_t i = 1; i < days_row.size(); ++i)
            CHECK(days_row[i] - days_row[i - 1] >= 20);
        for (std::size_t i = 1; i < months_row.size(); ++i) {
            CHECK(months_row[i] - months_row[i - 1] >= 64);
        }
    }
}
