// SPDX-License-Identifier: GPL-3.0-or-later
// The rules a config must follow beyond its types: ranges, keys that depend on
// each other, and the "did you mean" for keys that do not exist. The bounds are
// documented for users in config/walkbreak.toml; keep the two in step.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/config_detail.hpp"
#include "core/duration.hpp"

namespace walkbreak::core::config_detail {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t change = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, change});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Close enough to be a typo: about one mistake per three letters.
bool is_close(std::size_t distance, std::string_view typed) {
    return distance <= std::max<std::size_t>(1, typed.size() / 3);
}

std::string dotted(std::string_view table, std::string_view key) {
    return table.empty() ? std::string{key} : fmt::format("{}.{}", table, key);
}

// Durations with hard limits (errors) and a usual range (warnings outside it).
struct DurationRule {
    std::string_view key;
    Seconds (*get)(const Config&);
    Seconds min, max;
    Seconds usual_min, usual_max;
    std::string_view unusual;  // why a value outside the usual range deserves a warning
};

using namespace std::chrono_literals;
constexpr std::array<DurationRule, 12> duration_rules{{
    {"idle.away_after", [](const Config& c) { return c.idle.away_after; }, 1s, 1h, 30s, 1h,
     "pausing to read or think will count as being away"},
    {"reminder.interval", [](const Config& c) { return c.reminder.interval; }, 5s, 4h, 30min, 1h,
     "a short walk every 30m to 1h of sitting is what helps a back"},
    {"reminder.escalate_after", [](const Config& c) { return c.reminder.escalate_after; }, 0s, 2h,
     0s, 2h, ""},
    {"reminder.snooze", [](const Config& c) { return c.reminder.snooze; }, 1s, 2h, 1min, 2h,
     "a snoozed reminder will be back almost at once"},
    {"walk.min", [](const Config& c) { return c.walk.min; }, 1s, 4h, 1min, 4h,
     "very short pauses will count as walks"},
    {"walk.max", [](const Config& c) { return c.walk.max; }, 1s, 4h, 1s, 4h, ""},
    {"walk.grace", [](const Config& c) { return c.walk.grace; }, 0s, 2h, 0s, 2h, ""},
    {"goal.daily", [](const Config& c) { return c.goal.daily; }, 1min, 8h, 1min, 8h, ""},
    {"goal.weekly", [](const Config& c) { return c.goal.weekly; }, 1min, 56h, 1min, 56h, ""},
    {"meeting.remind_after", [](const Config& c) { return c.meeting.remind_after; }, 0s, 1h, 0s,
     10min, "a reminder held for a meeting will wait that long after it ends"},
    {"meeting.max_hold", [](const Config& c) { return c.meeting.max_hold; }, 1min, 12h, 30min, 12h,
     "reminders will come during longer meetings"},
    {"sync.settle", [](const Config& c) { return c.sync.settle; }, 0s, 10min, 0s, 2min,
     "decisions that depend on another computer will wait that long for its news"},
}};

const KeyState* valid_key(const KeyStates& keys, std::string_view name) {
    const auto it = keys.find(name);
    return it != keys.end() && it->second.valid ? &it->second : nullptr;
}
bool written_but_invalid(const KeyStates& keys, std::string_view name) {
    const auto it = keys.find(name);
    return it != keys.end() && !it->second.valid;
}

// A value out of its limits is marked invalid, so that the rules between keys
// do not pile a second error onto it.
void check_durations(const Config& c, KeyStates& keys, Diagnostics& d) {
    for (const auto& rule : duration_rules) {
        const auto it = keys.find(rule.key);
        if (it == keys.end() || !it->second.valid) {
            continue;  // defaults are within every rule
        }
        KeyState* k = &it->second;
        const Seconds v = rule.get(c);
        if (v < rule.min || v > rule.max) {
            d.error(k->place, std::string{rule.key},
                    fmt::format(R"(expected a duration from {} to {}, got "{}")",
                                format_duration(rule.min), format_duration(rule.max),
                                format_duration(v)));
            k->valid = false;
        } else if (v < rule.usual_min || v > rule.usual_max) {
            d.warning(k->place, std::string{rule.key},
                      fmt::format("{} is unusual: {}", format_duration(v), rule.unusual));
        }
    }
}

