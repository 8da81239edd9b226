// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A scripted day for the tracker: a fake Moment that the test moves forward,
// a daemon-like timer that sends event::Tick at each deadline on the way, and
// a Checker that audits every step against the tracker's invariants (used by
// the scenarios and by the property tests alike).
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/tracker.hpp"
#include "core/walk_union.hpp"

namespace walkbreak::test {

using namespace std::chrono_literals;
using core::Action;
using core::Event;
using core::Millis;
using core::Moment;
using core::Seconds;
using core::WallTime;

// Monday 30 March 2026, the day after Europe moved to summer time.
inline constexpr core::Date monday{std::chrono::year{2026} / 3 / 30};
inline constexpr core::UtcOffset cest{2h};

// The Moment at local time `local` on `date` in a zone `offset` east of UTC;
// the boot clock reads `boot` (the machine has been up a while).
Moment local_moment(core::Date date, Millis local, core::UtcOffset offset = cest, Millis boot = 5h);
// "1h30m", "7m", "45s", "0s", "-2m" (the sign would be a bug worth seeing).
std::string duration_text(Millis d);
// One short line per action, e.g. "remind 45m", "remind! 60m", "withdraw",
// "reminder ignored", "bout 45m", "ask 7m", "walk reminder 7m", "back 7m credited".
std::string describe(const Action& action);
std::string describe(const Event& event);

// Audits each step. The first violated invariant is kept in problem(); later
// ones are not, so the message points at the cause.
class Checker {
public:
    Checker(core::Config config, Moment start);
    void observe(const Event* event, const Moment& now, const core::Step& step,
                 const core::Tracker& tracker);
    // Recorded meetings never overlap each other, an absence (the model's, a
    // break the tracker reported) or a credited walk, and each meeting the
    // model saw end, of a minute or more, is recorded exactly: from its own
    // start to its end, in pieces of at most a day.
    // After the user has been brought back and Tracker::finish() observed:
    // sitting plus away plus the time logged walks took out of sitting bouts
    // adds up to the time elapsed, and every reminder shown was resolved.
    void check_totals(const Moment& now);
    // The tracker resumed from stored check-ins: they count towards the run.
    void resume_checkins(const std::vector<core::CheckinRecord>& oldest_first);
    const std::string& problem() const { return problem_; }
    Millis sitting_total() const { return sitting_total_; }
    Millis away_total() const { return away_total_; }
    Millis walked_total() const { return walked_total_; }
    Millis meeting_total() const { return meeting_total_; }
    int reminders_shown() const { return shown_; }
    // Logged walks that ended inside the sitting bout, so restarted it.
    int bouts_restarted_by_logs() const { return restarts_; }
    // How many of each action kind came out, by Action's variant index.
    using KindCounts = std::array<int, std::variant_size_v<Action>>;
    const KindCounts& kinds_seen() const { return seen_; }

private:
    struct Span {
        Millis from{};
        Millis to{};
    };
    void fail(const std::string& what);
    void update_model(const Event& event, const Moment& now);
    void log_walk(const core::event::ManualWalk& walk, const Moment& now, bool present);
    void check_sitting(const Moment& now, const core::Snapshot& snap);
    void check_action(const Action& action, const Moment& now, const core::Tracker& tracker,
                      std::vector<Span>& step_absences, std::vector<Span>& step_walks);
    bool overlaps_record(Span s) const;
    core::TrackerState expected_state(const Moment& now) const;
    bool model_meeting_holds(const Moment& now) const;
    void update_meeting_model(const Moment& now);
    bool model_present() const { return !idle_ && !locked_ && !suspended_; }
    void update_absence(const Moment& now);
    void check_recorded_meeting(const core::MeetingRecord& meeting, const Moment& now);
    void check_meetings_recorded();

