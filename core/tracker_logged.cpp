// SPDX-License-Identifier: GPL-3.0-or-later
// A walk logged by hand through walkbreakd (`walkbreak log`, DESIGN.md §3).
//
// The walk is credited as given. It also tells the tracker where the user
// was, which the idle source could not see (a video kept the screen awake,
// the walk was on another machine's watch):
//  - While the user is present, a walk that ends after the current sitting
//    bout began ends that bout: the sitting before the walk's start is closed
//    as a bout, and a new bout begins at the walk's end. `walkbreak log 10m`
//    ("just now") thus resets the sitting clock as a credited break does.
//  - The next reminder is due reminder.interval after the walk's end, or when
//    it was due already if that is later: a logged walk never brings a
//    reminder forward (past a Skip, a snooze or the end of a quiet period).
//    A reminder on screen that is now premature is resolved: walked when the
//    walk ended after it was shown (the user answered it on foot), else
//    ignored (it asked for a walk already taken). One that came a whole
//    interval after the walk stands.
//  - A walk that ended before the current bout began (earlier in the day),
//    or one that has not ended by `now` (walkbreakd refuses those), changes
//    nothing about sitting or reminders.
//  - While the user is away (idle, locked, asleep) the absence decides, as
//    it always does: it has stopped the sitting clock, and a break restarts
//    it on return. The logged walk changes nothing about sitting then.
// A request from the user while present also counts as seeing them, as an
// answer does: an idle report back-dated past it is believed only up to it,
// so no absence reaches back over the walk.
#include <algorithm>

#include "core/tracker.hpp"
#include "core/tracker_detail.hpp"

namespace walkbreak::core {

using namespace tracker_detail;

// The offset is today's: the tracker has no zone database to look the past up in.
void Tracker::log_manual_walk(const event::ManualWalk& manual, const Moment& now, Actions& out) {
    const Millis length = bounded(manual.length);
    if (length <= Millis{0} || manual.start > WallTime::max() - length) return;
    WalkRecord walk;
    walk.start = manual.start;
    walk.end = manual.start + length;
    walk.utc_offset = manual.utc_offset.value_or(now.utc_offset);
    walk.how = CreditHow::Manual;
    walk.note = manual.note;
    if (presence_ == Presence::Present) {
        last_seen_ = now.boot;
        seen_ = true;
        restart_sitting_after(walk, now, out);
    }
    out.emplace_back(action::CreditWalk{std::move(walk)});
}

void Tracker::restart_sitting_after(const WalkRecord& walk, const Moment& now, Actions& out) {
    const WallTime bout_began = wall_at(now, bout_start_);
    if (walk.end <= bout_began || walk.end > now.wall) return;
    // close_bout ignores a start at or before the bout's own.
    const Millis end = boot_at(now, walk.end);
    close_bout(boot_at(now, walk.start), now, out);
    bout_start_ = end;
    sitting_from_ = end;
    bout_offset_ = now.utc_offset;

    const Millis next = end + reminder_interval(config_);
    if (const auto* open = std::get_if<Open>(&cycle_)) {
        if (open->shown >= next) return;  // it came a whole interval after the walk
        end_reminder(end >= open->shown ? ReminderOutcome::Walked : ReminderOutcome::Ignored, now,
                     out);
        cycle_ = Counting{end};
        prompt_at_.reset();
        return;
    }
    if (prompt_at_ && *prompt_at_ <= end) prompt_at_.reset();  // the walk answered it
    if (const auto* counting = std::get_if<Counting>(&cycle_)) {
        cycle_ = Counting{std::max(counting->since, end)};
    } else if (std::get<Snoozed>(cycle_).until < next) {
        cycle_ = Counting{end};
    }
}

}  // namespace walkbreak::core
