// SPDX-License-Identifier: GPL-3.0-or-later
// stats' summary (weeks, streaks, reminders, back check-ins, the beginner
// program), `today`, Waybar's states and the terminal's colour rules: pure
// renderers, fixed data in, exact text out.
#include <catch2/catch.hpp>

#include "store_test_support.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <map>

#include <nlohmann/json.hpp>

#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "cli/render_waybar.hpp"
#include "cli/terminal.hpp"

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
    CHECK(text.rfind("Mon 03-23  " + std::string(16, ' ') + "│  0/30 min\n", 0) == 0);
    CHECK(from_line(text, "total") ==
          "total 0 min in 0 walks; daily goal met on 0 of 7 days\n"
          "week 03-23–03-29: 0/150 min\n"
          "goal streak: 0 days now, longest here 0 days\n"
          "reminders: 0 sent; 0 walked, 0 snoozed, 0 skipped, 0 ignored\n");
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
    const core::Date last = first + days{30};
    const auto report = make_range_report(first, last, totals, core::Config{}, last);

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

TEST_CASE("the longest sitting bout gets a column once any day has one", "[cli]") {
    auto totals = series(monday, {22, 30});
    totals[0].longest_sitting = minutes{48};
    totals[1].longest_sitting = minutes{72};
    const auto report = make_range_report(monday, monday + days{1}, totals, core::Config{});
    const std::string text = render_days_text(report, TextStyle{60, false});
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
    CHECK(render_days_text(report, TextStyle{20, false})
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
    const std::string text = render_days_text(report, TextStyle{50, false});
    CHECK(text.find("Mon 03-23") != std::string::npos);
    CHECK(text.find("15/15 min ✓") != std::string::npos);
    CHECK(from_line(text, "week") ==
          "week 03-23–03-29: 65/75 min\n"
          "goal streak: 0 days now, longest here 2 days\n"
          "reminders: 0 sent; 0 walked, 0 snoozed, 0 skipped, 0 ignored\n"
          "beginner program: week 2 of 4, 15 min a day, 75 a week\n");
    const auto j = nlohmann::json::parse(range_json(report));
    CHECK(j.at("program") == nlohmann::json::parse(R"({"name": "beginner", "week": 2,
        "maintenance": false, "daily_minutes": 15, "weekly_minutes": 75})"));
    config.goal.program_start = sys_days{2026y / January / 5};
    report = make_range_report(monday, sunday, series(monday, {0, 0, 0, 0, 0, 0, 0}), config);
    CHECK(from_line(render_days_text(report, TextStyle{50, false}), "beginner") ==
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
        "Sun 2026-03-29: 42 min walked of 30 in 2 walks; goal met ✓\n"
        "  " +
        repeat("█", 26) + "│" + repeat("█", 10) +
        "\n"
        "  walks:\n"
        "    00:50–01:20  30m     reminder\n"
        "    11:03–11:15  12m     manual     after lunch\n";
    const std::string tail =
        "  sitting 252 min, longest stretch 48 min\n"
        "  reminders: 1 sent; 1 walked, 0 snoozed, 0 skipped, 0 ignored\n";
    CHECK(render_today_text(t, TextStyle{40, false}, now, hours{2}) ==
          head + "  now: sitting for 25m · next reminder in 20m\n" + tail);

    t.live.reset();  // walkbreakd not running: the line is left out, nothing else changes
    CHECK(render_today_text(t, TextStyle{40, false}, now, hours{2}) == head + tail);

    t.walks.clear();
    t.checkins_enabled = true;
    t.program = ProgramReport{5, minutes{30}, minutes{150}};
    CHECK(render_today_text(t, TextStyle{40, false}, now, hours{2}).find("  no walks yet\n") !=
          std::string::npos);
    CHECK(from_line(render_today_text(t, TextStyle{40, false}, now, hours{2}), "  back") ==
          "  back: no check-ins yet\n  beginner program: done; keeping up 30 min a day\n");
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
