// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `walkbreak chart`: daily walking minutes as a self-contained SVG document,
// readable in any browser: no scripts, no external fonts or images (the
// generic "sans-serif" family), colours as attributes. Pure.
#include <string>

#include "cli/report.hpp"

namespace walkbreak::cli {

// One <rect class="bar ..."> per day of `report` (class "bar met" when the
// day's goal was met; zero-height for a day without walks), each with a
// <title> tooltip; the daily goal as one <path class="goal-line"> (a step
// where the goal changes, as in the beginner program); minute gridlines with
// labels on the left, day-of-month and month labels below, and a title line.
// Ends in '\n'. An empty report gives a chart with no bars.
std::string render_chart_svg(const RangeReport& report);

}  // namespace walkbreak::cli
