// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/protocol.hpp"

using namespace walkbreak::core;
using namespace walkbreak::core::protocol;
using namespace std::chrono_literals;

namespace {

// The decoded request, or a test failure naming the error.
Request decoded(std::string_view line) {
    auto r = decode_request(line);
    INFO(line);
    REQUIRE(r.ok());
    return *r;
}

std::string error_of(std::string_view line) {
    auto r = decode_request(line);
    INFO(line);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

bool same(const Request& a, const Request& b) {
    if (a.index() != b.index()) return false;
    if (auto* s = std::get_if<request::Snooze>(&a)) {
        return s->length == std::get<request::Snooze>(b).length;
    }
    if (auto* p = std::get_if<request::Pause>(&a)) {
        const auto& q = std::get<request::Pause>(b);
        return p->length == q.length && p->until == q.until;
    }
    if (auto* c = std::get_if<request::Checkin>(&a)) {
        return c->feel == std::get<request::Checkin>(b).feel;
    }
    if (auto* l = std::get_if<request::Log>(&a)) return *l == std::get<request::Log>(b);
    if (auto* e = std::get_if<request::Edit>(&a)) return *e == std::get<request::Edit>(b);
    if (auto* d = std::get_if<request::Delete>(&a)) return *d == std::get<request::Delete>(b);
    return true;
}

}  // namespace

TEST_CASE("every request survives an encode/decode round trip", "[protocol]") {
    const std::vector<Request> all{
        request::Status{},
        request::Subscribe{},
        request::Walk{},
        request::Snooze{},
        request::Snooze{600s},
        request::Skip{},
        request::Pause{},
        request::Pause{3600s, std::nullopt},
        request::Pause{std::nullopt, from_unix_seconds(1774771200)},
        request::Resume{},
        request::Reload{},
        request::Refresh{},
        request::Checkin{BackFeel::Better},
        request::Checkin{BackFeel::Worse},
        request::Log{from_unix_seconds(1764685800), 600s, -18000s, "park, \"brisk\""},
        request::Edit{12, {from_unix_seconds(1764685800), 900s, 3600s, ""}},
        request::Edit{9223372036854775807, {from_unix_seconds(0), 86400s, -64800s, "late \n"}},
        request::Delete{1},
    };
    for (const auto& r : all) {
        const std::string line = encode_request(r);
        INFO(line);
        CHECK(line.find('\n') == std::string::npos);
        CHECK(same(decoded(line), r));
    }
}

TEST_CASE("requests are encoded as the documented JSON", "[protocol]") {
    CHECK(encode_request(request::Status{}) == R"({"cmd":"status"})");
    CHECK(encode_request(request::Snooze{600s}) == R"({"cmd":"snooze","seconds":600})");
    CHECK(encode_request(request::Pause{std::nullopt, from_unix_seconds(100)}) ==
          R"({"cmd":"pause","until":100})");
    CHECK(encode_request(request::Refresh{}) == R"({"cmd":"refresh"})");
}

TEST_CASE("decoding accepts surrounding whitespace and null optionals", "[protocol]") {
    CHECK(std::holds_alternative<request::Walk>(decoded("  {\"cmd\" : \"walk\"}\r")));
    auto s = decoded(R"({"cmd":"snooze","seconds":null})");
    CHECK_FALSE(std::get<request::Snooze>(s).length.has_value());
}

TEST_CASE("an unknown command lists the commands there are", "[protocol]") {
    CHECK(error_of(R"({"cmd":"frob"})") ==
          "unknown command \"frob\"; expected one of status, subscribe, walk, snooze, skip, "
          "pause, resume, reload, refresh, checkin, log, meeting, meeting_end, edit, delete");
}

TEST_CASE("meeting and meeting_end: a length or none, and nothing else", "[protocol][meeting]") {
    const auto timed = decode_request(R"({"cmd":"meeting","seconds":1800})");
    REQUIRE(timed.ok());
    CHECK(std::get<request::Meeting>(*timed).length == Seconds{1800});
    const auto open_ended = decode_request(R"({"cmd":"meeting"})");
    REQUIRE(open_ended.ok());
    CHECK_FALSE(std::get<request::Meeting>(*open_ended).length);
    CHECK(std::holds_alternative<request::MeetingEnd>(*decode_request(R"({"cmd":"meeting_end"})")));
    CHECK(encode_request(request::Meeting{Seconds{60}}) == R"({"cmd":"meeting","seconds":60})");
    CHECK(encode_request(request::MeetingEnd{}) == R"({"cmd":"meeting_end"})");

    CHECK(error_of(R"({"cmd":"meeting","seconds":0})") ==
          "bad \"seconds\" for \"meeting\": expected a whole number of seconds from 1 to 86400");
    CHECK(error_of(R"({"cmd":"meeting","seconds":86401})") ==
          "bad \"seconds\" for \"meeting\": expected a whole number of seconds from 1 to 86400");
    CHECK(error_of(R"({"cmd":"meeting","until":5})") ==
          "unknown field \"until\" for \"meeting\"; expected seconds");
    CHECK(error_of(R"({"cmd":"meeting_end","seconds":5})") ==
          "unknown field \"seconds\" for \"meeting_end\"; expected none");
}

TEST_CASE("status carries the meeting, or null", "[protocol][meeting]") {
    Status s{"sitting", 60, std::nullopt, 0, 0, 30, "x11-sync", {}, false, {}};
    CHECK_THAT(status_json(s), Catch::Contains(R"("meeting":null)"));
    s.meeting = Status::Meeting{"2026-03-30T14:02:00+02:00", {"microphone", "camera"}};
    CHECK_THAT(status_json(s), Catch::EndsWith(R"("meeting":{"since":"2026-03-30T14:02:00+02:00",)"
                                               R"("signals":["microphone","camera"]}})"));
    const auto back = decode_response(encode_status(s));
    REQUIRE(back.ok());
    REQUIRE(back->status);
    CHECK(*back->status == s);
    // An older daemon sends none; a broken one is refused.
    CHECK_FALSE(decode_response(R"({"ok":true,"status":{"state":"sitting","sitting_seconds":1,)"
                                R"("today_walk_minutes":0,"goal_minutes":30,"backend":"none",)"
                                R"("meeting":{"since":3}}})")
                    .ok());
}

TEST_CASE("a missing or non-string cmd is refused", "[protocol]") {
    CHECK_THAT(error_of("{}"), Catch::StartsWith("missing \"cmd\"; expected one of status"));
    CHECK_THAT(error_of(R"({"command":"status"})"), Catch::StartsWith("missing \"cmd\""));
    CHECK_THAT(error_of(R"({"cmd":7})"),
               Catch::StartsWith("\"cmd\" must be a string; expected one of status"));
    CHECK_THAT(error_of(R"({"cmd":null})"), Catch::StartsWith("\"cmd\" must be a string"));
}

TEST_CASE("lines that are not JSON objects are refused", "[protocol]") {
    for (std::string_view line : {"", "status", "{", "{\"cmd\":\"status\"} x", "[1,2]",
                                  "\"status\"", "42", "null", "{\"cmd\":\"status\",}"}) {
        const std::string e = error_of(line);
        const bool names_expectation = e.find("expected") != std::string::npos;
        CHECK(names_expectation);
    }
    CHECK_THAT(error_of("[]"), Catch::StartsWith("expected a JSON object"));
    CHECK_THAT(error_of("nope"), Catch::StartsWith("not valid JSON"));
}

TEST_CASE("invalid UTF-8 and control bytes are refused without throwing", "[protocol]") {
    CHECK_THAT(error_of("{\"cmd\":\"st\xff\xfe"
                        "atus\"}"),
               Catch::StartsWith("not valid JSON"));
    CHECK_THAT(error_of("{\"cmd\":\"\xc3\x28\"}"), Catch::StartsWith("not valid JSON"));
    CHECK_THAT(error_of(std::string_view("{\"cmd\":\"a\0b\"}", 14)),
               Catch::StartsWith("not valid JSON"));
    std::string all_bytes;
    for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
    CHECK_FALSE(decode_request(all_bytes).ok());
}

TEST_CASE("an oversize line is refused with the limit named", "[protocol]") {
    std::string line = R"({"cmd":"status","pad":")";
    line += std::string(max_request_bytes, 'x');
    line += "\"}";
    CHECK_THAT(error_of(line), Catch::Contains("at most 4096 bytes"));
    // Exactly at the limit is still decoded.
    std::string edge = R"({"cmd":"status"})";
    edge += std::string(max_request_bytes - edge.size(), ' ');
    CHECK(std::holds_alternative<request::Status>(decoded(edge)));
}

