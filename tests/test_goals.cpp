// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/goals.hpp"

using namespace walkbreak::core;
using namespace std::chrono_literals;
using std::chrono::days;

namespace {
constexpr Date start{std::chrono::year{2026} / 3 / 30};

Config beginner() {
    Config c;
    c.goal.program = GoalProgram::Beginner;
    c.goal.program_start = start;
    return c;
}
}  // namespace

TEST_CASE("without a program the configured goals apply", "[goals]") {
    Config c;
    CHECK(goals_for(c, start) == Goals{30min, 150min, std::nullopt});
    c.goal.daily = 45min;
    c.goal.weekly = 200min;
    CHECK(goals_for(c, start + days{400}) == Goals{45min, 200min, std::nullopt});
}

TEST_CASE("the beginner program builds up over four weeks, then maintains", "[goals]") {
    const Config c = beginner();
    // Week by week, checked on the first and last day of each.
    CHECK(goals_for(c, start) == Goals{10min, 50min, 1});
    CHECK(goals_for(c, start + days{6}) == Goals{10min, 50min, 1});
    CHECK(goals_for(c, start + days{7}) == Goals{15min, 75min, 2});
    CHECK(goals_for(c, start + days{13}) == Goals{15min, 75min, 2});
    CHECK(goals_for(c, start + days{14}) == Goals{20min, 100min, 3});
    CHECK(goals_for(c, start + days{21}) == Goals{30min, 150min, 4});
    CHECK(goals_for(c, start + days{27}) == Goals{30min, 150min, 4});
    CHECK(goals_for(c, start + days{28}) == Goals{30min, 150min, 5});
    CHECK(goals_for(c, start + days{3650}) == Goals{30min, 150min, 522});
}

TEST_CASE("before the program starts goal.daily applies, and maintenance follows the config",
          "[goals]") {
    Config c = beginner();
    CHECK(goals_for(c, start - days{1}) == Goals{30min, 150min, 0});
    CHECK(goals_for(c, start - days{100}) == Goals{30min, 150min, 0});
    c.goal.daily = 40min;
    c.goal.weekly = 200min;
    CHECK(goals_for(c, start + days{30}) == Goals{40min, 200min, 5});
    c.goal.program_start.reset();
    CHECK(goals_for(c, start).program_week == 1);
}
