// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tips.hpp"

#include <array>

namespace walkbreak::core {
namespace {

// What physiotherapists tell people with a stiff lower back about walking.
// Kept short (they share a notification with the reminder) and in an order
// that mixes posture, pace and encouragement, since the rotation follows it.
constexpr std::array tips{
    Tip{"Stand tall, head up, eyes on the horizon rather than your feet."},
    Tip{"Start gently: let the first minute be slow while your back warms up."},
    Tip{"Let your shoulders drop and relax."},
    Tip{"A comfortable pace is right: you should still be able to talk."},
    Tip{"Let your arms swing naturally; it helps your back turn as you walk."},
    Tip{"Short, frequent walks do more for a stiff back than one long one."},
    Tip{"Take shorter strides rather than long reaching ones."},
    Tip{"Breathe slowly and easily as you go."},
    Tip{"Supportive, cushioned shoes make every walk kinder to your back."},
    Tip{"Land softly and roll from heel to toe."},
    Tip{"Keep your chin level: the phone can wait until you sit down."},
    Tip{"Flat, even ground is easiest on a sore back."},
    Tip{"Unclench your hands and jaw; let the tension go."},
    Tip{"A little soreness that settles within a few hours is fine."},
    Tip{"Stairs count too: take them at an easy, steady pace."},
    Tip{"Build up a little at a time; your back likes steady progress."},
};

}  // namespace

std::span<const Tip> all_tips() { return tips; }

// A fixed cycle through every tip: a tip comes back only after all the others
// have been shown, so the last tips.size() - 1 are never repeated.
TipRotation::TipRotation(std::size_t seed) : position_(seed % tips.size()) {}

Tip TipRotation::next() {
    const Tip tip = tips[position_ % tips.size()];
    position_ = (position_ + 1) % tips.size();
    return tip;
}

}  // namespace walkbreak::core
