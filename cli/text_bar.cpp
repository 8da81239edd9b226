// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/text_bar.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace walkbreak::cli {

using namespace std::chrono;
using core::Seconds;

namespace {

constexpr std::array<std::string_view, 8> eighths_glyph{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr std::array<std::string_view, 7> weekday_name{"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};

}  // namespace

std::string paint(std::string_view text, std::string_view colour, bool enabled) {
    if (!enabled || text.empty()) return std::string(text);
    return fmt::format("{}{}{}", colour, text, ansi_reset);
}

std::string goal_bar(Seconds value, Seconds goal, Seconds scale, int cells, bool met, bool colour) {
    const std::int64_t span = std::max<std::int64_t>(scale.count(), 1);
    const std::int64_t eighths =
        std::clamp<std::int64_t>(value.count() * cells * 8 / span, 0, std::int64_t{cells} * 8);
    const int goal_at = goal > Seconds{0} ? static_cast<int>(std::clamp<std::int64_t>(
                                                (goal.count() * cells + span / 2) / span, 1, cells))
                                          : cells;
    std::string filled;
    std::string blank;
    std::string out;
    auto flush = [&] {
        out += paint(filled, met ? ansi_green : ansi_cyan, colour);
        out += blank;
        filled.clear();
        blank.clear();
    };
    for (int i = 0; i <= cells; ++i) {
        if (i == goal_at) {
            flush();
            out += goal > Seconds{0} ? paint("│", ansi_dim, colour) : std::string(" ");
        }
        if (i == cells) break;
        const std::int64_t here = eighths - std::int64_t{i} * 8;
        if (here >= 8) {
            filled += "█";
        } else if (here > 0) {
            filled += eighths_glyph[static_cast<std::size_t>(here)];
        } else {
            blank += ' ';
        }
    }
    flush();
    return out;
}

std::string rtrim_lines(std::string text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        out += line;
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::string_view weekday_short(core::Date d) { return weekday_name[weekday{d}.c_encoding()]; }

std::string month_day(core::Date d) {
    const year_month_day ymd{d};
    return fmt::format("{:02}-{:02}", static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::string day_label(core::Date d) { return fmt::format("{} {}", weekday_short(d), month_day(d)); }

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string escape_control(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool c1 = c == 0xC2 && i + 1 < text.size() &&
                        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c1) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[++i]));
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string wrap_line(std::string_view text, int width, std::string_view indent) {
    const std::string more = std::string(indent) + "  ";
    std::string out;
    std::string line(indent);
    bool empty = true;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(' ', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(at, end - at);
        at = end + 1;
        if (word.empty()) continue;
        if (!empty && display_width(line) + 1 + display_width(word) >
                          static_cast<std::size_t>(std::max(width, 1))) {
            out += line + '\n';
            line = more;
            empty = true;
        }
        line += empty ? std::string(word) : ' ' + std::string(word);
        empty = false;
    }
    return out + line + '\n';
}

}  // namespace walkbreak::cli
