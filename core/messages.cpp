// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/messages.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace walkbreak::core {
namespace {

using std::chrono::floor;
using std::chrono::hours;
using std::chrono::minutes;

long long whole_minutes(Seconds d) { return std::max<long long>(0, floor<minutes>(d).count()); }

std::string plural(long long n, const char* unit) {
    return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
}

// "14:05", local to the offset given.
std::string local_clock(WallTime t, UtcOffset offset) {
    const auto local = floor<minutes>(t + offset);
    const auto of_day = local - floor<std::chrono::days>(local);
    return fmt::format("{:02}:{:02}", floor<hours>(of_day).count(), (of_day % hours{1}).count());
}

}  // namespace

std::string minutes_phrase(Seconds d) {
    const long long m = whole_minutes(d);
    if (m < 120) return plural(m, "minute");
    const long long rest = m % 60;
    if (rest == 0) return plural(m / 60, "hour");
    return plural(m / 60, "hour") + " " + plural(rest, "minute");
}

std::string short_duration(Seconds d) {
    const long long m = whole_minutes(d);
    if (m < 60) return fmt::format("{} min", m);
    if (m % 60 == 0) return fmt::format("{} h", m / 60);
    return fmt::format("{} h {} min", m / 60, m % 60);
}

Message reminder_message(const action::ShowReminder& reminder) {
    const std::string sitting = minutes_phrase(reminder.sitting_for);
    if (reminder.after_meeting) {
        // Held until the meeting ended: the meeting is why, and the sitting is what matters.
        const long long length = std::max<long long>(1, whole_minutes(*reminder.after_meeting));
        return {fmt::format("That was a {}-minute meeting — time to stand up and walk", length),
                fmt::format("You've been sitting for {}. {}", sitting, reminder.tip.text)};
    }
    if (!reminder.escalated) {
        return {"Time for a walk",
                fmt::format("You've been sitting for {}. {}", sitting, reminder.tip.text)};
    }
    return {"Still sitting — time for a walk",
            fmt::format("That's {} in your chair. A few minutes on your feet now will help your "
                        "back. {}",
                        sitting, reminder.tip.text)};
}

Message break_question_message(const action::AskAboutBreak& question, UtcOffset offset) {
    const Seconds away = floor<Seconds>(question.end - question.start);
    return {fmt::format("Away {} — log as a walk?", short_duration(away)),
            fmt::format("You were away {}–{}. If you were on your feet, it counts.",
                        local_clock(question.start, offset), local_clock(question.end, offset))};
}

Message welcome_back_message(const action::WelcomeBack& back, Seconds walked_today,
                             Seconds daily_goal) {
    const long long walked = whole_minutes(walked_today);
    const long long goal = whole_minutes(daily_goal);
    std::string body;
    if (back.credited) body = fmt::format("Logged {} of walking. ", minutes_phrase(back.away));
    if (walked >= goal) {
        body += "Today's goal is reached: nice work.";
    } else {
        body += fmt::format("{} to go today.", plural(goal - walked, "minute"));
    }
    return {fmt::format("Welcome back — {} of {} minutes walked today", walked, goal), body};
}

Message checkin_message() {
    return {"How does your back feel?", "After that walk: better, the same, or worse?"};
}

Message scale_back_message() {
    return {"Time to go easier on your back",
            "Your back has felt worse after three walks in a row. Try shorter, gentler walks for "
            "a few days, then build up again slowly.\n"
            "Stop and see a doctor if you have severe pain, or new numbness, tingling or leg "
            "weakness.\n"
            "This is a general wellness reminder, not medical advice."};
}

}  // namespace walkbreak::core
