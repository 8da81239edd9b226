// SPDX-License-Identifier: GPL-3.0-or-later
// Absences and breaks (DESIGN.md §3, "Walk credit").
//
// An absence begins when the user goes idle (back-dated to the idle start),
// locks the screen or the machine suspends, and ends when they come back.
//  - Shorter than walk.min it is not a break: it counts as sitting, inside the
//    open sitting bout, and the sitting clock keeps running.
//  - Once it reaches walk.min it is a break: the sitting bout closes at the
//    moment the absence began (emitted then, not at the return, so that a kill
//    during a long absence loses nothing). On return the sitting clock and the
//    reminder interval start again, and WelcomeBack reports it.
//  - Credit on return, for a break of walk.min..walk.max: a break that began
//    within walk.grace after a reminder was shown or Walk now was answered is
//    credited as Reminder; otherwise walk.credit decides: ask, auto, or off.
//    Longer than walk.max: never credited unless the user says so, so only
//    asked about with walk.credit = ask.
//  - An absence that began before the user was first seen (idle or locked
//    since before the start, no input yet) is neither credited nor asked about.
//  - An absence that included a suspend is never credited by itself (the
//    machine slept; the user may not have walked): within walk.min..walk.max
//    it is asked about, unless walk.credit = off and no reminder prompted it;
//    longer, nothing.
//  - With other computers (sync, tracker_elsewhere.cpp): an absence during
//    which the user was seen at another computer is a walk only from the
//    last moment they were seen there, and not a break while they are there.
// Walk instants are derived from the wall clock at the return minus the
// absence measured on the boot clock, so a clock jump never distorts them.
#include <algorithm>

#include "core/tracker.hpp"
#include "core/tracker_detail.hpp"

