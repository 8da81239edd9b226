// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/report.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "core/civil.hpp"
#include "core/goals.hpp"

namespace walkbreak::cli {

using namespace std::chrono;

core::Seconds RangeReport::total_walk() const {
    core::Seconds sum{0};
    for (const auto& d : days) sum += d.totals.walk_seconds;
    return sum;
}

int RangeReport::total_walks() const {
    int sum = 0;
    for (const auto& d : days) sum += d.totals.walks;
    return sum;
}

int RangeReport::days_goal_met() const {
    int n = 0;
    for (const auto& d : days) n += d.goal_met() ? 1 : 0;
    return n;
}

RangeReport make_range_report(core::Date from, core::Date to,
                              const std::vector<core::DayTotals>& totals,
                              const core::Config& config) {
    RangeReport report;
    report.from = from;
    report.to = to;
    report.weekly_goal = core::goals_for(config, from).weekly;
    report.days.reserve(totals.size());
    for (const auto& t : totals) {
        report.days.push_back(DayReport{t, core::goals_for(config, t.date).daily});
    }
    return report;
}

std::int64_t whole_minutes(core::Seconds s) { return floor<minutes>(s).count(); }

namespace {

sys_seconds local_seconds(core::WallTime at, core::UtcOffset offset) {
    return floor<seconds>(at) + offset;
}

}  // namespace

std::string format_rfc3339(core::WallTime at, core::UtcOffset offset) {
    const auto local = local_seconds(at, offset);
    const auto day = floor<days>(local);
    const hh_mm_ss<seconds> tod{local - day};
    const auto off = std::abs(offset.count());
    return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", core::format_date(day),
                       tod.hours().count(), tod.minutes().count(), tod.seconds().count(),
                       offset.count() < 0 ? '-' : '+', off / 3600, off / 60 % 60);
}

std::string format_local_date(core::WallTime at, core::UtcOffset offset) {
    return core::format_date(floor<days>(local_seconds(at, offset)));
}

std::string format_local_time(core::WallTime at, core::UtcOffset offset) {
    const auto local = local_seconds(at, offset);
    return core::format_time_of_day(floor<minutes>(local - floor<days>(local)));
}

}  // namespace walkbreak::cli
