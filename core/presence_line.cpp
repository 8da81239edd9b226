// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/presence_line.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace walkbreak::core {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::int64_t max_unix_seconds = 253402300799;  // 9999-12-31T23:59:59Z

LineProblem problem(LineProblem::Kind kind, std::string detail) {
    return LineProblem{kind, 0, std::move(detail)};
}

// The instant in `key`: whole seconds from 1970 to 9999.
std::variant<WallTime, LineProblem> seconds_at(const Json& j, const char* key) {
    const auto value = j.find(key);
    if (value == j.end() || !value->is_number_unsigned() ||
        value->get<std::uint64_t>() > static_cast<std::uint64_t>(max_unix_seconds)) {
        return problem(
            LineProblem::Kind::Invalid,
            fmt::format("\"{}\" is not a whole number of seconds from 1970 to 9999", key));
    }
    return from_unix_seconds(static_cast<std::int64_t>(value->get<std::uint64_t>()));
}

std::variant<PresenceRecord, LineProblem> read_payload(std::string_view payload) {
    const Json j = Json::parse(payload.begin(), payload.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return problem(LineProblem::Kind::Invalid, "the payload is not a JSON object");
    }
    PresenceRecord out;
    const auto device = j.find("device");
    const auto parsed = device != j.end() && device->is_string()
                            ? DeviceId::parse(device->get_ref<const std::string&>())
                            : std::nullopt;
    if (!parsed) {
        return problem(LineProblem::Kind::Invalid, "\"device\" is not 16 lowercase hex digits");
    }
    out.device = *parsed;
    const auto state = j.find("state");
    if (state != j.end() && *state == "sitting") {
        out.state = PresenceState::Sitting;
    } else if (state != j.end() && *state == "away") {
        out.state = PresenceState::Away;
    } else {
        return problem(LineProblem::Kind::Invalid, "\"state\" is not sitting or away");
    }
    const auto since = seconds_at(j, "since");
    if (const auto* bad = std::get_if<LineProblem>(&since)) return *bad;
    out.since = std::get<WallTime>(since);
    if (j.contains("sitting_since")) {
        const auto sitting = seconds_at(j, "sitting_since");
        if (const auto* bad = std::get_if<LineProblem>(&sitting)) return *bad;
        out.sitting_since = std::get<WallTime>(sitting);
    }
    return out;
}

}  // namespace

std::string_view to_string(PresenceState state) {
    return state == PresenceState::Sitting ? "sitting" : "away";
}

std::string encode_presence_line(const PresenceRecord& presence) {
    Json j;
    j["device"] = presence.device.hex();
    j["state"] = to_string(presence.state);
    j["since"] = to_unix_seconds(presence.since);
    if (presence.sitting_since) j["sitting_since"] = to_unix_seconds(*presence.sitting_since);
    return frame_journal_payload(j.dump());
}

std::variant<PresenceRecord, LineProblem> decode_presence_file(std::string_view text) {
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos) {
        return problem(LineProblem::Kind::Damaged, "no whole line");
    }
    const auto payload = open_journal_frame(text.substr(0, newline));
    if (const auto* bad = std::get_if<LineProblem>(&payload)) return *bad;
    return read_payload(std::get<std::string_view>(payload));
}

}  // namespace walkbreak::core
