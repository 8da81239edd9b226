// SPDX-License-Identifier: GPL-3.0-or-later
// The service's outputs (what each tracker action does) and its inputs from
// notification buttons and the control socket.
#include <fmt/format.h>

#include "core/civil.hpp"
#include "core/device_totals.hpp"
#include "core/duration.hpp"
#include "core/walk_union.hpp"
#include "daemon/clock.hpp"
#include "daemon/service.hpp"

namespace walkbreak::daemon {
namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::vector<NoticeAction> actions_of(NoticeKind kind) {
    switch (kind) {
        case NoticeKind::Reminder:
            return {NoticeAction::WalkNow, NoticeAction::Snooze, NoticeAction::Skip};
        case NoticeKind::BreakQuestion:
            return {NoticeAction::LogWalk, NoticeAction::NotAWalk};
        case NoticeKind::Checkin:
            return {NoticeAction::Better, NoticeAction::Same, NoticeAction::Worse};
        case NoticeKind::WelcomeBack:
        case NoticeKind::ScaleBack:
            return {};
    }
    return {};
}

// What a click on the bubble's body does: the reminder's Walk now (DESIGN.md
// §3) and the break question's Log walk; nothing for the back check-in, whose
// answer must be chosen, not clicked by the way.
std::optional<NoticeAction> click_of(NoticeKind kind) {
    switch (kind) {
        case NoticeKind::Reminder:
            return NoticeAction::WalkNow;
        case NoticeKind::BreakQuestion:
            return NoticeAction::LogWalk;
        case NoticeKind::Checkin:
        case NoticeKind::WelcomeBack:
        case NoticeKind::ScaleBack:
            return std::nullopt;
    }
    return std::nullopt;
}

// For servers without action buttons: the same choices from a terminal.
std::string fallback_of(NoticeKind kind) {
    switch (kind) {
        case NoticeKind::Reminder:
            return "Run `walkbreak walk`, `walkbreak snooze` or `walkbreak skip`.";
        case NoticeKind::BreakQuestion:
            return "To count it, run `walkbreak log` with its length.";
        case NoticeKind::Checkin:
        case NoticeKind::WelcomeBack:
        case NoticeKind::ScaleBack:
            return "";
    }
    return "";
}

}  // namespace

void Service::show(NoticeKind kind, const core::Message& message, bool critical) {
    if (!notifier_) return;
    notifier_->show(Notice{kind, message.summary, message.body, critical, actions_of(kind),
                           click_of(kind), fallback_of(kind)});
}

void Service::perform(const core::Action& action) {
    std::visit(
        Overloaded{
            [&](const core::action::ShowReminder& a) {
                show(NoticeKind::Reminder, core::reminder_message(a), a.escalated);
            },
            [&](const core::action::WithdrawReminder&) {
                if (notifier_) notifier_->close(NoticeKind::Reminder);
            },
            [&](const core::action::AskAboutBreak& a) {
                show(NoticeKind::BreakQuestion,
                     core::break_question_message(a, clock_.now().utc_offset));
            },
            [&](const core::action::WithdrawBreakQuestion&) {
                if (notifier_) notifier_->close(NoticeKind::BreakQuestion);
            },
            [&](const core::action::CreditWalk& a) {
                recorder_.record(a.walk);
                count_walk(a.walk);
                log_.info("tracker", "walk credited: {} ({})",
                          core::format_duration(a.walk.seconds()), core::to_string(a.walk.how));
            },
            [&](const core::action::CloseSittingBout& a) { recorder_.record(a.bout); },
            [&](const core::action::RecordReminder& a) { recorder_.record(a.reminder); },
            [&](const core::action::WelcomeBack& a) {
                if (a.between_computers) return;  // not away: at another computer
                const auto now = clock_.now();
                show(NoticeKind::WelcomeBack,
                     core::welcome_back_message(a, walked_today(now), goals_today(now).daily));
            },
            [&](const core::action::AskCheckin&) {
                show(NoticeKind::Checkin, core::checkin_message());
            },
            [&](const core::action::RecordCheckin& a) {
                recorder_.record(a.checkin);
                // Answered from the terminal: the question is no longer open.
                if (notifier_) notifier_->close(NoticeKind::Checkin);
            },
            [&](const core::action::ScaleBack&) {
                show(NoticeKind::ScaleBack, core::scale_back_message(), true);
            },
            [&](const core::action::RecordMeeting& a) {
                recorder_.record(a.meeting);
                log_.info("meeting", "recorded: {} ({})",
                          core::format_duration(a.meeting.seconds()),
                          core::signal_names(a.meeting.signals));
            },
        },
        action);
}

