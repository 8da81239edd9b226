// SPDX-License-Identifier: GPL-3.0-or-later
// Quiet: a pause, or outside work hours (DESIGN.md §3, "Quiet").
//
// While quiet no reminder is shown; one showing when quiet begins is
// withdrawn and recorded as ignored. Reminders missed while quiet are not
// stacked up: when quiet ends the interval starts afresh from that moment
// (the sitting bout itself goes on, and sitting_for keeps counting). Presence
// is still tracked while quiet, so breaks are still detected, credited and
// asked about: quiet is about reminders, not about the walking log.
#include "core/tracker.hpp"
#include "core/tracker_detail.hpp"
#include "core/work_hours.hpp"

namespace walkbreak::core {

using namespace tracker_detail;

// Ends at `length` from now or at `until`, whichever comes first; with
// neither, when resumed. An end already past ends the pause at once. A new
// pause replaces the current one.
void Tracker::start_pause(const event::Pause& pause, const Moment& now) {
    paused_ = true;
    paused_until_.reset();
    if (pause.length) paused_until_ = now.boot + bounded(*pause.length);
    if (pause.until) {
        // Compared before subtracting, so a far-off `until` cannot overflow.
        const Millis left = *pause.until <= now.wall             ? Millis{0}
                            : *pause.until >= now.wall + longest ? longest
                                                                 : *pause.until - now.wall;
        const Millis end = now.boot + left;
        paused_until_ = paused_until_ ? std::min(*paused_until_, end) : end;
    }
}

void Tracker::update_quiet(const Moment& now, Actions& out) {
    if (paused_ && paused_until_ && now.boot >= *paused_until_) {
        paused_ = false;
        paused_until_.reset();
    }
    off_hours_ = !in_work_hours(config_.schedule, now.wall, now.utc_offset);
    const bool quiet = paused_ || off_hours_;
    if (quiet == quiet_) return;
    quiet_ = quiet;
    if (quiet) end_reminder(ReminderOutcome::Ignored, now, out);
    // Both ways, nothing carries over: no snooze into the quiet, no backlog out of it.
    cycle_ = Counting{now.boot};
}

}  // namespace walkbreak::core
