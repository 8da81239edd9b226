// SPDX-License-Identifier: GPL-3.0-or-later
// TOML text to Config: the tables and keys, and the type of each value. The
// rules between values live in config_check.cpp.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "core/config_detail.hpp"
#include "core/config_values.hpp"

namespace walkbreak::core {
namespace {

using namespace config_detail;

struct KeySpec {
    std::string_view table;
    std::string_view key;
    bool (*read)(const ValueReader&, Config&);  // false when the value was refused
};

constexpr std::array<IdleBackend, 6> backends{IdleBackend::Auto,    IdleBackend::ExtIdleNotify,
                                              IdleBackend::KdeIdle, IdleBackend::GnomeMutter,
                                              IdleBackend::X11Sync, IdleBackend::X11ScreenSaver};
constexpr std::array<WalkCredit, 3> credits{WalkCredit::Ask, WalkCredit::Auto, WalkCredit::Off};
constexpr std::array<GoalProgram, 2> programs{GoalProgram::None, GoalProgram::Beginner};

using Reader = const ValueReader&;
constexpr std::array<KeySpec, key_names.size()> key_specs{{
    {"idle", "away_after", [](Reader r, Config& c) { return r.duration(c.idle.away_after); }},
    {"idle", "backend", [](Reader r, Config& c) { return r.choice(c.idle.backend, backends); }},
    {"idle", "inhibitors_keep_sitting",
     [](Reader r, Config& c) { return r.boolean(c.idle.inhibitors_keep_sitting); }},
    {"reminder", "interval", [](Reader r, Config& c) { return r.duration(c.reminder.interval); }},
    {"reminder", "escalate_after",
     [](Reader r, Config& c) { return r.duration(c.reminder.escalate_after); }},
    {"reminder", "snooze", [](Reader r, Config& c) { return r.duration(c.reminder.snooze); }},
    {"walk", "min", [](Reader r, Config& c) { return r.duration(c.walk.min); }},
    {"walk", "max", [](Reader r, Config& c) { return r.duration(c.walk.max); }},
    {"walk", "grace", [](Reader r, Config& c) { return r.duration(c.walk.grace); }},
    {"walk", "credit", [](Reader r, Config& c) { return r.choice(c.walk.credit, credits); }},
    {"day", "starts_at", [](Reader r, Config& c) { return r.time_of_day(c.day.starts_at); }},
    {"goal", "daily", [](Reader r, Config& c) { return r.duration(c.goal.daily); }},
    {"goal", "weekly", [](Reader r, Config& c) { return r.duration(c.goal.weekly); }},
    {"goal", "program", [](Reader r, Config& c) { return r.choice(c.goal.program, programs); }},
    {"goal", "program_start", [](Reader r, Config& c) { return r.date(c.goal.program_start); }},
    {"checkin", "enabled", [](Reader r, Config& c) { return r.boolean(c.checkin.enabled); }},
    {"schedule", "work_hours",
     [](Reader r, Config& c) { return r.work_hours(c.schedule.work_hours); }},
    {"schedule", "work_days",
     [](Reader r, Config& c) { return r.work_days(c.schedule.work_days); }},
    {"meeting", "enabled", [](Reader r, Config& c) { return r.boolean(c.meeting.enabled); }},
    {"meeting", "signals",
     [](Reader r, Config& c) { return r.meeting_signals(c.meeting.signals); }},
    {"meeting", "remind_after",
     [](Reader r, Config& c) { return r.duration(c.meeting.remind_after); }},
    {"meeting", "max_hold", [](Reader r, Config& c) { return r.duration(c.meeting.max_hold); }},
    {"meeting", "ignore_apps",
     [](Reader r, Config& c) { return r.app_names(c.meeting.ignore_apps); }},
    {"meeting", "camera_devices",
     [](Reader r, Config& c) { return r.device_glob(c.meeting.camera_devices); }},
    {"sync", "folder", [](Reader r, Config& c) { return r.folder(c.sync.folder); }},
    {"sync", "device_name", [](Reader r, Config& c) { return r.device_name(c.sync.device_name); }},
    {"sync", "settle", [](Reader r, Config& c) { return r.duration(c.sync.settle); }},
}};

constexpr bool specs_follow_key_names() {
    for (std::size_t i = 0; i < key_specs.size(); ++i) {
        if (key_specs[i].table != key_names[i].table || key_specs[i].key != key_names[i].key) {
            return false;
        }
    }
    return true;
}
static_assert(specs_follow_key_names(), "key_specs must list key_names, in the same order");

const KeySpec* find_spec(std::string_view table, std::string_view key) {
    const auto it = std::find_if(key_specs.begin(), key_specs.end(), [&](const KeySpec& s) {
        return s.table == table && s.key == key;
    });
    return it == key_specs.end() ? nullptr : &*it;
}

bool is_table_name(std::string_view name) {
    return std::any_of(key_names.begin(), key_names.end(),
                       [&](const KeyName& k) { return k.table == name; });
}

// toml++ knows where each key was written; a node made up for a dotted key
// (`a.b = 1`) may not, so its value's place stands in.
Place place_of_key(const toml::key& key, const toml::node& value) {
    return key.source().begin.line > 0 ? place_of(key.source()) : place_of(value.source());
}

void read_table(std::string_view name, const toml::table& table, Config& config, KeyStates& keys,
                Diagnostics& diagnostics) {
    for (auto&& [k, v] : table) {
        std::string dotted = fmt::format("{}.{}", name, k.str());
        const KeySpec* spec = find_spec(name, k.str());
        if (spec == nullptr) {
            diagnostics.error(place_of_key(k, v), dotted, unknown_key_message(name, k.str()));
            continue;
        }
        const ValueReader reader{v, dotted, diagnostics};
        const bool valid = spec->read(reader, config);
        keys.insert_or_assign(std::move(dotted), KeyState{place_of(v.source()), valid});
    }
}

void sort_by_place(std::vector<ConfigDiagnostic>& list) {
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return std::pair{a.line, a.column} < std::pair{b.line, b.column};
    });
}

}  // namespace

ConfigParse parse_config(std::string_view text, std::string_view file_name) {
    ConfigParse result;
    Diagnostics diagnostics{file_name, result};
    toml::table root;
    try {
        root = toml::parse(text, file_name);
    } catch (const toml::parse_error& e) {
        diagnostics.error(place_of(e.source()), "", std::string{e.description()});
        return result;
    }

    Config config;
    KeyStates keys;
    for (auto&& [k, v] : root) {
        const std::string_view name = k.str();
        if (!is_table_name(name)) {
            diagnostics.error(
                place_of_key(k, v), std::string{name},
                v.is_table() ? unknown_table_message(name) : unknown_key_message("", name));
        } else if (const toml::table* table = v.as_table()) {
            read_table(name, *table, config, keys, diagnostics);
        } else {
            diagnostics.error(
                place_of(v.source()), std::string{name},
                fmt::format("expected a table ([{}]), got {}", name, type_name(v.type())));
        }
    }
    config_detail::check_config(config, keys, diagnostics);

    sort_by_place(result.errors);
    sort_by_place(result.warnings);
    if (result.errors.empty()) {
        result.config = config;
    }
    return result;
}

}  // namespace walkbreak::core
