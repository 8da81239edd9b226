// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/meeting_signal.hpp"

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

}  // namespace walkbreak::core
