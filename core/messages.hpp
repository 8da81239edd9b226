// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the user reads: the text of each notification the tracker's actions
// lead to. Pure: everything a message needs is passed in. Friendly and short,
// since most notification servers show two or three lines.
#include <string>

#include "core/time.hpp"
#include "core/tracker.hpp"

namespace walkbreak::core {

struct Message {
    std::string summary;  // the notification's title
    std::string body;
    friend bool operator==(const Message&, const Message&) = default;
};

// Whole minutes, rounded down: "1 minute", "47 minutes", "1 hour 5 minutes".
std::string minutes_phrase(Seconds d);
// The compact form for titles: "7 min", "1 h 30 min".
std::string short_duration(Seconds d);

// "Time for a walk" / "You've been sitting for 47 minutes. <tip>"; the
// escalated one says it more firmly.
Message reminder_message(const action::ShowReminder& reminder);
// "Away 7 min — log as a walk?", with the local times in the body.
Message break_question_message(const action::AskAboutBreak& question, UtcOffset offset);
// "Welcome back — 12 of 30 minutes walked today"; `walked_today` includes the
// walk just credited (the daemon stores CreditWalk before WelcomeBack).
Message welcome_back_message(const action::WelcomeBack& back, Seconds walked_today,
                             Seconds daily_goal);
Message checkin_message();
// Three "worse" check-ins in a row: scale back, and when to see a doctor.
Message scale_back_message();

}  // namespace walkbreak::core
