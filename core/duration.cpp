// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/duration.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>

namespace walkbreak::core {
namespace {

// The longest duration accepted: far beyond any pause or interval, and small
// enough that callers may add it to a time point in milliseconds without
// overflow. Larger numbers are refused rather than wrapped.
constexpr std::int64_t max_seconds = 100000LL * 3600;

struct Unit {
    char letter;
    std::int64_t seconds;
};
constexpr std::array<Unit, 3> units{{{'h', 3600}, {'m', 60}, {'s', 1}}};

Error expected(std::string_view text) {
    return Error{fmt::format(R"(expected a duration like 90s, 5m or 1h30m, got "{}")", text)};
}

}  // namespace

Result<Seconds> parse_duration(std::string_view text) {
    if (text.empty()) {
        return expected(text);
    }
    std::int64_t total = 0;
    std::size_t next_unit = 0;  // units must come in order h, m, s, each at most once
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t first_digit = i;
        std::int64_t n = 0;
        bool too_long = false;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            n = n * 10 + (text[i] - '0');
            too_long = too_long || n > max_seconds;
            if (too_long) {
                n = max_seconds + 1;  // keep scanning the digits without overflowing
            }
        }
        if (i == first_digit || i == text.size()) {
            return expected(text);  // a unit with no number, or a number with no unit
        }
        std::size_t u = next_unit;
        while (u < units.size() && units[u].letter != text[i]) {
            ++u;
        }
        if (u == units.size()) {
            return expected(text);  // not a unit, or a unit out of order or repeated
        }
        if (too_long || n > (max_seconds - total) / units[u].seconds) {
            return Error{
                fmt::format(R"(duration "{}" is too long: at most {}h)", text, max_seconds / 3600)};
        }
        total += n * units[u].seconds;
        next_unit = u + 1;
        ++i;
    }
    return Seconds{total};
}

// Negative durations cannot be parsed but can be computed; they print with a
// leading '-' so that a diagnostic never hides the sign.
std::string format_duration(Seconds d) {
    if (d == Seconds{0}) {
        return "0s";
    }
    std::string out = d < Seconds{0} ? "-" : "";
    // Unsigned, so that the most negative count still has a magnitude.
    const auto count = d.count();
    auto rest =
        count < 0 ? 0 - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
    for (const auto& unit : units) {
        const auto per = static_cast<std::uint64_t>(unit.seconds);
        if (rest >= per) {
            out += fmt::format("{}{}", rest / per, unit.letter);
            rest %= per;
        }
    }
    return out;
}

}  // namespace walkbreak::core
