// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak import`: reading back an export, and the round trip through the
// command line into an empty database.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/import_parse.hpp"
#include "cli_test_support.hpp"
#include "core/store.hpp"

using namespace walkbreak;
using namespace walkbreak::cli;
using namespace std::chrono;

namespace {

constexpr std::string_view header =
    "kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note\n";

core::WallTime utc(int month_day, int hour, int minute) {
    return core::WallTime{sys_days{2026y / March / month_day}} + hours{hour} + minutes{minute};
}

std::string db_path(const test::Sandbox& s) {
    return (s.home / "data" / "walkbreak" / "walkbreak.db").string();
}

// Three days around the change to summer time in Europe, every kind of record,
// a walk across local midnight and notes that need quoting.
void fill(const test::Sandbox& s) {
    core::Store store(db_path(s), core::Store::Mode::ReadWrite);
    const core::UtcOffset cet{3600}, cest{7200};
    core::WalkRecord w;
    w.start = utc(27, 8, 0), w.end = utc(27, 8, 12), w.utc_offset = cet;
    w.how = core::CreditHow::Reminder, w.note = "round the block, briskly";
    store.add_walk(w);
    w.start = utc(28, 22, 50), w.end = utc(28, 23, 20), w.how = core::CreditHow::Auto;
    w.note = "";
    store.add_walk(w);
    w.start = utc(29, 9, 3), w.end = utc(29, 9, 15), w.utc_offset = cest;
    w.how = core::CreditHow::Manual, w.note = "say \"hi\"\nsecond line";
    store.add_walk(w);
    store.add_sitting_bout({utc(27, 7, 0), utc(27, 7, 48), cet});
    store.add_sitting_bout({utc(29, 8, 0), utc(29, 9, 0), cest});
    store.add_reminder({utc(27, 7, 45), false, core::ReminderOutcome::Walked, utc(27, 7, 46), cet});
    store.add_reminder(
        {utc(29, 8, 45), true, core::ReminderOutcome::Snoozed, utc(29, 8, 55), cest});
    store.add_reminder(
        {utc(29, 10, 0), false, core::ReminderOutcome::Ignored, utc(29, 10, 15), cest});
    store.add_checkin({utc(27, 8, 20), core::BackFeel::Better, cet});
    // A call across local midnight, and one the next morning.
    store.add_meeting({utc(28, 22, 40),
                       utc(28, 23, 30),
                       cet,
                       {core::MeetingSignal::Microphone, core::MeetingSignal::Camera}});
    store.add_meeting({utc(29, 7, 0), utc(29, 7, 25), cest, {core::MeetingSignal::Manual}});
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

const std::vector<std::string> stats_args{"stats",      "--json", "--from",
                                          "2026-03-26", "--to",   "2026-03-30"};

}  // namespace

TEST_CASE("an exported CSV imported into an empty database gives the same stats", "[cli]") {
    test::Sandbox source, target;
    fill(source);
    const auto exported = source.run({"export", "--format", "csv"});
    REQUIRE(exported.code == 0);
    write_file(target.home / "walks.csv", exported.out);

    const auto imported = target.run({"import", (target.home / "walks.csv").string()});
    CHECK(imported.code == 0);
    CHECK(imported.out ==
          "imported 3 walks, 2 sitting bouts, 3 reminders, 1 check-in and 2 meetings; skipped 0 "
          "duplicates\n");
    const auto want = source.run(stats_args);
    REQUIRE(want.code == 0);
    // The call across midnight counts on both days, by its own offset.
    const auto days = nlohmann::json::parse(want.out).at("days");
    CHECK(days.at(2).at("meeting_minutes") == 20);
    CHECK(days.at(3).at("meeting_minutes") == 30 + 25);
    CHECK(nlohmann::json::parse(target.run(stats_args).out) == nlohmann::json::parse(want.out));
    CHECK(target.run({"export", "--format", "csv"}).out == exported.out);

    const auto again = target.run({"import", "--json", (target.home / "walks.csv").string()});
    CHECK(again.code == 0);
    const auto counts = nlohmann::json::parse(again.out);
    CHECK(counts.at("added").at("walks") == 0);
    CHECK(counts.at("skipped") == nlohmann::json::parse(
                                      R"({"walks": 3, "sitting_bouts": 2, "reminders": 3,
                                          "checkins": 1, "meetings": 2})"));
    CHECK(target.run({"import", (target.home / "walks.csv").string()}).out ==
          "imported nothing; skipped 11 duplicates\n");
}

TEST_CASE("an exported JSON imported into an empty database gives the same stats", "[cli]") {
    test::Sandbox source, target;
    fill(source);
    const auto exported = source.run({"export"});
    REQUIRE(exported.code == 0);
    write_file(target.home / "walks.json", exported.out);
    CHECK(target.run({"import", (target.home / "walks.json").string()}).code == 0);
    CHECK(nlohmann::json::parse(target.run(stats_args).out) ==
          nlohmann::json::parse(source.run(stats_args).out));
    CHECK(target.run({"export"}).out == exported.out);
}

TEST_CASE("a malformed row names its line and column and imports nothing", "[cli]") {
    test::Sandbox source, target;
    fill(source);
    std::string csv = source.run({"export", "--format", "csv"}).out;
    // Lines 4 and 5 are one walk whose note holds a newline; line 6 is the first bout.
    const auto bout = csv.find("sitting,,2026-03-27T08:00:00+01:00");
    REQUIRE(bout != std::string::npos);
    csv.replace(bout + 9, 25, "yesterday at eight");
    write_file(target.home / "bad.csv", csv);
    fill(target);  // something there already, which must stay as it is
    const auto before = target.run(stats_args).out;

    const auto r = target.run({"import", (target.home / "bad.csv").string()});
    CHECK(r.code == 1);
    CHECK(r.err == "walkbreak: " + (target.home / "bad.csv").string() +
                       ": line 6, column 3 (start): expected a time like "
                       "2026-03-29T11:03:00+02:00, got \"yesterday at eight\"; nothing was "
                       "imported\n");
    CHECK(target.run(stats_args).out == before);
    CHECK(target.run({"import", (target.home / "missing.csv").string()}).code == 1);
}

TEST_CASE("CSV import explains what it expected", "[cli]") {
    const auto error = [](const std::string& text) {
        auto r = parse_export_csv(text);
        return r ? std::string("<ok>") : r.error();
    };
    CHECK(error("") == "line 1: expected the header " + std::string(header.substr(0, 65)));
    CHECK(error(std::string(header) + "walk,1,2026-03-29T11:03:00+02:00\n") ==
          "line 2: 3 fields; expected 9 (" + std::string(header.substr(0, 65)) + ")");
    CHECK(error(std::string(header) + "stroll,,2026-03-29T11:03:00+02:00,,,7200,,,\n") ==
          "line 2, column 1 (kind): expected walk, sitting, reminder, checkin or meeting, got "
          "\"stroll\"");
    CHECK(error(std::string(header) +
                "meeting,,2026-03-29T11:03:00+02:00,2026-03-29T11:03:00+02:00,0,7200,camera,,\n") ==
          "line 2, column 4 (end): expected an end after the start, "
          "got \"2026-03-29T11:03:00+02:00\"");
    CHECK(error(std::string(header) +
                "meeting,,2026-03-29T11:00:00+02:00,2026-03-30T11:01:00+02:00,86460,7200,camera,,"
                "\n") ==
          "line 2, column 4 (end): expected a meeting of at most 24h (walkbreak records a "
          "longer one in parts), got \"2026-03-30T11:01:00+02:00\"");
    CHECK(
        error(std::string(header) +
              "meeting,,2026-03-29T11:00:00+02:00,2026-03-29T11:10:00+02:00,60,7200,camera,,\n") ==
        "line 2, column 5 (seconds): expected 600, the length from start to end, got \"60\"");
    CHECK(error(std::string(header) +
                "meeting,,2026-03-29T11:00:00+02:00,2026-03-29T11:10:00+02:00,600,7200,"
                "\"camera,zoom\",,\n") ==
          "line 2, column 7 (value): expected signals among microphone, camera, "
          "do-not-disturb, fullscreen and manual, like microphone,camera, got \"camera,zoom\"");
    CHECK(error(std::string(header) +
                "walk,,2026-03-29T11:03:00+02:00,2026-03-29T11:00:00+02:00,,7200,manual,,\n") ==
          "line 2, column 4 (end): expected an end at or after the start, "
          "got \"2026-03-29T11:00:00+02:00\"");
    CHECK(error(std::string(header) +
                "walk,,2026-03-29T11:03:00+02:00,2026-03-29T11:13:00+02:00,,7200,jog,,\n") ==
          "line 2, column 7 (value): expected reminder, auto, confirmed or manual, got \"jog\"");
    CHECK(
        error(std::string(header) + "checkin,,2026-03-29T11:03:00+02:00,,,two hours,better,,\n") ==
        "line 2, column 6 (utc_offset_seconds): expected seconds east of UTC, like 7200, "
        "got \"two hours\"");
    CHECK(error(std::string(header) + "walk,,\"2026\n") ==
          "line 2: a quoted field is never closed; expected a closing \"");

    const auto ok = parse_export_csv(
        std::string(header) +
        "walk,9,2026-03-29T11:03:00+02:00,2026-03-29T11:15:00+02:00,720,7200,manual,,"
        "\"a, \"\"b\"\"\"\r\n\r\n");
    REQUIRE(ok);
    REQUIRE(ok->walks.size() == 1);
    CHECK(ok->walks[0].note == "a, \"b\"");
    CHECK(ok->walks[0].start == utc(29, 9, 3));
}

TEST_CASE("JSON import names the record that is wrong", "[cli]") {
    const auto error = [](const std::string& text) {
        auto r = parse_export(text);
        return r ? std::string("<ok>") : r.error();
    };
    CHECK(error("{") == "expected a walkbreak export (JSON that parses)");
    CHECK(error(R"({"walkbreak_export": 2})") == "walkbreak_export: expected 1");
    CHECK(error(R"({"walkbreak_export": 1, "walks": [{"start": "2026-03-29T11:03:00+02:00",
        "end": "2026-03-29T11:15:00+02:00", "utc_offset_seconds": 7200, "how": "jog"}],
        "sitting_bouts": [], "reminders": [], "checkins": []})") ==
          "walks[0].how: expected reminder, auto, confirmed or manual");
    CHECK(error(R"({"walkbreak_export": 1, "walks": [], "sitting_bouts": [], "reminders": [],
        "checkins": [{"at": "noon", "feel": "same", "utc_offset_seconds": 0}]})") ==
          "checkins[0].at: expected a time like 2026-03-29T11:03:00+02:00");
    CHECK(error(R"({"walkbreak_export": 1, "walks": [], "sitting_bouts": [], "reminders": []})") ==
          "export: expected a \"checkins\" member");
    const std::string empty =
        R"({"walkbreak_export": 1, "walks": [], "sitting_bouts": [], "reminders": [],
            "checkins": [], )";
    CHECK(error(empty + R"("meetings": [{"start": "2026-03-29T11:00:00+02:00",
        "end": "2026-03-29T10:00:00+02:00", "utc_offset_seconds": 7200, "signals": []}]})") ==
          "meetings[0]: expected an end after the start");
    CHECK(error(empty + R"("meetings": [{"start": "2026-03-29T11:00:00+02:00",
        "end": "2026-03-31T10:00:00+02:00", "utc_offset_seconds": 7200, "signals": []}]})") ==
          "meetings[0]: expected a meeting of at most 24h (walkbreak records a longer one in "
          "parts)");
    CHECK(error(empty + R"("meetings": [{"start": "2026-03-29T11:00:00+02:00",
        "end": "2026-03-29T12:00:00+02:00", "utc_offset_seconds": 7200,
        "signals": ["camera", "camera"]}]})") ==
          "meetings[0].signals: expected a list of microphone, camera, do-not-disturb, "
          "fullscreen or manual, each once");
    const auto ok = parse_export(empty + R"("meetings": [{"start": "2026-03-29T11:00:00+02:00",
        "end": "2026-03-29T12:00:00+02:00", "utc_offset_seconds": 7200,
        "signals": ["camera", "microphone"]}]})");
    REQUIRE(ok);
    REQUIRE(ok->meetings.size() == 1);
    CHECK(ok->meetings[0].signals ==
          std::vector{core::MeetingSignal::Microphone, core::MeetingSignal::Camera});
    // An export from before meetings were recorded has none.
    const auto older = parse_export(empty.substr(0, empty.size() - 2) + "}");
    REQUIRE(older);
    CHECK(older->meetings.empty());
}

TEST_CASE("RFC 3339 times name an instant, with their zone", "[cli]") {
    CHECK(*parse_rfc3339("2026-03-29T11:03:00+02:00") == utc(29, 9, 3));
    CHECK(*parse_rfc3339("2026-03-29T09:03:00Z") == utc(29, 9, 3));
    CHECK(*parse_rfc3339("2026-03-29T04:03:00-05:00") == utc(29, 9, 3));
    for (std::string_view bad :
         {"", "2026-03-29", "2026-02-30T10:00:00Z", "2026-03-29T24:00:00Z", "2026-03-29T10:00:00",
          "2026-03-29T10:00:00+2:00", "2026-03-29 10:00:00Z"}) {
        CHECK_FALSE(parse_rfc3339(bad));
    }
}
