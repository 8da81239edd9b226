// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tracker: walkbreak's whole behaviour (DESIGN.md §3) as one pure state
// machine. Events come in with the moment they happened; actions come out,
// with the next moment the tracker wants to be woken (a deadline, never a
// tick). No I/O, no clock of its own: the caller passes `now` every time.
// Durations are measured on the boot clock, so wall-clock jumps, DST and
// time-zone changes never make one negative; instants shown or stored are
// derived from the wall clock.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "core/meeting_signal.hpp"
#include "core/records.hpp"
#include "core/tips.hpp"
#include "core/tracker_io.hpp"

namespace walkbreak::core {

// The most specific reason for what the tracker does now: presence first
// (Suspended, Locked, Away), then quiet (Paused, OffHours), else Sitting.
enum class TrackerState { Sitting, Away, Locked, Suspended, Paused, OffHours };
// "sitting", "away", "locked", "suspended", "paused", "off_hours" (status JSON).
std::string_view to_string(TrackerState s);

// What `walkbreak status` shows.
struct Snapshot {
    TrackerState state{TrackerState::Sitting};
    Seconds sitting_for{0};  // current continuous sitting; 0 while away
    // When the sitting before now (or before the absence, while away) began,
    // on this computer or, carried over, on another: what the presence file
    // publishes.
    WallTime sitting_since{};
    // Until the next reminder, snooze end or escalation; none while away, quiet,
    // or when the escalated reminder is showing.
    std::optional<Seconds> next_reminder_in;
    std::optional<WallTime> paused_until;  // set while paused with an end
    // While away (idle, locked or suspended): when the absence began, which
    // for an idle user is their last input.
    std::optional<WallTime> away_since;
    bool reminder_showing{false};
    struct Meeting {
        WallTime since{};
        std::vector<MeetingSignal> signals;    // those that hold, in all_meeting_signals order
        std::optional<WallTime> manual_until;  // `walkbreak meeting DURATION`
    };
    std::optional<Meeting> meeting;  // set while in a meeting
    // A reminder is due and waits for the meeting (next_reminder_in is then none).
    bool reminder_held{false};
};

class Tracker {
public:
    // Starts sitting at `now` (the daemon starts when the user logs in).
    // Send event::Tick once right after to learn the first deadline.
    Tracker(Config config, Moment now);

    // The one transition function. Never throws for any input sequence.
    Step handle(const Event& event, Moment now);

    // The daemon is stopping: closes the open sitting bout and the meeting in
    // progress, resolves a reminder still open as ignored and withdraws what is
    // shown, so nothing is lost on a clean exit. The tracker then starts afresh at `now`, as if
    // just built.
    Step finish(Moment now);

    // Rebuilds the run of "worse" check-ins from stored answers, oldest first.
    // The run is kept in memory, but walkbreakd starts at each login: for
    // someone who answers once a day it would start over every day, and the
    // scale-back advice would never come. Each answer counts by the rule live
    // answers follow; nothing is raised, since a run that reached three
    // raised its message when it was answered. Replaces the run held so far.
    void resume_checkins(const std::vector<CheckinRecord>& oldest_first);

    Snapshot snapshot(Moment now) const;
    TrackerState state() const { return state_; }
    // "Worse" answers in a row since the last scale-back or better/same.
    int worse_in_a_row() const { return worse_in_a_row_; }
    // A check-in was asked and not answered yet.
    bool checkin_pending() const { return checkin_pending_; }
    // Paused, with or without an end (also while away).
    bool paused() const { return paused_; }
    bool in_meeting() const { return meeting_.has_value(); }
    // Where the sitting the user is doing (or did before the absence) began,
    // on the boot clock: Snapshot::sitting_since changes exactly when this does.
    Millis sitting_from() const { return sitting_from_; }
    const Config& config() const { return config_; }

private:
    // Where the user is. Presence and quiet (a pause, outside work hours) are
    // independent; state_ is derived from both, presence first.
    enum class Presence { Present, Idle, Locked, Suspended };

