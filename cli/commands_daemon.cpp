// SPDX-License-Identifier: GPL-3.0-or-later
// Commands that talk to walkbreakd over its socket: status, and the
// notification's actions from the terminal. Without a daemon they fail with
// one line saying how to start it.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/arguments.hpp"
#include "cli/client.hpp"
#include "cli/command.hpp"
#include "cli/command_support.hpp"
#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "cli/render_waybar.hpp"
#include "core/civil.hpp"
#include "core/duration.hpp"

namespace walkbreak::cli {

namespace {

using namespace std::chrono_literals;
namespace request = core::protocol::request;

class StatusCommand final : public Command {
public:
    explicit StatusCommand(CLI::App& app) {
        auto* json = app.add_flag("--json", json_, "Print the status as one line of JSON");
        auto* waybar = app.add_flag("--waybar", waybar_, "Print JSON for a Waybar custom module");
        json->excludes(waybar);
        app.add_flag("--follow", follow_, "Keep printing a line at every change until interrupted");
    }

    // With --waybar a daemon that is not running, or goes away, is a state
    // of its own ("offline", exit 0) so that the bar shows it.
    int run(Context& context) override {
        auto client = DaemonClient::connect(context.paths.socket, 5000ms);
        if (!client) return offline(context, client.error());
        const core::protocol::Request req =
            follow_ ? core::protocol::Request{request::Subscribe{}} : request::Status{};
        auto response = client->request(req);
        for (;;) {
            if (!response) return offline(context, response.error());
            if (!response->ok) throw failure(fmt::format("walkbreakd: {}", response->error));
            if (!response->status) throw failure("walkbreakd sent no status");
            print(context, *response->status);
            if (!follow_) return exit_ok;
            response = client->next_pushed();
        }
    }

private:
    int offline(Context& context, const std::string& why) const {
        if (!waybar_) throw failure(why);
        context.out << waybar_json_line(std::nullopt, "walkbreakd is not running");
        context.out.flush();
        return exit_ok;
    }

    void print(Context& context, const core::protocol::Status& status) const {
        const std::string text =
            render_status_text(status, context.now, core::local_utc_offset(context.now));
        if (json_) {
            context.out << status_json_line(status);
        } else if (waybar_) {
            context.out << waybar_json_line(status, text.substr(0, text.size() - 1));
        } else {
            context.out << text;
        }
        context.out.flush();  // --follow: each line as it comes, also into a pipe
    }