void check_walk(const Config& c, const KeyStates& keys, Diagnostics& d) {
    if (c.walk.min <= c.walk.max || written_but_invalid(keys, "walk.min") ||
        written_but_invalid(keys, "walk.max")) {
        return;
    }
    if (const KeyState* k = valid_key(keys, "walk.min")) {
        d.error(k->place, "walk.min",
                fmt::format(R"(expected at most walk.max ({}), got "{}")",
                            format_duration(c.walk.max), format_duration(c.walk.min)));
    } else if (const KeyState* m = valid_key(keys, "walk.max")) {
        d.error(m->place, "walk.max",
                fmt::format(R"(expected at least walk.min ({}), got "{}")",
                            format_duration(c.walk.min), format_duration(c.walk.max)));
    }
}

void check_goal(const Config& c, const KeyStates& keys, Diagnostics& d) {
    const KeyState* program = valid_key(keys, "goal.program");
    if (c.goal.program == GoalProgram::Beginner && !c.goal.program_start &&
        !written_but_invalid(keys, "goal.program_start") && program != nullptr) {
        d.error(program->place, "goal.program",
                "expected goal.program_start with the beginner program: the date its first "
                "week began, like program_start = 2026-03-30");
    }
    const KeyState* start = valid_key(keys, "goal.program_start");
    if (start != nullptr && c.goal.program == GoalProgram::None &&
        !written_but_invalid(keys, "goal.program")) {
        d.warning(start->place, "goal.program_start",
                  R"(ignored unless goal.program = "beginner")");
    }
    const KeyState* weekly = valid_key(keys, "goal.weekly");
    if (weekly != nullptr && c.goal.weekly < c.goal.daily &&
        !written_but_invalid(keys, "goal.daily")) {
        d.warning(weekly->place, "goal.weekly",
                  fmt::format("{} is less than goal.daily ({})", format_duration(c.goal.weekly),
                              format_duration(c.goal.daily)));
    }
}

void check_schedule(const Config& c, const KeyStates& keys, Diagnostics& d) {
    const KeyState* days = valid_key(keys, "schedule.work_days");
    if (days == nullptr) {
        return;
    }
    // The default days written out (as `config show` does) are not worth a warning.
    if (!c.schedule.work_hours && !written_but_invalid(keys, "schedule.work_hours") &&
        c.schedule.work_days != Config::Schedule{}.work_days) {
        d.warning(days->place, "schedule.work_days", "ignored unless schedule.work_hours is set");
    } else if (c.schedule.work_hours &&
               std::none_of(c.schedule.work_days.begin(), c.schedule.work_days.end(),
                            [](bool b) { return b; })) {
        d.warning(days->place, "schedule.work_days", "no work days: reminders will never be shown");
    }
}

}  // namespace

std::string unknown_key_message(std::string_view table, std::string_view key) {
    const std::string typed = dotted(table, key);
    const KeyName* best = nullptr;
    std::size_t best_distance = 0;
    for (const auto& k : key_names) {
        // A key may be misspelt, or spelt right in the wrong table (or at the root).
        const std::size_t distance =
            std::min(edit_distance(typed, dotted(k.table, k.key)), edit_distance(key, k.key));
        const bool better = best == nullptr || distance < best_distance ||
                            (distance == best_distance && k.table == table && best->table != table);
        if (better) {
            best = &k;
            best_distance = distance;
        }
    }
    if (best != nullptr && is_close(best_distance, key)) {
        return fmt::format("unknown key `{}`; did you mean `{}.{}`?", typed, best->table,
                           best->key);
    }
    std::vector<std::string_view> in_table;
    for (const auto& k : key_names) {
        if (k.table == table) {
            in_table.push_back(k.key);
        }
    }
    if (in_table.empty()) {
        return fmt::format("unknown key `{}`; keys belong in tables like [reminder]", typed);
    }
    return fmt::format("unknown key `{}`; expected one of: {}", typed, fmt::join(in_table, ", "));
}

std::string unknown_table_message(std::string_view table) {
    std::vector<std::string_view> tables;
    for (const auto& k : key_names) {
        if (tables.empty() || tables.back() != k.table) {
            tables.push_back(k.table);
        }
    }
    const auto best = std::min_element(tables.begin(), tables.end(), [&](auto a, auto b) {
        return edit_distance(table, a) < edit_distance(table, b);
    });
    if (is_close(edit_distance(table, *best), table)) {
        return fmt::format("unknown table `{}`; did you mean `{}`?", table, *best);
    }
    return fmt::format("unknown table `{}`; expected one of: {}", table, fmt::join(tables, ", "));
}

void check_config(const Config& config, const KeyStates& keys, Diagnostics& diagnostics) {
    KeyStates judged = keys;
    check_durations(config, judged, diagnostics);
    check_walk(config, judged, diagnostics);
    check_goal(config, judged, diagnostics);
    check_schedule(config, judged, diagnostics);
}

}  // namespace walkbreak::core::config_detail
