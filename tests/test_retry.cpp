// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/retry.hpp"

using namespace walkbreak::core;
using namespace std::chrono_literals;

TEST_CASE("the retry delay doubles from 1 s up to 5 minutes", "[retry]") {
    CHECK(retry_delay(1) == 1s);
    CHECK(retry_delay(2) == 2s);
    CHECK(retry_delay(3) == 4s);
    CHECK(retry_delay(9) == 256s);
    CHECK(retry_delay(10) == 300s);
    CHECK(retry_delay(1'000'000) == 300s);  // no overflow however long it lasts
    CHECK(retry_delay(0) == 1s);
    CHECK(retry_delay(-3) == 1s);
}

TEST_CASE("the retry delay never decreases and never passes its ceiling", "[retry]") {
    const RetryPolicy policy{3s, 100s};
    Seconds last{0};
    for (int failures = 1; failures < 200; ++failures) {
        const Seconds d = retry_delay(failures, policy);
        CHECK(d >= last);
        CHECK(d <= 100s);
        last = d;
    }
    CHECK(last == 100s);
}
