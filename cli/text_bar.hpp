// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pieces shared by the text renderers: colour, the goal bar, day labels.
// Pure; colour escapes only when asked.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace walkbreak::cli {

inline constexpr std::string_view ansi_green = "\x1b[32m";
inline constexpr std::string_view ansi_cyan = "\x1b[36m";
inline constexpr std::string_view ansi_yellow = "\x1b[33m";
inline constexpr std::string_view ansi_dim = "\x1b[2m";
inline constexpr std::string_view ansi_reset = "\x1b[0m";

// A day's bar never takes more cells than max_bar_cells, however wide the
// terminal, nor fewer than min_bar_cells, however narrow.
inline constexpr int max_bar_cells = 48;
inline constexpr int min_bar_cells = 8;

// `text` wrapped in `colour` when `enabled` (and not empty).
std::string paint(std::string_view text, std::string_view colour, bool enabled);

// `value` on a bar of `cells` cells whose full length is `scale`, in eighths of
// a cell, with the goal marker '│' where `goal` falls: cells + 1 columns in
// all (a blank column when there is no goal), trailing blanks included.
std::string goal_bar(core::Seconds value, core::Seconds goal, core::Seconds scale, int cells,
                     bool met, bool colour);

// Every line without trailing blanks, each ending in '\n'.
std::string rtrim_lines(std::string text);

std::string_view weekday_short(core::Date d);  // "Mon"
std::string day_label(core::Date d);           // "Mon 03-23"
std::string month_day(core::Date d);           // "03-23"

// Columns `text` takes: its UTF-8 code points (every glyph used is one column).
std::size_t display_width(std::string_view text);

// `text` (one line, no '\n') broken at blanks into lines of at most `width`
// columns where words allow, each line starting with `indent`, the ones after
// the first with two blanks more; every line ends in '\n'.
std::string wrap_line(std::string_view text, int width, std::string_view indent = {});

// `text` safe to print on a terminal: control characters (C0, DEL, C1) are
// written as escapes ("\n", "\t", "\x1b"), so a note cannot break a table
// or colour the terminal. Other UTF-8 is kept.
std::string escape_control(std::string_view text);

// "1 walk", "3 walks".
std::string plural(std::int64_t n, std::string_view one, std::string_view many);

}  // namespace walkbreak::cli
