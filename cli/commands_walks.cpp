// SPDX-License-Identifier: GPL-3.0-or-later
// log, edit and delete. With walkbreakd running the change goes through it
// (ask_daemon_if_running), which applies the store's own rule and keeps its
// tracker and today's total right; without, they open the store read-write,
// keep its per-day totals for this config's day.starts_at and write in one
// transaction under the union rule.
#include "cli/commands_walks.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "cli/arguments.hpp"
#include "cli/command_support.hpp"
#include "cli/report.hpp"
#include "core/civil.hpp"
#include "core/duration.hpp"
#include "core/walk_union.hpp"

namespace walkbreak::cli {
namespace {

using namespace std::chrono;

// One walk longer than a day is a typo, --force or not.
constexpr core::Seconds max_walk = hours{24};

// A length for a walk typed in: longer than 0s, at most walk.max unless
// forced (an absence that long is never credited without the user saying
// so, DESIGN.md §3), and never beyond a day.
core::Seconds walk_length(std::string_view command, const std::string& text,
                          const core::Config& config, bool force) {
    auto length = parse_positive_duration(text);
    if (!length) throw usage_error(fmt::format("{}: {}", command, length.error()));
    if (*length > max_walk) {
        throw usage_error(fmt::format("{}: a walk of {} is too long; expected at most {}", command,
                                      core::format_duration(*length),
                                      core::format_duration(max_walk)));
    }
    if (*length > config.walk.max && !force) {
        throw usage_error(fmt::format(
            "{}: {} is longer than walk.max ({}), the longest absence walkbreak counts as a "
            "walk; add --force if you really walked that long",
            command, core::format_duration(*length), core::format_duration(config.walk.max)));
    }
    return *length;
}

// What `--at` names (local time, today by default).
AtArgument parse_at(const Context& context, const std::string& text) {
    auto at = parse_at_argument(text, calendar_today(context));
    if (!at) throw usage_error(fmt::format("--at: {}", at.error()));
    return *at;
}

// Gives `walk` its span of `length`: from the start --at names, or ending now
// (`--at now`).
void place(core::WalkRecord& walk, const Context& context, const AtArgument& at,
           core::Seconds length) {
    if (const auto* start = std::get_if<CivilTime>(&at)) {
        walk.start = core::local_to_wall(start->date, start->time);
        walk.end = walk.start + length;
    } else {
        walk.end = floor<seconds>(context.now);
        walk.start = walk.end - length;
    }
}

// The rule for every walk typed in, logged or edited: whole seconds, the
// offset in force where it starts (so it counts on the local day it
// happened), and over by now.
void settle_times(core::WalkRecord& walk, const Context& context) {
    walk.start = floor<seconds>(walk.start);
    walk.end = floor<seconds>(walk.end);
    walk.utc_offset = core::local_utc_offset(walk.start);
    if (walk.end > context.now) {
        const auto offset = core::local_utc_offset(walk.end);
        throw usage_error(fmt::format(
            "that walk would end at {} {}, in the future; expected a walk that has ended "
            "(--at is when it started)",
            format_local_date(walk.end, offset), format_local_time(walk.end, offset)));
    }
}

core::Store open_for_writing(const Context& context, const core::Config& config) {
    core::Store store(context.paths.db, core::Store::Mode::ReadWrite);
    store.use_day_start(config.day.starts_at);
    return store;
}

bool database_exists(const Context& context) {
    std::error_code ec;
    return std::filesystem::exists(context.paths.db, ec);
}

CommandError no_such_walk(std::int64_t id) {
    return failure(fmt::format("no walk with id {} (walkbreak history lists them)", id));
}

// "2026-12-02 14:30–14:40": the day the walk counts on (day.starts_at decides
// it as in history and stats), its start, and its real wall-clock end (a DST
// change during the walk moves the end's offset).
std::string span_text(const core::WalkRecord& walk, core::TimeOfDay starts_at) {
    return fmt::format("{} {}–{}", format_walk_day(walk, starts_at),
                       format_local_time(walk.start, walk.utc_offset),
                       format_local_time(walk.end, end_offset(walk)));
}

// A walk as the `log` and `edit` requests carry it.
core::protocol::request::Log typed(const core::WalkRecord& walk) {
    return {walk.start, walk.seconds(), walk.utc_offset, walk.note};
}

constexpr const char* at_help =
    "When the walk started: 14:30 (today), \"yesterday 9:05\", \"monday 18:00\" or "
    "\"2026-03-29 14:30\"; now: it ended now";

// edit's and delete's first argument.
void add_walk_id_option(CLI::App& app, std::string& id) {
    app.add_option("ID", id, "The walk's id, as walkbreak history shows it")
        ->required()
        ->type_name("");
}

class LogCommand final : public Command {
public:
    explicit LogCommand(CLI::App& app) {
        app.add_option("DURATION", duration_, "How long you walked: 90s, 12m, 1h5m")
            ->required()
            ->type_name("");
        app.add_option("--at", at_, fmt::format("{} (as without --at)", at_help))
            ->type_name("TIME");
        app.add_option("--note", note_, "A note kept with the walk");
        app.add_flag("--force", force_, "Log a walk longer than walk.max");
    }