    // An absence in progress. `since` is on the boot clock.
    struct Absence {
        Millis since{};
        UtcOffset utc_offset{0};  // in force when it began
        bool suspended{false};    // the machine slept: never credited by itself
        bool locked{false};       // the screen is locked: only an unlock ends it
        bool prompted{false};     // began within walk.grace of a reminder or Walk now
        bool is_break{false};     // lasted walk.min: the sitting bout before it is closed
        // Began before the user was first seen (idle or locked from the start,
        // with no input since): not a break anyone took, never credited or asked.
        bool before_first_seen{false};
    };

    // The reminder cycle: counting towards a reminder, one open, or snoozed.
    struct Counting {
        Millis since{};  // the interval runs from here (boot clock)
    };
    struct Open {
        Millis shown{};
        UtcOffset utc_offset{0};
        bool escalated{false};
        bool on_screen{true};  // false once withdrawn because the user left
    };
    struct Snoozed {
        Millis until{};
        bool escalated{false};  // a snoozed escalated reminder comes back escalated
    };
    using Cycle = std::variant<Counting, Open, Snoozed>;

    // An unprompted break the user was asked about, awaiting event::BreakAnswer.
    struct PendingBreak {
        WallTime start{};
        WallTime end{};
        UtcOffset utc_offset{0};
    };

    using Actions = std::vector<Action>;

    // What other devices saw of the user during an absence (tracker_elsewhere.cpp).
    struct Elsewhere {
        WallTime until{};  // the latest the user was seen elsewhere (now if still there)
        bool still_there{false};
        WallTime sitting_since{};  // the sitting they were doing there
    };

    // tracker.cpp: the transition function and what it derives.
    Moment advance_clock(Moment now);
    TrackerState derive_state() const;
    std::optional<Millis> next_wake(const Moment& now) const;
    // tracker_breaks.cpp: absences, breaks, walk credit and check-ins.
    Millis idle_start(Millis idle_for, const Moment& now) const;
    void go_away(Presence to, Millis since, const Moment& now, Actions& out);
    void come_back(const Moment& now, Actions& out);
    void confirm_break_if_due(const Moment& now, Actions& out);
    void close_bout(Millis end, const Moment& now, Actions& out);
    // The return at `back` (boot clock, at or before now) after a break.
    void end_break(const Absence& absence, Millis back, const Moment& now, Actions& out);
    void move_between_computers(const Absence& absence, const Elsewhere& elsewhere, Millis back,
                                const Moment& now, Actions& out);
    // The WelcomeBack of a break whose walk (or way) ran from walk_from to back.
    static action::WelcomeBack welcome_back(const Absence& absence, Millis walk_from, Millis back,
                                            const Moment& now, bool credited);
    void ask_about_break(PendingBreak question, Actions& out);
    void answer_break(bool is_walk, Actions& out);
    void credit(WalkRecord walk, Actions& out);
    void answer_checkin(const event::CheckinAnswer& answer, const Moment& now, Actions& out);
    // tracker_elsewhere.cpp: what other devices saw during an absence.
    // What other devices saw between the absence's start and `back` (boot clock).
    std::optional<Elsewhere> seen_elsewhere(const Absence& absence, Millis back,
                                            const Moment& now) const;
    // Where the absence's walk begins: its own start, or later if the user was
    // seen at another computer before `back`.
    Millis walk_start(const Absence& absence, Millis back, const Moment& now) const;
    void take_elsewhere(const event::SeenElsewhere& seen, const Moment& now, Actions& out);
    void decide_return(const Moment& now, Actions& out);
    bool count_checkin(BackFeel feel);
    // tracker_logged.cpp: a walk logged by hand.
    void log_manual_walk(const event::ManualWalk& walk, const Moment& now, Actions& out);
    void restart_sitting_after(const WalkRecord& walk, const Moment& now, Actions& out);
    // tracker_reminders.cpp: the reminder cycle.
    bool reminders_active() const;
    std::optional<Millis> reminder_due() const;
    void update_reminders(const Moment& now, Actions& out);
    void show_due_reminder(const Moment& now, Actions& out);
    void show_reminder(bool escalated, std::optional<Seconds> after_meeting, const Moment& now,
                       Actions& out);
    void end_reminder(ReminderOutcome outcome, const Moment& now, Actions& out);
    void withdraw_reminder(Actions& out);
    void answer_reminder(const event::Answer& answer, const Moment& now, Actions& out);
    // tracker_meetings.cpp: meetings and the reminders they hold.
    void change_meeting_signal(const event::MeetingSignalChanged& change, const Moment& now);
    std::vector<MeetingSignal> meeting_signals(const Moment& now) const;
    bool meeting_holds(const Moment& now) const;
    void update_meeting(const Moment& now, Actions& out);
    void start_meeting(const Moment& now, Actions& out);
    void end_meeting(const Moment& now, Actions& out);
    void record_meeting(const Moment& now, Actions& out) const;
    std::optional<Millis> hold_end() const;
    Millis shown_at(Millis due) const;
    std::optional<Millis> next_meeting_change() const;
    // tracker_quiet.cpp: pauses and work hours.
    void start_pause(const event::Pause& pause, const Moment& now);
    void update_quiet(const Moment& now, Actions& out);

