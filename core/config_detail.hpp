// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the config_*.cpp files only; not part of walkbreak_core's interface.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace walkbreak::core::config_detail {

struct Place {
    int line{0};    // 1-based; 0 for no place
    int column{0};  // 1-based
};

// A key the file wrote, by dotted name: where its value is and whether it was
// read. Rules only judge values that were read, and skip a cross-key rule when
// the other key was written but unreadable (its error is already reported).
struct KeyState {
    Place place;
    bool valid{false};
};
using KeyStates = std::map<std::string, KeyState, std::less<>>;

// Collects diagnostics into a ConfigParse, stamped with the file name.
class Diagnostics {
public:
    Diagnostics(std::string_view file, ConfigParse& out) : file_(file), out_(out) {}
    void error(Place at, std::string key, std::string message) {
        out_.errors.push_back(make(at, std::move(key), std::move(message)));
    }
    void warning(Place at, std::string key, std::string message) {
        out_.warnings.push_back(make(at, std::move(key), std::move(message)));
    }

private:
    ConfigDiagnostic make(Place at, std::string key, std::string message) const {
        return ConfigDiagnostic{file_, at.line, at.column, std::move(key), std::move(message)};
    }
    std::string file_;
    ConfigParse& out_;
};

// The spellings of schedule.work_days, Monday first like Config::Schedule.
inline constexpr std::array<std::string_view, 7> day_names{"mon", "tue", "wed", "thu",
                                                           "fri", "sat", "sun"};

// The config file's tables and keys, in the order config/walkbreak.toml and
// format_config() present them.
struct KeyName {
    std::string_view table;
    std::string_view key;
};
inline constexpr std::array<KeyName, 27> key_names{{
    {"idle", "away_after"},
    {"idle", "backend"},
    {"idle", "inhibitors_keep_sitting"},
    {"reminder", "interval"},
    {"reminder", "escalate_after"},
    {"reminder", "snooze"},
    {"walk", "min"},
    {"walk", "max"},
    {"walk", "grace"},
    {"walk", "credit"},
    {"day", "starts_at"},
    {"goal", "daily"},
    {"goal", "weekly"},
    {"goal", "program"},
    {"goal", "program_start"},
    {"checkin", "enabled"},
    {"schedule", "work_hours"},
    {"schedule", "work_days"},
    {"meeting", "enabled"},
    {"meeting", "signals"},
    {"meeting", "remind_after"},
    {"meeting", "max_hold"},
    {"meeting", "ignore_apps"},
    {"meeting", "camera_devices"},
    {"sync", "folder"},
    {"sync", "device_name"},
    {"sync", "settle"},
}};

// "unknown key `reminder.intervall`; did you mean `reminder.interval`?", or the
// list of what is allowed when nothing is close. `table` is empty at the root.
std::string unknown_key_message(std::string_view table, std::string_view key);
// The same for a table header, `[remindr]`.
std::string unknown_table_message(std::string_view table);

// The range and cross-key rules, applied once every key has been read.
void check_config(const Config& config, const KeyStates& keys, Diagnostics& diagnostics);

}  // namespace walkbreak::core::config_detail
