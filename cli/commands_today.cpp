// SPDX-License-Identifier: GPL-3.0-or-later
// The pictures of the record: today (one screen, with the daemon's live state
// when it runs) and chart (an SVG file).
#include <cerrno>
#include <cstring>
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
        add_device_option(app, device_);
    }

    int run(Context& context) override {
        const core::Config config = load_report_config(context);
        auto store = open_store_for_reading(context);
        const core::DeviceScope scope = device_scope(context, config, device_);
        const core::Date today = walkbreak_today(context, config);
        const RangeReport range = read_range_report(context, config, today, today, scope);
        TodayReport report;
        report.day = range.days.at(0);
        report.checkins_enabled = range.checkins_enabled;
        report.recent_checkins = range.recent_checkins;
        report.program = range.program;
        if (store) {
            // The walks that have any part on this walkbreak day.
            const core::WallTime begin = core::local_to_wall(today, config.day.starts_at);
            const core::WallTime end = core::local_to_wall(today + days{1}, config.day.starts_at);
            auto walks =
                with_origins(context, config, *store, store->walks_between(begin, end, scope));
            report.walks = std::move(walks.walks);
            report.origins = std::move(walks.origins);
            report.day_begin = begin;
            report.day_end = end;
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
    std::optional<std::string> device_;
};

// Writes `text` to `path`, replacing it; a failure says why ("No such file
// or directory").
void write_file(const std::string& path, const std::string& text) {
    errno = 0;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    const int open_error = errno;
    if (!file) {
        throw failure(fmt::format("cannot write {}: {}", path,
                                  std::strerror(open_error != 0 ? open_error : EIO)));
    }
    file << text;
    file.close();
    if (!file) throw failure(fmt::format("cannot write {}: {}", path, std::strerror(EIO)));
}

// How many weeks a chart may span: about two years.
constexpr int max_chart_weeks = 104;

class ChartCommand final : public Command {
public:
    explicit ChartCommand(CLI::App& app) {
        app.add_option("--weeks", weeks_,
                       "How many weeks, ending today (default 4; the first starts on a Monday)")
            ->check(CLI::Range(1, max_chart_weeks))
            ->type_name("N");
        app.add_option("-o,--output", output_,
                       "Write the SVG here, a name ending in .svg (default: standard output); "
                       "for a PNG: rsvg-convert -o chart.png chart.svg")
            ->type_name("FILE.svg");
    }

    int run(Context& context) override {
        const bool to_stdout = output_.empty() || output_ == "-";
        if (!to_stdout && !output_.ends_with(".svg")) {
            throw usage_error(fmt::format(
                "-o {}: expected a file name ending in .svg; the chart is SVG only (for a PNG: "
                "rsvg-convert -o chart.png chart.svg)",
                output_));
        }
        const core::Config config = load_report_config(context);
        const core::Date today = walkbreak_today(context, config);
        const core::Date from = week_of(today).from - weeks{weeks_ - 1};
        const std::string svg = render_chart_svg(read_range_report(context, config, from, today));
        if (to_stdout) {
            context.out << svg;
            return exit_ok;
        }
        write_file(output_, svg);
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
