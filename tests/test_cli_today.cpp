// SPDX-License-Identifier: GPL-3.0-or-later
// `today`, `history`, Waybar's states and the terminal's colour rules: pure
// renderers, fixed data in, exact text out.
#include <catch2/catch.hpp>

#include "cli_view_support.hpp"
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

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace walkbreak::test;
using namespace std::chrono;
using core::Seconds;

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
    t.live = core::protocol::Status{"sitting", 1500, 1200, 42, 2520, 30, "x11-sync", {}, false, {}};
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

TEST_CASE("today --json adds the walk list, the live status and the program", "[cli]") {
    TodayReport t = dst_today();
    auto j = nlohmann::json::parse(today_json(t));
    CHECK(j.at("walk_minutes") == 42);
    REQUIRE(j.at("walk_list").size() == 2);
    CHECK(j.at("walk_list").at(0).at("start") == "2026-03-29T00:50:00+01:00");
    CHECK(j.at("walk_list").at(1).at("how") == "manual");
    CHECK(j.at("live").is_null());
    CHECK(j.at("program").is_null());
    t.live = core::protocol::Status{"away", 0, {}, 42, 2520, 30, "x11-sync", {}, false, {}};
    j = nlohmann::json::parse(today_json(t));
    CHECK(j.at("live").at("state") == "away");
}

TEST_CASE("Waybar gets a class for every state and offline without a daemon", "[cli]") {
    core::protocol::Status s{"sitting", 1500, 1200, 22, 1330, 30, "x11-sync", {}, false, {}};
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
    s.state = "sitting";
    s.meeting = core::protocol::Status::Meeting{"2026-03-29T09:10:00+02:00", {"microphone"}};
    CHECK(line(s).at("class") == "meeting");
    s.meeting.reset();
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

TEST_CASE("the status line says since when and why the user is in a meeting", "[cli][meeting]") {
    core::protocol::Status s{"sitting", 1500, {}, 22, 1330, 30, "x11-sync", {}, false, {}};
    s.meeting =
        core::protocol::Status::Meeting{"2026-03-29T12:02:00+00:00", {"microphone", "camera"}};
    const auto now = core::from_unix_seconds(1774785600);
    const std::string text = render_status_text(s, now, hours{2});
    CHECK_THAT(text, Catch::Contains("sitting for 25m · in a meeting since 14:02 "
                                     "(microphone, camera) · today 22/30 min"));
}
