// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config_values.hpp"

#include <algorithm>

#include "core/civil.hpp"
#include "core/duration.hpp"

namespace walkbreak::core::config_detail {
namespace {

constexpr std::string_view day_list = R"("mon", "tue", "wed", "thu", "fri", "sat", "sun")";
// meeting.signals: every signal but the manual one, which is always there.
constexpr std::string_view signal_list =
    R"("microphone", "camera", "do-not-disturb", "fullscreen")";

bool looks_like_iso_date(std::string_view s) {
    return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
           std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Place place_of(const toml::source_region& region) {
    return Place{static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string_view type_name(toml::node_type type) {
    switch (type) {
        case toml::node_type::table:
            return "a table";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a float";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::none:
            break;
    }
    return "nothing";
}

bool ValueReader::fail_at(const toml::node& where, std::string message) const {
    diagnostics_.error(place_of(where.source()), key_, std::move(message));
    return false;
}

bool ValueReader::wrong_type(std::string_view expected) const {
    return fail(fmt::format("expected {}, got {}", expected, type_name(node_.type())));
}

bool ValueReader::duration(Seconds& out) const {
    if (const auto* n = node_.as_integer()) {
        // The one mistake worth a special message: walkbreak never guesses a unit.
        return fail(
            fmt::format(R"(expected a duration with a unit, like "45m", got the bare number {0} )"
                        R"((write "{0}s", "{0}m" or "{0}h"))",
                        n->get()));
    }
    const auto* s = node_.as_string();
    if (s == nullptr) {
        return wrong_type(R"(a duration string like "45m")");
    }
    auto d = parse_duration(s->get());
    if (!d) {
        return fail(d.error());
    }
    out = *d;
    return true;
}

bool ValueReader::boolean(bool& out) const {
    if (const auto* b = node_.as_boolean()) {
        out = b->get();
        return true;
    }
    if (const auto* s = node_.as_string(); s && (s->get() == "true" || s->get() == "false")) {
        return fail(fmt::format(R"(expected a boolean, got the string "{0}" (write {0} without )"
                                R"(quotes))",
                                s->get()));
    }
    return wrong_type("a boolean (true or false)");
}

bool ValueReader::time_of_day(TimeOfDay& out) const {
    const auto* s = node_.as_string();
    if (s == nullptr) {
        return wrong_type(R"(a time of day string like "04:00")");
    }
    auto t = parse_time_of_day(s->get());
    if (!t) {
        return fail(t.error());
    }
    out = *t;
    return true;
}

bool ValueReader::date(std::optional<Date>& out) const {
    if (const auto* d = node_.as_date()) {
        const toml::date v = d->get();  // toml++ has checked that the date exists
        out = Date{std::chrono::year{v.year} / std::chrono::month{static_cast<unsigned>(v.month)} /
                   std::chrono::day{static_cast<unsigned>(v.day)}};
        return true;
    }
    const auto* s = node_.as_string();
    if (s == nullptr) {
        return wrong_type("a date like 2026-03-30");
    }
    // parse_date also knows "today", which has no meaning in a file.
    if (!looks_like_iso_date(s->get())) {
        return fail(fmt::format(R"(expected a date like 2026-03-30, got "{}")", s->get()));
    }
    auto d = parse_date(s->get(), Date{});
    if (!d) {
        return fail(d.error());
    }
    out = *d;
    return true;
}

bool ValueReader::work_hours(std::optional<WorkHours>& out) const {
    const auto* s = node_.as_string();
    if (s == nullptr) {
        return wrong_type(R"(work hours like "09:00-17:30")");
    }
    const std::string_view text = s->get();
    const auto start = parse_time_of_day(text.substr(0, std::min<std::size_t>(text.size(), 5)));
    const auto end = parse_time_of_day(text.size() > 6 ? text.substr(6) : std::string_view{});
    if (text.size() != 11 || text[5] != '-' || !start || !end) {
        return fail(fmt::format(
            R"(expected work hours like "09:00-17:30" (24-hour HH:MM-HH:MM), got "{}")", text));
    }
    out = WorkHours{*start, *end};
    return true;
}

template <typename Read>
bool ValueReader::each_string(std::string_view expected_array, std::string_view expected_item,
                              Read read) const {
    const auto* array = node_.as_array();
    if (array == nullptr) {
        return wrong_type(expected_array);
    }
    bool ok = true;
    for (const toml::node& item : *array) {
        const auto* s = item.as_string();
        if (s == nullptr) {
            ok = fail_at(item,
                         fmt::format("expected {}, got {}", expected_item, type_name(item.type())));
        } else if (!read(item, std::string_view{s->get()})) {
            ok = false;
        }
    }
    return ok;
}

bool ValueReader::work_days(std::array<bool, 7>& out) const {
    std::array<bool, 7> days{};
    const bool ok = each_string(
        R"(an array of days like ["mon", "tue", "wed", "thu", "fri"])",
        fmt::format("one of {}", day_list), [&](const toml::node& item, std::string_view name) {
            const auto it = std::find(day_names.begin(), day_names.end(), name);
            if (it == day_names.end()) {
                return fail_at(item,
                               fmt::format(R"(expected one of {}, got "{}")", day_list, name));
            }
            bool& day = days[static_cast<std::size_t>(it - day_names.begin())];
            if (day) {
                return fail_at(item, fmt::format(R"(expected each day once, got "{}" again)", *it));
            }
            day = true;
            return true;
        });
    if (ok) {
        out = days;
    }
    return ok;
}

bool ValueReader::meeting_signals(std::vector<MeetingSignal>& out) const {
    std::vector<MeetingSignal> signals;
    const bool ok = each_string(
        R"(an array of signals like ["microphone", "camera"])",
        fmt::format("one of {}", signal_list), [&](const toml::node& item, std::string_view name) {
            const auto signal = meeting_signal_from_string(name);
            if (!signal || *signal == MeetingSignal::Manual) {
                return fail_at(item,
                               fmt::format(R"(expected one of {}, got "{}")", signal_list, name));
            }
            if (std::find(signals.begin(), signals.end(), *signal) != signals.end()) {
                return fail_at(item,
                               fmt::format(R"(expected each signal once, got "{}" again)", name));
            }
            signals.push_back(*signal);
            return true;
        });
    if (ok) {
        out = std::move(signals);
    }
    return ok;
}

bool ValueReader::app_names(std::vector<std::string>& out) const {
    std::vector<std::string> names;
    const bool ok = each_string(
        R"(an array of application names like ["nerd-dictation"])", "an application name",
        [&](const toml::node& item, std::string_view name) {
            if (name.empty()) {
                return fail_at(item, "expected an application name, got an empty string");
            }
            names.emplace_back(name);
            return true;
        });
    if (ok) {
        out = std::move(names);
    }
    return ok;
}

bool ValueReader::device_glob(std::string& out) const {
    const auto* s = node_.as_string();
    if (s == nullptr) {
        return wrong_type(R"(a path or glob like "/dev/video*")");
    }
    if (s->get().empty() || s->get().front() != '/') {
        return fail(fmt::format(R"(expected an absolute path or glob like "/dev/video*", got "{}")",
                                s->get()));
    }
    out = s->get();
    return true;
}

bool ValueReader::folder(std::optional<std::string>& out) const {
    const auto* s = node_.as_string();
    if (s == nullptr) {
        return wrong_type(R"(a folder like "~/Sync/walkbreak")");
    }
    const std::string& path = s->get();
    if (path.empty() || (path.front() != '/' && path.rfind("~/", 0) != 0)) {
        return fail(fmt::format(
            R"(expected an absolute folder or one under "~/" like "~/Sync/walkbreak", got "{}")",
            path));
    }
    out = path;
    return true;
}

// The others show it and the folder's file names carry it: one line of
// printable text, short enough for a column.
bool ValueReader::device_name(std::optional<std::string>& out) const {
    constexpr std::size_t longest = 64;
    const auto* s = node_.as_string();
    if (s == nullptr) {
        return wrong_type(R"(a name like "desk")");
    }
    const std::string& name = s->get();
    const bool control = std::any_of(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (name.empty() || control || name.size() > longest) {
        return fail(
            fmt::format("expected a name of 1 to {} bytes without control characters, "
                        "like \"desk\"",
                        longest));
    }
    out = name;
    return true;
}

}  // namespace walkbreak::core::config_detail
