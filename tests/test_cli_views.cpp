// SPDX-License-Identifier: GPL-3.0-or-later
// stats' summary (weeks, streaks, reminders, back check-ins, the beginner
// program) and the range views' headings: pure renderers, fixed data in,
// exact text out.
#include <catch2/catch.hpp>

#include "cli_view_support.hpp"
#include "store_test_support.hpp"
#include "time_zone_support.hpp"

#include <nlohmann/json.hpp>

#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "cli/text_bar.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace walkbreak::test;
using namespace std::chrono;
using core::Seconds;

TEST_CASE("an empty database gives a week of empty bars and zero totals", "[cli]") {
    const auto report =
        make_range_report(monday, sunday, series(monday, {0, 0, 0, 0, 0, 0, 0}), core::Config{});
    const std::string text = render_days_text(report, TextStyle{40, false});
    CHECK(from_line(text, "Mon").rfind("Mon 03-23  " + std::string(16, ' ') + "│  0/30 min\n", 0) ==
          0);
    CHECK(from_line(text, "total") ==
          "total 0 min in 0 walks; daily goal met\n"
          "  on 0 of 7 days\n"
          "week 03-23–03-29: 0/150 min\n"
          "goal streak: 0 days now, longest here 0\n"
          "  days\n"
          "reminders: 0 sent; 0 walked, 0 snoozed,\n"
          "  0 skipped, 0 ignored\n");
}

TEST_CASE("a month with gaps is summed per week, partial weeks marked", "[cli]") {
    const core::Date first = sys_days{2026y / March / 1};  // a Sunday
    std::vector<int> mins(31, 0);
    for (int d : {2, 3, 4, 10, 11, 12, 13, 14, 30, 31}) mins[static_cast<std::size_t>(d - 1)] = 30;
    // February 27 and 28 met the goal too: the streak before the range.
    auto totals = series(first - days{3}, {0, 30, 30});
    auto march = series(first, mins);
    march[9].reminders = {2, 1, 1, 0, 0};
    march[10].reminders = {1, 0, 0, 0, 1};
    totals.insert(totals.end(), march.begin(), march.end());
    const core::Date last_day = first + days{30};
    const auto report = make_range_report(first, last_day, totals, core::Config{}, last_day);

    CHECK(report.days.size() == 31);
    CHECK(report.streak_before == 2);
    CHECK(from_line(render_days_text(report, TextStyle{80, false}), "total") ==
          "total 300 min in 10 walks; daily goal met on 10 of 31 days\n"
          "week 03-01–03-01 (part): 0/150 min\n"
          "week 03-02–03-08: 90/150 min\n"
          "week 03-09–03-15: 150/150 min ✓\n"
          "week 03-16–03-22: 0/150 min\n"
          "week 03-23–03-29: 0/150 min\n"
          "week 03-30–03-31 (part): 60/150 min\n"
          "goal streak: 2 days now, longest here 5 days\n"
          "reminders: 3 sent; 1 walked, 1 snoozed, 0 skipped, 1 ignored\n");
    const auto j = nlohmann::json::parse(range_json(report));
    CHECK(j.at("weeks").size() == 6);
    CHECK(j.at("weeks").at(0).at("whole") == false);
    CHECK(j.at("weeks").at(2).at("goal_met") == true);
    CHECK(j.at("streak").at("longest_days") == 5);
    CHECK(j.at("reminders").at("ignored") == 1);
}

TEST_CASE("the current streak reaches back before the range and waits for today", "[cli]") {
    const auto totals = series(monday - days{2}, {30, 30, 30, 30, 10});  // Sat..Wed
    const core::Date wednesday = monday + days{2};
    auto report = make_range_report(monday, wednesday, totals, core::Config{}, wednesday);
    CHECK(report.streak_before == 2);
    CHECK(report.current_streak() == 4);  // Sat, Sun, Mon, Tue; today is still going
    CHECK(report.longest_streak() == 2);  // inside the range
    report = make_range_report(monday, wednesday, totals, core::Config{}, sunday);
    CHECK(report.current_streak() == 0);  // a past day that missed the goal ends it
}

