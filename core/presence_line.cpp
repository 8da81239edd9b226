// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/presence_line.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace walkbreak::core {
namespace {

using Json = nlohmann::ordered_json;

// The bounds of a journal payload's times (journal_line.cpp): 1970 to 9999.
constexpr std::int64_t max_unix_seconds = 253402300799;

LineProblem invalid(std::string detail) {
    return LineProblem{LineProblem::Kind::Invalid, 0, std::move(detail)};
}

}  // namespace

std::string_view to_string(PresenceState state) {
    return state == PresenceState::Away ? "away" : "sitting";
}

std::string encode_presence_line(const Presence& presence) {
    Json j;
    j["device"] = presence.device.hex();
    j["state"] = to_string(presence.state);
    j["since"] = to_unix_seconds(presence.since);
    return frame_journal_payload(j.dump());
}

std::variant<Presence, LineProblem> decode_presence_line(std::string_view text) {
    if (text.empty() || text.back() != '\n') {
        return LineProblem{LineProblem::Kind::Damaged, 0, "the line has not ended"};
    }
    auto payload = unframe_journal_line(text.substr(0, text.size() - 1));
    if (auto* p = std::get_if<LineProblem>(&payload)) return std::move(*p);
    const auto& body = std::get<std::string_view>(payload);
    const Json j = Json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return invalid("the payload is not a JSON object");

    Presence p;
    const auto device = j.find("device");
    const auto parsed = device != j.end() && device->is_string()
                            ? DeviceId::parse(device->get_ref<const std::string&>())
                            : std::nullopt;
    if (!parsed) return invalid("\"device\" is not 16 lowercase hex digits");
    p.device = *parsed;
    const auto state = j.find("state");
    if (state == j.end() || !state->is_string()) return invalid("\"state\" is not a string");
    if (*state == "sitting") {
        p.state = PresenceState::Sitting;
    } else if (*state == "away") {
        p.state = PresenceState::Away;
    } else {
        return invalid("\"state\" is not sitting or away");
    }
    const auto since = j.find("since");
    if (since == j.end() || !since->is_number_unsigned() ||
        since->get<std::uint64_t>() > static_cast<std::uint64_t>(max_unix_seconds)) {
        return invalid("\"since\" is not a time from 1970 to 9999 in unix seconds");
    }
    p.since = from_unix_seconds(static_cast<std::int64_t>(since->get<std::uint64_t>()));
    return p;
}

}  // namespace walkbreak::core
