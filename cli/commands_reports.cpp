// SPDX-License-Identifier: GPL-3.0-or-later
// Reports from the database: stats and history (today and chart are in
// commands_today.cpp). They open the store read-only and work whether or not
// walkbreakd runs.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/arguments.hpp"
#include "cli/command.hpp"
#include "cli/command_support.hpp"
#include "cli/render_csv.hpp"
#include "cli/render_json.hpp"
#include "cli/render_text.hpp"

namespace walkbreak::cli {

namespace {

using namespace std::chrono;

// A range longer than this is a typo, not a question (ten years is 3653 days).
constexpr int max_range_days = 10000;

enum class Format { Text, Json, Csv };

// Prints one day or a range of days in the chosen format.
int print_days(Context& context, const RangeReport& report, bool single_day, Format format) {
    if (format == Format::Json) {
        context.out << (single_day ? day_json(report.days.at(0), report.checkins_enabled)
                                   : range_json(report));
    } else if (format == Format::Csv) {
        context.out << days_csv(report);
    } else if (single_day) {
        context.out << render_day_text(report.days.at(0), text_style(context));
    } else {
        context.out << render_days_text(report, text_style(context));
    }
    return exit_ok;
}

core::Date date_argument(const std::string& option, const std::string& text, core::Date today) {
    auto d = parse_date_argument(text, today);
    if (!d) throw usage_error(fmt::format("{}: {}", option, d.error()));
    return *d;
}

class StatsCommand final : public Command {
public:
    explicit StatsCommand(CLI::App& app) {
        auto* day =
            app.add_option("--day", day_,
                           "One day: 2026-03-29, today, yesterday, monday (the last one) or -3d")
                ->type_name("DATE");
        auto* week = app.add_option("--week", week_,
                                    "The week (Monday to Sunday) holding DATE, or last; this "
                                    "week without one (the default)")
                         ->expected(0, 1)
                         ->type_name("[DATE]");
        auto* month = app.add_option("--month", month_,
                                     "A month like 2026-03, or last; this month without one")
                          ->expected(0, 1)
                          ->type_name("[YYYY-MM]");
        auto* from =
            app.add_option("--from", from_, "First day of a range (with --to)")->type_name("DATE");
        auto* to =
            app.add_option("--to", to_, "Last day of a range (with --from)")->type_name("DATE");
        from->needs(to);
        to->needs(from);
        for (CLI::Option* other : {week, month, from, to}) day->excludes(other);
        for (CLI::Option* other : {month, from, to}) week->excludes(other);
        for (CLI::Option* other : {from, to}) month->excludes(other);
        auto* json = app.add_flag("--json", json_, "Print JSON");
        auto* csv = app.add_flag("--csv", csv_, "Print CSV with a header row");
        json->excludes(csv);
        add_device_option(app, device_);
    }

    int run(Context& context) override {
        const core::Config config = load_report_config(context);
        const core::DeviceScope scope = device_scope(context, config, device_);
        const core::Date today = walkbreak_today(context, config);
        DateRange range = week_of(today);
        bool single_day = false;
        if (day_) {
            const core::Date d = date_argument("--day", *day_, today);
            range = DateRange{d, d};
            single_day = true;
        } else if (week_ && !week_->empty()) {
            auto w = parse_week_argument(*week_, today);
            if (!w) throw usage_error(fmt::format("--week: {}", w.error()));
            range = *w;
        } else if (month_) {
            auto m = parse_month_argument(*month_, today);
            if (!m) throw usage_error(fmt::format("--month: {}", m.error()));
            range = *m;
        } else if (from_ && to_) {
            range = DateRange{date_argument("--from", *from_, today),
                              date_argument("--to", *to_, today)};
            if (range.from > range.to) {
                throw usage_error("--from is after --to; expected the first day, then the last");
            }
            if ((range.to - range.from).count() >= max_range_days) {
                throw usage_error(
                    fmt::format("expected a range of at most {} days", max_range_days));
            }
        }
        const auto report = read_range_report(context, config, range.from, range.to, scope);
        const Format format = json_ ? Format::Json : csv_ ? Format::Csv : Format::Text;
        return print_days(context, report, single_day, format);
    }

private:
    std::optional<std::string> day_, week_, month_, from_, to_, device_;
    bool json_{false};
    bool csv_{false};
};

class HistoryCommand final : public Command {
public:
    explicit HistoryCommand(CLI::App& app) {
        app.add_option("--limit", limit_, "How many walks to show, newest first (default 20)")
            ->type_name("N");
        auto* json = app.add_flag("--json", json_, "Print JSON");
        auto* csv = app.add_flag("--csv", csv_, "Print CSV with a header row");
        json->excludes(csv);
        add_device_option(app, device_);
    }

    int run(Context& context) override {
        auto limit = parse_count_argument(limit_, max_history_limit);
        if (!limit) throw usage_error(fmt::format("--limit: {}", limit.error()));
        const core::Config config = load_report_config(context);
        const auto store = open_store_for_reading(context);
        const core::DeviceScope scope = device_scope(context, config, device_);
        WalksWithOrigins history;
        if (store) {
            history =
                with_origins(context, config, *store, store->walks_newest_first(*limit, scope));
        }
        if (csv_) {
            // A format of its own since devices: the device column is always there.
            if (history.origins.empty()) {
                const WalkOrigin mine{this_device_name(context, config), std::nullopt, true};
                history.origins.assign(history.walks.size(), mine);
            }
            context.out << history_csv(history.walks, history.origins);
        } else if (json_) {
            context.out << history_json(history.walks, history.origins);
        } else {
            context.out << render_history_text(history.walks, history.origins,
                                               config.day.starts_at);
        }
        return exit_ok;
    }

private:
    static constexpr int max_history_limit = 1000000;
    std::string limit_{"20"};
    bool json_{false};
    bool csv_{false};
    std::optional<std::string> device_;
};

}  // namespace

std::vector<CommandSpec> report_commands() {
    return {
        {"today", "Reports", "Today at a glance: walks, sitting, reminders", &make_today_command},
        {"stats", "Reports", "Minutes walked per day, goal marked (default: this week)",
         &make_command<StatsCommand>},
        {"history", "Reports", "The walks, newest first, with their ids",
         &make_command<HistoryCommand>},
        {"chart", "Reports", "Daily walking minutes as an SVG picture", &make_chart_command},
    };
}

}  // namespace walkbreak::cli
