// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command_support.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "cli/client.hpp"
#include "core/civil.hpp"

namespace walkbreak::cli {

using namespace std::chrono_literals;

core::Config load_config(const Context& context) {
    auto parsed = core::load_config_file(context.paths.config);
    if (!parsed.config) {
        std::vector<std::string> lines;
        for (const auto& e : parsed.errors) lines.push_back(e.to_string());
        throw failure(fmt::format("the configuration has errors (walkbreak config check):\n{}",
                                  fmt::join(lines, "\n")));
    }
    return *parsed.config;
}

std::optional<core::Store> open_store_for_reading(const Context& context) {
    std::error_code ec;
    if (!std::filesystem::exists(context.paths.db, ec)) return std::nullopt;
    return core::Store(context.paths.db, core::Store::Mode::ReadOnly);
}

std::vector<core::DayTotals> read_day_totals(const Context& context, core::Date from,
                                             core::Date to, core::TimeOfDay starts_at) {
    if (auto store = open_store_for_reading(context)) return store->day_totals(from, to, starts_at);
    std::vector<core::DayTotals> zeros;
    for (core::Date d = from; d <= to; d += std::chrono::days{1}) {
        core::DayTotals t;
        t.date = d;
        zeros.push_back(t);
    }
    return zeros;
}

std::vector<core::CheckinRecord> read_checkins(const Context& context) {
    if (auto store = open_store_for_reading(context)) return store->all_checkins();
    return {};
}

RangeReport read_range_report(const Context& context, const core::Config& config,
                              core::Date from, core::Date to) {
    // A streak longer than a year is reported as reaching back a year.
    const core::Date lookback = from - std::chrono::days{365};
    const auto totals = read_day_totals(context, lookback, to, config.day.starts_at);
    const auto checkins =
        config.checkin.enabled ? read_checkins(context) : std::vector<core::CheckinRecord>{};
    return make_range_report(from, to, totals, config, walkbreak_today(context, config),
                             checkins);
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

core::protocol::Response ask_daemon(const Context& context,
                                    const core::protocol::Request& request) {
    auto client = DaemonClient::connect(context.paths.socket, 5000ms);
    if (!client) throw failure(client.error());
    auto response = client->request(request);
    if (!response) throw failure(response.error());
    if (!response->ok) throw failure(fmt::format("walkbreakd: {}", response->error));
    return std::move(*response);
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
