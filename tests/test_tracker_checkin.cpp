// SPDX-License-Identifier: GPL-3.0-or-later
// The back check-in's run of "worse" answers across daemon runs: walkbreakd
// starts at each login and resumes the run from the stored answers, so three
// "worse" in a row raise the scale-back message even a day apart.
#include <catch2/catch.hpp>

#include "tracker_harness.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;

namespace {

constexpr BackFeel worse = BackFeel::Worse;
constexpr BackFeel better = BackFeel::Better;
constexpr BackFeel same = BackFeel::Same;

// Walks credited without a question, each followed by a check-in.
Script checkin_day() {
    Config config;
    config.walk.credit = WalkCredit::Auto;
    config.checkin.enabled = true;
    return Script(config);
}

// Answers given on the days before, one a day, oldest first.
std::vector<CheckinRecord> stored(const std::vector<BackFeel>& feels) {
    std::vector<CheckinRecord> records;
    auto day = monday - std::chrono::days{static_cast<int>(feels.size())};
    for (const BackFeel feel : feels) {
        records.push_back(CheckinRecord{local_moment(day, 10h).wall, feel, cest});
        day += std::chrono::days{1};
    }
    return records;
}

// A credited walk, then the answer to its check-in: what came of the answer.
Lines walk_and_answer(Script& day, BackFeel feel) {
    day.wait(20min);
    day.walk_away(5min);
    REQUIRE(day.take() == Lines{"bout 20m", "walk auto 5m", "back 5m credited", "checkin?"});
    day.send(event::CheckinAnswer{feel});
    return day.take();
}

// What the stored answers resume, and what the live "worse" answers after
// them bring: a run that reached three raised its message when answered, so
// it is not raised again, and the next comes after three more.
struct Resumed {
    std::vector<BackFeel> history;
    int run;           // after resuming
    Lines first_live;  // the next walk's answer, "worse"
    int run_after;     // after that answer
};

}  // namespace

TEST_CASE("the run of \"worse\" resumes from the stored check-ins", "[tracker][checkin]") {
    const std::vector<Resumed> cases{
        {{worse, worse}, 2, {"checkin worse", "scale back"}, 0},
        {{worse, worse, worse}, 0, {"checkin worse"}, 1},  // scaled back already
        {{worse, worse, worse, worse}, 1, {"checkin worse"}, 2},
        {{worse, better, worse}, 1, {"checkin worse"}, 2},
        {{worse, worse, same}, 0, {"checkin worse"}, 1},
        {{}, 0, {"checkin worse"}, 1},  // a first login: as before
    };
    for (const Resumed& c : cases) {
        INFO("stored: " << c.history.size() << " answers, resumed run " << c.run);
        Script day = checkin_day();
        day.resume_checkins(stored(c.history));
        CHECK(day.tracker().worse_in_a_row() == c.run);
        CHECK(walk_and_answer(day, worse) == c.first_live);
        CHECK(day.tracker().worse_in_a_row() == c.run_after);
        for (int run = c.run_after + 1; run < 3; ++run)
            CHECK(walk_and_answer(day, worse) == Lines{"checkin worse"});
        CHECK(walk_and_answer(day, worse) == Lines{"checkin worse", "scale back"});
        CHECK(day.checker().problem().empty());
    }
}

TEST_CASE("resuming replaces the run held so far", "[tracker][checkin]") {
    Script day = checkin_day();
    CHECK(walk_and_answer(day, worse) == Lines{"checkin worse"});
    CHECK(walk_and_answer(day, worse) == Lines{"checkin worse"});
    day.resume_checkins({});
    CHECK(day.tracker().worse_in_a_row() == 0);
    day.resume_checkins(stored({better, worse}));
    CHECK(day.tracker().worse_in_a_row() == 1);
    CHECK(walk_and_answer(day, better) == Lines{"checkin better"});
    CHECK(day.tracker().worse_in_a_row() == 0);
    CHECK(day.checker().problem().empty());
}

TEST_CASE("one answer a day, each day a new tracker resumed from what was recorded",
          "[tracker][checkin]") {
    std::vector<CheckinRecord> recorded;
    std::vector<Lines> answers;
    for (int login = 0; login < 4; ++login) {
        Script day = checkin_day();
        day.resume_checkins(recorded);
        day.wait(20min);
        day.walk_away(5min);
        day.take();
        for (const Action& a : day.send(event::CheckinAnswer{worse}).actions) {
            if (const auto* r = std::get_if<action::RecordCheckin>(&a))
                recorded.push_back(r->checkin);
        }
        answers.push_back(day.take());
        day.finish();
        CHECK(day.checker().problem().empty());
    }
    CHECK(recorded.size() == 4);
    CHECK(answers == std::vector<Lines>{{"checkin worse"},
                                        {"checkin worse"},
                                        {"checkin worse", "scale back"},
                                        {"checkin worse"}});
}

TEST_CASE("the user's own check-in is recorded without a question, a stale answer is not",
          "[tracker][checkin]") {
    Script day = checkin_day();
    day.send(event::CheckinAnswer{worse});  // a bubble from before: no check-in pending
    CHECK(day.take().empty());
    day.send(event::CheckinAnswer{worse, true});  // walkbreak checkin worse
    CHECK(day.take() == Lines{"checkin worse"});
    CHECK(day.tracker().worse_in_a_row() == 1);
    CHECK(walk_and_answer(day, worse) == Lines{"checkin worse"});
    CHECK_FALSE(day.tracker().checkin_pending());
    day.send(event::CheckinAnswer{worse, true});
    CHECK(day.take() == Lines{"checkin worse", "scale back"});
    CHECK(day.checker().problem().empty());
}
