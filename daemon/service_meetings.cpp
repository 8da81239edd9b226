// SPDX-License-Identifier: GPL-3.0-or-later
// Meetings (DESIGN.md §3): the desktop's meeting sources feed the tracker
// their changes; `walkbreak meeting [DURATION]` and `meeting end` are the
// manual signal. The tracker decides what a meeting means.
#include <fmt/format.h>

#include <algorithm>

#include "core/duration.hpp"
#include "daemon/service.hpp"

namespace walkbreak::daemon {

void Service::start_meeting_sources() {
    const auto& meeting = tracker_.config().meeting;
    if (!meeting.enabled || meeting.signals.empty() || !desktop_.open_meeting_sources) return;
    meeting_sources_ = desktop_.open_meeting_sources(
        meeting, MeetingSourceCallbacks{[this](core::MeetingSignal signal, bool holds) noexcept {
            on_meeting_signal(signal, holds, std::nullopt);
        }});
}

// Sources report changes only, and a new one reports what holds when it
// opens: what the old ones said is forgotten first.
void Service::stop_meeting_sources() {
    meeting_sources_.clear();
    for (const auto signal : core::all_meeting_signals) {
        if (signal != core::MeetingSignal::Manual) on_meeting_signal(signal, false, std::nullopt);
    }
}

void Service::on_meeting_signal(core::MeetingSignal signal, bool holds,
                                std::optional<core::Seconds> length) {
    feed(core::event::MeetingSignalChanged{signal, holds, length});
}

void Service::log_meeting_change() {
    const auto meeting = tracker_.snapshot(clock_.now()).meeting;
    if (!meeting) {
        log_.info("meeting", "ended");
        return;
    }
    log_.info("meeting", "began: {}", core::signal_names(meeting->signals));
}

core::Outcome Service::start_manual_meeting(std::optional<core::Seconds> length,
                                            ControlReply& reply) {
    if (!tracker_.config().meeting.enabled) {
        return core::Error{"meetings are off (meeting.enabled = false in the config)"};
    }
    on_meeting_signal(core::MeetingSignal::Manual, true, length);
    reply.message = length ? fmt::format("in a meeting for {}; reminders wait until it ends",
                                         core::format_duration(*length))
                           : "in a meeting until `walkbreak meeting end`; reminders wait";
    return core::success();
}

void Service::end_manual_meeting(ControlReply& reply) {
    const auto before = tracker_.snapshot(clock_.now()).meeting;
    const bool manual = before && std::find(before->signals.begin(), before->signals.end(),
                                            core::MeetingSignal::Manual) != before->signals.end();
    on_meeting_signal(core::MeetingSignal::Manual, false, std::nullopt);
    const auto after = tracker_.snapshot(clock_.now()).meeting;
    if (!manual) {
        reply.message = "no meeting was started with `walkbreak meeting`";
    } else if (after) {
        reply.message =
            fmt::format("still in a meeting: {} holds", core::signal_names(after->signals));
    } else {
        reply.message = "meeting ended";
    }
}

}  // namespace walkbreak::daemon
