// SPDX-License-Identifier: GPL-3.0-or-later
// Config back to TOML, for `walkbreak config show`. What parse_config() reads
// back from this text equals the Config it was made from.
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/config.hpp"
#include "core/config_detail.hpp"
#include "core/duration.hpp"

namespace walkbreak::core {
namespace {

std::string quoted(std::string_view s) { return fmt::format("\"{}\"", s); }
std::string quoted(Seconds d) { return quoted(format_duration(d)); }
std::string_view boolean(bool b) { return b ? "true" : "false"; }

std::string work_days(const std::array<bool, 7>& days) {
    std::string out;
    for (std::size_t i = 0; i < days.size(); ++i) {
        if (days[i]) {
            out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", config_detail::day_names[i]);
        }
    }
    return "[" + out + "]";
}

// A TOML basic string, escaped by toml++ itself (an application name may hold anything).
std::string toml_string(std::string_view s) {
    std::ostringstream out;
    out << toml::value<std::string>{std::string{s}};
    return out.str();
}

std::string meeting_signals(const std::vector<MeetingSignal>& signals) {
    std::string out;
    for (const MeetingSignal signal : signals) {
        out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", to_string(signal));
    }
    return "[" + out + "]";
}

std::string app_names(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += (out.empty() ? "" : ", ") + toml_string(name);
    }
    return "[" + out + "]";
}

}  // namespace

// The spellings are the values of the config file: changing one breaks users' files.
std::string_view to_string(WalkCredit v) {
    switch (v) {
        case WalkCredit::Ask:
            return "ask";
        case WalkCredit::Auto:
            return "auto";
        case WalkCredit::Off:
            return "off";
    }
    return "?";
}

std::string_view to_string(GoalProgram v) {
    switch (v) {
        case GoalProgram::None:
            return "none";
        case GoalProgram::Beginner:
            return "beginner";
    }
    return "?";
}

std::string_view to_string(IdleBackend v) {
    switch (v) {
        case IdleBackend::Auto:
            return "auto";
        case IdleBackend::ExtIdleNotify:
            return "ext-idle-notify";
        case IdleBackend::KdeIdle:
            return "kde-idle";
        case IdleBackend::GnomeMutter:
            return "gnome-mutter";
        case IdleBackend::X11Sync:
            return "x11-sync";
        case IdleBackend::X11ScreenSaver:
            return "x11-screensaver";
    }
    return "?";
}

std::string ConfigDiagnostic::to_string() const {
    std::string out = line > 0 ? fmt::format("{}:{}:{}: ", file, line, column) : file + ": ";
    if (!key.empty()) {
        out += key + ": ";
    }
    return out + message;
}

// TOML has no null: an unset optional key is printed as a comment saying so.
std::string format_config(const Config& c) {
    std::string out;
    const auto add = [&out](std::string_view key, std::string_view value) {
        out += fmt::format("{} = {}\n", key, value);
    };
    out += "[idle]\n";
    add("away_after", quoted(c.idle.away_after));
    add("backend", quoted(to_string(c.idle.backend)));
    add("inhibitors_keep_sitting", boolean(c.idle.inhibitors_keep_sitting));
    out += "\n[reminder]\n";
    add("interval", quoted(c.reminder.interval));
    add("escalate_after", quoted(c.reminder.escalate_after));
    add("snooze", quoted(c.reminder.snooze));
    out += "\n[walk]\n";
    add("min", quoted(c.walk.min));
    add("max", quoted(c.walk.max));
    add("grace", quoted(c.walk.grace));
    add("credit", quoted(to_string(c.walk.credit)));
    out += "\n[day]\n";
    add("starts_at", quoted(format_time_of_day(c.day.starts_at)));
    out += "\n[goal]\n";
    add("daily", quoted(c.goal.daily));
    add("weekly", quoted(c.goal.weekly));
    add("program", quoted(to_string(c.goal.program)));
    if (c.goal.program_start) {
        add("program_start", format_date(*c.goal.program_start));
    } else {
        out += "# program_start is not set\n";
    }
    out += "\n[checkin]\n";
    add("enabled", boolean(c.checkin.enabled));
    out += "\n[schedule]\n";
    if (c.schedule.work_hours) {
        add("work_hours", quoted(format_time_of_day(c.schedule.work_hours->start) + "-" +
                                 format_time_of_day(c.schedule.work_hours->end)));
    } else {
        out += "# work_hours is not set: reminders at any hour\n";
    }
    add("work_days", work_days(c.schedule.work_days));
    out += "\n[meeting]\n";
    add("enabled", boolean(c.meeting.enabled));
    add("signals", meeting_signals(c.meeting.signals));
    add("remind_after", quoted(c.meeting.remind_after));
    add("max_hold", quoted(c.meeting.max_hold));
    add("ignore_apps", app_names(c.meeting.ignore_apps));
    add("camera_devices", toml_string(c.meeting.camera_devices));
    out += "\n[sync]\n";
    if (c.sync.folder) {
        add("folder", toml_string(*c.sync.folder));
    } else {
        out += "# folder is not set: this computer counts alone\n";
    }
    if (c.sync.device_name) {
        add("device_name", toml_string(*c.sync.device_name));
    } else {
        out += "# device_name is not set: the host name\n";
    }
    add("settle", quoted(c.sync.settle));
    return out;
}

// Through toml++'s JSON writer, so that both spell every key the same way.
std::string format_config_json(const Config& config) {
    const toml::table table = toml::parse(format_config(config));
    std::ostringstream out;
    out << toml::json_formatter{table};
    return out.str() + "\n";
}

}  // namespace walkbreak::core
