// SPDX-License-Identifier: GPL-3.0-or-later
// The control protocol's requests: decoded from any bytes, encoded as one line
// (responses: protocol_response.cpp).
#include "core/protocol.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <type_traits>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace walkbreak::core::protocol {
namespace {

using Json = nlohmann::ordered_json;

// Lengths a client may ask for: a snooze or pause of more than a week is a
// mistake, not a wish.
constexpr std::int64_t max_length_seconds = 7 * 24 * 3600;
// `until` is unix seconds; anything past 9999-12-31 is not a time anyone means.
constexpr std::int64_t max_unix_seconds = 253402300799;

// A logged walk: at most a day long, in a zone at most 18 h from UTC, with a
// note that fits the request line.
constexpr std::int64_t max_walk_seconds = 24 * 3600;
// A meeting of more than a day is a signal that never ends, not a meeting.
constexpr std::int64_t max_meeting_seconds = 24 * 3600;
constexpr std::int64_t max_offset_seconds = 18 * 3600;

constexpr std::array<std::string_view, 15> command_names{
    "status",  "subscribe", "walk", "snooze",  "skip",        "pause", "resume", "reload",
    "refresh", "checkin",   "log",  "meeting", "meeting_end", "edit",  "delete"};

std::string expected_commands() { return fmt::format("{}", fmt::join(command_names, ", ")); }

// The command name of each alternative, in the variant's order.
static_assert(std::variant_size_v<Request> == command_names.size());
std::string_view command_name(const Request& request) { return command_names[request.index()]; }

// Walk ids are SQLite rowids: positive, and below 2^63.
constexpr std::int64_t max_walk_id = std::numeric_limits<std::int64_t>::max();

// Reads `key` as a whole number (`what`, e.g. "whole number of seconds") in
// [lo, hi]; absent is fine.
Result<std::optional<std::int64_t>> read_whole(const Json& object, std::string_view cmd,
                                               const char* key, std::int64_t lo, std::int64_t hi,
                                               std::string_view what) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::optional<std::int64_t>{};
    const std::string expected =
        fmt::format("bad \"{}\" for \"{}\": expected a {} from {} to {}", key, cmd, what, lo, hi);
    // nlohmann stores non-negative integers as unsigned, negative ones as
    // signed, and anything beyond 64 bits or with a fraction as a float.
    if (!it->is_number_unsigned()) return Error{expected};
    const auto value = it->get<std::uint64_t>();
    if (value < static_cast<std::uint64_t>(lo) || value > static_cast<std::uint64_t>(hi)) {
        return Error{expected};
    }
    return std::optional<std::int64_t>{static_cast<std::int64_t>(value)};
}

Result<std::optional<std::int64_t>> read_seconds(const Json& object, std::string_view cmd,
                                                 const char* key, std::int64_t lo,
                                                 std::int64_t hi) {
    return read_whole(object, cmd, key, lo, hi, "whole number of seconds");
}

// A walk id, which `cmd` needs.
Result<std::int64_t> read_walk_id(const Json& object, std::string_view cmd) {
    auto id = read_whole(object, cmd, "id", 1, max_walk_id, "walk id");
    if (!id) return Error{id.error()};
    if (!*id) {
        return Error{fmt::format(
            "\"{}\" needs \"id\"; expected the walk's id, as walkbreak history shows it", cmd)};
    }
    return **id;
}

// Every key but "cmd" must be one the command takes.
Outcome check_keys(const Json& object, std::string_view cmd,
                   std::initializer_list<std::string_view> allowed) {
    for (const auto& item : object.items()) {
        const std::string& key = item.key();
        if (key == "cmd") continue;
        bool known = false;
        for (auto a : allowed) known = known || a == key;
        if (!known) {
            if (allowed.size() == 0) {
                return Error{
                    fmt::format("unknown field \"{}\" for \"{}\"; expected none", key, cmd)};
            }
            return Error{fmt::format("unknown field \"{}\" for \"{}\"; expected {}", key, cmd,
                                     fmt::join(allowed, " or "))};
        }
    }
    return success();
}

