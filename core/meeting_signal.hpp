// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The signals that mean "in a meeting" (DESIGN.md §3, [meeting]): while any
// enabled one holds, the user is present and sitting, nothing is credited,
// and a reminder that falls due waits for the meeting to end.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace walkbreak::core {

enum class MeetingSignal {
    Microphone,    // a capture stream records a real source (not a monitor, not corked)
    Camera,        // a video device node is open
    DoNotDisturb,  // the notification server holds notifications back
    Fullscreen,    // a fullscreen window has focus (counts only while there is no input)
    Manual,        // `walkbreak meeting [DURATION]`
};

// Every signal, in the order config, status and doctor list them.
inline constexpr std::array<MeetingSignal, 5> all_meeting_signals{
    MeetingSignal::Microphone, MeetingSignal::Camera, MeetingSignal::DoNotDisturb,
    MeetingSignal::Fullscreen, MeetingSignal::Manual};

// "microphone", "camera", "do-not-disturb", "fullscreen", "manual": the
// spelling of meeting.signals and of status --json's "signals".
std::string_view to_string(MeetingSignal signal);
std::optional<MeetingSignal> meeting_signal_from_string(std::string_view name);
// "microphone, camera": for the log and the CLI's messages.
std::string signal_names(const std::vector<MeetingSignal>& signals);
// "microphone,camera": how a recorded meeting's signals are stored and
// exported (all_meeting_signals order, no blanks); "" for none.
std::string signals_text(const std::vector<MeetingSignal>& signals);
// The other way; none when a name is unknown or repeated. "" is no signals.
std::optional<std::vector<MeetingSignal>> signals_from_text(std::string_view text);

}  // namespace walkbreak::core
