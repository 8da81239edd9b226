// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI's renderers are pure: fixed data in, exact strings out.
#include <catch2/catch.hpp>

#include "store_test_support.hpp"

#include <nlohmann/json.hpp>

#include "cli/render_csv.hpp"
#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "cli/render_waybar.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace std::chrono;
using core::Seconds;

namespace {

constexpr core::Date monday = sys_days{2026y / March / 23};
constexpr core::Date sunday = sys_days{2026y / March / 29};

DayReport make_day(core::Date date, Seconds walked, int walks, Seconds goal = minutes{30}) {
    DayReport d;
    d.totals.date = date;
    d.totals.walk_seconds = walked;
    d.totals.walks = walks;
    d.goal = goal;
    return d;
}

// Mon..Sun, 22 30 0 45 10 31 5 minutes against 30 a day and 150 a week
// (the built-in goals).
RangeReport week() {
    const int mins[] = {22, 30, 0, 45, 10, 31, 5};
    const int walks[] = {2, 3, 0, 4, 1, 2, 1};
    std::vector<core::DayTotals> totals;
    for (int i = 0; i < 7; ++i) {
        core::DayTotals t;
        t.date = monday + days{i};
        t.walk_seconds = minutes{mins[i]};
        t.walks = walks[i];
        totals.push_back(t);
    }
    return make_range_report(monday, sunday, totals, core::Config{});
}

RangeReport one_day(Seconds walked, int walks) {
    RangeReport r;
    r.from = r.to = sunday;
    r.days.push_back(make_day(sunday, walked, walks));
    return r;
}

// 2026-03-29T09:03:00Z, shown at +02:00; 2026-03-28T23:50:00Z, shown at +01:00.
std::vector<core::WalkRecord> two_walks() {
    return {test::stored_walk(42, 1774774980, minutes{12}, hours{2}, core::CreditHow::Manual,
                              "after lunch, \"brisk\""),
            test::stored_walk(7, 1774741800, minutes{30}, hours{1}, core::CreditHow::Reminder, "")};
}

}  // namespace

TEST_CASE("an empty range says so", "[cli]") {
    RangeReport r;
    r.from = r.to = sunday;
    CHECK(render_days_text(r, TextStyle{80, false}) == "no days in this range\n");
}

TEST_CASE("a week draws one bar per day with the goal marked", "[cli]") {
    // A heading, then the bars; the summary wraps to the width.
    const std::string expected =
        "week of 2026-03-23 to 2026-03-29\n"
        "Mon 03-23  ███████▎  │       22/30 min\n"
        "Tue 03-24  ██████████│       30/30 min ✓\n"
        "Wed 03-25            │        0/30 min\n"
        "Thu 03-26  ██████████│█████  45/30 min ✓\n"
        "Fri 03-27  ███▎      │       10/30 min\n"
        "Sat 03-28  ██████████│▎      31/30 min ✓\n"
        "Sun 03-29  █▋        │        5/30 min\n"
        "total 143 min in 13 walks; daily goal\n"
        "  met on 3 of 7 days\n"
        "week 03-23–03-29: 143/150 min\n"
        "goal streak: 0 days now, longest here 1\n"
        "  day\n"
        "reminders: 0 sent; 0 walked, 0 snoozed,\n"
        "  0 skipped, 0 ignored\n";
    CHECK(render_days_text(week(), TextStyle{40, false}) == expected);
}

TEST_CASE("a narrow terminal still gets a readable bar", "[cli]") {
    CHECK(render_days_text(one_day(minutes{12}, 1), TextStyle{20, false}) ==
          "Sun 2026-03-29\n"
          "Sun 03-29  ███▏    │  12/30 min\n"
          "total 12 min in 1\n"
          "  walk; daily goal\n"
          "  met on 0 of 1 day\n"
          "goal streak: 0 days\n"
          "  now, longest here\n"
          "  0 days\n"
          "reminders: 0 sent; 0\n"
          "  walked, 0 snoozed,\n"
          "  0 skipped, 0\n"
          "  ignored\n");
}

