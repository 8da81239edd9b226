// SPDX-License-Identifier: GPL-3.0-or-later
// The control protocol's responses: ok, an error, or the daemon's status
// (requests: protocol.cpp).
#include <algorithm>
#include <cstdint>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/protocol.hpp"

namespace walkbreak::core::protocol {
namespace {

using Json = nlohmann::ordered_json;

Json status_object(const Status& s) {
    Json j;
    j["state"] = s.state;
    j["sitting_seconds"] = s.sitting_seconds;
    j["next_reminder_in_seconds"] =
        s.next_reminder_in_seconds ? Json(*s.next_reminder_in_seconds) : Json(nullptr);
    j["today_walk_minutes"] = s.today_walk_minutes;
    j["today_walk_seconds"] = s.today_walk_seconds;
    j["goal_minutes"] = s.goal_minutes;
    j["backend"] = s.backend;
    j["paused_until"] = s.paused_until ? Json(*s.paused_until) : Json(nullptr);
    j["reminder_showing"] = s.reminder_showing;
    if (s.meeting) {
        j["meeting"] = Json{{"since", s.meeting->since}, {"signals", s.meeting->signals}};
    } else {
        j["meeting"] = nullptr;
    }
    return j;
}

bool fits_int64(const Json& v) {
    if (v.is_number_unsigned()) {
        constexpr auto most = std::numeric_limits<std::int64_t>::max();
        return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(most);
    }
    return v.is_number_integer();
}

// Status fields as the daemon sends them; a missing optional extra is tolerated
// so that an older daemon still talks to a newer CLI.
Result<Status> decode_status(const Json& j) {
    if (!j.is_object()) return Error{"\"status\" must be an object"};
    Status s;
    auto need_int = [&](const char* key, std::int64_t& out, bool required) -> bool {
        auto it = j.find(key);
        if (it == j.end()) return !required;
        if (!fits_int64(*it)) return false;
        out = it->get<std::int64_t>();
        return true;
    };
    auto opt_int = [&](const char* key, std::optional<std::int64_t>& out) -> bool {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return true;
        if (!fits_int64(*it)) return false;
        out = it->get<std::int64_t>();
        return true;
    };
    auto need_string = [&](const char* key, std::string& out) -> bool {
        auto it = j.find(key);
        if (it == j.end() || !it->is_string()) return false;
        out = it->get<std::string>();
        return true;
    };
    const bool good = need_string("state", s.state) &&
                      need_int("sitting_seconds", s.sitting_seconds, true) &&
                      opt_int("next_reminder_in_seconds", s.next_reminder_in_seconds) &&
                      need_int("today_walk_minutes", s.today_walk_minutes, true) &&
                      need_int("today_walk_seconds", s.today_walk_seconds, false) &&
                      need_int("goal_minutes", s.goal_minutes, true) &&
                      need_string("backend", s.backend) && opt_int("paused_until", s.paused_until);
    if (!good) {
        return Error{
            "malformed status: expected state, sitting_seconds, "
            "next_reminder_in_seconds, today_walk_minutes, goal_minutes and backend"};
    }
    if (auto it = j.find("reminder_showing"); it != j.end()) {
        if (!it->is_boolean()) return Error{"malformed status: reminder_showing must be a boolean"};
        s.reminder_showing = it->get<bool>();
    }
    if (auto it = j.find("meeting"); it != j.end() && !it->is_null()) {
        const auto since = it->is_object() ? it->find("since") : it->end();
        const auto signals = it->is_object() ? it->find("signals") : it->end();
        const bool well_formed = since != it->end() && since->is_string() && signals != it->end() &&
                                 signals->is_array() &&
                                 std::all_of(signals->begin(), signals->end(),
                                             [](const Json& v) { return v.is_string(); });
        if (!well_formed) {
            return Error{
                "malformed status: meeting must be null or {\"since\": time, \"signals\": "
                "[names]}"};
        }
        Status::Meeting meeting{since->get<std::string>(), {}};
        for (const Json& v : *signals) meeting.signals.push_back(v.get<std::string>());
        s.meeting = std::move(meeting);
    }
    return s;
}

}  // namespace

std::string encode_ok(std::string_view message) {
    if (message.empty()) return R"({"ok":true})";
    Json j;
    j["ok"] = true;
    j["message"] = std::string(message);
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string encode_error(std::string_view message) {
    Json j;
    j["ok"] = false;
    j["error"] = std::string(message);
    // Replace rather than throw should a message ever carry invalid UTF-8.
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string encode_status(const Status& status) {
    Json j;
    j["ok"] = true;
    j["status"] = status_object(status);
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string status_json(const Status& status) {
    return status_object(status).dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<Response> decode_response(std::string_view line) {
    const Json j = Json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return Error{"malformed response from walkbreakd: not a JSON object"};
    }
    auto ok = j.find("ok");
    if (ok == j.end() || !ok->is_boolean()) {
        return Error{"malformed response from walkbreakd: expected \"ok\": true or false"};
    }
    Response r;
    r.ok = ok->get<bool>();
    if (!r.ok) {
        auto error = j.find("error");
        if (error == j.end() || !error->is_string()) {
            return Error{"malformed response from walkbreakd: an error without a message"};
        }
        r.error = error->get<std::string>();
        return r;
    }
    if (auto message = j.find("message"); message != j.end()) {
        if (!message->is_string()) {
            return Error{"malformed response from walkbreakd: \"message\" must be a string"};
        }
        r.message = message->get<std::string>();
    }
    if (auto status = j.find("status"); status != j.end()) {
        auto s = decode_status(*status);
        if (!s) return Error{fmt::format("malformed response from walkbreakd: {}", s.error())};
        r.status = std::move(*s);
    }
    return r;
}

}  // namespace walkbreak::core::protocol
