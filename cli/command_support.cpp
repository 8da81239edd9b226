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