TEST_CASE("the current streak of a week or month view ends today, not on its last day", "[cli]") {
    const core::Date thursday = monday + days{3};
    const auto totals = series(monday, {30, 30, 30, 5, 0, 0, 0});
    auto report = make_range_report(monday, sunday, totals, core::Config{}, thursday);
    CHECK(report.current_streak() == 3);  // Mon-Wed; Thursday is still going
    CHECK(render_days_text(report, TextStyle{80, false}).find("goal streak: 3 days now") !=
          std::string::npos);
    CHECK(nlohmann::json::parse(range_json(report)).at("streak").at("current_days") == 3);
    // A past range still counts up to its last day.
    report = make_range_report(monday, sunday, totals, core::Config{}, sunday + days{3});
    CHECK(report.current_streak() == 0);
}

TEST_CASE("the beginner program before its start takes goal.daily and says when it starts",
          "[cli]") {
    core::Config config;
    config.goal.program = core::GoalProgram::Beginner;
    config.goal.program_start = sys_days{2026y / March / 26};  // Thursday
    const auto report = make_range_report(monday, sunday, series(monday, {30, 30, 10, 0, 0, 0, 0}),
                                          config, monday + days{1});
    CHECK(report.days.at(0).goal == minutes{30});
    CHECK(report.days.at(3).goal == minutes{10});
    CHECK(report.current_streak() == 2);
    const std::string text = render_days_text(report, TextStyle{80, false});
    CHECK(from_line(text, "week") ==
          "week 03-23–03-29: 70/150 min\n"
          "goal streak: 2 days now, longest here 2 days\n"
          "reminders: 0 sent; 0 walked, 0 snoozed, 0 skipped, 0 ignored\n"
          "beginner program: starts on 2026-03-26; 30 min a day until then\n");
    const auto j = nlohmann::json::parse(range_json(report));
    CHECK(j.at("program").at("week") == 0);
    CHECK(j.at("program").at("starts") == "2026-03-26");
    CHECK(j.at("goal_weekly_minutes") == 150);
}

TEST_CASE("the week's goal next to the beginner program is the program's week's", "[cli]") {
    core::Config config;
    config.goal.program = core::GoalProgram::Beginner;
    config.goal.program_start = sys_days{2026y / March / 18};  // a Wednesday: week 2 from 03-25
    const core::Date friday = monday + days{4};
    const auto report =
        make_range_report(monday, sunday, series(monday, {0, 0, 0, 0, 0, 0, 0}), config, friday);
    const std::string text = render_days_text(report, TextStyle{80, false});
    CHECK(text.find("week 03-23–03-29: 0/75 min\n") != std::string::npos);
    CHECK(text.find("beginner program: week 2 of 4, 15 min a day, 75 a week\n") !=
          std::string::npos);
    CHECK(nlohmann::json::parse(range_json(report)).at("goal_weekly_minutes") == 75);
}

TEST_CASE("the longest sitting bout gets a column once any day has one", "[cli]") {
    auto totals = series(monday, {22, 30});
    totals[0].longest_sitting = minutes{48};
    totals[1].longest_sitting = minutes{72};
    const auto report = make_range_report(monday, monday + days{1}, totals, core::Config{});
    const std::string text = from_line(render_days_text(report, TextStyle{60, false}), "Mon");
    CHECK(text.rfind("Mon 03-23  " + repeat("█", 11) +
                         "▋    │  22/30 min    longest sit   48m\n"
                         "Tue 03-24  " +
                         repeat("█", 16) + "│  30/30 min ✓  longest sit 1h12m\n",
                     0) == 0);
}

TEST_CASE("a narrow terminal keeps the minimum bar with every column", "[cli]") {
    auto totals = series(monday, {12});
    totals[0].longest_sitting = minutes{50};
    const auto report = make_range_report(monday, monday, totals, core::Config{});
    CHECK(from_line(render_days_text(report, TextStyle{20, false}), "Mon")
              .rfind("Mon 03-23  ███▏    │  12/30 min    longest sit 50m\n", 0) == 0);
}