    bool json_{false};
    bool waybar_{false};
    bool follow_{false};
};

// What the daemon did: its own message when it sent one (it did something
// else than asked, e.g. "reminders were not paused"), else `done`.
void say_done(Context& context, const core::protocol::Response& response, std::string_view done) {
    context.out << (response.message.empty() ? done : response.message) << '\n';
}

// walk, skip, resume, reload: no arguments, a fixed confirmation.
template <typename Request>
class SimpleCommand final : public Command {
public:
    SimpleCommand(CLI::App&, std::string_view done) : done_(done) {}
    int run(Context& context) override {
        say_done(context, ask_daemon(context, Request{}), done_);
        return exit_ok;
    }

private:
    std::string_view done_;
};

class SnoozeCommand final : public Command {
public:
    explicit SnoozeCommand(CLI::App& app) {
        app.add_option("DURATION", duration_,
                       "How long to wait before reminding again (default reminder.snooze)")
            ->type_name("");
    }
    int run(Context& context) override {
        request::Snooze snooze;
        if (duration_) {
            auto d = parse_positive_duration(*duration_);
            if (!d) throw usage_error(fmt::format("snooze: {}", d.error()));
            snooze.length = *d;
        }
        say_done(context, ask_daemon(context, snooze),
                 snooze.length
                     ? fmt::format("reminder snoozed for {}", core::format_duration(*snooze.length))
                     : std::string("reminder snoozed"));
        return exit_ok;
    }

private:
    std::optional<std::string> duration_;
};

class PauseCommand final : public Command {
public:
    explicit PauseCommand(CLI::App& app) {
        auto* length =
            app.add_option("DURATION", duration_, "How long to pause: 30m, 2h")->type_name("");
        auto* until = app.add_option("--until", until_, "Pause until this time of day, like 14:30")
                          ->type_name("HH:MM");
        length->excludes(until);
    }
    int run(Context& context) override {
        request::Pause pause;
        std::string done = "reminders paused until resumed (walkbreak resume)";
        if (duration_) {
            auto d = parse_positive_duration(*duration_);
            if (!d) throw usage_error(fmt::format("pause: {}", d.error()));
            pause.length = *d;
            done = fmt::format("reminders paused for {}", core::format_duration(*d));
        } else if (until_) {
            auto t = parse_time_argument(*until_);
            if (!t) throw usage_error(fmt::format("--until: {}", t.error()));
            // The next time the clock shows it: today, or else tomorrow.
            const core::Date today = calendar_today(context);
            core::WallTime at = core::local_to_wall(today, *t);
            const bool tomorrow = at <= context.now;
            if (tomorrow) at = core::local_to_wall(today + std::chrono::days{1}, *t);
            pause.until = at;
            done = fmt::format("reminders paused until {}{}", tomorrow ? "tomorrow " : "",
                               core::format_time_of_day(*t));
        }
        say_done(context, ask_daemon(context, pause), done);
        return exit_ok;
    }

private:
    std::optional<std::string> duration_;
    std::optional<std::string> until_;
};

// `meeting [DURATION]` and `meeting end`: the manual meeting signal.
class MeetingCommand final : public Command {
public:
    explicit MeetingCommand(CLI::App& app) {
        app.add_option("DURATION", what_,
                       "How long the meeting lasts (30m, 1h), or `end` to end it; without it, "
                       "until `walkbreak meeting end`")
            ->type_name("");
    }
    int run(Context& context) override {
        if (what_ == "end") {
            say_done(context, ask_daemon(context, request::MeetingEnd{}), "meeting ended");
            return exit_ok;
        }
        request::Meeting meeting;
        if (what_) {
            auto d = parse_positive_duration(*what_);
            if (!d) throw usage_error(fmt::format("meeting: {}, or `end`", d.error()));
            meeting.length = *d;
        }
        say_done(context, ask_daemon(context, meeting), "in a meeting");
        return exit_ok;
    }

private:
    std::optional<std::string> what_;
};

template <typename Request>
std::unique_ptr<Command> simple(CLI::App& app, std::string_view done) {
    return std::make_unique<SimpleCommand<Request>>(app, done);
}

}  // namespace

std::vector<CommandSpec> daemon_commands() {
    return {
        {"status", "Daemon", "Sitting time, next reminder, today's minutes",
         &make_command<StatusCommand>},
        {"walk", "Daemon", "Going for a walk now; the time away counts",
         [](CLI::App& app) {
             return simple<request::Walk>(app, "enjoy your walk; the time away will count");
         }},
        {"snooze", "Daemon", "Delay the reminder (default reminder.snooze)",
         &make_command<SnoozeCommand>},
        {"skip", "Daemon", "Skip this reminder; the interval starts again",
         [](CLI::App& app) { return simple<request::Skip>(app, "reminder skipped"); }},
        {"pause", "Daemon", "No reminders for a while or until resumed",
         &make_command<PauseCommand>},
        {"resume", "Daemon", "Reminders again after a pause",
         [](CLI::App& app) { return simple<request::Resume>(app, "reminders resumed"); }},
        {"meeting", "Daemon", "In a meeting: hold reminders until it ends (DURATION or `end`)",
         &make_command<MeetingCommand>},
        {"reload", "Daemon", "Make walkbreakd read its config file again",
         [](CLI::App& app) { return simple<request::Reload>(app, "configuration reloaded"); }},
    };
}

}  // namespace walkbreak::cli
