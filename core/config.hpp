// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// walkbreak's configuration: a plain struct whose in-class defaults are the
// built-in configuration (the file is optional), and a pure parser from TOML
// text to that struct. Keys and defaults are those of config/walkbreak.toml.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil.hpp"
#include "core/meeting_signal.hpp"
#include "core/time.hpp"

namespace walkbreak::core {

using namespace std::chrono_literals;

enum class WalkCredit { Ask, Auto, Off };   // walk.credit
enum class GoalProgram { None, Beginner };  // goal.program
enum class IdleBackend { Auto, ExtIdleNotify, KdeIdle, GnomeMutter, X11Sync, X11ScreenSaver };

struct WorkHours {
    TimeOfDay start{};
    TimeOfDay end{};  // end < start means the hours run past midnight
    friend bool operator==(const WorkHours&, const WorkHours&) = default;
};

struct Config {
    struct Idle {
        Seconds away_after{2min};
        IdleBackend backend{IdleBackend::Auto};
        // An idle inhibitor (a playing video, a presentation) keeps you sitting.
        bool inhibitors_keep_sitting{true};
        friend bool operator==(const Idle&, const Idle&) = default;
    } idle;
    struct Reminder {
        Seconds interval{45min};
        Seconds escalate_after{15min};
        Seconds snooze{10min};
        friend bool operator==(const Reminder&, const Reminder&) = default;
    } reminder;
    struct Walk {
        Seconds min{2min};
        Seconds max{60min};
        Seconds grace{15min};
        WalkCredit credit{WalkCredit::Ask};
        friend bool operator==(const Walk&, const Walk&) = default;
    } walk;
    struct Day {
        TimeOfDay starts_at{0};
        friend bool operator==(const Day&, const Day&) = default;
    } day;
    struct Goal {
        Seconds daily{30min};
        Seconds weekly{150min};
        GoalProgram program{GoalProgram::None};
        std::optional<Date> program_start;
        friend bool operator==(const Goal&, const Goal&) = default;
    } goal;
    struct Checkin {
        bool enabled{false};
        friend bool operator==(const Checkin&, const Checkin&) = default;
    } checkin;
    struct Schedule {
        std::optional<WorkHours> work_hours;
        // Monday first (ISO 8601); only consulted when work_hours is set.
        std::array<bool, 7> work_days{true, true, true, true, true, false, false};
        friend bool operator==(const Schedule&, const Schedule&) = default;
    } schedule;
    struct Meeting {
        bool enabled{true};
        // The desktop's signals that mean "in a meeting"; `walkbreak meeting`
        // works whenever meetings are enabled, whatever this lists.
        std::vector<MeetingSignal> signals{MeetingSignal::Microphone, MeetingSignal::Camera,
                                           MeetingSignal::DoNotDisturb, MeetingSignal::Fullscreen};
        // A reminder held for a meeting is shown this long after it ends (a
        // next call starting meanwhile holds it again).
        Seconds remind_after{1min};
        // After one meeting this long, the held reminder is shown anyway: a
        // signal that never ends must not silence walkbreak for good.
        Seconds max_hold{2h};
        // Recording by these applications is not a meeting (a dictation tool).
        std::vector<std::string> ignore_apps;
        std::string camera_devices{"/dev/video*"};  // a glob of video device nodes
        friend bool operator==(const Meeting&, const Meeting&) = default;
    } meeting;
    // Several computers, one history (docs/SYNC.md).
    struct Sync {
        // The folder a file sync (Syncthing) carries between the user's
        // computers; unset, sync is off. As written: an absolute path or one
        // under "~/", the home directory, which is resolved where it is used.
        std::optional<std::string> folder;
        // This computer's name for the others to show; unset, the host name.
        std::optional<std::string> device_name;
        // How long a decision that depends on another computer waits for its news.
        Seconds settle{30s};
        friend bool operator==(const Sync&, const Sync&) = default;
    } sync;

    friend bool operator==(const Config&, const Config&) = default;
};

// One problem found in a config file, pointing at where it is.
struct ConfigDiagnostic {
    std::string file;
    int line{0};          // 1-based; 0 when the problem has no place (e.g. unreadable file)
    int column{0};        // 1-based
    std::string key;      // dotted, e.g. "reminder.interval"; empty for syntax errors
    std::string message;  // what was expected, e.g. `expected a duration like 90s, 5m or 1h30m`
    // "file:line:col: key: message" on one line.
    std::string to_string() const;
};

struct ConfigParse {
    std::optional<Config> config;            // set when there are no errors
    std::vector<ConfigDiagnostic> errors;    // any error means the whole file is refused
    std::vector<ConfigDiagnostic> warnings;  // allowed but unusual (interval outside 30-60m)
};

// Pure: text in, config or errors out. `file_name` is only used in diagnostics.
ConfigParse parse_config(std::string_view text, std::string_view file_name);
// Reads the file; a missing file gives the built-in defaults, an unreadable one an error.
ConfigParse load_config_file(const std::string& path);

// The effective configuration as TOML, every key spelled out (`config show`).
std::string format_config(const Config& config);
// The same as one JSON object of sections (`config show --json`): durations
// and times are the strings the file takes ("45m", "09:00-17:30").
std::string format_config_json(const Config& config);

std::string_view to_string(WalkCredit v);
std::string_view to_string(GoalProgram v);
std::string_view to_string(IdleBackend v);

}  // namespace walkbreak::core