TEST_CASE("deep nesting is refused without exhausting the stack", "[protocol]") {
    std::string deep(max_request_bytes / 2, '[');
    deep += std::string(max_request_bytes / 2, ']');
    CHECK_THAT(error_of(deep), Catch::StartsWith("expected a JSON object"));
}

TEST_CASE("snooze and pause lengths must be whole positive seconds within a week", "[protocol]") {
    for (std::string_view bad :
         {R"({"cmd":"snooze","seconds":-5})", R"({"cmd":"snooze","seconds":0})",
          R"({"cmd":"snooze","seconds":1.5})", R"({"cmd":"snooze","seconds":"600"})",
          R"({"cmd":"snooze","seconds":604801})",
          R"({"cmd":"snooze","seconds":99999999999999999999999})",
          R"({"cmd":"pause","seconds":true})", R"({"cmd":"pause","until":-1})",
          R"({"cmd":"pause","until":1e20})"}) {
        CHECK_THAT(error_of(bad), Catch::Contains("expected a whole number of seconds from"));
    }
    CHECK(error_of(R"({"cmd":"snooze","seconds":0})") ==
          "bad \"seconds\" for \"snooze\": expected a whole number of seconds from 1 to 604800");
    auto p = decoded(R"({"cmd":"pause","seconds":604800})");
    CHECK(std::get<request::Pause>(p).length == Seconds{604800});
}

