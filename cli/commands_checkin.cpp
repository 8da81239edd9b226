// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak checkin better|same|worse`: the back check-in from the terminal.
// A running walkbreakd takes the answer (it answers the pending check-in, and
// counts the run of "worse" as a button would); without one it is recorded
// in the database directly. Either way the recent answers follow, with the
// scale-back advice after three "worse" in a row.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/command_support.hpp"
#include "cli/render_text.hpp"
#include "core/civil.hpp"

namespace walkbreak::cli {

namespace {

class CheckinCommand final : public Command {
public:
    explicit CheckinCommand(CLI::App& app) {
        app.add_option("FEEL", feel_, "How your back feels after the last walk")
            ->required()
            ->check(CLI::IsMember({"better", "same", "worse"}))
            ->type_name("better|same|worse");
    }

    int run(Context& context) override {
        const core::BackFeel feel = *core::back_feel_from(feel_);
        // A broken config file must not stand between the user and their answer.
        const core::Config config = load_report_config(context);
        if (auto reply =
                ask_daemon_if_running(context, core::protocol::request::Checkin{feel}, "checkin")) {
            context.out << reply->message << '\n';
        } else {
            record(context, feel);
        }
        if (!config.checkin.enabled) {
            context.out << "(checkin.enabled is off: reports show check-ins only with it on)\n";
        }
        if (auto store = open_store_for_reading(context)) {
            context.out << recent_checkins_text(store->recent_checkins(recent_checkins_shown),
                                                context.terminal.width, "");
        }
        return exit_ok;
    }

private:
    // walkbreakd is not running: the answer goes to the database, after the
    // last walk when there is one.
    void record(Context& context, core::BackFeel feel) const {
        core::Store store(context.paths.db, core::Store::Mode::ReadWrite);
        const core::WallTime at = std::chrono::floor<std::chrono::seconds>(context.now);
        store.add_checkin(core::CheckinRecord{at, feel, core::local_utc_offset(at)});
        const auto last = store.walks_newest_first(1);
        const std::string after =
            last.empty()
                ? std::string()
                : fmt::format(" after the walk of {} {}",
                              format_local_date(last.front().start, last.front().utc_offset),
                              format_local_time(last.front().start, last.front().utc_offset));
        context.out << fmt::format("check-in recorded{}: your back feels {}\n", after,
                                   core::to_string(feel));
    }

    std::string feel_;
};

}  // namespace

std::vector<CommandSpec> checkin_commands() {
    return {
        {"checkin", "Back", "How your back feels after the last walk: better, same or worse",
         &make_command<CheckinCommand>},
    };
}

}  // namespace walkbreak::cli
