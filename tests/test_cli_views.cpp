// SPDX-License-Identifier: GPL-3.0-or-later
// stats' summary (weeks, streaks, reminders, back check-ins, the beginner
// program), `today`, Waybar's states and the terminal's colour rules: pure
// renderers, fixed data in, exact text out.
#include <catch2/catch.hpp>

#include "store_test_support.hpp"
#include "time_zone_support.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <map>

#include <nlohmann/json.hpp>

#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "cli/render_waybar.hpp"
#include "cli/terminal.hpp"
#include "cli/text_bar.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace std::chrono;
using core::Seconds;

namespace {

constexpr core::Date monday = sys_days{2026y / March / 23};
constexpr core::Date sunday = sys_days{2026y / March / 29};

core::DayTotals totals_of(core::Date date, int walked_minutes, int walks = 1) {
    core::DayTotals t;
    t.date = date;
    t.walk_seconds = minutes{walked_minutes};
    t.walks = walked_minutes > 0 ? walks : 0;
    return t;
}

// Every day from `from` with the given minutes.
std::vector<core::DayTotals> series(core::Date from, const std::vector<int>& mins) {
    std::vector<core::DayTotals> out;
    for (std::size_t i = 0; i < mins.size(); ++i) {
        out.push_back(totals_of(from + days{static_cast<int>(i)}, mins[i]));
    }
    return out;
}

// The lines of `text` from the first that starts with `prefix`.
std::string from_line(const std::string& text, const std::string& prefix) {
    const auto at = text.rfind('\n' + prefix);
    return at == std::string::npos ? std::string() : text.substr(at + 1);
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

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

namespace {

// Sunday 2026-03-29, the day Europe moves its clocks forward: one walk before
// the change (+01:00), one after (+02:00), each shown in its own zone.
TodayReport dst_today() {
    TodayReport t;
    t.day.totals = totals_of(sunday, 42, 2);
    t.day.goal = minutes{30};
    t.day.totals.sitting_seconds = Seconds{15120};
    t.day.totals.longest_sitting = Seconds{2880};
    t.day.totals.reminders = {1, 1, 0, 0, 0};
    t.walks = {
        test::stored_walk(7, 1774741800, minutes{30}, hours{1}, core::CreditHow::Reminder, ""),
        test::stored_walk(42, 1774774980, minutes{12}, hours{2}, core::CreditHow::Manual,
                          "after lunch")};
    return t;
}

}  // namespace

TEST_CASE("today on a DST day lists the walks in their own zone and the live state", "[cli]") {
    TodayReport t = dst_today();
    t.live = core::protocol::Status{"sitting", 1500, 1200, 42, 2520, 30, "x11-sync", {}, false};
    const auto now = core::from_unix_seconds(1774775000);
    const std::string head =
        "Sun 2026-03-29: 42 min walked of 30 in 2\n"
        "  walks; goal met ✓\n"
        "  " +
        repeat("█", 26) + "│" + repeat("█", 10) +
        "\n"
        "  walks:\n"
        "    00:50–01:20  30m     reminder\n"
        "    11:03–11:15  12m     manual     after lunch\n";
    // Each line wrapped to the 40 columns.
    const std::string tail =
        "  sitting 252 min, longest stretch 48\n"
        "    min\n"
        "  reminders: 1 sent; 1 walked, 0\n"
        "    snoozed, 0 skipped, 0 ignored\n";
    CHECK(render_today_text(t, TextStyle{40, false}, now, hours{2}) ==
          head + "  now: sitting for 25m · next reminder\n    in 20m\n" + tail);

    t.live.reset();  // walkbreakd not running: the line is left out, nothing else changes
    CHECK(render_today_text(t, TextStyle{40, false}, now, hours{2}) == head + tail);

    t.walks.clear();
    t.checkins_enabled = true;
    t.program = ProgramReport{5, minutes{30}, minutes{150}, {}};
    CHECK(render_today_text(t, TextStyle{40, false}, now, hours{2}).find("  no walks yet\n") !=
          std::string::npos);
    CHECK(from_line(render_today_text(t, TextStyle{40, false}, now, hours{2}), "  back") ==
          "  back: no check-ins yet\n  beginner program: done; keeping up 30 min a day\n");
}

TEST_CASE("today shows a walk across midnight with the minutes that count that day", "[cli]") {
    test::ScopedTimeZone utc("UTC");
    TodayReport t;
    t.day.totals = totals_of(sunday, 20, 1);
    t.day.goal = minutes{30};
    t.day_begin = core::WallTime{sys_days{sunday}};
    t.day_end = t.day_begin + days{1};
    t.walks = {test::stored_walk(3, core::to_unix_seconds(t.day_begin) - 600, minutes{30}, hours{0},
                                 core::CreditHow::Manual, "late\n\x1b[31mred")};
    const std::string text = render_today_text(t, TextStyle{60, false}, t.day_begin, hours{0});
    CHECK(text.find("    23:50–00:20  20m (of 30m)  manual     late\\n\\x1b[31mred\n") !=
          std::string::npos);
    CHECK(render_history_text(t.walks).find("late\\n\\x1b[31mred\n") != std::string::npos);
}

TEST_CASE("a walk across the spring DST change ends at the time the clock showed", "[cli]") {
    test::ScopedTimeZone berlin("Europe/Berlin");
    // 01:50 CET, 30 minutes: the clocks go from 02:00 to 03:00 meanwhile.
    const auto walk =
        test::stored_walk(5, 1774745400, minutes{30}, hours{1}, core::CreditHow::Manual, "");
    CHECK(render_history_text({walk}).find("2026-03-29  01:50–03:20  30m") != std::string::npos);
}

TEST_CASE("history dates a walk on the day stats counts it on (day.starts_at)", "[cli]") {
    // 01:00 on Sunday with days starting at 04:00: Saturday's walk.
    const auto walk =
        test::stored_walk(6, 1774742400, minutes{10}, hours{1}, core::CreditHow::Manual, "");
    CHECK(render_history_text({walk}).find("2026-03-29  01:00") != std::string::npos);
    CHECK(render_history_text({walk}, minutes{4 * 60}).find("2026-03-28  01:00") !=
          std::string::npos);
}

TEST_CASE("an empty today has no stray marker, and sitting without data says so", "[cli]") {
    TodayReport t;
    t.day.totals = totals_of(sunday, 0, 0);
    t.day.goal = minutes{30};
    const std::string text =
        render_today_text(t, TextStyle{60, false}, core::WallTime{sys_days{sunday}}, hours{0});
    CHECK(text.find("│") == std::string::npos);
    CHECK(text.find("  sitting: no data") != std::string::npos);
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

TEST_CASE("today --json adds the walk list, the live status and the program", "[cli]") {
    TodayReport t = dst_today();
    auto j = nlohmann::json::parse(today_json(t));
    CHECK(j.at("walk_minutes") == 42);
    REQUIRE(j.at("walk_list").size() == 2);
    CHECK(j.at("walk_list").at(0).at("start") == "2026-03-29T00:50:00+01:00");
    CHECK(j.at("walk_list").at(1).at("how") == "manual");
    CHECK(j.at("live").is_null());
    CHECK(j.at("program").is_null());
    t.live = core::protocol::Status{"away", 0, {}, 42, 2520, 30, "x11-sync", {}, false};
    j = nlohmann::json::parse(today_json(t));
    CHECK(j.at("live").at("state") == "away");
}

TEST_CASE("Waybar gets a class for every state and offline without a daemon", "[cli]") {
    core::protocol::Status s{"sitting", 1500, 1200, 22, 1330, 30, "x11-sync", {}, false};
    const auto line = [](const std::optional<core::protocol::Status>& st) {
        return nlohmann::json::parse(waybar_json_line(st, "tip"));
    };
    CHECK(line(s) == nlohmann::json::parse(
                         R"({"text": "22/30", "tooltip": "tip", "class": "sitting",
                             "percentage": 73})"));
    s.next_reminder_in_seconds = 0;
    CHECK(line(s).at("class") == "due");
    s.next_reminder_in_seconds = 600;
    s.reminder_showing = true;
    CHECK(line(s).at("class") == "due");
    s.reminder_showing = false;
    s.state = "paused";
    s.paused_until = 1774775000;
    CHECK(line(s).at("class") == "paused");
    s.paused_until.reset();
    for (const char* away : {"away", "locked", "suspended"}) {
        s.state = away;
        CHECK(line(s).at("class") == "away");
    }
    s.state = "off_hours";
    CHECK(line(s).at("class") == "quiet");
    s.today_walk_minutes = 45;
    CHECK(line(s).at("percentage") == 100);
    CHECK(line(std::nullopt) == nlohmann::json::parse(
                                    R"({"text": "off", "tooltip": "tip", "class": "offline",
                                        "percentage": 0})"));
    CHECK(waybar_json_line(s, "tip").find('\n') == waybar_json_line(s, "tip").size() - 1);
}

TEST_CASE("colour is used on a terminal only, and never with NO_COLOR", "[cli]") {
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    const int tty = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
    REQUIRE(tty >= 0);
    winsize size{};
    size.ws_col = 100;
    size.ws_row = 30;
    REQUIRE(::ioctl(tty, TIOCSWINSZ, &size) == 0);

    std::map<std::string, std::string> vars;
    const core::GetEnv env = [&vars](const char* name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
    Terminal t = detect_terminal(tty, env);
    CHECK(t.is_tty);
    CHECK(t.colour);
    CHECK(t.width == 100);
    vars["NO_COLOR"] = "1";
    CHECK_FALSE(detect_terminal(tty, env).colour);
    vars["NO_COLOR"] = "";  // empty counts as unset (no-color.org)
    CHECK(detect_terminal(tty, env).colour);

    int pipe_fds[2] = {-1, -1};
    REQUIRE(::pipe(pipe_fds) == 0);
    vars.erase("NO_COLOR");
    vars["COLUMNS"] = "132";
    t = detect_terminal(pipe_fds[1], env);
    CHECK_FALSE(t.colour);
    CHECK(t.width == 132);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::close(tty);
    ::close(master);
}