TEST_CASE("a wide terminal caps the bar length", "[cli]") {
    const std::string text = render_days_text(one_day(minutes{30}, 1), TextStyle{300, false});
    CHECK(text.find("│  30/30 min ✓\n") != std::string::npos);
    std::string bar;
    for (int i = 0; i < 48; ++i) bar += "█";
    CHECK(text.rfind("Sun 2026-03-29\nSun 03-29  " + bar + "│", 0) == 0);
}

TEST_CASE("colour paints a met goal green and the marker dim, only when asked", "[cli]") {
    const auto r = one_day(minutes{30}, 1);
    std::string bar;
    for (int i = 0; i < 15; ++i) bar += "█";
    CHECK(render_days_text(r, TextStyle{40, true}) ==
          "Sun 2026-03-29\nSun 03-29  \x1b[32m" + bar +
              "\x1b[0m\x1b[2m│\x1b[0m  30/30 min ✓\n"
              "total 30 min in 1 walk; daily goal met\n"
              "  on 1 of 1 day\n"
              "goal streak: 1 day now, longest here 1\n"
              "  day\n"
              "reminders: 0 sent; 0 walked, 0 snoozed,\n"
              "  0 skipped, 0 ignored\n");
    CHECK(render_days_text(r, TextStyle{40, false}).find('\x1b') == std::string::npos);
}

TEST_CASE("one day in detail shows walking, sitting and reminders", "[cli]") {
    DayReport d = make_day(sunday, Seconds{1330}, 3);
    d.totals.sitting_seconds = Seconds{15120};
    d.totals.longest_sitting = Seconds{2880};
    d.totals.reminders = {4, 3, 1, 0, 0};
    d.totals.meeting_seconds = Seconds{3059};
    std::string bar;
    for (int i = 0; i < 26; ++i) bar += "█";
    CHECK(render_day_text(d, TextStyle{40, false}) ==
          "Sun 2026-03-29: 22 min walked of 30 in 3\n"
          "  walks; 8 min to go\n"
          "  " +
              bar +
              "▌         │\n"
              "  sitting 252 min, longest stretch 48\n"
              "    min; 50 min in meetings\n"
              "  reminders: 4 sent; 3 walked, 1\n"
              "    snoozed, 0 skipped, 0 ignored\n");
}

TEST_CASE("a range with meetings sums their minutes in a summary line", "[cli][meeting]") {
    RangeReport r = week();
    CHECK(render_days_text(r, TextStyle{80, false}).find("meetings:") == std::string::npos);
    r.days[1].totals.meeting_seconds = Seconds{50 * 60 + 30};
    r.days[3].totals.meeting_seconds = Seconds{20 * 60 + 40};
    CHECK_THAT(render_days_text(r, TextStyle{80, false}), Catch::Contains("\nmeetings: 71 min\n"));
}

TEST_CASE("history lists walks in their recorded zone with aligned columns", "[cli]") {
    CHECK(render_history_text({}) == "no walks recorded yet\n");
    CHECK(render_history_text(two_walks()) ==
          "ID  DATE        TIME         LENGTH   HOW        NOTE\n"
          "42  2026-03-29  11:03–11:15  12m      manual     after lunch, \"brisk\"\n"
          " 7  2026-03-29  00:50–01:20  30m      reminder\n");
}

TEST_CASE("the status line names state, next reminder, today and backend", "[cli]") {
    core::protocol::Status s{"sitting", 1500, 1200, 22, 1330, 30, "x11-sync", {}, false, {}};
    const auto now = core::from_unix_seconds(1774775000);
    CHECK(render_status_text(s, now, hours{2}) ==
          "sitting for 25m · next reminder in 20m · today 22/30 min · idle backend x11-sync\n");
    s.state = "paused";
    s.next_reminder_in_seconds.reset();
    s.paused_until = 1774775000 + 3600;  // 12:03 at +02:00
    CHECK(render_status_text(s, now, hours{2}) ==
          "paused · paused until 12:03 · today 22/30 min · idle backend x11-sync\n");
    s.paused_until = 1774775000 + 86400;
    CHECK(render_status_text(s, now, hours{2}) ==
          "paused · paused until 2026-03-30 11:03 · today 22/30 min · idle backend x11-sync\n");
}

