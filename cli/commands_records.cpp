// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting and importing the records (log, edit and delete: commands_walks.cpp).
// Writes open the store read-write and then tell a running walkbreakd to look
// again.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/arguments.hpp"
#include "cli/client.hpp"
#include "cli/command.hpp"
#include "cli/command_support.hpp"
#include "cli/commands_walks.hpp"
#include "cli/import_parse.hpp"
#include "cli/render_csv.hpp"
#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "cli/text_bar.hpp"
#include "core/civil.hpp"
#include "core/duration.hpp"

namespace walkbreak::cli {

namespace {

using namespace std::chrono;

class ExportCommand final : public Command {
public:
    explicit ExportCommand(CLI::App& app) {
        app.add_option("--format", format_, "csv or json (default json)")->type_name("FORMAT");
    }

    int run(Context& context) override {
        if (format_ != "json" && format_ != "csv") {
            throw usage_error(fmt::format(R"(--format: expected csv or json, got "{}")", format_));
        }
        ExportData data;
        if (auto store = open_store_for_reading(context)) {
            data.walks = store->walks_newest_first(std::numeric_limits<int>::max());
            std::reverse(data.walks.begin(), data.walks.end());
            data.sitting_bouts = store->all_sitting_bouts();
            data.reminders = store->all_reminders();
            data.checkins = store->all_checkins();
            data.meetings = store->all_meetings();
        }
        context.out << (format_ == "csv" ? export_csv(data) : export_json(data));
        return exit_ok;
    }

private:
    std::string format_{"json"};
};

// "120 walks, 3 sitting bouts and 1 check-in" (kinds with none left out).
std::string describe(const core::RecordCounts& c) {
    std::vector<std::string> parts;
    if (c.walks > 0) parts.push_back(plural(c.walks, "walk", "walks"));
    if (c.sitting_bouts > 0) {
        parts.push_back(plural(c.sitting_bouts, "sitting bout", "sitting bouts"));
    }
    if (c.reminders > 0) parts.push_back(plural(c.reminders, "reminder", "reminders"));
    if (c.checkins > 0) parts.push_back(plural(c.checkins, "check-in", "check-ins"));
    if (c.meetings > 0) parts.push_back(plural(c.meetings, "meeting", "meetings"));
    if (parts.empty()) return "nothing";
    const std::string last = parts.back();
    parts.pop_back();
    return parts.empty() ? last : fmt::format("{} and {}", fmt::join(parts, ", "), last);
}

class ImportCommand final : public Command {
public:
    explicit ImportCommand(CLI::App& app) {
        app.add_option("FILE", file_, "What walkbreak export wrote, CSV or JSON; - reads stdin")
            ->required()
            ->type_name("");
        app.add_flag("--json", json_, "Print the counts as JSON");
    }

    int run(Context& context) override {
        const std::string text = read_input(context, file_);
        auto data = parse_export(text);
        if (!data) {
            throw failure(fmt::format("{}: {}; nothing was imported", file_, data.error()));
        }
        core::Store store(context.paths.db, core::Store::Mode::ReadWrite);
        store.use_day_start(load_config(context).day.starts_at);
        const core::ImportResult result = store.import_records(*data);
        if (json_) {
            context.out << import_json(result);
        } else {
            const int skipped = result.skipped.total();
            context.out << fmt::format("imported {}; skipped {}\n", describe(result.added),
                                       plural(skipped, "duplicate", "duplicates"));
            if (result.overlapping_walks > 0) {
                context.out << fmt::format(
                    "skipped {} that would walk a span of time twice; the first: {}\n",
                    plural(result.overlapping_walks, "walk", "walks"), result.first_overlap);
            }
        }
        if (result.added.total() > 0) notify_refresh(context.paths.socket);
        return exit_ok;
    }

private:
    std::string file_;
    bool json_{false};
};

}  // namespace

std::vector<CommandSpec> record_commands() {
    return {
        {"log", "Records", "Record a walk by hand", &make_log_command},
        {"edit", "Records", "Change a walk's start, length or note", &make_edit_command},
        {"delete", "Records", "Remove a walk by its id", &make_delete_command},
        {"export", "Records", "All records as JSON or CSV, for backup",
         &make_command<ExportCommand>},
        {"import", "Records", "Add the records of an export; duplicates are skipped",
         &make_command<ImportCommand>},
    };
}

}  // namespace walkbreak::cli
