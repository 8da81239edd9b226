// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Fixed report data for the CLI view tests (test_cli_views, test_cli_today).
#include <string>
#include <string_view>
#include <vector>

#include "core/civil.hpp"
#include "core/store.hpp"

namespace walkbreak::test {

using namespace std::chrono;

constexpr core::Date monday = sys_days{2026y / March / 23};
constexpr core::Date sunday = sys_days{2026y / March / 29};

inline core::DayTotals totals_of(core::Date date, int walked_minutes, int walks = 1) {
    core::DayTotals t;
    t.date = date;
    t.walk_seconds = minutes{walked_minutes};
    t.walks = walked_minutes > 0 ? walks : 0;
    return t;
}

// Every day from `from` with the given minutes.
inline std::vector<core::DayTotals> series(core::Date from, const std::vector<int>& mins) {
    std::vector<core::DayTotals> out;
    for (std::size_t i = 0; i < mins.size(); ++i) {
        out.push_back(totals_of(from + days{static_cast<int>(i)}, mins[i]));
    }
    return out;
}

// The lines of `text` from the first that starts with `prefix`.
inline std::string from_line(const std::string& text, const std::string& prefix) {
    const auto at = text.rfind('\n' + prefix);
    return at == std::string::npos ? std::string() : text.substr(at + 1);
}

inline std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace walkbreak::test
