// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Walking goals for a day: goal.daily and goal.weekly, or the beginner
// program's targets (DESIGN.md §3, "Goals").
#include <optional>

#include "core/config.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

// The beginner program builds up over this many weeks, then maintains.
inline constexpr int beginner_program_weeks = 4;

struct Goals {
    Seconds daily{0};
    Seconds weekly{0};
    // With goal.program = "beginner": 1-based week of the program, 0 before
    // goal.program_start (goal.daily and goal.weekly apply until then); past
    // beginner_program_weeks it is the maintenance phase. None without a program.
    std::optional<int> program_week;
    friend bool operator==(const Goals&, const Goals&) = default;
};

// The beginner program: weeks 1-4 aim at 10, 15, 20, then 30 minutes a day,
// and five such days a week (50, 75, 100, 150 minutes), leaving rest days as
// a physiotherapist would. From week 5 on, goal.daily and goal.weekly apply
// (30m and 150m unless configured), as they do on the days before
// goal.program_start. Without goal.program_start the program stays at week 1
// (the config check asks for the date).
Goals goals_for(const Config& config, Date date);

}  // namespace walkbreak::core
