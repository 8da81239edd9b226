// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak doctor`'s look at the sync folder (docs/SYNC.md): only files, no
// desktop, so it lives in the CLI library and is tested on real folders.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "cli/doctor.hpp"
#include "cli/sync_devices.hpp"
#include "core/config.hpp"
#include "core/sync_paths.hpp"

namespace walkbreak::cli {
namespace {

namespace fs = std::filesystem;

// `text` as one word of a command the user is told to run: as it is when it
// holds nothing a shell reads specially, else in single quotes.
std::string shell_word(std::string_view text) {
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("/._-+@%:,=").find(c) != std::string_view::npos;
    });
    if (plain) return std::string(text);
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Syncthing's set-up, for a folder that is not shared yet.
std::string syncthing_steps(const std::string& folder) {
    return fmt::format(
        "on each computer: sudo apt install syncthing; systemctl --user enable --now "
        "syncthing.service\n"
        "open http://127.0.0.1:8384, Add Remote Device with the other computer's ID (Actions > "
        "Show ID there)\n"
        "Add Folder with the path {} and share it with that device; accept it on the other "
        "computer with its own sync.folder as the path",
        shell_word(folder));
}

std::string names_of(const FolderDevices& devices, bool behind_only) {
    std::string out;
    for (const SeenDevice& d : devices.devices) {
        if (d.this_device || (behind_only && d.missing_sequences == 0)) continue;
        if (!out.empty()) out += ", ";
        out += d.name;
        if (behind_only) out += fmt::format(" ({} missing)", d.missing_sequences);
    }
    return out;
}

void check_folder_contents(const std::string& folder, const core::Paths& paths,
                           DoctorReport& report) {
    const auto self = read_device_id(paths);
    const auto devices = read_folder_devices(folder, self);
    if (!devices) {
        report.findings.push_back(
            {"sync", folder, Health::Problem, devices.error(),
             fmt::format("ls -ld {}: check its owner and permissions", shell_word(folder))});
        return;
    }
    const int others = devices->other_devices();
    if (others == 0) {
        report.findings.push_back(
            {"sync", "other devices", Health::Info,
             "none seen yet: nothing of another computer is in the folder",
             "set the same folder up on your other computers (walkbreak devices lists them)"});
    } else {
        report.findings.push_back({"sync",
                                   "other devices",
                                   Health::Ok,
                                   fmt::format("{} seen: {}", others, names_of(*devices, false)),
                                   {}});
    }
    const std::string behind = names_of(*devices, true);
    if (!behind.empty()) {
        report.findings.push_back(
            {"sync",
             "behind",
             Health::Info,
             fmt::format("entries not here yet: {}; a file still on its way, or lost", behind),
             {}});
    }
    for (const SeenDevice& d : devices->devices) {
        if (d.conflicting_entries == 0) continue;
        report.findings.push_back(
            {"sync", d.name, Health::Warning,
             fmt::format("device {} wrote {} entries twice with different contents: two "
                         "computers may share one device id",
                         d.id.hex(), d.conflicting_entries),
             fmt::format("on one of them: stop walkbreakd, delete its device-id file ({} here) "
                         "and start it again",
                         core::device_id_file(paths.db).string())});
    }
    const int copies = devices->conflict_copies();
    if (copies > 0) {
        report.findings.push_back(
            {"sync", "conflict copies", Health::Warning,
             fmt::format("{} in the folder, ignored: something other than a file's device "
                         "changed it (a hand edit, a restored backup, two computers with one "
                         "device id); the originals are read",
                         copies),
             fmt::format("delete them once looked at: rm {}/*.sync-conflict-*",
                         shell_word(folder))});
    }
    for (const IgnoredFile& f : devices->ignored) {
        if (f.why != IgnoredFile::Why::NewerVersion) continue;
        report.findings.push_back({"sync", f.file, Health::Warning, "skipped: " + f.detail,
                                   "upgrade walkbreak on this computer"});
    }
}

}  // namespace

void check_sync(const core::Paths& paths, const std::optional<std::string>& home,
                DoctorReport& report) {
    const auto parsed = core::load_config_file(paths.config);
    if (!parsed.config) return;  // check_config reports the errors
    const core::Config::Sync& sync = parsed.config->sync;
    const auto& configured = sync.folder;
    if (!configured) {
        report.findings.push_back(
            {"sync",
             "sync",
             Health::Info,
             "off: this computer counts alone (sync.folder shares one history between computers; "
             "see walkbreak.toml(5))",
             {}});
        return;
    }
    const auto resolved = resolve_sync_folder(sync, home);
    if (!resolved) {
        report.findings.push_back({"sync", *configured, Health::Problem, resolved.error(),
                                   "set HOME, or write sync.folder as an absolute path"});
        return;
    }
    const std::string& folder = *resolved;
    std::error_code ec;
    const auto status = fs::status(folder, ec);
    if (!fs::exists(status)) {
        report.findings.push_back(
            {"sync", folder, Health::Problem,
             "does not exist: walkbreak keeps counting here alone, and nothing is shared",
             fmt::format("mkdir -p {}, then share it:\n{}", shell_word(folder),
                         syncthing_steps(folder))});
        return;
    }
    if (!fs::is_directory(status)) {
        report.findings.push_back({"sync", folder, Health::Problem, "is not a directory",
                                   "point sync.folder at a directory, or move the file away"});
        return;
    }
    // access(2) also says no on a read-only file system.
    if (::access(folder.c_str(), W_OK) != 0) {
        report.findings.push_back(
            {"sync", folder, Health::Problem,
             "is not writable: this computer's journal cannot be written there",
             fmt::format("check its owner and permissions: ls -ld {}", shell_word(folder))});
    } else {
        report.findings.push_back({"sync", folder, Health::Ok, "a writable directory", {}});
    }
    if (fs::exists(fs::path(folder) / ".stfolder", ec)) {
        report.findings.push_back(
            {"sync", "syncthing", Health::Ok, "the folder is shared (.stfolder is there)", {}});
    } else {
        report.findings.push_back({"sync", "syncthing", Health::Warning,
                                   "not a Syncthing folder (no .stfolder); another file sync "
                                   "may carry it",
                                   syncthing_steps(folder)});
    }
    check_folder_contents(folder, paths, report);
}

}  // namespace walkbreak::cli
