// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <set>
#include <string>
#include <catch2/catch.hpp>

#include "core/tips.hpp"

using namespace walkbreak::core;

TEST_CASE("there are at least a dozen short, distinct tips", "[tips]") {
    const auto tips = all_tips();
    REQUIRE(tips.size() >= 12);
    std::set<std::string_view> distinct;
    for (const Tip& tip : tips) {
        CHECK_FALSE(tip.text.empty());
        CHECK(tip.text.size() <= 90);  // shares a notification with the reminder
        CHECK(tip.text.back() == '.');
        distinct.insert(tip.text);
    }
    CHECK(distinct.size() == tips.size());
}

TEST_CASE("the tips say what physiotherapists say about walking", "[tips]") {
    const auto mentions = [](std::string_view word) {
        const auto tips = all_tips();
        return std::any_of(tips.begin(), tips.end(), [&](const Tip& t) {
            std::string lower(t.text);
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return lower.find(word) != std::string::npos;
        });
    };
    for (const char* word : {"head up", "shoulders", "arms swing", "shorter strides", "pace",
                             "shoes", "gently", "breathe", "stand tall"}) {
        INFO(word);
        CHECK(mentions(word));
    }
}

TEST_CASE("the rotation never repeats any of the last tips shown", "[tips]") {
    const std::size_t n = all_tips().size();
    for (std::size_t seed : {std::size_t{0}, std::size_t{7}, std::size_t{123456789}}) {
        TipRotation rotation(seed);
        std::vector<Tip> shown;
        for (std::size_t i = 0; i < 3 * n; ++i) {
            const Tip tip = rotation.next();
            const auto recent_begin =
                shown.size() >= n - 1 ? shown.end() - static_cast<long>(n - 1) : shown.begin();
            CHECK(std::find(recent_begin, shown.end(), tip) == shown.end());
            shown.push_back(tip);
        }
    }
    // Different seeds start at different places.
    CHECK_FALSE(TipRotation(0).next() == TipRotation(1).next());
}