TEST_CASE("pause refuses both a length and an end", "[protocol]") {
    CHECK(error_of(R"({"cmd":"pause","seconds":60,"until":100})") ==
          "\"pause\" takes \"seconds\" or \"until\"; expected one of them, not both");
}

TEST_CASE("fields a command does not take are refused", "[protocol]") {
    CHECK(error_of(R"({"cmd":"walk","seconds":60})") ==
          "unknown field \"seconds\" for \"walk\"; expected none");
    CHECK(error_of(R"({"cmd":"snooze","minutes":5})") ==
          "unknown field \"minutes\" for \"snooze\"; expected seconds");
    CHECK(error_of(R"({"cmd":"pause","for":5})") ==
          "unknown field \"for\" for \"pause\"; expected seconds or until");
}

TEST_CASE("checkin carries how the back feels, and nothing else", "[protocol]") {
    CHECK(encode_request(request::Checkin{BackFeel::Worse}) ==
          R"({"cmd":"checkin","feel":"worse"})");
    const auto expected = R"(bad "feel" for "checkin": expected "better", "same" or "worse")";
    CHECK(error_of(R"({"cmd":"checkin"})") == expected);
    CHECK(error_of(R"({"cmd":"checkin","feel":"awful"})") == expected);
    CHECK(error_of(R"({"cmd":"checkin","feel":3})") == expected);
    CHECK(error_of(R"({"cmd":"checkin","feel":"same","at":1})") ==
          "unknown field \"at\" for \"checkin\"; expected feel");
}

