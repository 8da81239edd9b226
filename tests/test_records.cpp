// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/records.hpp"

using namespace walkbreak::core;

TEST_CASE("record enums round-trip through their stored names", "[records]") {
    for (auto v : {CreditHow::Reminder, CreditHow::Auto, CreditHow::Confirmed, CreditHow::Manual}) {
        CHECK(credit_how_from(to_string(v)) == v);
    }
    for (auto v : {ReminderOutcome::Walked, ReminderOutcome::Snoozed, ReminderOutcome::Skipped,
                   ReminderOutcome::Ignored}) {
        CHECK(reminder_outcome_from(to_string(v)) == v);
    }
    for (auto v : {BackFeel::Better, BackFeel::Same, BackFeel::Worse}) {
        CHECK(back_feel_from(to_string(v)) == v);
    }
    CHECK_FALSE(credit_how_from("walked").has_value());
}
