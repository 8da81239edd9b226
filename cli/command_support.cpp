// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command_support.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "cli/client.hpp"
#include "cli/text_bar.hpp"
#include "core/civil.hpp"
#include "core/goals.hpp"

namespace walkbreak::cli {

using namespace std::chrono_literals;

void check_config_given(const Context& context) {
    std::error_code ec;
    if (context.config_given && !std::filesystem::exists(context.paths.config, ec)) {
        throw usage_error(fmt::format("--config {}: no such file", context.paths.config));
    }
}

core::Config load_config(const Context& context) {
    check_config_given(context);
    auto parsed = core::load_config_file(context.paths.config);
    if (!parsed.config) {
        std::vector<std::string> lines;
        for (const auto& e : parsed.errors) lines.push_back(e.to_string());
        throw failure(fmt::format("the configuration has errors (walkbreak config check):\n{}",
                                  fmt::join(lines, "\n")));
    }
    return *parsed.config;
}

core::Config load_report_config(const Context& context) {
    check_config_given(context);
    auto parsed = core::load_config_file(context.paths.config);
    if (parsed.config) return *parsed.config;
    context.err << fmt::format(
        "walkbreak: warning: {} has {}; using the defaults (walkbreak config check)\n",
        context.paths.config,
        plural(static_cast<std::int64_t>(parsed.errors.size()), "error", "errors"));
    return core::Config{};
}

std::string read_input(const Context& context, const std::string& path) {
    if (path == "-") {
        if (context.in == nullptr) return {};
        return std::string{std::istreambuf_iterator<char>(*context.in), {}};
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw failure(fmt::format("{}: is a directory; expected a file", path));
    }
    errno = 0;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw failure(
            fmt::format("cannot read {}: {}", path, std::strerror(errno != 0 ? errno : EIO)));
    }
    return std::string{std::istreambuf_iterator<char>(file), {}};
}

std::optional<core::Store> open_store_for_reading(const Context& context) {
    std::error_code ec;
    if (!std::filesystem::exists(context.paths.db, ec)) return std::nullopt;
    return core::Store(context.paths.db, core::Store::Mode::ReadOnly);
}

std::vector<core::DayTotals> read_day_totals(const Context& context, core::Date from, core::Date to,
                                             core::TimeOfDay starts_at, core::DeviceScope scope) {
    if (auto store = open_store_for_reading(context)) {
        return store->day_totals(from, to, starts_at, scope);
    }
    std::vector<core::DayTotals> zeros;
    for (core::Date d = from; d <= to; d += std::chrono::days{1}) {
        core::DayTotals t;
        t.date = d;
        zeros.push_back(t);
    }
    return zeros;
}

namespace {

// Read together with the range, so it costs no query of its own; a week holds
// the weekend that ends many streaks. Each later step is four times longer.
constexpr int first_lookback_days = 7;

}  // namespace

std::vector<core::DayTotals> read_days_with_streak(const DayTotalsReader& read, core::Date from,
                                                   core::Date to, const core::Config& config) {
    const core::Date furthest = from - std::chrono::days{streak_lookback_days};
    core::Date start = std::max(from - std::chrono::days{first_lookback_days}, furthest);
    auto totals = read(start, to);
    // True while every day read before `from` met its goal: only then can the
    // streak reach further back. Any miss ends it, wherever it lies in a step.
    const auto all_met_before_from = [&](const std::vector<core::DayTotals>& days) {
        return std::all_of(days.begin(), days.end(), [&](const core::DayTotals& t) {
            if (t.date >= from) return true;
            return DayReport{t, core::goals_for(config, t.date).daily, {}}.goal_met();
        });
    };
    bool unbroken = all_met_before_from(totals);
    for (int step = first_lookback_days * 4; unbroken && start > furthest; step *= 4) {
        const core::Date earlier = std::max(start - std::chrono::days{step}, furthest);
        auto before = read(earlier, start - std::chrono::days{1});
        unbroken = all_met_before_from(before);
        totals.insert(totals.begin(), before.begin(), before.end());
        start = earlier;
    }
    return totals;
}

RangeReport read_range_report(const Context& context, const core::Config& config, core::Date from,
                              core::Date to, core::DeviceScope scope) {
    const core::Date today = walkbreak_today(context, config);
    const core::TimeOfDay starts_at = config.day.starts_at;
    auto store = open_store_for_reading(context);
    if (!store) {
        return make_range_report(from, to, read_day_totals(context, from, to, starts_at), config,
                                 today);
    }
    const auto read = [&](core::Date first, core::Date last) {
        return store->day_totals(first, last, starts_at, scope);
    };
    const auto totals = read_days_with_streak(read, from, to, config);
    const auto checkins = config.checkin.enabled
                              ? store->checkins_on_days(from, to, starts_at, scope)
                              : std::vector<core::CheckinRecord>{};
    RangeReport report = make_range_report(from, to, totals, config, today, checkins);
    if (report.checkins_enabled && report.last_day_in_progress) {
        report.recent_checkins = store->recent_checkins(recent_checkins_shown, scope);
    }
    return report;
}

core::Date walkbreak_today(const Context& context, const core::Config& config) {
    return core::today(context.now, config.day.starts_at);
}

core::Date calendar_today(const Context& context) {
    return core::today(context.now, core::TimeOfDay{0});
}

TextStyle text_style(const Context& context) {
    return TextStyle{context.terminal.width, context.terminal.colour};
}

namespace {

constexpr auto daemon_timeout = 5000ms;

// The daemon's answer to `request`; no answer or a refusal is a failure,
// `who` first ("walkbreakd: no reminder to skip", "edit: ... overlaps walk 12").
core::protocol::Response answer(DaemonClient& client, const core::protocol::Request& request,
                                std::string_view who) {
    auto response = client.request(request);
    // The client's own errors name walkbreakd already ("walkbreakd at ... hung up").
    if (!response) {
        throw failure(who == "walkbreakd" ? response.error()
                                          : fmt::format("{}: {}", who, response.error()));
    }
    if (!response->ok) throw failure(fmt::format("{}: {}", who, response->error));
    return std::move(*response);
}

}  // namespace

core::protocol::Response ask_daemon(const Context& context,
                                    const core::protocol::Request& request) {
    auto client = DaemonClient::connect(context.paths.socket, daemon_timeout);
    if (!client) throw failure(client.error());
    return answer(*client, request, "walkbreakd");
}

std::optional<core::protocol::Response> ask_daemon_if_running(
    const Context& context, const core::protocol::Request& request, std::string_view command) {
    auto client = DaemonClient::connect(context.paths.socket, daemon_timeout);
    // Only a daemon that is not there lets the CLI write itself: one that is
    // there but cannot be reached would keep a stale total of today.
    if (!client && client.error() == not_running_message(context.paths.socket)) return std::nullopt;
    if (!client) throw failure(fmt::format("{}: {}", command, client.error()));
    return answer(*client, request, command);
}

}  // namespace walkbreak::cli

namespace walkbreak::cli {

std::optional<core::protocol::Status> try_daemon_status(const Context& context) {
    auto client = DaemonClient::connect(context.paths.socket, 500ms);
    if (!client) return std::nullopt;
    auto response = client->request(core::protocol::request::Status{});
    if (!response || !response->ok) return std::nullopt;
    return response->status;
}

}  // namespace walkbreak::cli