    Config config_;
    TrackerState state_{TrackerState::Sitting};
    Presence presence_{Presence::Present};
    Millis last_boot_{};   // the latest boot reading seen; the clock never runs back here
    Millis last_seen_{};   // the latest instant the user is known to have been here
    bool seen_{false};     // input, an answer or a return seen since the start
    Millis bout_start_{};  // the open sitting bout began here (boot clock)
    // The sitting the user is doing began here: bout_start_, or earlier when it
    // was carried over from another computer (the reminder counts from here).
    Millis sitting_from_{};
    UtcOffset bout_offset_{0};
    std::optional<Absence> absence_;  // set exactly when presence_ != Present
    std::vector<event::ElsewhereSpan> elsewhere_;
    // Back after a break while another computer still says the user is there:
    // the decision (a walk, or a move between computers) waits at most
    // sync.settle for its news.
    struct Returning {
        Absence absence;
        Millis back{};
        Millis decide_by{};
    };
    std::optional<Returning> returning_;
    Cycle cycle_{Counting{}};
    std::optional<Millis> prompt_at_;  // the latest reminder shown or Walk now answered
    bool paused_{false};
    std::optional<Millis> paused_until_;  // none while paused until resumed
    bool off_hours_{false};
    bool quiet_{false};  // paused_ || off_hours_, as of the last update_quiet()
    std::optional<PendingBreak> pending_break_;
    bool checkin_pending_{false};
    int worse_in_a_row_{0};
    TipRotation tips_;

    // Meetings. A meeting holds the reminders due in it (until max_hold of it),
    // and after it for meeting.remind_after (AfterMeeting).
    struct Meeting {
        Millis since{};
        bool hold_over{false};  // max_hold passed and its held reminder was shown
        Millis began{};         // this meeting itself (since may reach back to the last)
        UtcOffset utc_offset{0};
        std::array<bool, all_meeting_signals.size()> signals_seen{};  // at any time in it
    };
    struct AfterMeeting {
        Millis until{};  // a held reminder is shown from here
        Seconds length{};
        Millis since{};  // the meeting's start: a next meeting before `until` carries on from it
    };
    std::array<bool, all_meeting_signals.size()> signal_holds_{};  // as the sources last said
    std::optional<Millis> manual_until_;  // the manual signal ends by itself here
    // The idle source's last word was "idle": no input, but not away while in
    // a meeting. At its end the user is away from then on.
    bool idle_reported_{false};
    std::optional<Meeting> meeting_;
    std::optional<AfterMeeting> after_meeting_;
};

}  // namespace walkbreak::core
