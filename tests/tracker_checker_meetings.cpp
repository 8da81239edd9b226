// SPDX-License-Identifier: GPL-3.0-or-later
// The invariant checker's model of meetings (tracker_harness.hpp): when one
// holds, when it begins and ends, and that what the tracker records of it
// lies where the model says (core/tracker_meetings.cpp).
#include "tracker_harness.hpp"

#include <algorithm>

namespace walkbreak::test {

using namespace core;

bool Checker::model_meeting_holds(const Moment& now) const {
    if (!config_.meeting.enabled || locked_ || suspended_) return false;
    const auto& enabled = config_.meeting.signals;
    for (const MeetingSignal signal : all_meeting_signals) {
        if (!signals_[static_cast<std::size_t>(signal)]) continue;
        if (signal != MeetingSignal::Manual &&
            std::find(enabled.begin(), enabled.end(), signal) == enabled.end()) {
            continue;
        }
        if (signal == MeetingSignal::Fullscreen && !idle_reported_) continue;  // typing: working
        if (signal == MeetingSignal::Manual && manual_until_ && now.boot >= *manual_until_)
            continue;
        return true;
    }
    return false;
}

// A meeting beginning while the user is idle (not locked, not asleep) brings
// them back; one ending while the idle source last said idle sends them away.
void Checker::update_meeting_model(const Moment& now) {
    const bool holds = model_meeting_holds(now);
    if (holds && !meeting_since_) {
        meeting_since_ = now.boot;
        meeting_began_ = now.boot;
        hold_over_ = false;
        if (last_meeting_ && now.boot < hold_until_) {
            meeting_since_ = last_meeting_->from;  // back to back: one meeting
        }
        if (idle_ && !locked_ && !suspended_) idle_ = false;
    } else if (!holds && meeting_since_) {
        last_meeting_ = Span{*meeting_since_, now.boot};
        hold_until_ = now.boot + std::max(Millis{0}, Millis{config_.meeting.remind_after});
        meetings_.push_back(Span{meeting_began_, now.boot});
        ended_in_step_.push_back(meetings_.back());
        meeting_since_.reset();
        if (idle_reported_ && !idle_ && !locked_ && !suspended_) idle_ = true;
    }
}

void Checker::check_recorded_meeting(const MeetingRecord& meeting, const Moment& now) {
    const auto boot_of = [&](WallTime t) { return now.boot - (now.wall - t); };
    const Span s{boot_of(meeting.start), boot_of(meeting.end)};
    if (s.to <= s.from) fail("a recorded meeting of no length");
    if (s.to - s.from > Millis{longest_meeting_record}) fail("a meeting record longer than a day");
    if (s.from < start_.boot || s.to > now.boot) fail("a meeting recorded outside the day");
    if (meeting.signals.empty()) fail("a meeting recorded without its signals");
    const auto hit = [&](const Span& o) { return s.from < o.to && o.from < s.to; };
    if (std::any_of(recorded_meetings_.begin(), recorded_meetings_.end(), hit))
        fail("recorded meetings overlap");
    if (std::any_of(absences_.begin(), absences_.end(), hit) ||
        (absent_since_ && s.to > *absent_since_)) {
        fail("a meeting recorded over time the user was away");
    }
    if (std::any_of(walks_.begin(), walks_.end(), hit)) fail("a meeting recorded over a walk");
    recorded_meetings_.push_back(s);
    recorded_in_step_.push_back(s);
    meeting_total_ += s.to - s.from;
}

// The meetings of a minute or more that ended in this step, and only those,
// came out as records that tile them.
void Checker::check_meetings_recorded() {
    std::vector<Span> due;
    for (const Span& m : ended_in_step_) {
        if (m.to - m.from >= Millis{1min}) due.push_back(m);
    }
    ended_in_step_.clear();
    std::vector<Span> records;
    records.swap(recorded_in_step_);
    if (due.empty()) {
        if (!records.empty()) fail("a meeting recorded that the model did not see end");
        return;
    }
    if (due.size() > 1) fail("two meetings ended in one step");
    Millis cursor = due.front().from;
    for (const Span& r : records) {
        if (r.from != cursor) fail("a meeting's records do not start where it did, one by one");
        cursor = r.to;
    }
    if (cursor != due.front().to) fail("a meeting of a minute or more not recorded to its end");
}

}  // namespace walkbreak::test
