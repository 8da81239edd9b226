// SPDX-License-Identifier: GPL-3.0-or-later
// The invariant checker of the tracker tests: an independent model of what
// the user and the machine did, checked against every step (tracker_harness.hpp).
#include "tracker_harness.hpp"

#include <algorithm>
#include <type_traits>

#include "core/work_hours.hpp"

namespace walkbreak::test {

using namespace core;
namespace act = core::action;
namespace ev = core::event;

// ---- Checker ----

Checker::Checker(Config config, Moment start)
    : config_(std::move(config)), start_(start), bout_since_(start.boot) {
    bouts_.reserve(64);
    walks_.reserve(64);
}

void Checker::fail(const std::string& what) {
    if (problem_.empty()) problem_ = what;
}

void Checker::update_model(const Event& event, const Moment& now) {
    const bool present = !idle_ && !locked_ && !suspended_;
    if (std::holds_alternative<ev::SeenElsewhere>(event)) elsewhere_ = true;
    if (const auto* pause = std::get_if<ev::Pause>(&event)) {
        paused_ = true;
        paused_until_.reset();
        if (pause->length) paused_until_ = now.boot + std::max(Millis{0}, Millis{*pause->length});
        if (pause->until) {
            const Millis end = now.boot + std::max(Millis{0}, *pause->until - now.wall);
            paused_until_ = paused_until_ ? std::min(*paused_until_, end) : end;
        }
    } else if (std::holds_alternative<ev::Resume>(event)) {
        paused_ = false;
    } else if (std::holds_alternative<ev::UserIdle>(event)) {
        idle_reported_ = true;
        if (present && !model_meeting_holds(now)) idle_ = true;  // listening in a meeting
    } else if (std::holds_alternative<ev::UserActive>(event)) {
        idle_reported_ = false;
        idle_ = false;
        suspended_ = false;  // input: the machine is awake, whether or not Resumed came
    } else if (std::holds_alternative<ev::ScreenLocked>(event)) {
        locked_ = true;
    } else if (std::holds_alternative<ev::ScreenUnlocked>(event)) {
        idle_ = locked_ = suspended_ = idle_reported_ = false;
    } else if (std::holds_alternative<ev::Suspending>(event)) {
        suspended_ = true;
        slept_ = true;
    } else if (std::holds_alternative<ev::Resumed>(event)) {
        if (suspended_ && !locked_) idle_ = false;  // woke unlocked: back
        suspended_ = idle_reported_ = false;
    } else if (const auto* meeting = std::get_if<ev::MeetingSignalChanged>(&event)) {
        signals_[static_cast<std::size_t>(meeting->signal)] = meeting->holds;
        if (meeting->signal == MeetingSignal::Manual) {
            manual_until_.reset();
            if (meeting->holds && meeting->length) {
                manual_until_ = now.boot + std::max(Millis{0}, Millis{*meeting->length});
            }
        }
    } else if (const auto* answer = std::get_if<ev::BreakAnswer>(&event)) {
        if (question_ && answer->is_walk) answered_span_ = question_span_;
        question_ = false;
    } else if (const auto* checkin = std::get_if<ev::CheckinAnswer>(&event)) {
        // The user's own report needs no question.
        if (checkin->unprompted) checkin_pending_ = true;
    } else if (const auto* config = std::get_if<ev::ConfigChanged>(&event)) {
        config_ = config->config;
    } else if (const auto* walk = std::get_if<ev::ManualWalk>(&event)) {
        log_walk(*walk, now, present);
    }
    if (paused_ && paused_until_ && now.boot >= *paused_until_) paused_ = false;
}

// The model of a logged walk (core/tracker_logged.cpp): credited as given;
// while the user is present, one that has ended and ends after the bout began
// takes its time out of the bout, which begins again at its end.
void Checker::log_walk(const ev::ManualWalk& walk, const Moment& now, bool present) {
    if (walk.length <= Seconds{0}) return;
    logged_ = core::Span{walk.start, walk.start + Millis{walk.length}};
    const auto boot_of = [&](WallTime t) { return now.boot - (now.wall - t); };
    if (!present || logged_->end > now.wall) return;
    const Millis end = boot_of(logged_->end);
    if (end <= bout_since_) return;
    const Millis from = std::max(boot_of(logged_->start), bout_since_);
    logged_gaps_.push_back(Span{from, end});
    logged_gap_total_ += end - from;
    bout_since_ = end;
    restarted_at_ = end;
    ++restarts_;
}

// While present, the sitting clock runs from where the model says the bout
// began; after a logged walk restarted it, the next reminder is at least an
// interval after the walk's end.
void Checker::check_sitting(const Moment& now, const Snapshot& snap) {
    const bool present = snap.state == TrackerState::Sitting ||
                         snap.state == TrackerState::Paused || snap.state == TrackerState::OffHours;
    if (present == snap.away_since.has_value()) {
        fail(present ? "present, yet away since a time" : "away since no time");
    }
    if (snap.away_since && *snap.away_since > now.wall) fail("away since a time to come");
    if (!present || elsewhere_) return;
    const Seconds expected = std::chrono::floor<Seconds>(now.boot - bout_since_);
    if (snap.sitting_for != expected) {
        fail("sitting for " + duration_text(snap.sitting_for) + ", expected " +
             duration_text(expected));
    }
    if (!restarted_at_ || snap.state != TrackerState::Sitting || !snap.next_reminder_in) return;
    const Millis interval = std::max(Millis{1000}, Millis{config_.reminder.interval});
    const Seconds least = std::chrono::ceil<Seconds>(*restarted_at_ + interval - now.boot);
    if (*snap.next_reminder_in < least) {
        fail("next reminder in " + duration_text(*snap.next_reminder_in) +
             " after a logged walk, expected at least " + duration_text(least));
    }
}

TrackerState Checker::expected_state(const Moment& now) const {
    if (suspended_) return TrackerState::Suspended;
    if (locked_) return TrackerState::Locked;
    if (idle_) return TrackerState::Away;
    if (paused_) return TrackerState::Paused;
    if (!in_work_hours(config_.schedule, now.wall, now.utc_offset)) return TrackerState::OffHours;
    return TrackerState::Sitting;
}

bool Checker::overlaps_record(Span s) const {
    const auto hit = [&](const Span& o) { return s.from < o.to && o.from < s.to; };
    return std::any_of(bouts_.begin(), bouts_.end(), hit) ||
           std::any_of(walks_.begin(), walks_.end(), hit);
}

void Checker::observe(const Event* event, const Moment& now, const Step& step,
                      const Tracker& tracker) {
    if (event != nullptr) {
        update_meeting_model(now);  // what came due before the event (a manual meeting's end)
        update_absence(now);
        update_model(*event, now);
        update_meeting_model(now);
    }
    std::vector<Span> absences, walks;  // this step's returns, and what lies in them
    int shows = 0;
    for (const Action& a : step.actions) {
        if (std::holds_alternative<act::ShowReminder>(a)) ++shows;
        ++seen_[a.index()];
        check_action(a, now, tracker, absences, walks);
    }
    answered_span_.reset();
    if (logged_) fail("a logged walk not credited");
    logged_.reset();
    if (shows > 1) fail("more than one reminder shown by one step");
    if (!walks.empty()) fail("a walk credited or asked about without a return");
    if (!idle_ && !locked_ && !suspended_) slept_ = false;
    if (event == nullptr) {
        // finish(): the tracker starts afresh, as if the user had just logged in;
        // the meeting signals hold as they did.
        idle_ = locked_ = suspended_ = paused_ = idle_reported_ = false;
        if (meeting_since_) {
            meetings_.push_back(Span{meeting_began_, now.boot});
            ended_in_step_.push_back(meetings_.back());
        }
        meeting_since_.reset();
        last_meeting_.reset();
        checkin_pending_ = false;
        bout_since_ = now.boot;
    }
    update_absence(now);
    check_meetings_recorded();
    if (step.wake_at && *step.wake_at <= now.boot) {
        fail("wake_at not in the future: " + duration_text(*step.wake_at - now.boot));
    }
    if (event != nullptr && tracker.state() != expected_state(now)) {
        fail("state " + std::string(to_string(tracker.state())) + ", expected " +
             std::string(to_string(expected_state(now))));
    }
    const Snapshot snap = tracker.snapshot(now);
    if (snap.state != tracker.state()) fail("snapshot state differs from state()");
    if (snap.sitting_for < Seconds{0}) fail("negative sitting_for in snapshot");
    if (snap.next_reminder_in && *snap.next_reminder_in < Seconds{0}) {
        fail("negative next_reminder_in");
    }
    if (snap.reminder_showing != showing_) fail("snapshot disagrees on the reminder showing");
    check_sitting(now, snap);
    restarted_at_.reset();
}

void Checker::check_action(const Action& action, const Moment& now, const Tracker& tracker,
                           std::vector<Span>& step_absences, std::vector<Span>& step_walks) {
    const auto boot_of = [&](WallTime t) { return now.boot - (now.wall - t); };
    if (const auto* show = std::get_if<act::ShowReminder>(&action)) {
        if (showing_) fail("a reminder shown while one is showing");
        if (open_ != 0) fail("a reminder shown before the last one was resolved");
        if (idle_ || locked_ || suspended_) fail("a reminder shown while the user is away");
        if (paused_) fail("a reminder shown while paused");
        if (!in_work_hours(config_.schedule, now.wall, now.utc_offset)) {
            fail("a reminder shown outside work hours");
        }
        if (tracker.state() != TrackerState::Sitting) fail("a reminder shown while not sitting");
        if (show->sitting_for < Seconds{0}) fail("negative sitting_for");
        const Millis max_hold = std::max(Millis{0}, Millis{config_.meeting.max_hold});
        if (meeting_since_ && now.boot < *meeting_since_ + max_hold && !hold_over_) {
            fail("a reminder shown in a meeting before max_hold");
        }
        if (!meeting_since_ && last_meeting_ && now.boot < hold_until_) {
            fail("a reminder shown within remind_after of a meeting's end");
        }
        if (meeting_since_) hold_over_ = true;
        showing_ = true;
        ++open_;
        ++shown_;
    } else if (std::holds_alternative<act::WithdrawReminder>(action)) {
        if (!showing_) fail("withdrew a reminder that is not showing");
        showing_ = false;
    } else if (const auto* rec = std::get_if<act::RecordReminder>(&action)) {
        if (open_ != 1) fail("a reminder outcome without a reminder open");
        if (rec->reminder.resolved < rec->reminder.shown) fail("reminder resolved before shown");
        if (showing_) fail("a reminder resolved while still showing");
        open_ = 0;
    } else if (const auto* ask = std::get_if<act::AskAboutBreak>(&action)) {
        if (question_) fail("a second break question without withdrawing the first");
        if (ask->end < ask->start) fail("break question with a negative duration");
        question_ = true;
        question_span_ = Span{boot_of(ask->start), boot_of(ask->end)};
        step_walks.push_back(question_span_);  // asked about: must be one absence too
    } else if (std::holds_alternative<act::WithdrawBreakQuestion>(action)) {
        if (!question_) fail("withdrew a break question that is not pending");
        question_ = false;
    } else if (const auto* credit = std::get_if<act::CreditWalk>(&action)) {
        const WalkRecord& w = credit->walk;
        if (w.end < w.start) fail("a walk with a negative duration");
        if (w.how == CreditHow::Manual) {  // typed in: any time the user says, as given
            if (!logged_) {
                fail("a logged walk credited that nobody logged");
            } else if (w.start != logged_->start || w.end != logged_->end) {
                fail("a logged walk credited with another span");
            }
            logged_.reset();
            return;
        }
        Span s{boot_of(w.start), boot_of(w.end)};
        if (w.how == CreditHow::Confirmed) {
            if (!answered_span_)
                fail("a confirmed walk nobody confirmed");
            else
                s = *answered_span_;
            answered_span_.reset();
        } else {
            if (slept_) fail("an absence with a suspend credited without asking");
            step_walks.push_back(s);
            const auto in_meeting = [&](const Span& m) { return s.from < m.to && m.from < s.to; };
            if (std::any_of(meetings_.begin(), meetings_.end(), in_meeting) ||
                (meeting_since_ && s.to > meeting_began_)) {
                fail("time in a meeting credited as a walk");
            }
        }
        if (overlaps_record(s)) fail("a credited walk overlaps a sitting bout or another walk");
        walks_.push_back(s);
        walked_total_ += s.to - s.from;
    } else if (const auto* bout = std::get_if<act::CloseSittingBout>(&action)) {
        const Span s{boot_of(bout->bout.start), boot_of(bout->bout.end)};
        if (s.to < s.from) fail("a sitting bout with a negative duration");
        if (overlaps_record(s)) fail("a sitting bout overlaps another bout or a walk");
        for (const Span& gap : logged_gaps_) {
            if (s.from < gap.to && gap.from < s.to) fail("a sitting bout over a logged walk");
        }
        bouts_.push_back(s);
        sitting_total_ += s.to - s.from;
    } else if (const auto* back = std::get_if<act::WelcomeBack>(&action)) {
        if (back->away < Seconds{0} || back->elsewhere < Seconds{0} ||
            back->decided_after < Seconds{0}) {
            fail("negative away time");
        }
        // The return was decided_after ago; before the walk the user was at
        // another computer for `elsewhere`: all of it away from this one.
        const Millis returned = now.boot - Millis{back->decided_after};
        const Millis walk_from = returned - Millis{back->away};
        step_absences.push_back(Span{walk_from - Millis{back->elsewhere}, returned});
        absences_.push_back(step_absences.back());
        away_total_ += back->away + back->elsewhere;
        bout_since_ = returned;  // a break ended: the next bout begins
        if (back->between_computers && back->credited) fail("a move between computers credited");
        // Asked about or credited: both lie within this absence.
        for (const Span& w : step_walks) {
            if (w.from < walk_from || w.to > returned) {
                fail("a walk or question outside its absence");
            }
        }
        step_walks.clear();
    } else if (std::holds_alternative<act::AskCheckin>(action)) {
        checkin_pending_ = true;
    } else if (const auto* checkin = std::get_if<act::RecordCheckin>(&action)) {
        if (!checkin_pending_) fail("a check-in recorded without one asked");
        checkin_pending_ = false;
        worse_run_ = checkin->checkin.feel == BackFeel::Worse ? worse_run_ + 1 : 0;
    } else if (const auto* meeting = std::get_if<act::RecordMeeting>(&action)) {
        check_recorded_meeting(meeting->meeting, now);
    } else if (std::holds_alternative<act::ScaleBack>(action)) {
        if (worse_run_ < 3) fail("scale-back before three worse check-ins in a row");
        worse_run_ = 0;
    }
}

// The model's presence changes at `now`: an absence begins or ends. (An idle
// absence is taken from the report, not back-dated: the breaks the tracker
// reports cover that.)
void Checker::update_absence(const Moment& now) {
    const bool present = model_present();
    if (!present && !absent_since_) {
        absent_since_ = now.boot;
    } else if (present && absent_since_) {
        absences_.push_back(Span{*absent_since_, now.boot});
        absent_since_.reset();
    }
}

// The model counts every trailing "worse", not in threes: a scale-back
// still needs at least three in a row, whichever of them were stored.
void Checker::resume_checkins(const std::vector<core::CheckinRecord>& oldest_first) {
    worse_run_ = 0;
    for (const auto& checkin : oldest_first)
        worse_run_ = checkin.feel == BackFeel::Worse ? worse_run_ + 1 : 0;
}

void Checker::check_totals(const Moment& now) {
    if (open_ != 0 || showing_) fail("a reminder left unresolved");
    const Millis elapsed = now.boot - start_.boot;
    if (sitting_total_ + away_total_ + logged_gap_total_ != elapsed) {
        fail("sitting " + duration_text(sitting_total_) + " + away " + duration_text(away_total_) +
             " + logged " + duration_text(logged_gap_total_) + " != elapsed " +
             duration_text(elapsed));
    }
    if (walked_total_ > away_total_) fail("more walking credited than time away");
}

}  // namespace walkbreak::test