TEST_CASE("with check-ins enabled each day shows its back trend", "[cli]") {
    core::Config config;
    config.checkin.enabled = true;
    const auto at = [](int day, int hour) {
        return core::WallTime{sys_days{2026y / March / day}} + hours{hour} - hours{1};
    };
    const std::vector<core::CheckinRecord> checkins{
        {at(23, 10), core::BackFeel::Better, hours{1}},
        {at(23, 14), core::BackFeel::Same, hours{1}},
        {at(24, 10), core::BackFeel::Worse, hours{1}},
        {at(25, 10), core::BackFeel::Same, hours{1}},
        {at(22, 10), core::BackFeel::Worse, hours{1}},  // before the range: not counted
    };
    const auto report = make_range_report(monday, monday + days{3}, series(monday, {30, 10, 0, 0}),
                                          config, {}, checkins);
    const std::string text = render_days_text(report, TextStyle{60, false});
    CHECK(text.find("30/30 min ✓  back ↑\n") != std::string::npos);
    CHECK(text.find("10/30 min    back ↓\n") != std::string::npos);
    CHECK(text.find("0/30 min    back →\n") != std::string::npos);
    CHECK(text.find("Thu 03-26  " + std::string(28, ' ') + "│   0/30 min\n") != std::string::npos);
    CHECK(text.find("back: 1 better, 2 same, 1 worse (↑ better, → same, ↓ worse)\n") !=
          std::string::npos);
    const auto j = nlohmann::json::parse(range_json(report));
    CHECK(j.at("days").at(0).at("back") ==
          nlohmann::json::parse(R"({"better": 1, "same": 1, "worse": 0})"));
    CHECK(j.at("back").at("worse") == 1);
    CHECK(back_trend_glyph({}) == "");
    const std::string coloured = render_days_text(report, TextStyle{60, true});
    CHECK(coloured.find("back \x1b[33m↓\x1b[0m") != std::string::npos);
}

TEST_CASE("the beginner program says which week it is and its target", "[cli]") {
    core::Config config;
    config.goal.program = core::GoalProgram::Beginner;
    config.goal.program_start = sys_days{2026y / March / 16};
    auto report =
        make_range_report(monday, sunday, series(monday, {15, 15, 0, 20, 15, 0, 0}), config);
    const std::string text = render_days_text(report, TextStyle{80, false});
    CHECK(text.find("Mon 03-23") != std::string::npos);
    CHECK(text.find("15/15 min ✓") != std::string::npos);
    CHECK(from_line(text, "week") ==
          "week 03-23–03-29: 65/75 min\n"
          "goal streak: 0 days now, longest here 2 days\n"
          "reminders: 0 sent; 0 walked, 0 snoozed, 0 skipped, 0 ignored\n"
          "beginner program: week 2 of 4, 15 min a day, 75 a week\n");
    const auto j = nlohmann::json::parse(range_json(report));
    CHECK(j.at("program") == nlohmann::json::parse(R"({"name": "beginner", "week": 2,
        "maintenance": false, "daily_minutes": 15, "weekly_minutes": 75, "starts": null})"));
    config.goal.program_start = sys_days{2026y / January / 5};
    report = make_range_report(monday, sunday, series(monday, {0, 0, 0, 0, 0, 0, 0}), config);
    CHECK(from_line(render_days_text(report, TextStyle{80, false}), "beginner") ==
          "beginner program: done; keeping up 30 min a day\n");
}

TEST_CASE("range views get a heading and summary lines fit 40 columns", "[cli]") {
    auto report = make_range_report(monday, sunday, series(monday, {30, 30, 0, 0, 0, 0, 0}),
                                    core::Config{}, monday + days{2});
    std::string text = render_days_text(report, TextStyle{40, false});
    CHECK(text.rfind("week of 2026-03-23 to 2026-03-29\n", 0) == 0);
    std::size_t at = text.find("total ");
    REQUIRE(at != std::string::npos);
    for (std::size_t nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1) {
        INFO(text.substr(at, nl - at));
        CHECK(display_width(text.substr(at, nl - at)) <= 40);
    }
    const core::Date first = sys_days{2026y / March / 1};
    const core::Date last_day = sys_days{2026y / March / 31};
    report =
        make_range_report(first, last_day, series(first, std::vector<int>(31, 0)), core::Config{});
    CHECK(render_days_text(report, TextStyle{80, false}).rfind("March 2026\n", 0) == 0);
    report = make_range_report(first, first + days{9}, series(first, std::vector<int>(10, 0)),
                               core::Config{});
    CHECK(render_days_text(report, TextStyle{80, false})
              .rfind("2026-03-01 to 2026-03-10 (10 days)\n", 0) == 0);
}
