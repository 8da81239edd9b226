// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/meeting_signal.hpp"

#include <algorithm>

namespace walkbreak::core {

std::string_view to_string(MeetingSignal signal) {
    switch (signal) {
        case MeetingSignal::Microphone:
            return "microphone";
        case MeetingSignal::Camera:
            return "camera";
        case MeetingSignal::DoNotDisturb:
            return "do-not-disturb";
        case MeetingSignal::Fullscreen:
            return "fullscreen";
        case MeetingSignal::Manual:
            return "manual";
    }
    return "unknown";
}

std::optional<MeetingSignal> meeting_signal_from_string(std::string_view name) {
    for (const MeetingSignal signal : all_meeting_signals) {
        if (to_string(signal) == name) return signal;
    }
    return std::nullopt;
}

std::string signal_names(const std::vector<MeetingSignal>& signals) {
    std::string names;
    for (const MeetingSignal signal : signals) {
        if (!names.empty()) names += ", ";
        names += to_string(signal);
    }
    return names;
}

std::string signals_text(const std::vector<MeetingSignal>& signals) {
    std::string text;
    for (const MeetingSignal signal : all_meeting_signals) {
        if (std::find(signals.begin(), signals.end(), signal) == signals.end()) continue;
        if (!text.empty()) text += ',';
        text += to_string(signal);
    }
    return text;
}

std::optional<std::vector<MeetingSignal>> signals_from_text(std::string_view text) {
    std::vector<MeetingSignal> signals;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto signal = meeting_signal_from_string(text.substr(0, comma));
        if (!signal || std::find(signals.begin(), signals.end(), *signal) != signals.end())
            return std::nullopt;
        signals.push_back(*signal);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
        if (text.empty()) return std::nullopt;  // a trailing comma
    }
    std::vector<MeetingSignal> ordered;
    for (const MeetingSignal signal : all_meeting_signals) {
        if (std::find(signals.begin(), signals.end(), signal) != signals.end())
            ordered.push_back(signal);
    }
    return ordered;
}

}  // namespace walkbreak::core
