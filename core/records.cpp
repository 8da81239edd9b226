// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/records.hpp"

#include <array>
#include <utility>

namespace walkbreak::core {
namespace {

// The spellings here are stored in the database and printed in JSON: changing
// one is a schema migration and a break of the CLI's output contract.
constexpr std::array credit_names{
    std::pair{CreditHow::Reminder, std::string_view{"reminder"}},
    std::pair{CreditHow::Auto, std::string_view{"auto"}},
    std::pair{CreditHow::Confirmed, std::string_view{"confirmed"}},
    std::pair{CreditHow::Manual, std::string_view{"manual"}},
};
constexpr std::array outcome_names{
    std::pair{ReminderOutcome::Walked, std::string_view{"walked"}},
    std::pair{ReminderOutcome::Snoozed, std::string_view{"snoozed"}},
    std::pair{ReminderOutcome::Skipped, std::string_view{"skipped"}},
    std::pair{ReminderOutcome::Ignored, std::string_view{"ignored"}},
};
constexpr std::array feel_names{
    std::pair{BackFeel::Better, std::string_view{"better"}},
    std::pair{BackFeel::Same, std::string_view{"same"}},
    std::pair{BackFeel::Worse, std::string_view{"worse"}},
};

template <typename Table, typename Enum>
std::string_view name_of(const Table& table, Enum value) {
    for (const auto& [v, name] : table) {
        if (v == value) return name;
    }
    return "unknown";
}

template <typename Table>
auto value_of(const Table& table, std::string_view name)
    -> std::optional<typename Table::value_type::first_type> {
    for (const auto& [v, n] : table) {
        if (n == name) return v;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(CreditHow v) { return name_of(credit_names, v); }
std::string_view to_string(ReminderOutcome v) { return name_of(outcome_names, v); }
std::string_view to_string(BackFeel v) { return name_of(feel_names, v); }
std::optional<CreditHow> credit_how_from(std::string_view s) { return value_of(credit_names, s); }
std::optional<ReminderOutcome> reminder_outcome_from(std::string_view s) {
    return value_of(outcome_names, s);
}
std::optional<BackFeel> back_feel_from(std::string_view s) { return value_of(feel_names, s); }

Outcome check_meeting_span(const MeetingRecord& meeting) {
    if (meeting.end <= meeting.start) return Error{"expected an end after the start"};
    if (meeting.end - meeting.start > longest_meeting_record) {
        return Error{"expected a meeting of at most 24h (walkbreak records a longer one in parts)"};
    }
    return success();
}

}  // namespace walkbreak::core
