// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Short walking and posture tips that reminders rotate through.
#include <cstddef>
#include <span>
#include <string_view>

namespace walkbreak::core {

struct Tip {
    std::string_view text;  // static storage
    friend bool operator==(const Tip&, const Tip&) = default;
};

std::span<const Tip> all_tips();

// Hands out tips in a fixed shuffled order, so that the last few shown are
// never repeated; `seed` picks where in the cycle to start.
class TipRotation {
public:
    explicit TipRotation(std::size_t seed = 0);
    Tip next();

private:
    std::size_t position_;
};

}  // namespace walkbreak::core
