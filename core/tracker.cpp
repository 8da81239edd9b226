// SPDX-License-Identifier: GPL-3.0-or-later
// The transition function: which event moves the tracker where. The rules
// behind each move live with their helpers:
//   tracker_breaks.cpp     absences, breaks, walk credit, check-ins
//   tracker_logged.cpp     a walk logged by hand, and the sitting it ends
//   tracker_reminders.cpp  the reminder cycle and its outcomes
//   tracker_quiet.cpp      pauses and work hours
//   tracker_meetings.cpp   meetings and the reminders they hold
#include "core/tracker.hpp"

#include <algorithm>
#include <utility>

#include "core/tracker_detail.hpp"
#include "core/work_hours.hpp"

namespace walkbreak::core {

using namespace tracker_detail;

std::string_view to_string(TrackerState s) {
    // Printed by `walkbreak status --json`: part of the CLI's output contract.
    switch (s) {
        case TrackerState::Sitting:
            return "sitting";
        case TrackerState::Away:
            return "away";
        case TrackerState::Locked:
            return "locked";
        case TrackerState::Suspended:
            return "suspended";
        case TrackerState::Paused:
            return "paused";
        case TrackerState::OffHours:
            return "off_hours";
    }
    return "unknown";
}

Tracker::Tracker(Config config, Moment now)
    : config_(std::move(config)),
      last_boot_(now.boot),
      last_seen_(now.boot),
      bout_start_(now.boot),
      sitting_from_(now.boot),
      bout_offset_(now.utc_offset),
      cycle_(Counting{now.boot}),
      // Any start will do; the hour of start-up just varies the first tip.
      tips_(static_cast<std::size_t>(to_unix_seconds(now.wall) / 3600)) {
    off_hours_ = !in_work_hours(config_.schedule, now.wall, now.utc_offset);
    quiet_ = off_hours_;
    state_ = derive_state();
}

Step Tracker::handle(const Event& event, Moment now_in) {
    const Moment now = advance_clock(now_in);
    Step step;
    Actions& out = step.actions;
    // First what came due before the event (a pause ending, work hours
    // starting, an absence turning into a break): the event meets the state as
    // of `now`, however late it is delivered.
    update_quiet(now, out);
    update_meeting(now, out);
    confirm_break_if_due(now, out);
    if (returning_ && now.boot >= returning_->decide_by) decide_return(now, out);

    using P = Presence;
    const bool here = presence_ == P::Present;
    const auto transition = Overloaded{
        [&](const event::UserActive&) {
            idle_reported_ = false;
            // Input on a lock screen is the user unlocking: the unlock ends that absence.
            if (here) {
                last_seen_ = now.boot;
                seen_ = true;
            } else if (presence_ == P::Idle || (presence_ == P::Suspended && !absence_->locked)) {
                come_back(now, out);  // from a suspend too, if Resumed was missed
            } else if (presence_ == P::Suspended) {
                presence_ = P::Locked;  // woke into the lock screen
            }
        },
        [&](const event::UserIdle& e) {
            idle_reported_ = true;
            // No input in a meeting is listening, not being away.
            if (here && !meeting_holds(now))
                go_away(P::Idle, idle_start(e.idle_for, now), now, out);
        },
        [&](const event::ScreenLocked&) {
            if (here) go_away(P::Locked, now.boot, now, out);
            if (presence_ == P::Idle) presence_ = P::Locked;  // away since idle began
            absence_->locked = true;
        },
        [&](const event::ScreenUnlocked&) {
            idle_reported_ = false;  // the idle source starts over from the unlock
            if (!here) come_back(now, out);
        },
        [&](const event::Suspending&) {
            if (here) go_away(P::Suspended, now.boot, now, out);
            presence_ = P::Suspended;  // away since idle began or the screen locked, if so
            absence_->suspended = true;
        },
        [&](const event::Resumed&) {
            idle_reported_ = false;  // the idle source starts over from the resume
            if (presence_ == P::Suspended && absence_->locked) {
                presence_ = P::Locked;  // back to the lock screen: the unlock is the return
            } else if (presence_ == P::Suspended) {
                come_back(now, out);
            }
        },
        [&](const event::Answer& e) {
            if (here) {
                last_seen_ = now.boot;
                seen_ = true;
            }
            answer_reminder(e, now, out);
        },
        [&](const event::BreakAnswer& e) { answer_break(e.is_walk, out); },
        [&](const event::CheckinAnswer& e) { answer_checkin(e, now, out); },
        [&](const event::Pause& e) { start_pause(e, now); },
        [&](const event::Resume&) {
            paused_ = false;
            paused_until_.reset();
        },
        [&](const event::ManualWalk& e) { log_manual_walk(e, now, out); },
        [&](const event::MeetingSignalChanged& e) { change_meeting_signal(e, now); },
        [&](const event::ConfigChanged& e) { config_ = e.config; },
        [&](const event::SeenElsewhere& e) { take_elsewhere(e, now, out); },
        [&](const event::Tick&) {},
    };
    std::visit(transition, event);

    // Then what the event changed: quiet may begin or end, an absence may
    // already be long enough (back-dated idle, a shorter walk.min), a reminder
    // may be due. At most one reminder comes out of one call.
    update_quiet(now, out);
    update_meeting(now, out);
    confirm_break_if_due(now, out);
    update_reminders(now, out);
    state_ = derive_state();
    step.wake_at = next_wake(now);
    return step;
}

Step Tracker::finish(Moment now_in) {
    const Moment now = advance_clock(now_in);
    Step step;
    if (returning_) decide_return(now, step.actions);
    record_meeting(now, step.actions);
    end_reminder(ReminderOutcome::Ignored, now, step.actions);
    if (presence_ == Presence::Present)
        close_bout(now.boot, now, step.actions);
    else if (!absence_->is_break)
        close_bout(absence_->since, now, step.actions);
    if (pending_break_) step.actions.emplace_back(action::WithdrawBreakQuestion{});

    // Start afresh; what is not about the moment (tips, the check-in run) carries on,
    // and so does what the meeting signals last said (they report changes only).
    Tracker fresh(config_, now);
    fresh.tips_ = tips_;
    fresh.worse_in_a_row_ = worse_in_a_row_;
    fresh.signal_holds_ = signal_holds_;
    fresh.manual_until_ = manual_until_;
    fresh.elsewhere_ = std::move(elsewhere_);
    *this = std::move(fresh);
    step.wake_at = next_wake(now);
    return step;
}

Snapshot Tracker::snapshot(Moment now) const {
    const Millis boot = std::max(now.boot, last_boot_);
    Snapshot s;
    s.state = state_;
    if (presence_ == Presence::Present) {
        s.sitting_for = std::chrono::floor<Seconds>(boot - sitting_from_);
    }
    s.sitting_since = std::chrono::floor<Seconds>(wall_at(now, sitting_from_));
    if (const auto due = reminder_due(); due && reminders_active()) {
        // Held in a meeting: it comes when the meeting ends, which nobody knows.
        s.reminder_held = *due <= boot && meeting_ && shown_at(*due) > boot;
        if (!s.reminder_held) {
            s.next_reminder_in =
                std::chrono::ceil<Seconds>(std::max(Millis{0}, shown_at(*due) - boot));
        }
    }
    if (meeting_) {
        Snapshot::Meeting m{now.wall - (boot - meeting_->since), meeting_signals(now),
                            std::nullopt};
        if (manual_until_) m.manual_until = now.wall + (*manual_until_ - boot);
        s.meeting = m;
    }
    if (paused_ && paused_until_) s.paused_until = now.wall + (*paused_until_ - boot);
    if (presence_ != Presence::Present && absence_) {
        s.away_since = now.wall - (boot - absence_->since);
    }
    const auto* open = std::get_if<Open>(&cycle_);
    s.reminder_showing = open != nullptr && open->on_screen;
    return s;
}

// The boot clock never runs backwards; if a caller's reading did, the tracker
// takes it as having stood still rather than produce a negative duration.
Moment Tracker::advance_clock(Moment now) {
    now.boot = std::max(now.boot, last_boot_);
    last_boot_ = now.boot;
    return now;
}

TrackerState Tracker::derive_state() const {
    switch (presence_) {
        case Presence::Suspended:
            return TrackerState::Suspended;
        case Presence::Locked:
            return TrackerState::Locked;
        case Presence::Idle:
            return TrackerState::Away;
        case Presence::Present:
            break;
    }
    if (paused_) return TrackerState::Paused;
    if (off_hours_) return TrackerState::OffHours;
    return TrackerState::Sitting;
}

// The earliest instant something is due: a reminder, its escalation or the
// end of a snooze (only while they can be shown), an absence turning into a
// break, the end of a pause, work hours starting or ending. Never before `now`.
std::optional<Millis> Tracker::next_wake(const Moment& now) const {
    std::optional<Millis> earliest;
    const auto consider = [&](std::optional<Millis> t) {
        if (t && (!earliest || *t < *earliest)) earliest = t;
    };
    if (const auto due = reminder_due(); due && reminders_active()) consider(shown_at(*due));
    consider(next_meeting_change());
    if (absence_ && !absence_->is_break) {
        const auto elsewhere = seen_elsewhere(*absence_, now.boot, now);
        // While the user sits at another computer, its news decides (SeenElsewhere).
        if (!elsewhere || !elsewhere->still_there) {
            consider(walk_start(*absence_, now.boot, now) + walk_min(config_));
        }
    }
    if (returning_) consider(returning_->decide_by);
    if (paused_) consider(paused_until_);
    if (const auto change = until_work_hours_change(config_.schedule, now.wall, now.utc_offset)) {
        consider(now.boot + *change);
    }
    if (earliest) earliest = std::max(*earliest, now.boot);
    return earliest;
}

}  // namespace walkbreak::core
