// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What goes into the tracker and what comes out of it (core/tracker.hpp):
// the events it is given with their moment, and the actions it answers with,
// with the next moment it wants to be woken.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "core/meeting_signal.hpp"
#include "core/records.hpp"
#include "core/tips.hpp"

namespace walkbreak::core {

// ---- inputs ----
namespace event {
struct UserActive {};  // input seen at `now`
struct UserIdle {
    Millis idle_for{};
};                         // no input since `now - idle_for`
struct ScreenLocked {};    // away from now (from the idle start if already idle)
struct ScreenUnlocked {};  // back: ends any absence
struct Suspending {};      // away from now; the absence is never credited by itself
// The machine woke. Back to the lock screen if it was locked (the unlock is the
// return); otherwise the user is taken to be back: someone opened the lid or
// pressed a key, and idle sources report "active" only after "idle". After a
// timer wake with nobody there, the idle source's next report starts a new
// absence from the resume.
struct Resumed {};
enum class ReminderAnswer { WalkNow, Snooze, Skip };
// From the notification or the CLI; `snooze_for` overrides reminder.snooze.
struct Answer {
    ReminderAnswer answer{};
    std::optional<Seconds> snooze_for;
};
struct BreakAnswer {
    bool is_walk{false};
};  // "Log walk" / "Not a walk"
struct CheckinAnswer {
    BackFeel feel{};
    // The user's own report (`walkbreak checkin`): recorded, and counted in
    // the run of "worse", also when no check-in is pending. A notification's
    // answer without a pending check-in (a stale bubble) is ignored.
    bool unprompted{false};
};
// Pause for `length`, or until `until`, or (neither) until resumed.
struct Pause {
    std::optional<Seconds> length;
    std::optional<WallTime> until;
};
struct Resume {};
// `walkbreak log` through walkbreakd, already checked against the stored
// walks (one span of time is walked once). Credited with `utc_offset`, the
// offset in force at its start as the client saw it (the rule of a direct
// write), or the one at `now` without it. While the user is present, a walk
// that ends inside the current sitting bout restarts it (and the reminder
// interval) at the walk's end; tracker_logged.cpp has the whole rule.
struct ManualWalk {
    WallTime start{};
    Seconds length{};
    std::string note;
    std::optional<UtcOffset> utc_offset;
};
// A meeting signal began or ceased to hold (DESIGN.md §3, "Meetings"). From
// the desktop's sources, or from the user (`walkbreak meeting [DURATION]`:
// Manual, ending by itself after `length` when given; `meeting end`).
struct MeetingSignalChanged {
    MeetingSignal signal{MeetingSignal::Manual};
    bool holds{false};
    std::optional<Seconds> length;  // Manual only
};
struct ConfigChanged {
    Config config;
};
// Where other devices last saw the user (docs/SYNC.md "Live, across
// machines"): their presence files, read from the sync folder. Each span is
// one device's latest news: at that computer from `from` until `until` (none:
// it still says so), sitting there since `sitting_since` (which reaches back
// past `from` when that device carried the sitting over from another). Each
// event replaces what the last one said.
struct ElsewhereSpan {
    WallTime from{};
    std::optional<WallTime> until;
    WallTime sitting_since{};
    friend bool operator==(const ElsewhereSpan&, const ElsewhereSpan&) = default;
};
struct SeenElsewhere {
    std::vector<ElsewhereSpan> spans;
};
struct Tick {};  // a deadline the tracker asked for has come
}  // namespace event

using Event = std::variant<event::UserActive, event::UserIdle, event::ScreenLocked,
                           event::ScreenUnlocked, event::Suspending, event::Resumed, event::Answer,
                           event::BreakAnswer, event::CheckinAnswer, event::Pause, event::Resume,
                           event::ManualWalk, event::MeetingSignalChanged, event::ConfigChanged,
                           event::SeenElsewhere, event::Tick>;

// ---- outputs ----
// Within a Step, actions come in the order things happened: WithdrawReminder
// before its RecordReminder, CloseSittingBout when an absence reaches walk.min,
// and on a return the RecordReminder, then AskAboutBreak or CreditWalk, then
// WelcomeBack, then AskCheckin. A logged walk that ends the sitting bout
// brings its CloseSittingBout, then the RecordReminder it settles, then its
// CreditWalk. A meeting's RecordMeeting comes when it ends, before what its
// end causes (the user going away, a lock's WithdrawReminder excepted).
namespace action {
// sitting_for: the current sitting bout (a Skip restarts the interval, not the bout).
struct ShowReminder {
    bool escalated{false};
    Tip tip;
    Seconds sitting_for{};
    // Held for a meeting that ended just now, and how long that meeting was.
    std::optional<Seconds> after_meeting;
};
struct WithdrawReminder {};
struct AskAboutBreak {
    WallTime start{};
    WallTime end{};
};  // "Away 7 min — log as a walk?"
struct WithdrawBreakQuestion {};
struct CreditWalk {
    WalkRecord walk;
};
struct CloseSittingBout {
    SittingBout bout;
};
struct RecordReminder {
    ReminderRecord reminder;
};
// After every break (an absence of at least walk.min); credited: a CreditWalk
// came with it (false when asked about or not credited).
struct WelcomeBack {
    Seconds away{};
    bool credited{false};
    // With other computers (tracker_elsewhere.cpp): the part of the absence
    // before `away` when the user was seen at another computer (not walked);
    // how long ago the return was, when the decision waited for that
    // computer's news; and whether it was only the way from another computer
    // (nothing credited, no welcome shown: `away` is the way).
    Seconds elsewhere{0};
    Seconds decided_after{0};
    bool between_computers{false};
};
struct AskCheckin {};
struct RecordCheckin {
    CheckinRecord checkin;
};
struct ScaleBack {};  // three "worse" in a row: scale back, and the red flags
// A meeting ended (tracker_meetings.cpp has the rule for short and very long
// ones); it lies within time the user was present.
struct RecordMeeting {
    MeetingRecord meeting;
};
}  // namespace action

using Action =
    std::variant<action::ShowReminder, action::WithdrawReminder, action::AskAboutBreak,
                 action::WithdrawBreakQuestion, action::CreditWalk, action::CloseSittingBout,
                 action::RecordReminder, action::WelcomeBack, action::AskCheckin,
                 action::RecordCheckin, action::ScaleBack, action::RecordMeeting>;

struct Step {
    std::vector<Action> actions;
    // Boot-clock instant at which to send event::Tick; none means nothing is due.
    std::optional<Millis> wake_at;
};

}  // namespace walkbreak::core
