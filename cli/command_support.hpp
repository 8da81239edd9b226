// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What several commands need: the configuration, the store, today, styles,
// and a round trip to the daemon. Failures throw CommandError.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/render_text.hpp"
#include "core/config.hpp"
#include "core/protocol.hpp"
#include "core/store.hpp"

namespace walkbreak::cli {

// The configuration in effect (built-in defaults without a file). A file with
// errors is a failure whose message lists them as file:line:col.
core::Config load_config(const Context& context);

// The store opened read-only, or none while no database exists (nothing has
// been recorded yet: reports show zeros).
std::optional<core::Store> open_store_for_reading(const Context& context);

// Per day in [from, to], zeros without a database.
std::vector<core::DayTotals> read_day_totals(const Context& context, core::Date from,
                                             core::Date to, core::TimeOfDay starts_at);

// Every back check-in, oldest first; none without a database.
std::vector<core::CheckinRecord> read_checkins(const Context& context);

// A range report for [from, to] with what it needs from the database: a year
// of days before `from` for the goal streak, and the check-ins.
RangeReport read_range_report(const Context& context, const core::Config& config,
                              core::Date from, core::Date to);

// Today as walkbreak counts days (day.starts_at applies).
core::Date walkbreak_today(const Context& context, const core::Config& config);
// Today on the calendar, in the local zone.
core::Date calendar_today(const Context& context);

TextStyle text_style(const Context& context);

// Sends `request` to walkbreakd and returns its answer; a daemon that is not
// running, does not answer or refuses is a failure with its message.
core::protocol::Response ask_daemon(const Context& context,
                                    const core::protocol::Request& request);

// walkbreakd's status, or none when it is not running or does not answer
// within half a second (for views that show it only when available).
std::optional<core::protocol::Status> try_daemon_status(const Context& context);

// Commands defined in commands_today.cpp, listed by report_commands().
std::unique_ptr<Command> make_today_command(CLI::App& app);
std::unique_ptr<Command> make_chart_command(CLI::App& app);

}  // namespace walkbreak::cli