namespace walkbreak::core {

using namespace tracker_detail;

// The idle start, never before the user was last known to be here (a backend
// reporting more idle time than that is believed only up to it).
Millis Tracker::idle_start(Millis idle_for, const Moment& now) const {
    return now.boot - std::clamp(idle_for, Millis{0}, now.boot - last_seen_);
}

void Tracker::go_away(Presence to, Millis since, const Moment& now, Actions& out) {
    if (returning_) decide_return(now, out);  // gone again before the other computer's news
    Absence a;
    a.since = since;
    a.utc_offset = now.utc_offset;
    a.suspended = to == Presence::Suspended;
    a.locked = to == Presence::Locked;
    a.prompted =
        prompt_at_ && since >= *prompt_at_ && since - *prompt_at_ <= bounded(config_.walk.grace);
    // Without input since the start, last_seen_ is the start itself.
    a.before_first_seen = !seen_ && since <= last_seen_;
    absence_ = a;
    presence_ = to;
    // Nobody is there to read a reminder; its outcome is settled on return.
    withdraw_reminder(out);
}

void Tracker::come_back(const Moment& now, Actions& out) {
    confirm_break_if_due(now, out);
    const Absence absence = *absence_;
    absence_.reset();
    presence_ = Presence::Present;
    last_seen_ = now.boot;
    seen_ = true;
    if (absence.is_break) {
        const auto elsewhere = seen_elsewhere(absence, now.boot, now);
        if (elsewhere && elsewhere->still_there && bounded(config_.sync.settle) > Millis{0}) {
            // Moved here from there, or walked from there with its news on the way.
            returning_ = Returning{absence, now.boot, now.boot + bounded(config_.sync.settle)};
            return;
        }
        end_break(absence, now.boot, now, out);
        return;
    }
    // A short absence: the sitting bout goes on. A reminder it withdrew was
    // not answered, so it is ignored, and comes back as if snoozed.
    if (const auto* open = std::get_if<Open>(&cycle_)) {
        const bool escalated = open->escalated;
        end_reminder(ReminderOutcome::Ignored, now, out);
        cycle_ = Snoozed{now.boot + snooze_length(config_, std::nullopt), escalated};
    }
}

void Tracker::confirm_break_if_due(const Moment& now, Actions& out) {
    if (!absence_ || absence_->is_break) return;
    const auto elsewhere = seen_elsewhere(*absence_, now.boot, now);
    if (elsewhere && elsewhere->still_there) return;  // sitting at another computer
    if (now.boot - walk_start(*absence_, now.boot, now) < walk_min(config_)) return;
    absence_->is_break = true;
    close_bout(absence_->since, now, out);
}

void Tracker::close_bout(Millis end, const Moment& now, Actions& out) {
    if (end > bout_start_) {
        out.emplace_back(action::CloseSittingBout{
            SittingBout{wall_at(now, bout_start_), wall_at(now, end), bout_offset_}});
    }
    bout_start_ = std::max(bout_start_, end);
}

void Tracker::end_break(const Absence& break_taken, Millis back, const Moment& now, Actions& out) {
    const auto elsewhere = seen_elsewhere(break_taken, back, now);
    const Millis start = walk_start(break_taken, back, now);
    if (elsewhere && back - start < walk_min(config_)) {
        // Only the way from one computer to the other: no walk.
        move_between_computers(break_taken, *elsewhere, back, now, out);
        return;
    }
    Absence absence = break_taken;
    // Seen at another computer in it: the walk began where they were last seen.
    if (elsewhere) absence.before_first_seen = false;
    end_reminder(absence.prompted ? ReminderOutcome::Walked : ReminderOutcome::Ignored, now, out);

    const Millis away = back - start;
    WalkRecord walk;
    walk.start = wall_at(now, start);
    walk.end = wall_at(now, back);
    walk.utc_offset = absence.utc_offset;
    const bool within = away <= bounded(config_.walk.max);
    const WalkCredit mode = config_.walk.credit;
    bool credited = false;
    bool ask = false;
    if (absence.before_first_seen) {
        // Away since before walkbreakd started: nothing to credit or ask about.
    } else if (absence.suspended) {
        ask = within && (absence.prompted || mode != WalkCredit::Off);
    } else if (within && (absence.prompted || mode == WalkCredit::Auto)) {
        walk.how = absence.prompted ? CreditHow::Reminder : CreditHow::Auto;
        credited = true;
    } else {
        ask = mode == WalkCredit::Ask;
    }

    if (ask) ask_about_break(PendingBreak{walk.start, walk.end, walk.utc_offset}, out);
    const bool check_in = credited && config_.checkin.enabled;
    if (credited) out.emplace_back(action::CreditWalk{walk});
    out.emplace_back(welcome_back(absence, start, back, now, credited));
    if (check_in) {
        out.emplace_back(action::AskCheckin{});
        checkin_pending_ = true;
    }

    // A new sitting bout, and a fresh reminder interval.
    bout_start_ = back;
    sitting_from_ = back;
    bout_offset_ = now.utc_offset;
    cycle_ = Counting{back};
    prompt_at_.reset();
    after_meeting_.reset();  // a walk after the meeting settles the reminder it held
}

action::WelcomeBack Tracker::welcome_back(const Absence& absence, Millis walk_from, Millis back,
                                          const Moment& now, bool credited) {
    action::WelcomeBack welcome;
    welcome.away = std::chrono::floor<Seconds>(back - walk_from);
    welcome.credited = credited;
    welcome.elsewhere = std::chrono::floor<Seconds>(back - absence.since) - welcome.away;
    welcome.decided_after = std::chrono::floor<Seconds>(now.boot - back);
    return welcome;
}

// One question at a time: a newer break replaces an unanswered one.
void Tracker::ask_about_break(PendingBreak question, Actions& out) {
    if (pending_break_) out.emplace_back(action::WithdrawBreakQuestion{});
    pending_break_ = question;
    out.emplace_back(action::AskAboutBreak{question.start, question.end});
}

void Tracker::answer_break(bool is_walk, Actions& out) {
    if (!pending_break_) return;  // already answered, or replaced
    const PendingBreak question = *pending_break_;
    pending_break_.reset();
    if (!is_walk) return;
    WalkRecord walk;
    walk.start = question.start;
    walk.end = question.end;
    walk.utc_offset = question.utc_offset;
    walk.how = CreditHow::Confirmed;
    credit(std::move(walk), out);
}

// A walk the tracker saw end; check-ins follow those (not walks typed in
// later with `walkbreak log`, which may be hours old).
void Tracker::credit(WalkRecord walk, Actions& out) {
    out.emplace_back(action::CreditWalk{std::move(walk)});
    if (config_.checkin.enabled) {
        out.emplace_back(action::AskCheckin{});
        checkin_pending_ = true;
    }
}

// Only the answer to a question asked counts, once.
void Tracker::answer_checkin(const event::CheckinAnswer& answer, const Moment& now, Actions& out) {
    if (!checkin_pending_ && !answer.unprompted) return;
    checkin_pending_ = false;
    out.emplace_back(action::RecordCheckin{CheckinRecord{now.wall, answer.feel, now.utc_offset}});
    if (count_checkin(answer.feel)) out.emplace_back(action::ScaleBack{});
}

void Tracker::resume_checkins(const std::vector<CheckinRecord>& oldest_first) {
    worse_in_a_row_ = 0;
    for (const CheckinRecord& checkin : oldest_first) count_checkin(checkin.feel);
}

// The one rule for the run, live or replayed: "better" or "same" breaks it;
// the third "worse" in a row is due a ScaleBack (true), and the run starts
// again from zero.
bool Tracker::count_checkin(BackFeel feel) {
    if (feel != BackFeel::Worse) {
        worse_in_a_row_ = 0;
        return false;
    }
    if (++worse_in_a_row_ < 3) return false;
    worse_in_a_row_ = 0;
    return true;
}

}  // namespace walkbreak::core
