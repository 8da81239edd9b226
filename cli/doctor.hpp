// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `walkbreak doctor`: what walkbreak can see of this desktop, each problem
// with the command that fixes it. Gathering (doctor_checks.cpp) talks to the
// display, the buses, systemd and the database; rendering is pure.
#include <optional>
#include <string>
#include <vector>

#include "core/paths.hpp"

namespace walkbreak::cli {

// Info: a fact that needs no action, e.g. an idle backend not available while
// another one works.
enum class Health { Ok, Info, Warning, Problem };

struct Finding {
    std::string area;     // "idle", "meeting", "notifications", "logind", "service", "database",
                          // "config", "sync"
    std::string subject;  // e.g. "x11-sync", "dunst 1.9.0", "walkbreakd.service"
    Health health{Health::Ok};
    std::string detail;  // what was found, or why it is not available
    std::string fix;     // a command or step that fixes it; empty when nothing to do
};

struct DoctorReport {
    std::vector<Finding> findings;
    // Problems make `doctor` exit 1; warnings do not.
    bool healthy() const;
};

std::string render_doctor_text(const DoctorReport& report, bool colour);
// {"healthy":bool,"findings":[{"area","subject","health":"ok|info|warning|problem","detail","fix"}]}
std::string render_doctor_json(const DoctorReport& report);

// The config file's findings: one per error and per warning (the subject is
// the file, each detail "line:col: key: message"), or one saying it is valid
// or absent.
void check_config(const core::Paths& paths, DoctorReport& report);

// The sync folder's findings (area "sync", docs/SYNC.md): one info line while
// sync is off; else whether the folder exists, is a directory and writable,
// is shared by Syncthing (.stfolder), which other devices wrote there, who is
// behind, and conflict copies. `home` resolves a folder under "~/". A fix may
// be several lines.
void check_sync(const core::Paths& paths, const std::optional<std::string>& home,
                DoctorReport& report);

}  // namespace walkbreak::cli