void Service::on_notice_action(NoticeKind kind, NoticeAction action) {
    using core::event::Answer;
    using core::event::ReminderAnswer;
    switch (action) {
        case NoticeAction::WalkNow:
            feed(Answer{ReminderAnswer::WalkNow, {}});
            break;
        case NoticeAction::Snooze:
            feed(Answer{ReminderAnswer::Snooze, {}});
            break;
        case NoticeAction::Skip:
            feed(Answer{ReminderAnswer::Skip, {}});
            break;
        case NoticeAction::LogWalk:
            feed(core::event::BreakAnswer{true});
            break;
        case NoticeAction::NotAWalk:
            feed(core::event::BreakAnswer{false});
            break;
        case NoticeAction::Better:
            feed(core::event::CheckinAnswer{core::BackFeel::Better});
            break;
        case NoticeAction::Same:
            feed(core::event::CheckinAnswer{core::BackFeel::Same});
            break;
        case NoticeAction::Worse:
            feed(core::event::CheckinAnswer{core::BackFeel::Worse});
            break;
    }
    log_.debug("notify", "action {} on notice {}", static_cast<int>(action),
               static_cast<int>(kind));
}

core::Goals Service::goals_today(const core::Moment& now) const {
    return core::goals_for(tracker_.config(), core::local_day(now.wall, now.utc_offset,
                                                              tracker_.config().day.starts_at));
}

namespace {

// The union of `walks` on `day` (core/walk_union.hpp); with other devices'
// walks, the union across devices (core/device_totals.hpp).
core::Seconds walked_on(core::Date day, const std::vector<core::WalkRecord>& walks,
                        const std::vector<core::DeviceSpan>& others, core::TimeOfDay starts_at) {
    std::vector<core::DayWalking> days;
    if (others.empty()) {
        days = core::walking_by_local_day(walks, starts_at);
    } else {
        std::vector<core::DeviceSpan> spans = others;
        const core::DeviceId me = core::id_apart_from(others);
        for (const auto& w : walks) spans.push_back({me, w.start, w.end, w.utc_offset});
        days = core::walking_across_devices(std::move(spans), starts_at);
    }
    for (const auto& d : days) {
        if (d.date == day) return d.seconds;
    }
    return core::Seconds{0};
}

}  // namespace

core::Seconds Service::walked_today(const core::Moment& now) {
    const auto starts_at = tracker_.config().day.starts_at;
    const auto day = core::local_day(now.wall, now.utc_offset, starts_at);
    if (today_ && today_->day == day) return today_->walked;
    auto read = recorder_.walks_on(day);
    const auto walked = walked_on(day, read.walks, read.others, starts_at);
    // Kept only when the stored walks were read: else asked again next time.
    if (read.complete) today_ = Today{day, std::move(read.walks), std::move(read.others), walked};
    return walked;
}

void Service::count_walk(const core::WalkRecord& walk) {
    if (!today_) return;  // read when next asked
    // Counted as the store keeps it, so that the total in memory and the
    // database's never differ.
    today_->walks.push_back(as_stored(walk));
    today_->walked =
        walked_on(today_->day, today_->walks, today_->others, tracker_.config().day.starts_at);
}

namespace {

// A walk as `log` and `edit` requests describe it.
core::WalkRecord typed_in(std::int64_t id, const core::protocol::request::Log& typed) {
    core::WalkRecord walk;
    walk.id = id;
    walk.start = typed.start;
    walk.end = typed.start + typed.length;
    walk.utc_offset = typed.utc_offset;
    walk.how = core::CreditHow::Manual;  // an edit keeps the walk's own
    walk.note = typed.note;
    return walk;
}

// The CLI checks this too; a client's clock may differ from ours.
core::Outcome ended_by(const core::WalkRecord& walk, core::WallTime now) {
    if (walk.end <= now) return core::success();
    return core::Error{"that walk has not ended yet; expected a walk that has ended"};
}

}  // namespace

core::Outcome Service::log_walk(const core::protocol::request::Log& log) {
    const core::WalkRecord walk = typed_in(0, log);
    if (auto ended = ended_by(walk, clock_.now().wall); !ended) return ended;
    if (auto once = recorder_.check_walked_once(walk); !once) return once;
    feed(core::event::ManualWalk{log.start, log.length, log.note, log.utc_offset});
    return core::success();
}

core::Outcome Service::edit_walk(const core::protocol::request::Edit& edit) {
    const core::WalkRecord walk = typed_in(edit.id, edit.walk);
    if (auto ended = ended_by(walk, clock_.now().wall); !ended) return ended;
    auto before = recorder_.edit_walk(walk);
    if (!before) return core::Error{before.error()};
    log_.info("store", "walk {} changed by hand: {} (was {})", walk.id, core::describe_walk(walk),
              core::describe_walk(*before));
    walks_changed();
    return core::success();
}

