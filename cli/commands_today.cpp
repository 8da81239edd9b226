// SPDX-License-Identifier: GPL-3.0-or-later
// The pictures of the record: today (one screen, with the daemon's live state
// when it runs) and chart (an SVG file).
#include <fstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/arguments.hpp"
#include "cli/command.hpp"
#include "cli/command_support.hpp"
#include "cli/render_json.hpp"
#include "cli/render_svg.hpp"
#include "cli/render_text.hpp"
#include "core/civil.hpp"

namespace walkbreak::cli {

namespace {

using namespace std::chrono;

class TodayCommand final : public Command {
public:
    explicit TodayCommand(CLI::App& app) {
        app.add_flag("--json", json_,
                     "Print JSON: the stats --json --day object plus walk_list, live, program");
    }

    int run(Context& context) override {
        const core::Config config = load_config(context);
        const core::Date today = walkbreak_today(context, config);
        const RangeReport range = read_range_report(context, config, today, today);
        TodayReport report;
        report.day = range.days.at(0);
        report.checkins_enabled = range.checkins_enabled;
        report.program = range.program;
        if (auto store = open_store_for_reading(context)) {
            // The walks that have any part on this walkbreak day.
            const core::WallTime begin = core::local_to_wall(today, config.day.starts_at);
            const core::WallTime end = core::local_to_wall(today + days{1}, config.day.starts_at);
            report.walks = store->walks_between(begin, end);
        }
        report.live = try_daemon_status(context);
        if (json_) {
            context.out << today_json(report);
        } else {
            context.out << render_today_text(report, text_style(context), context.now,
                                             core::local_utc_offset(context.now));
        }
        return exit_ok;
    }

private:
    bool json_{false};
};

// How many weeks a chart may span: about two years.
constexpr int max_chart_weeks = 104;

class ChartCommand final : public Command {
public:
    explicit ChartCommand(CLI::App& app) {
        app.add_option("--weeks", weeks_,
                       "How many weeks, ending today (default 4; the first starts on a Monday)")
            ->check(CLI::Range(1, max_chart_weeks))
            ->type_name("N");
        app.add_option("-o,--output", output_, "Write the SVG here (default: standard output)")
            ->type_name("FILE.svg");
    }

    int run(Context& context) override {
        const core::Config config = load_config(context);
        const core::Date today = walkbreak_today(context, config);
        const core::Date from = week_of(today).from - weeks{weeks_ - 1};
        const std::string svg = render_chart_svg(read_range_report(context, config, from, today));
        if (output_.empty() || output_ == "-") {
            context.out << svg;
            return exit_ok;
        }
        std::ofstream file(output_, std::ios::binary | std::ios::trunc);
        file << svg;
        file.close();
        if (!file) throw failure(fmt::format("cannot write {}", output_));
        context.out << fmt::format("wrote {} ({} days, {} to {})\n", output_,
                                   (today - from).count() + 1, core::format_date(from),
                                   core::format_date(today));
        return exit_ok;
    }

private:
    int weeks_{4};
    std::string output_;
};

}  // namespace

std::unique_ptr<Command> make_today_command(CLI::App& app) {
    return std::make_unique<TodayCommand>(app);
}

std::unique_ptr<Command> make_chart_command(CLI::App& app) {
    return std::make_unique<ChartCommand>(app);
}

}  // namespace walkbreak::cli