TEST_CASE("stats --json for one day is the DESIGN.md object with additions", "[cli]") {
    DayReport d = make_day(sunday, Seconds{1330}, 3);
    d.totals.sitting_seconds = Seconds{15159};
    d.totals.longest_sitting = Seconds{2899};
    d.totals.reminders = {4, 3, 1, 0, 2};
    d.totals.meeting_seconds = Seconds{3059};
    d.back = {1, 0, 2};
    const auto expected = nlohmann::json::parse(R"({
        "date": "2026-03-29", "walk_minutes": 22, "walk_seconds": 1330, "walks": 3,
        "goal_minutes": 30, "sitting_minutes": 252, "longest_sitting_minutes": 48,
        "meeting_minutes": 50,
        "reminders": {"sent": 4, "walked": 3, "snoozed": 1, "skipped": 0, "ignored": 2},
        "goal_met": false, "back": null})");
    CHECK(nlohmann::json::parse(day_json(d, false)) == expected);
    auto with_back = expected;
    with_back["back"] = {{"better", 1}, {"same", 0}, {"worse", 2}};
    CHECK(nlohmann::json::parse(day_json(d, true)) == with_back);
    CHECK(day_json(d, false).back() == '\n');
}

TEST_CASE("a range in JSON carries its days and totals", "[cli]") {
    const auto j = nlohmann::json::parse(range_json(week()));
    CHECK(j.at("from") == "2026-03-23");
    CHECK(j.at("to") == "2026-03-29");
    REQUIRE(j.at("days").size() == 7);
    CHECK(j.at("days").at(3).at("walk_minutes") == 45);
    CHECK(j.at("days").at(3).at("date") == "2026-03-26");
    CHECK(j.at("total_walk_minutes") == 143);
    CHECK(j.at("total_walk_seconds") == 143 * 60);
    CHECK(j.at("total_walks") == 13);
    CHECK(j.at("days_goal_met") == 3);
    CHECK(j.at("goal_weekly_minutes") == 150);
    REQUIRE(j.at("weeks").size() == 1);
    CHECK(j.at("weeks").at(0) == nlohmann::json::parse(R"({"from": "2026-03-23",
        "to": "2026-03-29", "whole": true, "walk_minutes": 143, "walk_seconds": 8580,
        "goal_minutes": 150, "goal_met": false})"));
    CHECK(j.at("streak") == nlohmann::json::parse(R"({"current_days": 0, "longest_days": 1})"));
    CHECK(j.at("reminders").at("sent") == 0);
    CHECK(j.at("back").is_null());
    CHECK(j.at("program").is_null());
}

TEST_CASE("history JSON gives times in RFC 3339 with their offsets", "[cli]") {
    const auto j = nlohmann::json::parse(history_json(two_walks()));
    REQUIRE(j.at("walks").size() == 2);
    const auto& w = j.at("walks").at(0);
    CHECK(w.at("id") == 42);
    CHECK(w.at("start") == "2026-03-29T11:03:00+02:00");
    CHECK(w.at("end") == "2026-03-29T11:15:00+02:00");
    CHECK(w.at("seconds") == 720);
    CHECK(w.at("minutes") == 12);
    CHECK(w.at("how") == "manual");
    CHECK(w.at("note") == "after lunch, \"brisk\"");
    CHECK(nlohmann::json::parse(history_json({})).at("walks").empty());
}

TEST_CASE("CSV fields are quoted as RFC 4180 says", "[cli]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
}