core::Result<std::string> Service::delete_walk(const core::protocol::request::Delete& request) {
    auto gone = recorder_.delete_walk(request.id);
    if (!gone) return core::Error{gone.error()};
    log_.info("store", "deleted by hand: {}", core::describe_walk(*gone));
    walks_changed();
    return fmt::format("deleted {}", core::describe_walk(*gone));
}

void Service::walks_changed() {
    today_.reset();
    publish_status();
}

core::protocol::Status Service::status() {
    const auto now = clock_.now();
    const auto snap = tracker_.snapshot(now);
    core::protocol::Status s;
    s.state = std::string{core::to_string(snap.state)};
    s.sitting_seconds = snap.sitting_for.count();
    if (snap.next_reminder_in) s.next_reminder_in_seconds = snap.next_reminder_in->count();
    const auto walked = walked_today(now);
    s.today_walk_seconds = walked.count();
    s.today_walk_minutes = std::chrono::floor<std::chrono::minutes>(walked).count();
    s.goal_minutes = std::chrono::floor<std::chrono::minutes>(goals_today(now).daily).count();
    s.backend = idle_backend_;
    if (snap.paused_until) s.paused_until = core::to_unix_seconds(*snap.paused_until);
    s.reminder_showing = snap.reminder_showing;
    if (snap.meeting) {
        core::protocol::Status::Meeting meeting{
            core::format_rfc3339(snap.meeting->since, now.utc_offset), {}};
        for (const auto signal : snap.meeting->signals) {
            meeting.signals.emplace_back(core::to_string(signal));
        }
        s.meeting = std::move(meeting);
    }
    return s;
}

core::Result<ControlReply> Service::apply(const core::protocol::Request& request) {
    namespace rq = core::protocol::request;
    using core::event::Answer;
    using core::event::ReminderAnswer;
    ControlReply reply;
    core::Outcome outcome = core::success();  // a request refused says why
    std::visit(Overloaded{
                   [&](const rq::Walk&) {
                       feed(Answer{ReminderAnswer::WalkNow, {}});
                   },
                   [&](const rq::Snooze& r) {
                       const bool showing = tracker_.snapshot(clock_.now()).reminder_showing;
                       feed(Answer{ReminderAnswer::Snooze, r.length});
                       if (!showing) reply.message = nothing_to_snooze();
                   },
                   [&](const rq::Skip&) {
                       feed(Answer{ReminderAnswer::Skip, {}});
                   },
                   [&](const rq::Pause& r) {
                       feed(core::event::Pause{r.length, r.until});
                   },
                   [&](const rq::Resume&) {
                       if (!tracker_.paused()) reply.message = "reminders were not paused";
                       feed(core::event::Resume{});
                   },
                   [&](const rq::Checkin& r) {
                       const bool asked = tracker_.checkin_pending();
                       feed(core::event::CheckinAnswer{r.feel, true});
                       reply.message =
                           fmt::format("{}: your back feels {}",
                                       asked ? "check-in answered" : "check-in recorded",
                                       core::to_string(r.feel));
                   },
                   [&](const rq::Reload&) { outcome = reload(); },
                   [&](const rq::Refresh&) {
                       walks_changed();
                       journal_.drain();  // what the CLI wrote is owed to the journal
                   },
                   [&](const rq::Log& r) { outcome = log_walk(r); },
                   [&](const rq::Meeting& r) { outcome = start_manual_meeting(r.length, reply); },
                   [&](const rq::MeetingEnd&) { end_manual_meeting(reply); },
                   [&](const rq::Edit& r) { outcome = edit_walk(r); },
                   [&](const rq::Delete& r) {
                       auto deleted = delete_walk(r);
                       if (deleted) {
                           reply.message = std::move(*deleted);
                       } else {
                           outcome = core::Error{deleted.error()};
                       }
                   },
                   // Answered by the control server itself.
                   [&](const rq::Status&) {},
                   [&](const rq::Subscribe&) {},
               },
               request);
    if (!outcome) return core::Error{outcome.error()};
    return reply;
}

// `walkbreak snooze` with no reminder on screen: the next one is put off, and
// the user is told when it comes.
std::string Service::nothing_to_snooze() {
    const auto next = tracker_.snapshot(clock_.now()).next_reminder_in;
    if (!next) return "no reminder is showing; nothing to snooze";
    const core::Seconds in =
        *next >= std::chrono::minutes{1} ? std::chrono::floor<std::chrono::minutes>(*next) : *next;
    return fmt::format("no reminder is showing; the next one is in {}", core::format_duration(in));
}

}  // namespace walkbreak::daemon
