// SPDX-License-Identifier: GPL-3.0-or-later
// The user at other computers (docs/SYNC.md "Live, across machines"). Each
// device's presence file says where it last saw the user; the daemon feeds
// them in as SeenElsewhere. During an absence here:
//  - Seen at another computer: the absence is a walk only from the last
//    moment they were seen there, so the way to the laptop and the time at it
//    are not walked; and it is not a break while they are there.
//  - Back here from another computer with less than walk.min between the two:
//    a move between computers. Nothing is credited, no welcome, and the
//    sitting they did there carries over: the sitting clock and the reminder
//    interval run from when it began (half an hour at the desk and twenty
//    minutes at the laptop is fifty minutes of sitting).
//  - Back here after a break while another computer still says the user is
//    there: they may have just left it, and its news ("away since") may be on
//    its way. The decision waits at most sync.settle for it, then goes ahead
//    with what is known; no reminder comes meanwhile.
// A presence that says "there" since before the absence began is not
// believed: a computer that went to sleep or lost its network says "there"
// until it is back, and must not keep every walk here from being credited.
// Two computers used side by side, one left idle for a while, are therefore
// not told apart from a walk by presence alone.
#include <algorithm>

#include "core/tracker.hpp"
#include "core/tracker_detail.hpp"

namespace walkbreak::core {

using namespace tracker_detail;

std::optional<Tracker::Elsewhere> Tracker::seen_elsewhere(const Absence& absence, Millis back,
                                                          const Moment& now) const {
    const WallTime away_from = wall_at(now, absence.since);
    const WallTime back_at = wall_at(now, back);
    std::optional<Elsewhere> latest;
    for (const event::ElsewhereSpan& span : elsewhere_) {
        if (span.from >= back_at) continue;  // came after the return
        const bool there = !span.until || *span.until >= back_at;
        const WallTime until = there ? back_at : *span.until;
        // "There" only counts when it began in the absence; a last input
        // elsewhere counts when it came in the absence.
        if (there ? span.from <= away_from : until <= away_from) continue;
        if (!latest || until > latest->until || (until == latest->until && there)) {
            latest = Elsewhere{until, there, std::min(span.sitting_since, span.from)};
        }
    }
    return latest;
}

Millis Tracker::walk_start(const Absence& absence, Millis back, const Moment& now) const {
    const auto elsewhere = seen_elsewhere(absence, back, now);
    if (!elsewhere) return absence.since;
    return std::clamp(boot_at(now, elsewhere->until), absence.since, back);
}

void Tracker::take_elsewhere(const event::SeenElsewhere& seen, const Moment& now, Actions& out) {
    // Times a year or more away from now say nothing about this absence, and
    // would only strain the arithmetic of the clocks.
    const auto near = [&](WallTime t) {
        return std::clamp(t, now.wall - longest, now.wall + longest);
    };
    elsewhere_.clear();
    for (event::ElsewhereSpan span : seen.spans) {
        span.from = near(span.from);
        if (span.until) span.until = near(*span.until);
        span.sitting_since = near(span.sitting_since);
        elsewhere_.push_back(span);
    }
    if (!returning_) return;
    const auto elsewhere = seen_elsewhere(returning_->absence, returning_->back, now);
    if (!elsewhere || !elsewhere->still_there) decide_return(now, out);
}

void Tracker::decide_return(const Moment& now, Actions& out) {
    const Returning returning = *returning_;
    returning_.reset();
    end_break(returning.absence, returning.back, now, out);
}

void Tracker::move_between_computers(const Absence& absence, const Elsewhere& elsewhere,
                                     Millis back, const Moment& now, Actions& out) {
    // A reminder the absence withdrew was not answered here.
    end_reminder(ReminderOutcome::Ignored, now, out);
    auto welcome = welcome_back(absence, walk_start(absence, back, now), back, now, false);
    welcome.between_computers = true;
    out.emplace_back(welcome);
    bout_start_ = back;
    bout_offset_ = now.utc_offset;
    sitting_from_ = std::min(back, boot_at(now, elsewhere.sitting_since));
    cycle_ = Counting{sitting_from_};
    prompt_at_.reset();
}

}  // namespace walkbreak::core
