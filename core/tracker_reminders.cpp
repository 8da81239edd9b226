// SPDX-License-Identifier: GPL-3.0-or-later
// The reminder cycle (DESIGN.md §3, "Reminder").
//
// Reminders come only while the user is present and nothing is quiet (no
// pause, inside work hours). The interval counts from the start of the sitting
// bout, from a Skip or Walk now, or from the end of a quiet period.
//
// Every reminder shown is resolved exactly once, with one RecordReminder:
//  - Walked:  the user answered Walk now, or went away within walk.grace after
//             it was shown and the absence became a break (walk.min);
//  - Snoozed: the user answered Snooze; it comes back after reminder.snooze
//             (or the answer's length) as a new reminder, at the same level;
//  - Skipped: the user answered Skip; the interval starts again;
//  - Ignored: superseded by the escalated reminder, or ended without an answer
//             by a pause, work hours ending, a break that began outside the
//             grace, or a short absence (which brings it back after
//             reminder.snooze, as if snoozed).
// An escalated reminder is not escalated again; it stays until answered.
// A reminder due in a meeting waits for it (tracker_meetings.cpp).
#include "core/tracker.hpp"
#include "core/tracker_detail.hpp"

namespace walkbreak::core {

using namespace tracker_detail;

// Not while a return waits for another computer's news: it decides where the interval starts.
bool Tracker::reminders_active() const {
    return presence_ == Presence::Present && !quiet_ && !returning_;
}

// When the current phase of the cycle wants something shown; none when it
// waits for an answer only.
std::optional<Millis> Tracker::reminder_due() const {
    return std::visit(Overloaded{
                          [&](const Counting& c) -> std::optional<Millis> {
                              return c.since + reminder_interval(config_);
                          },
                          [&](const Snoozed& s) -> std::optional<Millis> { return s.until; },
                          [&](const Open& o) -> std::optional<Millis> {
                              const Millis escalate = bounded(config_.reminder.escalate_after);
                              if (o.escalated || escalate <= Millis{0}) return std::nullopt;
                              return o.shown + escalate;
                          },
                      },
                      cycle_);
}

// Handles what is due at `now`, once, however late: a late call shows one
// reminder, and its escalation is measured from that moment.
void Tracker::update_reminders(const Moment& now, Actions& out) {
    show_due_reminder(now, out);
    // The hold after a meeting is over; a reminder due from now on is an ordinary one.
    if (after_meeting_ && now.boot >= after_meeting_->until) after_meeting_.reset();
}

void Tracker::show_due_reminder(const Moment& now, Actions& out) {
    if (!reminders_active()) return;
    const auto due = reminder_due();
    if (!due || now.boot < shown_at(*due)) return;
    // Held for the meeting that has just ended: say how long it was.
    std::optional<Seconds> after_meeting;
    if (after_meeting_ && *due < after_meeting_->until) after_meeting = after_meeting_->length;
    if (std::holds_alternative<Open>(cycle_)) {
        end_reminder(ReminderOutcome::Ignored, now, out);  // superseded
        show_reminder(true, after_meeting, now, out);
    } else if (const auto* snoozed = std::get_if<Snoozed>(&cycle_)) {
        show_reminder(snoozed->escalated, after_meeting, now, out);
    } else {
        show_reminder(false, after_meeting, now, out);
    }
}

void Tracker::show_reminder(bool escalated, std::optional<Seconds> after_meeting, const Moment& now,
                            Actions& out) {
    const Seconds sitting = std::chrono::floor<Seconds>(now.boot - sitting_from_);
    out.emplace_back(action::ShowReminder{escalated, tips_.next(), sitting, after_meeting});
    cycle_ = Open{now.boot, now.utc_offset, escalated, true};
    prompt_at_ = now.boot;
    if (meeting_) meeting_->hold_over = true;  // shown in a meeting: max_hold has passed
}

// Withdraws and records the open reminder, if there is one, and leaves the
// cycle counting from `now`; callers that want otherwise set it after.
void Tracker::end_reminder(ReminderOutcome outcome, const Moment& now, Actions& out) {
    const auto* open = std::get_if<Open>(&cycle_);
    if (open == nullptr) return;
    withdraw_reminder(out);
    out.emplace_back(action::RecordReminder{ReminderRecord{
        wall_at(now, open->shown), open->escalated, outcome, now.wall, open->utc_offset}});
    cycle_ = Counting{now.boot};
}

void Tracker::withdraw_reminder(Actions& out) {
    auto* open = std::get_if<Open>(&cycle_);
    if (open == nullptr || !open->on_screen) return;
    out.emplace_back(action::WithdrawReminder{});
    open->on_screen = false;
}

// Answers come from the notification or the CLI, so also when no reminder
// is open: Walk now and Skip then restart the interval, and Snooze puts the
// next reminder off. A snooze while snoozed replaces the earlier one, so a
// shorter one brings the reminder forward; with no reminder open or
// snoozed, a snooze never brings the next one forward.
void Tracker::answer_reminder(const event::Answer& answer, const Moment& now, Actions& out) {
    switch (answer.answer) {
        case event::ReminderAnswer::WalkNow:
            end_reminder(ReminderOutcome::Walked, now, out);
            cycle_ = Counting{now.boot};
            prompt_at_ = now.boot;
            if (absence_) absence_->prompted = true;  // said from afar: this absence is the walk
            return;
        case event::ReminderAnswer::Snooze: {
            const Millis until = now.boot + snooze_length(config_, answer.snooze_for);
            if (const auto* open = std::get_if<Open>(&cycle_)) {
                const bool escalated = open->escalated;
                end_reminder(ReminderOutcome::Snoozed, now, out);
                cycle_ = Snoozed{until, escalated};
            } else if (auto* snoozed = std::get_if<Snoozed>(&cycle_)) {
                snoozed->until = until;
            } else if (until > reminder_due().value_or(until)) {
                cycle_ = Snoozed{until, false};
            }
            return;
        }
        case event::ReminderAnswer::Skip:
            end_reminder(ReminderOutcome::Skipped, now, out);
            cycle_ = Counting{now.boot};
            prompt_at_.reset();  // a break now is the user's own idea
            return;
    }
}

}  // namespace walkbreak::core