// The fields of a walk typed in, as `log` and `edit` carry them. `note` may
// be left out for `log` (no note), not for `edit` (it would not mean "keep it").
Result<request::Log> read_walk(const Json& object, std::string_view cmd, bool note_needed) {
    auto start = read_seconds(object, cmd, "start", 0, max_unix_seconds);
    if (!start) return Error{start.error()};
    auto seconds = read_seconds(object, cmd, "seconds", 1, max_walk_seconds);
    if (!seconds) return Error{seconds.error()};
    if (!*start || !*seconds) {
        return Error{
            fmt::format("\"{}\" needs \"start\" and \"seconds\"; expected the walk's start (unix "
                        "seconds) and length",
                        cmd)};
    }
    const auto offset = object.find("utc_offset");
    if (offset == object.end() || !offset->is_number_integer() ||
        offset->get<std::int64_t>() < -max_offset_seconds ||
        offset->get<std::int64_t>() > max_offset_seconds) {
        return Error{
            fmt::format("bad \"utc_offset\" for \"{}\": expected whole seconds east of "
                        "UTC from {} to {}",
                        cmd, -max_offset_seconds, max_offset_seconds)};
    }
    request::Log walk;
    walk.start = from_unix_seconds(**start);
    walk.length = Seconds{**seconds};
    walk.utc_offset = UtcOffset{offset->get<std::int64_t>()};
    const auto note = object.find("note");
    if (note == object.end()) {
        if (note_needed) {
            return Error{
                fmt::format("\"{}\" needs \"note\"; expected a string (\"\" for none)", cmd)};
        }
    } else if (!note->is_string()) {
        return Error{fmt::format("bad \"note\" for \"{}\": expected a string", cmd)};
    } else {
        walk.note = note->get<std::string>();
    }
    return walk;
}

Result<Request> decode_log(const Json& object) {
    constexpr std::string_view cmd = "log";
    if (auto keys = check_keys(object, cmd, {"start", "seconds", "utc_offset", "note"}); !keys) {
        return Error{keys.error()};
    }
    auto walk = read_walk(object, cmd, false);
    if (!walk) return Error{walk.error()};
    return Request{*walk};
}

Result<Request> decode_edit(const Json& object) {
    constexpr std::string_view cmd = "edit";
    if (auto keys = check_keys(object, cmd, {"id", "start", "seconds", "utc_offset", "note"});
        !keys) {
        return Error{keys.error()};
    }
    auto id = read_walk_id(object, cmd);
    if (!id) return Error{id.error()};
    auto walk = read_walk(object, cmd, true);
    if (!walk) return Error{walk.error()};
    return Request{request::Edit{*id, std::move(*walk)}};
}

Result<Request> decode_delete(const Json& object) {
    constexpr std::string_view cmd = "delete";
    if (auto keys = check_keys(object, cmd, {"id"}); !keys) return Error{keys.error()};
    auto id = read_walk_id(object, cmd);
    if (!id) return Error{id.error()};
    return Request{request::Delete{*id}};
}