    int run(Context& context) override {
        const core::Config config = load_config(context);
        const core::Seconds length = walk_length("log", duration_, config, force_);
        core::WalkRecord walk;
        place(walk, context, at_ ? parse_at(context, *at_) : AtArgument{EndsNow{}}, length);
        walk.how = core::CreditHow::Manual;
        walk.note = note_;
        settle_times(walk, context);

        // Through a running walkbreakd, whose tracker learns of the walk.
        if (ask_daemon_if_running(context, core::protocol::request::Log{typed(walk)}, "log")) {
            context.out << fmt::format("logged a walk of {} on {} (through walkbreakd)\n",
                                       core::format_duration(walk.seconds()),
                                       span_text(walk, config.day.starts_at));
            return exit_ok;
        }
        auto logged = open_for_writing(context, config).log_walk(walk);
        if (!logged) throw failure(fmt::format("log: {}", logged.error()));
        walk.id = *logged;
        context.out << fmt::format("logged walk {}: {} on {}\n", walk.id,
                                   core::format_duration(walk.seconds()),
                                   span_text(walk, config.day.starts_at));
        return exit_ok;
    }

private:
    std::string duration_;
    std::optional<std::string> at_;
    std::string note_;
    bool force_{false};
};

class EditCommand final : public Command {
public:
    explicit EditCommand(CLI::App& app) {
        add_walk_id_option(app, id_);
        app.add_option("--at", at_, at_help)->type_name("TIME");
        app.add_option("--duration", duration_, "How long you walked: 90s, 12m, 1h5m")
            ->type_name("D");
        app.add_option("--note", note_, "A new note (\"\" removes it)");
        app.add_flag("--force", force_, "Allow a walk longer than walk.max");
    }

    int run(Context& context) override {
        auto id = parse_walk_id(id_);
        if (!id) throw usage_error(fmt::format("edit: {}", id.error()));
        if (!at_ && !duration_ && !note_) {
            throw usage_error("edit: expected at least one of --at, --duration or --note");
        }
        const core::Config config = load_config(context);
        std::optional<core::Seconds> length;
        if (duration_) length = walk_length("edit", *duration_, config, force_);

        // Read only: the change itself goes to walkbreakd when it runs.
        const auto store = open_store_for_reading(context);
        const auto stored = store ? store->walk_by_id(*id) : std::nullopt;
        if (!stored) throw no_such_walk(*id);
        core::WalkRecord walk = *stored;
        if (at_) {
            place(walk, context, parse_at(context, *at_), length.value_or(stored->seconds()));
        } else {
            walk.end = walk.start + length.value_or(stored->seconds());
        }
        if (note_) walk.note = *note_;
        settle_times(walk, context);

        // Through a running walkbreakd, which keeps today's total right.
        core::WalkRecord before = *stored;
        if (!ask_daemon_if_running(context, core::protocol::request::Edit{walk.id, typed(walk)},
                                   "edit")) {
            auto changed = open_for_writing(context, config).edit_walk(walk);
            if (!changed) throw failure(fmt::format("edit: {}", changed.error()));
            before = *changed;
        }
        context.out << fmt::format(
            "changed walk {}: {} on {} (was {} on {})\n", walk.id,
            core::format_duration(walk.seconds()), span_text(walk, config.day.starts_at),
            core::format_duration(before.seconds()), span_text(before, config.day.starts_at));
        return exit_ok;
    }

private:
    std::string id_;
    std::optional<std::string> at_;
    std::optional<std::string> duration_;
    std::optional<std::string> note_;
    bool force_{false};
};

class DeleteCommand final : public Command {
public:
    explicit DeleteCommand(CLI::App& app) { add_walk_id_option(app, id_); }

    int run(Context& context) override {
        auto id = parse_walk_id(id_);
        if (!id) throw usage_error(fmt::format("delete: {}", id.error()));
        if (!database_exists(context)) throw no_such_walk(*id);
        // Through a running walkbreakd, whose answer names the walk as below.
        if (auto reply =
                ask_daemon_if_running(context, core::protocol::request::Delete{*id}, "delete")) {
            context.out << reply->message << '\n';
            return exit_ok;
        }
        const auto gone = open_for_writing(context, load_config(context)).delete_walk(*id);
        if (!gone) throw no_such_walk(*id);
        context.out << fmt::format("deleted {}\n", core::describe_walk(*gone));
        return exit_ok;
    }

private:
    std::string id_;
};

}  // namespace

std::unique_ptr<Command> make_log_command(CLI::App& app) { return make_command<LogCommand>(app); }
std::unique_ptr<Command> make_edit_command(CLI::App& app) { return make_command<EditCommand>(app); }
std::unique_ptr<Command> make_delete_command(CLI::App& app) {
    return make_command<DeleteCommand>(app);
}

}  // namespace walkbreak::cli
