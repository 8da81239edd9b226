// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tracker: walkbreak's whole behaviour (DESIGN.md §3) as one pure state
// machine. Events come in with the moment they happened; actions come out,
// with the next moment the tracker wants to be woken (a deadline, never a
// tick). No I/O, no clock of its own: the caller passes `now` every time.
// Durations are measured on the boot clock, so wall-clock jumps, DST and
// time-zone changes never make one negative; instants shown or stored are
// derived from the wall clock.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "core/records.hpp"
#include "core/tips.hpp"

namespace walkbreak::core {

enum class TrackerState { Sitting, Away, Locked, Suspended, Paused, OffHours };
std::string_view to_string(TrackerState s);

// ---- inputs ----
namespace event {
struct UserActive {};                   // input seen at `now`
struct UserIdle { Millis idle_for{}; }; // no input since `now - idle_for`
struct ScreenLocked {};
struct ScreenUnlocked {};
struct Suspending {};
struct Resumed {};
enum class ReminderAnswer { WalkNow, Snooze, Skip };
// From the notification or the CLI; `snooze_for` overrides reminder.snooze.
struct Answer { ReminderAnswer answer{}; std::optional<Seconds> snooze_for; };
struct BreakAnswer { bool is_walk{false}; };  // "Log walk" / "Not a walk"
struct CheckinAnswer { BackFeel feel{}; };
// Pause for `length`, or until `until`, or (neither) until resumed.
struct Pause { std::optional<Seconds> length; std::optional<WallTime> until; };
struct Resume {};
struct ManualWalk { WallTime start{}; Seconds length{}; std::string note; };
struct ConfigChanged { Config config; };
struct Tick {};  // a deadline the tracker asked for has come
}  // namespace event

using Event = std::variant<event::UserActive, event::UserIdle, event::ScreenLocked,
                           event::ScreenUnlocked, event::Suspending, event::Resumed,
                           event::Answer, event::BreakAnswer, event::CheckinAnswer, event::Pause,
                           event::Resume, event::ManualWalk, event::ConfigChanged, event::Tick>;

// ---- outputs ----
namespace action {
struct ShowReminder { bool escalated{false}; Tip tip; Seconds sitting_for{}; };
struct WithdrawReminder {};
struct AskAboutBreak { WallTime start{}; WallTime end{}; };  // "Away 7 min — log as a walk?"
struct WithdrawBreakQuestion {};
struct CreditWalk { WalkRecord walk; };
struct CloseSittingBout { SittingBout bout; };
struct RecordReminder { ReminderRecord reminder; };
struct WelcomeBack { Seconds away{}; bool credited{false}; };
struct AskCheckin {};
struct RecordCheckin { CheckinRecord checkin; };
struct ScaleBack {};  // three "worse" in a row: scale back, and the red flags
}  // namespace action

using Action = std::variant<action::ShowReminder, action::WithdrawReminder, action::AskAboutBreak,
                            action::WithdrawBreakQuestion, action::CreditWalk,
                            action::CloseSittingBout, action::RecordReminder, action::WelcomeBack,
                            action::AskCheckin, action::RecordCheckin, action::ScaleBack>;

struct Step {
    std::vector<Action> actions;
    // Boot-clock instant at which to send event::Tick; none means nothing is due.
    std::optional<Millis> wake_at;
};

// What `walkbreak status` shows.
struct Snapshot {
    TrackerState state{TrackerState::Sitting};
    Seconds sitting_for{0};                        // current continuous sitting
    std::optional<Seconds> next_reminder_in;       // none while not counting towards one
    std::optional<WallTime> paused_until;          // set while paused with an end
    bool reminder_showing{false};
};

class Tracker {
public:
    // Starts sitting at `now` (the daemon starts when the user logs in).
    Tracker(Config config, Moment now);

    // The one transition function. Never throws for any input sequence.
    Step handle(const Event& event, Moment now);

    Snapshot snapshot(Moment now) const;
    TrackerState state() const { return state_; }
    const Config& config() const { return config_; }

private:
    Config config_;
    TrackerState state_{TrackerState::Sitting};
    // Further private members: see the implementation.
};

}  // namespace walkbreak::core
