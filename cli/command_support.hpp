// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What several commands need: the configuration, the store, today, styles,
// and a round trip to the daemon. Failures throw CommandError.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.hpp"
#include "cli/render_text.hpp"
#include "core/config.hpp"
#include "core/protocol.hpp"
#include "core/store.hpp"

namespace walkbreak::cli {

// A config file named with --config or WALKBREAK_CONFIG that does not exist
// is a usage error (only the default location is optional).
void check_config_given(const Context& context);

// The configuration in effect (built-in defaults without a file). A file with
// errors is a failure whose message lists them as file:line:col.
core::Config load_config(const Context& context);

// For reports (today, stats, history, chart) and messages: a config file with
// errors does not hide the record. One warning says so on stderr, and the
// built-in defaults apply.
core::Config load_report_config(const Context& context);

// All of `path`, or of standard input for "-". Failures say why, e.g. "x:
// is a directory; expected a file".
std::string read_input(const Context& context, const std::string& path);

// The store opened read-only, or none while no database exists (nothing has
// been recorded yet: reports show zeros).
std::optional<core::Store> open_store_for_reading(const Context& context);

// Per day in [from, to] of `scope`'s devices, zeros without a database.
std::vector<core::DayTotals> read_day_totals(const Context& context, core::Date from, core::Date to,
                                             core::TimeOfDay starts_at,
                                             core::DeviceScope scope = core::DeviceScope::all());

// A range report for [from, to] with what it needs from the database: the
// days before `from` that make up the goal streak (at most a year), and the
// check-ins on the range's days; of `scope`'s devices (all of them: the union
// rule across devices, docs/SYNC.md).
RangeReport read_range_report(const Context& context, const core::Config& config, core::Date from,
                              core::Date to, core::DeviceScope scope = core::DeviceScope::all());

// --- Several computers (docs/SYNC.md) ---
// Declares --device NAME on a report command.
void add_device_option(CLI::App& app, std::optional<std::string>& device);
// This computer's device name: sync.device_name, else the host name.
std::string this_device_name(const Context& context, const core::Config& config);
// Whose records --device asks for: none (every device), "this" or this
// computer's name (this computer), or another device by its name (as shown,
// or as its file names spell it: "Desk PC" is also "desk-pc") or its id. A
// name no device has, or one that two devices share, is a usage error that
// lists the devices known.
// The database is opened only to look a name up.
core::DeviceScope device_scope(const Context& context, const core::Config& config,
                               const std::optional<std::string>& device);
// `walks` apart from their devices, and who recorded each (WalkOrigin) while
// the database knows other devices; no origins without (views as before).
struct WalksWithOrigins {
    std::vector<core::WalkRecord> walks;
    std::vector<WalkOrigin> origins;
};
WalksWithOrigins with_origins(const Context& context, const core::Config& config,
                              const core::Store& store, std::vector<core::DeviceWalk> walks);

// Day totals for [first, last], one per date, oldest first.
using DayTotalsReader = std::function<std::vector<core::DayTotals>(core::Date, core::Date)>;

// How far before a range its goal streak is looked for (RangeReport::streak_before).
inline constexpr int streak_lookback_days = 365;

// The days make_range_report needs, read through `read`: [from, to] and enough
// days before it to count the run that met the daily goal just before `from`.
// Older days are read in growing steps, only while every day read before
// `from` met its goal, and never more than streak_lookback_days back.
std::vector<core::DayTotals> read_days_with_streak(const DayTotalsReader& read, core::Date from,
                                                   core::Date to, const core::Config& config);

// Today as walkbreak counts days (day.starts_at applies).
core::Date walkbreak_today(const Context& context, const core::Config& config);
// Today on the calendar, in the local zone.
core::Date calendar_today(const Context& context);

TextStyle text_style(const Context& context);

// Sends `request` to walkbreakd and returns its answer; a daemon that is not
// running, does not answer or refuses is a failure with its message.
core::protocol::Response ask_daemon(const Context& context, const core::protocol::Request& request);

// The one way a change that works with or without walkbreakd goes (log, edit,
// delete, checkin): a running walkbreakd applies it, with the same core
// function as a direct write, so that its tracker and today's total stay
// right, and its answer comes back. None when no walkbreakd runs: the caller
// then writes the database itself. A daemon that runs but refuses or does not
// answer is a failure "COMMAND: why", and the caller writes nothing.
std::optional<core::protocol::Response> ask_daemon_if_running(
    const Context& context, const core::protocol::Request& request, std::string_view command);

// walkbreakd's status, or none when it is not running or does not answer
// within half a second (for views that show it only when available).
std::optional<core::protocol::Status> try_daemon_status(const Context& context);

// Commands defined in commands_today.cpp, listed by report_commands().
std::unique_ptr<Command> make_today_command(CLI::App& app);
std::unique_ptr<Command> make_chart_command(CLI::App& app);

}  // namespace walkbreak::cli
