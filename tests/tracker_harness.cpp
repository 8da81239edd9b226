// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracker_harness.hpp"

#include <algorithm>
#include <type_traits>

#include "core/work_hours.hpp"

namespace walkbreak::test {

using namespace core;
namespace act = core::action;
namespace ev = core::event;

Moment local_moment(Date date, Millis local, UtcOffset offset, Millis boot) {
    return Moment{WallTime{date.time_since_epoch()} + local - offset, boot, offset};
}

std::string duration_text(Millis d) {
    if (d < Millis{0}) return "-" + duration_text(-d);
    const auto s = std::chrono::floor<Seconds>(d).count();
    std::string out;
    if (s >= 3600) out += std::to_string(s / 3600) + "h";
    if (s % 3600 >= 60) out += std::to_string(s % 3600 / 60) + "m";
    if (s % 60 != 0 || out.empty()) out += std::to_string(s % 60) + "s";
    return out;
}

std::string describe(const Action& action) {
    return std::visit(
        [](const auto& a) -> std::string {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, act::ShowReminder>) {
                return std::string(a.escalated ? "remind! " : "remind ") +
                       duration_text(a.sitting_for) +
                       (a.after_meeting ? " after " + duration_text(*a.after_meeting) + " meeting"
                                        : "");
            } else if constexpr (std::is_same_v<T, act::WithdrawReminder>) {
                return "withdraw";
            } else if constexpr (std::is_same_v<T, act::AskAboutBreak>) {
                return "ask " + duration_text(a.end - a.start);
            } else if constexpr (std::is_same_v<T, act::WithdrawBreakQuestion>) {
                return "unask";
            } else if constexpr (std::is_same_v<T, act::CreditWalk>) {
                return "walk " + std::string(to_string(a.walk.how)) + " " +
                       duration_text(a.walk.end - a.walk.start);
            } else if constexpr (std::is_same_v<T, act::CloseSittingBout>) {
                return "bout " + duration_text(a.bout.end - a.bout.start);
            } else if constexpr (std::is_same_v<T, act::RecordReminder>) {
                return std::string(a.reminder.escalated ? "reminder! " : "reminder ") +
                       std::string(to_string(a.reminder.outcome));
            } else if constexpr (std::is_same_v<T, act::WelcomeBack>) {
                if (a.between_computers) return "moved " + duration_text(a.away);
                return "back " + duration_text(a.away) + (a.credited ? " credited" : "");
            } else if constexpr (std::is_same_v<T, act::AskCheckin>) {
                return "checkin?";
            } else if constexpr (std::is_same_v<T, act::RecordCheckin>) {
                return "checkin " + std::string(to_string(a.checkin.feel));
            } else if constexpr (std::is_same_v<T, act::RecordMeeting>) {
                return "meeting " + duration_text(a.meeting.end - a.meeting.start) + " " +
                       signals_text(a.meeting.signals);
            } else {
                static_assert(std::is_same_v<T, act::ScaleBack>);
                return "scale back";
            }
        },
        action);
}

std::string describe(const Event& event) {
    return std::visit(
        [](const auto& e) -> std::string {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, ev::UserActive>)
                return "active";
            else if constexpr (std::is_same_v<T, ev::UserIdle>)
                return "idle " + duration_text(e.idle_for);
            else if constexpr (std::is_same_v<T, ev::ScreenLocked>)
                return "lock";
            else if constexpr (std::is_same_v<T, ev::ScreenUnlocked>)
                return "unlock";
            else if constexpr (std::is_same_v<T, ev::Suspending>)
                return "suspend";
            else if constexpr (std::is_same_v<T, ev::Resumed>)
                return "resume-machine";
            else if constexpr (std::is_same_v<T, ev::Answer>) {
                return "answer " + std::to_string(static_cast<int>(e.answer)) +
                       (e.snooze_for ? " " + duration_text(*e.snooze_for) : "");
            } else if constexpr (std::is_same_v<T, ev::BreakAnswer>)
                return e.is_walk ? "log walk" : "not a walk";
            else if constexpr (std::is_same_v<T, ev::CheckinAnswer>)
                return "feel " + std::string(to_string(e.feel));
            else if constexpr (std::is_same_v<T, ev::Pause>) {
                return "pause" + (e.length ? " " + duration_text(*e.length) : "") +
                       (e.until ? " until" : "");
            } else if constexpr (std::is_same_v<T, ev::Resume>)
                return "resume";
            else if constexpr (std::is_same_v<T, ev::ManualWalk>)
                return "log " + duration_text(e.length);
            else if constexpr (std::is_same_v<T, ev::MeetingSignalChanged>) {
                return std::string{"meeting "} + std::string{to_string(e.signal)} +
                       (e.holds ? " holds" : " ends") +
                       (e.length ? " " + duration_text(*e.length) : "");
            } else if constexpr (std::is_same_v<T, ev::ConfigChanged>)
                return "config";
            else
                return "tick";
        },
        event);
}

// ---- Script ----

Script::Script(Config config, Moment start)
    : now_(start), tracker_(config, start), checker_(config, start) {
    send(ev::Tick{});
}

Step Script::send(const Event& event) {
    Step step = tracker_.handle(event, now_);
    checker_.observe(&event, now_, step, tracker_);
    pending_.insert(pending_.end(), step.actions.begin(), step.actions.end());
    wake_at_ = step.wake_at;
    return step;
}

void Script::advance(Millis d) {
    now_.wall += d;
    now_.boot += d;
}

void Script::wait(Millis d) {
    const Millis target = now_.boot + d;
    while (wake_at_ && *wake_at_ <= target && *wake_at_ > now_.boot) {
        advance(*wake_at_ - now_.boot);
        send(ev::Tick{});
    }
    advance(target - now_.boot);
}

void Script::walk_away(Millis d) {
    const Millis threshold{tracker_.config().idle.away_after};
    if (d < threshold) {
        wait(d);
    } else {
        wait(threshold);
        send(ev::UserIdle{threshold});
        wait(d - threshold);
    }
    send(ev::UserActive{});
}

Step Script::finish() {
    Step step = tracker_.finish(now_);
    checker_.observe(nullptr, now_, step, tracker_);
    pending_.insert(pending_.end(), step.actions.begin(), step.actions.end());
    wake_at_ = step.wake_at;
    return step;
}

void Script::resume_checkins(const std::vector<core::CheckinRecord>& oldest_first) {
    tracker_.resume_checkins(oldest_first);
    checker_.resume_checkins(oldest_first);
}

std::vector<std::string> Script::take() {
    std::vector<std::string> lines;
    for (const Action& a : pending_) lines.push_back(describe(a));
    pending_.clear();
    return lines;
}

std::vector<Action> Script::take_actions() {
    std::vector<Action> out;
    out.swap(pending_);
    return out;
}

std::optional<Millis> Script::wake_in() const {
    if (!wake_at_) return std::nullopt;
    return *wake_at_ - now_.boot;
}

}  // namespace walkbreak::test
