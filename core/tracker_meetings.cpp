// SPDX-License-Identifier: GPL-3.0-or-later
// Meetings (DESIGN.md §3, "Meetings").
//
// The user is in a meeting while any enabled signal holds: the microphone is
// recorded, a camera is open, the notification server is in do-not-disturb,
// the user said so (`walkbreak meeting`), or a fullscreen window has focus and
// the idle source has reported no input (someone typing in a fullscreen
// editor is working, not presenting).
//  - In a meeting the user is present and sitting: no input is not away,
//    nothing is credited, the sitting bout goes on. A meeting that begins
//    while the user is away (idle) ends that absence: they are at the desk
//    for it. Locking the screen and suspending still mean away: they end the
//    meeting (a browser tab holding the microphone is not someone at the desk).
//  - A reminder that falls due in a meeting waits; it is shown
//    meeting.remind_after after the meeting ends, saying how long the meeting
//    was. A reminder on screen when a meeting begins is withdrawn, resolved
//    as ignored, and comes back the same way (as a short absence brings it back).
//  - After meeting.max_hold of one meeting the held reminder is shown anyway,
//    once; later ones in that meeting come as usual.
//  - A meeting that begins within remind_after of the last one's end carries
//    on from that one's start (back-to-back calls are one sitting, and
//    max_hold counts across them).
//  - At its end, if the idle source's last word was "idle", the user is away
//    from then on; an idle report after it is never back-dated into it.
//  - Its end is recorded (RecordMeeting), however it ends: its signals cease
//    (`walkbreak meeting end` and a manual meeting's length running out are
//    the manual signal ceasing), a lock or a suspend, a reload that turns
//    meetings or its signal off, or walkbreakd stopping (finish()). Each
//    meeting is recorded from its own start, also when it carries on from
//    the one before for reminders. One shorter than a minute is not recorded
//    (a voice message, a signal flickering); one longer than
//    longest_meeting_record (a signal stuck for days) is recorded as
//    consecutive records of equal length, each at most that.
#include <algorithm>

#include "core/tracker.hpp"
#include "core/tracker_detail.hpp"

namespace walkbreak::core {

using namespace tracker_detail;

namespace {

constexpr Millis shortest_recorded_meeting{std::chrono::minutes{1}};

constexpr std::size_t index_of(MeetingSignal signal) { return static_cast<std::size_t>(signal); }
static_assert(index_of(MeetingSignal::Manual) == all_meeting_signals.size() - 1);

bool enabled_signal(const Config& config, MeetingSignal signal) {
    return signal == MeetingSignal::Manual ||
           std::find(config.meeting.signals.begin(), config.meeting.signals.end(), signal) !=
               config.meeting.signals.end();
}

}  // namespace

void Tracker::change_meeting_signal(const event::MeetingSignalChanged& change, const Moment& now) {
    signal_holds_[index_of(change.signal)] = change.holds;
    if (change.signal == MeetingSignal::Manual) {
        manual_until_.reset();
        if (change.holds && change.length) manual_until_ = now.boot + bounded(*change.length);
    }
}

// The signals that make a meeting now, in all_meeting_signals order; none
// while locked or asleep: a locked or sleeping machine is an absence,
// whatever holds the microphone.
std::vector<MeetingSignal> Tracker::meeting_signals(const Moment& now) const {
    std::vector<MeetingSignal> counting;
    if (!config_.meeting.enabled || presence_ == Presence::Locked ||
        presence_ == Presence::Suspended) {
        return counting;
    }
    for (const MeetingSignal signal : all_meeting_signals) {
        if (!signal_holds_[index_of(signal)] || !enabled_signal(config_, signal)) continue;
        if (signal == MeetingSignal::Fullscreen && !idle_reported_) continue;
        if (signal == MeetingSignal::Manual && manual_until_ && now.boot >= *manual_until_)
            continue;
        counting.push_back(signal);
    }
    return counting;
}

bool Tracker::meeting_holds(const Moment& now) const { return !meeting_signals(now).empty(); }

void Tracker::update_meeting(const Moment& now, Actions& out) {
    if (manual_until_ && now.boot >= *manual_until_) {
        signal_holds_[index_of(MeetingSignal::Manual)] = false;
        manual_until_.reset();
    }
    const auto signals = meeting_signals(now);
    const bool holds = !signals.empty();
    if (holds && !meeting_) {
        start_meeting(now, out);
    } else if (!holds && meeting_) {
        end_meeting(now, out);
    }
    if (meeting_) {
        for (const MeetingSignal signal : signals) meeting_->signals_seen[index_of(signal)] = true;
    }
}

void Tracker::start_meeting(const Moment& now, Actions& out) {
    Meeting meeting{now.boot};
    meeting.began = now.boot;
    meeting.utc_offset = now.utc_offset;
    if (after_meeting_ && now.boot < after_meeting_->until) meeting.since = after_meeting_->since;
    after_meeting_.reset();
    meeting_ = meeting;
    if (presence_ == Presence::Idle) come_back(now, out);
    if (const auto* open = std::get_if<Open>(&cycle_)) {
        const bool escalated = open->escalated;
        end_reminder(ReminderOutcome::Ignored, now, out);
        cycle_ = Snoozed{now.boot, escalated};  // due again as soon as the meeting lets it
    }
}

void Tracker::end_meeting(const Moment& now, Actions& out) {
    record_meeting(now, out);
    const Meeting meeting = *meeting_;
    meeting_.reset();
    // The user was here for the whole meeting: idle reported later is never
    // back-dated into it.
    last_seen_ = std::max(last_seen_, now.boot);
    after_meeting_ =
        AfterMeeting{now.boot + bounded(config_.meeting.remind_after),
                     std::chrono::floor<Seconds>(now.boot - meeting.since), meeting.since};
    if (idle_reported_ && presence_ == Presence::Present) {
        go_away(Presence::Idle, now.boot, now, out);
    }
}

// The meeting in progress, as ending at `now`.
void Tracker::record_meeting(const Moment& now, Actions& out) const {
    if (!meeting_ || now.boot - meeting_->began < shortest_recorded_meeting) return;
    std::vector<MeetingSignal> signals;
    for (const MeetingSignal signal : all_meeting_signals) {
        if (meeting_->signals_seen[index_of(signal)]) signals.push_back(signal);
    }
    // Equal parts, so that none is a sliver (stored to the second, a part of
    // no length would be refused by import).
    const Millis length = now.boot - meeting_->began;
    const Millis longest_part{longest_meeting_record};
    const auto parts = (length.count() + longest_part.count() - 1) / longest_part.count();
    for (std::int64_t i = 0; i < parts; ++i) {
        const Millis from = meeting_->began + length * i / parts;
        const Millis to = meeting_->began + length * (i + 1) / parts;
        out.emplace_back(action::RecordMeeting{
            MeetingRecord{wall_at(now, from), wall_at(now, to), meeting_->utc_offset, signals}});
    }
}

// Until when a due reminder waits: the end of the hold, if one holds.
std::optional<Millis> Tracker::hold_end() const {
    if (meeting_) {
        if (meeting_->hold_over) return std::nullopt;
        return meeting_->since + bounded(config_.meeting.max_hold);
    }
    if (after_meeting_) return after_meeting_->until;
    return std::nullopt;
}

Millis Tracker::shown_at(Millis due) const {
    const auto end = hold_end();
    return end ? std::max(due, *end) : due;
}

std::optional<Millis> Tracker::next_meeting_change() const { return manual_until_; }

}  // namespace walkbreak::core
