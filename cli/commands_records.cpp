// SPDX-License-Identifier: GPL-3.0-or-later
// Changing, exporting and importing the records: log, delete, export, import.
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

// One walk longer than a day is a typo.
constexpr core::Seconds max_walk = hours{24};

class LogCommand final : public Command {
public:
    explicit LogCommand(CLI::App& app) {
        app.add_option("DURATION", duration_, "How long you walked: 90s, 12m, 1h5m")
            ->required()
            ->type_name("");
        app.add_option("--at", at_,
                       "When the walk started: 14:30 (today), \"yesterday 9:05\", \"monday "
                       "18:00\" or \"2026-03-29 14:30\"; without it the walk ended now")
            ->type_name("TIME");
        app.add_option("--note", note_, "A note kept with the walk");
    }

    int run(Context& context) override {
        auto length = parse_positive_duration(duration_);
        if (!length) throw usage_error(fmt::format("log: {}", length.error()));
        if (*length > max_walk) {
            throw usage_error(fmt::format("log: a walk of {} is too long; expected at most {}",
                                          core::format_duration(*length),
                                          core::format_duration(max_walk)));
        }
        core::WalkRecord walk;
        if (at_) {
            auto at = parse_at_argument(*at_, calendar_today(context));
            if (!at) throw usage_error(fmt::format("--at: {}", at.error()));
            walk.start = core::local_to_wall(at->date, at->time);
            walk.end = walk.start + *length;
        } else {
            walk.end = floor<seconds>(context.now);
            walk.start = walk.end - *length;
        }
        walk.utc_offset = core::local_utc_offset(walk.start);
        if (walk.end > context.now) {
            throw usage_error(fmt::format(
                "that walk would end at {} {}, in the future; expected a walk that has ended "
                "(--at is when it started)",
                format_local_date(walk.end, core::local_utc_offset(walk.end)),
                format_local_time(walk.end, core::local_utc_offset(walk.end))));
        }
        walk.how = core::CreditHow::Manual;
        walk.note = note_;

        core::Store store(context.paths.db, core::Store::Mode::ReadWrite);
        walk.id = store.add_walk(walk);
        context.out << fmt::format("logged walk {}: {} on {}, {}–{}\n", walk.id,
                                   core::format_duration(walk.seconds()),
                                   format_walk_day(walk, load_report_config(context).day.starts_at),
                                   format_local_time(walk.start, walk.utc_offset),
                                   format_local_time(walk.end, walk.utc_offset));
        notify_refresh(context.paths.socket);
        return exit_ok;
    }

private:
    std::string duration_;
    std::optional<std::string> at_;
    std::string note_;
};

class DeleteCommand final : public Command {
public:
    explicit DeleteCommand(CLI::App& app) {
        app.add_option("ID", id_, "The walk's id, as walkbreak history shows it")
            ->required()
            ->type_name("");
    }

    int run(Context& context) override {
        auto id = parse_walk_id(id_);
        if (!id) throw usage_error(fmt::format("delete: {}", id.error()));
        std::error_code ec;
        const bool exists = std::filesystem::exists(context.paths.db, ec);
        if (!exists ||
            !core::Store(context.paths.db, core::Store::Mode::ReadWrite).delete_walk(*id)) {
            throw failure(fmt::format("no walk with id {} (walkbreak history lists them)", *id));
        }
        context.out << fmt::format("deleted walk {}\n", *id);
        notify_refresh(context.paths.socket);
        return exit_ok;
    }

private:
    std::string id_;
};

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
        const core::ImportResult result = store.import_records(*data);
        if (json_) {
            context.out << import_json(result);
        } else {
            const int skipped = result.skipped.total();
            context.out << fmt::format("imported {}; skipped {}\n", describe(result.added),
                                       plural(skipped, "duplicate", "duplicates"));
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
        {"log", "Records", "Record a walk by hand", &make_command<LogCommand>},
        {"delete", "Records", "Remove a walk by its id", &make_command<DeleteCommand>},
        {"export", "Records", "All records as JSON or CSV, for backup",
         &make_command<ExportCommand>},
        {"import", "Records", "Add the records of an export; duplicates are skipped",
         &make_command<ImportCommand>},
    };
}

}  // namespace walkbreak::cli