Result<Request> decode_object(const Json& object) {
    auto cmd_it = object.find("cmd");
    if (cmd_it == object.end()) {
        return Error{fmt::format("missing \"cmd\"; expected one of {}", expected_commands())};
    }
    if (!cmd_it->is_string()) {
        return Error{
            fmt::format("\"cmd\" must be a string; expected one of {}", expected_commands())};
    }
    const auto& cmd = cmd_it->get_ref<const std::string&>();

    // A command without fields: built in place, from its type.
    auto simple = [&]<typename R>(std::in_place_type_t<R> type) -> Result<Request> {
        if (auto keys = check_keys(object, cmd, {}); !keys) return Error{keys.error()};
        return Request{type};
    };
    if (cmd == "status") return simple(std::in_place_type<request::Status>);
    if (cmd == "subscribe") return simple(std::in_place_type<request::Subscribe>);
    if (cmd == "walk") return simple(std::in_place_type<request::Walk>);
    if (cmd == "skip") return simple(std::in_place_type<request::Skip>);
    if (cmd == "resume") return simple(std::in_place_type<request::Resume>);
    if (cmd == "reload") return simple(std::in_place_type<request::Reload>);
    if (cmd == "refresh") return simple(std::in_place_type<request::Refresh>);
    if (cmd == "meeting_end") return simple(std::in_place_type<request::MeetingEnd>);
    if (cmd == "meeting") {
        if (auto keys = check_keys(object, cmd, {"seconds"}); !keys) return Error{keys.error()};
        auto seconds = read_seconds(object, cmd, "seconds", 1, max_meeting_seconds);
        if (!seconds) return Error{seconds.error()};
        request::Meeting meeting;
        if (*seconds) meeting.length = Seconds{**seconds};
        return Request{meeting};
    }
    if (cmd == "snooze") {
        if (auto keys = check_keys(object, cmd, {"seconds"}); !keys) return Error{keys.error()};
        auto seconds = read_seconds(object, cmd, "seconds", 1, max_length_seconds);
        if (!seconds) return Error{seconds.error()};
        request::Snooze snooze;
        if (*seconds) snooze.length = Seconds{**seconds};
        return Request{snooze};
    }
    if (cmd == "pause") {
        if (auto keys = check_keys(object, cmd, {"seconds", "until"}); !keys) {
            return Error{keys.error()};
        }
        auto seconds = read_seconds(object, cmd, "seconds", 1, max_length_seconds);
        if (!seconds) return Error{seconds.error()};
        auto until = read_seconds(object, cmd, "until", 0, max_unix_seconds);
        if (!until) return Error{until.error()};
        if (*seconds && *until) {
            return Error{
                "\"pause\" takes \"seconds\" or \"until\"; expected one of them, not both"};
        }
        request::Pause pause;
        if (*seconds) pause.length = Seconds{**seconds};
        if (*until) pause.until = from_unix_seconds(**until);
        return Request{pause};
    }
    if (cmd == "checkin") {
        if (auto keys = check_keys(object, cmd, {"feel"}); !keys) return Error{keys.error()};
        auto feel = object.find("feel");
        const auto parsed = feel != object.end() && feel->is_string()
                                ? back_feel_from(feel->get_ref<const std::string&>())
                                : std::nullopt;
        if (!parsed) {
            return Error{R"(bad "feel" for "checkin": expected "better", "same" or "worse")"};
        }
        return Request{request::Checkin{*parsed}};
    }
    if (cmd == "log") return decode_log(object);
    if (cmd == "edit") return decode_edit(object);
    if (cmd == "delete") return decode_delete(object);
    return Error{
        fmt::format("unknown command \"{}\"; expected one of {}", cmd, expected_commands())};
}

// A walk's fields as `log` and `edit` carry them.
void put_walk(Json& j, const request::Log& walk) {
    j["start"] = to_unix_seconds(walk.start);
    j["seconds"] = walk.length.count();
    j["utc_offset"] = walk.utc_offset.count();
    j["note"] = walk.note;
}

}  // namespace

Result<Request> decode_request(std::string_view line) {
    if (line.size() > max_request_bytes) {
        return Error{fmt::format("request of {} bytes is too long; at most {} bytes per line",
                                 line.size(), max_request_bytes)};
    }
    // Without exceptions: invalid JSON, invalid UTF-8 and trailing garbage all
    // come back as a discarded value.
    const Json j = Json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded()) {
        return Error{"not valid JSON; expected one object per line such as {\"cmd\":\"status\"}"};
    }
    if (!j.is_object()) {
        return Error{"expected a JSON object such as {\"cmd\":\"status\"}"};
    }
    return decode_object(j);
}

std::string encode_request(const Request& request) {
    Json j;
    j["cmd"] = command_name(request);
    std::visit(
        [&](const auto& r) {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, request::Snooze> ||
                          std::is_same_v<T, request::Meeting>) {
                if (r.length) j["seconds"] = r.length->count();
            } else if constexpr (std::is_same_v<T, request::Pause>) {
                if (r.length) j["seconds"] = r.length->count();
                if (r.until) j["until"] = to_unix_seconds(*r.until);
            } else if constexpr (std::is_same_v<T, request::Checkin>) {
                j["feel"] = std::string(to_string(r.feel));
            } else if constexpr (std::is_same_v<T, request::Log>) {
                put_walk(j, r);
            } else if constexpr (std::is_same_v<T, request::Edit>) {
                j["id"] = r.id;
                put_walk(j, r.walk);
            } else if constexpr (std::is_same_v<T, request::Delete>) {
                j["id"] = r.id;
            }
        },
        request);
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace walkbreak::core::protocol