    core::Config config_;
    Moment start_;
    std::string problem_;
    // The model of the inputs: what the user and the machine did.
    bool idle_{false}, locked_{false}, suspended_{false}, paused_{false};
    bool slept_{false};  // the machine suspended since the user was last here
    // Another computer's news came (SeenElsewhere): this model knows one
    // computer only, so the sitting time is no longer audited (a move between
    // computers carries sitting over from there); test_tracker_elsewhere
    // checks it case by case.
    bool elsewhere_{false};
    std::optional<Millis> paused_until_;
    bool question_{false};
    Span question_span_{};
    std::optional<Span> answered_span_;
    bool checkin_pending_{false};
    int worse_run_{0};
    // Where the open sitting bout began: the start, the last return from a
    // break, or the end of a logged walk that ended inside the bout.
    Millis bout_since_{};
    // A walk logged in this step, which must come out as a manual CreditWalk
    // with exactly this span; and where it restarted the bout, if it did.
    std::optional<core::Span> logged_;
    std::optional<Millis> restarted_at_;
    std::vector<Span> logged_gaps_;  // time logged walks took out of sitting bouts
    Millis logged_gap_total_{0};
    int restarts_{0};
    // What came out.
    bool showing_{false};
    int open_{0};
    int shown_{0};
    KindCounts seen_{};
    std::vector<Span> bouts_, walks_;
    // Meetings, as the model sees them: which signals hold, whether the idle
    // source last said idle, the meeting in progress and those that ended.
    std::array<bool, core::all_meeting_signals.size()> signals_{};
    std::optional<Millis> manual_until_;
    bool idle_reported_{false};
    std::optional<Millis> meeting_since_;  // back-to-back meetings count as one from here
    Millis meeting_began_{};               // the current meeting itself began here
    bool hold_over_{false};                // a reminder was shown in the current meeting
    std::optional<Span> last_meeting_;
    Millis hold_until_{};  // no reminder before this, after the last meeting's end
    std::vector<Span> meetings_;
    std::vector<Span> ended_in_step_;     // model meetings that ended in this step
    std::vector<Span> recorded_in_step_;  // RecordMeeting spans of this step
    std::vector<Span> recorded_meetings_;
    // Where the model says the user was away (and since when, if they are now),
    // and the breaks the tracker reported on return (back-dated idle included).
    std::vector<Span> absences_;
    std::optional<Millis> absent_since_;
    Millis meeting_total_{0};
    Millis sitting_total_{0}, away_total_{0}, walked_total_{0};
};

class Script {
public:
    explicit Script(core::Config config = {}, Moment start = local_moment(monday, 9h));

    core::Step send(const Event& event);
    // Lets `d` pass, with a Tick at each deadline the tracker asks for on the way.
    void wait(Millis d);
    // Lets `d` pass without any Tick (a daemon too busy to wake).
    void advance(Millis d);
    // Away for `d`: idle from now (reported when it began, as backends do:
    // after idle.away_after), then input again.
    void walk_away(Millis d);
    void skew_wall(Millis d) { now_.wall += d; }  // the wall clock jumps; boot time does not
    void set_offset(core::UtcOffset offset) { now_.utc_offset = offset; }
    core::Step finish();
    // Tracker::resume_checkins, with the Checker told.
    void resume_checkins(const std::vector<core::CheckinRecord>& oldest_first);

    // The actions since the last take, described (see describe()).
    std::vector<std::string> take();
    // The actions since the last take, as they are.
    std::vector<Action> take_actions();

    const Moment& now() const { return now_; }
    core::Tracker& tracker() { return tracker_; }
    const Checker& checker() const { return checker_; }
    const std::optional<Millis>& wake_at() const { return wake_at_; }
    // Boot-clock duration until the next deadline.
    std::optional<Millis> wake_in() const;

private:
    Moment now_;
    core::Tracker tracker_;
    Checker checker_;
    std::vector<Action> pending_;
    std::optional<Millis> wake_at_;
};

using Lines = std::vector<std::string>;

}  // namespace walkbreak::test