TEST_CASE("an ok response may carry a message for the user", "[protocol]") {
    const std::string line = encode_ok("reminders were not \"paused\"");
    CHECK(line == R"({"ok":true,"message":"reminders were not \"paused\""})");
    auto r = decode_response(line);
    REQUIRE(r.ok());
    CHECK(r->ok);
    CHECK(r->message == "reminders were not \"paused\"");
    CHECK(decode_response(encode_ok())->message.empty());
    CHECK_FALSE(decode_response(R"({"ok":true,"message":5})").ok());
}

TEST_CASE("responses are one line and decode back", "[protocol]") {
    CHECK(encode_ok() == R"({"ok":true})");
    auto ok = decode_response(encode_ok());
    REQUIRE(ok.ok());
    CHECK(ok->ok);
    CHECK_FALSE(ok->status.has_value());

    const std::string e = encode_error("no \"quotes\"\nhere");
    CHECK(e.find('\n') == std::string::npos);
    auto err = decode_response(e);
    REQUIRE(err.ok());
    CHECK_FALSE(err->ok);
    CHECK(err->error == "no \"quotes\"\nhere");
}

TEST_CASE("a status carries the DESIGN.md fields and round-trips", "[protocol]") {
    Status s;
    s.state = "sitting";
    s.sitting_seconds = 1500;
    s.next_reminder_in_seconds = 1200;
    s.today_walk_minutes = 22;
    s.today_walk_seconds = 1330;
    s.goal_minutes = 30;
    s.backend = "x11-sync";
    s.paused_until = 1774771200;
    s.reminder_showing = true;

    const auto j = nlohmann::json::parse(status_json(s));
    CHECK(j.at("state") == "sitting");
    CHECK(j.at("sitting_seconds") == 1500);
    CHECK(j.at("next_reminder_in_seconds") == 1200);
    CHECK(j.at("today_walk_minutes") == 22);
    CHECK(j.at("goal_minutes") == 30);
    CHECK(j.at("backend") == "x11-sync");

    const std::string line = encode_status(s);
    CHECK(line.find('\n') == std::string::npos);
    auto r = decode_response(line);
    REQUIRE(r.ok());
    REQUIRE(r->status.has_value());
    CHECK(*r->status == s);
}

TEST_CASE("no next reminder is null in the status JSON", "[protocol]") {
    Status s;
    s.state = "paused";
    s.backend = "none";
    const auto j = nlohmann::json::parse(status_json(s));
    CHECK(j.at("next_reminder_in_seconds").is_null());
    CHECK(j.at("paused_until").is_null());
    auto r = decode_response(encode_status(s));
    REQUIRE(r.ok());
    CHECK(*r->status == s);
}

TEST_CASE("malformed responses are errors, not crashes", "[protocol]") {
    for (std::string_view bad :
         {"", "garbage", "[]", R"({"status":{}})", R"({"ok":"yes"})", R"({"ok":false})",
          R"({"ok":true,"status":{"state":1}})", R"({"ok":true,"status":[]})"}) {
        INFO(bad);
        CHECK_FALSE(decode_response(bad).ok());
    }
}

TEST_CASE("log carries a walk and refuses what no walk can be", "[protocol]") {
    CHECK(encode_request(request::Log{from_unix_seconds(1764685800), 600s, 3600s, "park"}) ==
          R"({"cmd":"log","start":1764685800,"seconds":600,"utc_offset":3600,"note":"park"})");
    const auto log = std::get<request::Log>(
        decoded(R"({"cmd":"log","start":1764685800,"seconds":90,"utc_offset":-3600})"));
    CHECK(log.length == 90s);
    CHECK(log.utc_offset == -3600s);
    CHECK(log.note.empty());
    CHECK_THAT(error_of(R"({"cmd":"log","start":1764685800,"seconds":0,"utc_offset":0})"),
               Catch::Contains("from 1 to 86400"));
    CHECK_THAT(error_of(R"({"cmd":"log","start":1764685800,"seconds":86401,"utc_offset":0})"),
               Catch::Contains("from 1 to 86400"));
    CHECK_THAT(error_of(R"({"cmd":"log","seconds":60,"utc_offset":0})"),
               Catch::Contains("needs \"start\""));
    CHECK_THAT(error_of(R"({"cmd":"log","start":1764685800,"seconds":60})"),
               Catch::Contains("utc_offset"));
    CHECK_THAT(error_of(R"({"cmd":"log","start":1764685800,"seconds":60,"utc_offset":90000})"),
               Catch::Contains("utc_offset"));
    CHECK_THAT(error_of(R"({"cmd":"log","start":-5,"seconds":60,"utc_offset":0})"),
               Catch::Contains("start"));
    CHECK_THAT(error_of(R"({"cmd":"log","start":1764685800,"seconds":60,"utc_offset":0,"note":5})"),
               Catch::Contains("note"));
    CHECK_THAT(error_of(R"({"cmd":"log","start":1,"seconds":60,"utc_offset":0,"how":"auto"})"),
               Catch::Contains("unknown field \"how\""));
}

