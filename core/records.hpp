// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The facts walkbreak keeps: what the tracker produces and the store holds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/meeting_signal.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

// How a walk came to be credited.
enum class CreditHow {
    Reminder,   // the user left after a reminder or "Walk now" (within walk.grace)
    Auto,       // an unprompted break, credited because walk.credit = "auto"
    Confirmed,  // an unprompted break the user confirmed with "Log walk"
    Manual,     // typed in with `walkbreak log`
};

enum class ReminderOutcome { Walked, Snoozed, Skipped, Ignored };
enum class BackFeel { Better, Same, Worse };

struct WalkRecord {
    std::int64_t id{0};  // 0 until stored
    WallTime start{};
    WallTime end{};
    UtcOffset utc_offset{0};  // in force at `start`
    CreditHow how{CreditHow::Manual};
    std::string note;
    Seconds seconds() const { return std::chrono::floor<Seconds>(end - start); }
};

struct SittingBout {
    WallTime start{};
    WallTime end{};
    UtcOffset utc_offset{0};
};

struct ReminderRecord {
    WallTime shown{};
    bool escalated{false};
    ReminderOutcome outcome{ReminderOutcome::Ignored};
    WallTime resolved{};  // when the outcome became known
    UtcOffset utc_offset{0};
};

// A meeting the tracker saw end (DESIGN.md §3, "Meetings"): present and
// sitting from start to end, with the signals that made it at any time.
struct MeetingRecord {
    WallTime start{};
    WallTime end{};
    UtcOffset utc_offset{0};             // in force at `start`
    std::vector<MeetingSignal> signals;  // in all_meeting_signals order
    Seconds seconds() const { return std::chrono::floor<Seconds>(end - start); }
    friend bool operator==(const MeetingRecord&, const MeetingRecord&) = default;
};

// The longest span one meeting record covers. The tracker records a longer
// meeting (a signal stuck for days) as consecutive equal records within this,
// and import refuses anything longer as a typo.
inline constexpr Seconds longest_meeting_record{std::chrono::hours{24}};
// A meeting record from outside (an import): it ends after it starts and
// spans at most longest_meeting_record. The error says what was expected.
Outcome check_meeting_span(const MeetingRecord& meeting);

struct CheckinRecord {
    WallTime at{};
    BackFeel feel{BackFeel::Same};
    UtcOffset utc_offset{0};
};

std::string_view to_string(CreditHow v);
std::string_view to_string(ReminderOutcome v);
std::string_view to_string(BackFeel v);
std::optional<CreditHow> credit_how_from(std::string_view s);
std::optional<ReminderOutcome> reminder_outcome_from(std::string_view s);
std::optional<BackFeel> back_feel_from(std::string_view s);

}  // namespace walkbreak::core
