// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/report.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "core/civil.hpp"
#include "core/goals.hpp"

namespace walkbreak::cli {

using namespace std::chrono;

bool ProgramReport::maintenance() const { return week > core::beginner_program_weeks; }

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

int RangeReport::current_streak() const {
    auto it = days.rbegin();
    // Days after as_of have not happened yet.
    while (it != days.rend() && it->totals.date > as_of) ++it;
    if (it != days.rend() && last_day_in_progress && !it->goal_met()) ++it;
    int n = 0;
    for (; it != days.rend(); ++it) {
        if (!it->goal_met()) return n;
        ++n;
    }
    return n + streak_before;
}

int RangeReport::longest_streak() const {
    int longest = 0;
    int run = 0;
    for (const auto& d : days) {
        run = d.goal_met() ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

core::DayTotals::Reminders RangeReport::reminders() const {
    core::DayTotals::Reminders sum;
    for (const auto& d : days) {
        const auto& r = d.totals.reminders;
        sum.sent += r.sent;
        sum.walked += r.walked;
        sum.snoozed += r.snoozed;
        sum.skipped += r.skipped;
        sum.ignored += r.ignored;
    }
    return sum;
}

BackFeelCounts RangeReport::back() const {
    BackFeelCounts sum;
    for (const auto& d : days) {
        sum.better += d.back.better;
        sum.same += d.back.same;
        sum.worse += d.back.worse;
    }
    return sum;
}

namespace {

void count_checkins(std::vector<DayReport>& days, const std::vector<core::CheckinRecord>& checkins,
                    core::TimeOfDay starts_at) {
    if (days.empty()) return;
    const core::Date first = days.front().totals.date;
    for (const auto& c : checkins) {
        const core::Date d = core::local_day(c.at, c.utc_offset, starts_at);
        if (d < first) continue;
        const auto index = static_cast<std::size_t>((d - first).count());
        if (index >= days.size()) continue;
        BackFeelCounts& b = days[index].back;
        switch (c.feel) {
            case core::BackFeel::Better:
                ++b.better;
                break;
            case core::BackFeel::Same:
                ++b.same;
                break;
            case core::BackFeel::Worse:
                ++b.worse;
                break;
        }
    }
}

// Each week's goal is the weekly goal in force on its day nearest to as_of
// (its last day for a past week): the week holding as_of agrees with the
// beginner program's week shown for as_of.
std::vector<WeekReport> split_weeks(const std::vector<DayReport>& days, const core::Config& config,
                                    core::Date as_of) {
    std::vector<WeekReport> weeks;
    for (const auto& d : days) {
        const core::Date date = d.totals.date;
        const core::Date monday = date - (weekday{date} - Monday);
        if (weeks.empty() || date == monday) weeks.push_back(WeekReport{date, date, {}, {}});
        weeks.back().to = date;
        weeks.back().walked += d.totals.walk_seconds;
    }
    for (auto& w : weeks) {
        w.goal = core::goals_for(config, std::clamp(as_of, w.from, w.to)).weekly;
    }
    return weeks;
}

}  // namespace

RangeReport make_range_report(core::Date from, core::Date to,
                              const std::vector<core::DayTotals>& totals,
                              const core::Config& config, std::optional<core::Date> today,
                              const std::vector<core::CheckinRecord>& checkins) {
    RangeReport report;
    report.from = from;
    report.to = to;
    const bool today_in_range = today && *today >= from && *today <= to;
    report.as_of = today_in_range ? *today : to;
    report.weekly_goal = core::goals_for(config, report.as_of).weekly;
    report.last_day_in_progress = today_in_range;
    report.checkins_enabled = config.checkin.enabled;
    std::vector<DayReport> before;
    for (const auto& t : totals) {
        DayReport d{t, core::goals_for(config, t.date).daily, {}};
        (t.date < from ? before : report.days).push_back(d);
    }
    for (auto it = before.rbegin(); it != before.rend() && it->goal_met(); ++it) {
        ++report.streak_before;
    }
    if (report.checkins_enabled) count_checkins(report.days, checkins, config.day.starts_at);
    report.weeks = split_weeks(report.days, config, report.as_of);
    const core::Goals goals = core::goals_for(config, report.as_of);
    if (goals.program_week) {
        report.program = ProgramReport{*goals.program_week, goals.daily, goals.weekly, {}};
        if (*goals.program_week == 0) report.program->starts = config.goal.program_start;
    }
    return report;
}

int worse_in_a_row(const std::vector<core::CheckinRecord>& newest_first) {
    const auto end = std::find_if(newest_first.begin(), newest_first.end(),
                                  [](const auto& c) { return c.feel != core::BackFeel::Worse; });
    return static_cast<int>(end - newest_first.begin());
}

std::int64_t whole_minutes(core::Seconds s) { return floor<minutes>(s).count(); }

namespace {

sys_seconds local_seconds(core::WallTime at, core::UtcOffset offset) {
    return floor<seconds>(at) + offset;
}

}  // namespace

std::string format_local_date(core::WallTime at, core::UtcOffset offset) {
    return core::format_date(floor<days>(local_seconds(at, offset)));
}

std::string format_local_time(core::WallTime at, core::UtcOffset offset) {
    const auto local = local_seconds(at, offset);
    return core::format_time_of_day(floor<minutes>(local - floor<days>(local)));
}

}  // namespace walkbreak::cli

namespace walkbreak::cli {

std::string format_walk_day(const core::WalkRecord& walk, core::TimeOfDay starts_at) {
    return core::format_date(core::local_day(walk.start, walk.utc_offset, starts_at));
}

core::UtcOffset end_offset(const core::WalkRecord& walk) {
    return walk.utc_offset + core::local_utc_offset(walk.end) - core::local_utc_offset(walk.start);
}

}  // namespace walkbreak::cli