TEST_CASE("edit and delete name a walk by its id; a malformed one is refused", "[protocol]") {
    CHECK(encode_request(request::Edit{12, {from_unix_seconds(1764685800), 900s, 3600s, "park"}}) ==
          R"({"cmd":"edit","id":12,"start":1764685800,"seconds":900,"utc_offset":3600,)"
          R"("note":"park"})");
    CHECK(encode_request(request::Delete{12}) == R"({"cmd":"delete","id":12})");
    const auto edit = std::get<request::Edit>(decoded(
        R"({"cmd":"edit","id":7,"start":1764685800,"seconds":90,"utc_offset":-3600,"note":""})"));
    CHECK(edit == request::Edit{7, {from_unix_seconds(1764685800), 90s, -3600s, ""}});
    CHECK(std::get<request::Delete>(decoded(R"({"cmd":"delete","id":7})")).id == 7);

    const std::string walk = R"("start":1764685800,"seconds":60,"utc_offset":0,"note":"")";
    for (const std::string id : {"0", "-3", "1.5", "\"7\"", "true", "99999999999999999999"}) {
        INFO(id);
        CHECK(error_of(R"({"cmd":"delete","id":)" + id + "}") ==
              "bad \"id\" for \"delete\": expected a walk id from 1 to 9223372036854775807");
        CHECK_THAT(error_of(R"({"cmd":"edit","id":)" + id + "," + walk + "}"),
                   Catch::StartsWith("bad \"id\" for \"edit\": expected a walk id"));
    }
    CHECK(error_of(R"({"cmd":"delete"})") ==
          R"("delete" needs "id"; expected the walk's id, as walkbreak history shows it)");
    CHECK_THAT(error_of(R"({"cmd":"edit",)" + walk + "}"),
               Catch::StartsWith(R"("edit" needs "id"; expected the walk's id)"));
    CHECK_THAT(error_of(R"({"cmd":"delete","id":3,"note":"x"})"),
               Catch::StartsWith(R"(unknown field "note" for "delete"; expected id)"));
    // Every field of the walk as it is to be: no note is not "keep the note".
    CHECK(error_of(R"({"cmd":"edit","id":3,"start":1764685800,"seconds":60,"utc_offset":0})") ==
          R"("edit" needs "note"; expected a string ("" for none))");
    CHECK_THAT(error_of(R"({"cmd":"edit","id":3,"seconds":60,"utc_offset":0,"note":""})"),
               Catch::Contains(R"("edit" needs "start")"));
    CHECK_THAT(
        error_of(
            R"({"cmd":"edit","id":3,"start":1764685800,"seconds":0,"utc_offset":0,"note":""})"),
        Catch::Contains("from 1 to 86400"));
    CHECK_THAT(error_of(R"({"cmd":"edit","id":3,"start":1,"seconds":60,"note":""})"),
               Catch::StartsWith(R"(bad "utc_offset" for "edit")"));
    CHECK_THAT(error_of(R"({"cmd":"edit","id":3,)" + walk + R"(,"how":"auto"})"),
               Catch::Contains("unknown field \"how\""));
}