TEST_CASE("stats CSV has a header row and one row per day", "[cli]") {
    const std::string csv = days_csv(one_day(Seconds{1330}, 3));
    CHECK(csv ==
          "date,walk_minutes,walk_seconds,walks,goal_minutes,sitting_minutes,"
          "longest_sitting_minutes,reminders_sent,reminders_walked,reminders_snoozed,"
          "reminders_skipped,reminders_ignored,meeting_minutes\n"
          "2026-03-29,22,1330,3,30,0,0,0,0,0,0,0,0\n");
}

TEST_CASE("export covers every kind of record, in JSON and CSV", "[cli]") {
    ExportData data;
    data.walks = two_walks();
    data.sitting_bouts.push_back(
        {core::from_unix_seconds(1774760000), core::from_unix_seconds(1774762700), hours{2}});
    data.reminders.push_back({core::from_unix_seconds(1774762700), true,
                              core::ReminderOutcome::Snoozed, core::from_unix_seconds(1774762760),
                              hours{2}});
    data.checkins.push_back(
        {core::from_unix_seconds(1774775800), core::BackFeel::Better, hours{2}});
    data.meetings.push_back({core::from_unix_seconds(1774770000),
                             core::from_unix_seconds(1774773000),
                             hours{2},
                             {core::MeetingSignal::Microphone, core::MeetingSignal::Camera}});
    CHECK(export_csv(data) ==
          "kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note\n"
          "walk,42,2026-03-29T11:03:00+02:00,2026-03-29T11:15:00+02:00,720,7200,manual,,"
          "\"after lunch, \"\"brisk\"\"\"\n"
          "walk,7,2026-03-29T00:50:00+01:00,2026-03-29T01:20:00+01:00,1800,3600,reminder,,\n"
          "sitting,,2026-03-29T06:53:20+02:00,2026-03-29T07:38:20+02:00,2700,7200,,,\n"
          "reminder,,2026-03-29T07:38:20+02:00,2026-03-29T07:39:20+02:00,60,7200,snoozed,true,\n"
          "checkin,,2026-03-29T11:16:40+02:00,,,7200,better,,\n"
          "meeting,,2026-03-29T09:40:00+02:00,2026-03-29T10:30:00+02:00,3000,7200,"
          "\"microphone,camera\",,\n");

    const auto j = nlohmann::json::parse(export_json(data));
    CHECK(j.at("walkbreak_export") == 1);
    CHECK(j.at("walks").size() == 2);
    CHECK(j.at("walks").at(1).at("utc_offset_seconds") == 3600);
    CHECK(j.at("sitting_bouts").at(0).at("seconds") == 2700);
    CHECK(j.at("reminders").at(0).at("outcome") == "snoozed");
    CHECK(j.at("reminders").at(0).at("escalated") == true);
    CHECK(j.at("checkins").at(0).at("feel") == "better");
    CHECK(j.at("meetings") == nlohmann::json::parse(R"([{"start": "2026-03-29T09:40:00+02:00",
        "end": "2026-03-29T10:30:00+02:00", "seconds": 3000, "utc_offset_seconds": 7200,
        "signals": ["microphone", "camera"]}])"));
}

TEST_CASE("a range's days in JSON are its days' own JSON, printed the same way", "[cli][json]") {
    for (const bool checkins : {false, true}) {
        auto report = week();
        report.checkins_enabled = checkins;
        const std::string text = range_json(report);
        const auto j = nlohmann::ordered_json::parse(text);
        REQUIRE(j.at("days").size() == report.days.size());
        for (std::size_t i = 0; i < report.days.size(); ++i) {
            CHECK(j.at("days").at(i) ==
                  nlohmann::ordered_json::parse(day_json(report.days[i], checkins)));
        }
        // Byte for byte what the JSON library prints for the same document.
        CHECK(text == j.dump(2) + '\n');
    }
    auto empty = week();
    empty.days.clear();
    CHECK(nlohmann::ordered_json::parse(range_json(empty)).at("days").empty());
}
