// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/goals.hpp"

#include <algorithm>
#include <array>

namespace walkbreak::core {
namespace {

using std::chrono::minutes;

constexpr std::array<minutes, beginner_program_weeks> beginner_daily{minutes{10}, minutes{15},
                                                                     minutes{20}, minutes{30}};
constexpr int beginner_days_a_week = 5;

int program_week(const Config& config, Date date) {
    if (!config.goal.program_start) return 1;
    if (date < *config.goal.program_start) return 0;
    const auto days = (date - *config.goal.program_start).count();
    // Capped so that a far-off date cannot overflow an int.
    return static_cast<int>(std::min<decltype(days)>(days / 7, 100'000)) + 1;
}

}  // namespace

Goals goals_for(const Config& config, Date date) {
    Goals goals{config.goal.daily, config.goal.weekly, std::nullopt};
    if (config.goal.program != GoalProgram::Beginner) return goals;
    const int week = program_week(config, date);
    goals.program_week = week;
    if (week >= 1 && week <= beginner_program_weeks) {
        const minutes daily = beginner_daily[static_cast<std::size_t>(week - 1)];
        goals.daily = daily;
        goals.weekly = daily * beginner_days_a_week;
    }
    return goals;
}

}  // namespace walkbreak::core
