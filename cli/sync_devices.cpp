// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/sync_devices.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <variant>

#include <fmt/format.h>

#include "core/journal_merge.hpp"
#include "core/journal_read.hpp"
#include "core/sync_folder.hpp"
#include "core/sync_paths.hpp"

namespace walkbreak::cli {
namespace {

namespace fs = std::filesystem;

// What is gathered of one device while the folder is listed.
struct Gathered {
    std::vector<core::JournalEntry> entries;
    SeenDevice seen;
    // The name its newest file's name carries: the newest month's journal,
    // else its presence file.
    std::optional<core::YearMonth> name_month;
    std::string file_name_name;
};

std::optional<std::string> read_whole(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return std::nullopt;  // a directory opens, but reads nothing
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(text).str();
}

std::optional<core::WallTime> modified_at(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    using std::chrono::duration_cast;
    const auto since_epoch =
        std::chrono::seconds{st.st_mtim.tv_sec} +
        duration_cast<core::Millis>(std::chrono::nanoseconds{st.st_mtim.tv_nsec});
    return core::WallTime{duration_cast<core::Millis>(since_epoch)};
}

void note_news(SeenDevice& seen, const fs::path& path) {
    const auto at = modified_at(path);
    if (at && (!seen.last_news || *at > *seen.last_news)) seen.last_news = at;
}

Gathered& device_of(std::map<core::DeviceId, Gathered>& devices, core::DeviceId id) {
    Gathered& g = devices[id];
    g.seen.id = id;
    return g;
}

void read_journal_file(const fs::path& path, const core::FolderFile& file, Gathered& device,
                       std::vector<IgnoredFile>& ignored) {
    const std::string name = path.filename().string();
    ++device.seen.journal_files;
    if (!device.name_month || file.month > *device.name_month) {
        device.name_month = file.month;
        device.file_name_name = file.device_name;
    }
    note_news(device.seen, path);
    const auto text = read_whole(path);
    if (!text) {
        ignored.push_back({name, IgnoredFile::Why::Unreadable, "cannot be read"});
        return;
    }
    auto read = core::read_journal(*text, file.device);
    if (!read) {
        ignored.push_back({name, IgnoredFile::Why::NewerVersion, read.error()});
        return;
    }
    device.seen.skipped_lines +=
        read->damaged_lines + read->unknown_kind_lines + read->foreign_lines;
    device.seen.conflicting_entries += read->conflicting_lines;
    device.seen.arriving = device.seen.arriving || read->torn_tail;
    std::move(read->entries.begin(), read->entries.end(), std::back_inserter(device.entries));
}

void read_presence_file(const fs::path& path, const core::FolderFile& file, Gathered& device,
                        std::vector<IgnoredFile>& ignored) {
    const std::string name = path.filename().string();
    if (!device.name_month) device.file_name_name = file.device_name;
    note_news(device.seen, path);
    const auto text = read_whole(path);
    if (!text) {
        ignored.push_back({name, IgnoredFile::Why::Unreadable, "cannot be read"});
        return;
    }
    const auto decoded = core::decode_presence_file(*text);
    if (const auto* problem = std::get_if<core::LineProblem>(&decoded)) {
        const bool newer = problem->kind == core::LineProblem::Kind::NewerVersion;
        ignored.push_back({name, newer ? IgnoredFile::Why::NewerVersion : IgnoredFile::Why::Damaged,
                           newer ? fmt::format("in journal format {}, newer than the {} this "
                                               "walkbreak reads",
                                               problem->version, core::journal_format_version)
                                 : problem->detail});
        return;
    }
    const auto& presence = std::get<core::PresenceRecord>(decoded);
    if (presence.device != *file.device) {
        ignored.push_back({name, IgnoredFile::Why::Damaged,
                           fmt::format("names device {}, not the one its file name says",
                                       presence.device.hex())});
        return;
    }
    device.seen.presence = presence;
}

}  // namespace

std::string_view to_string(IgnoredFile::Why why) {
    switch (why) {
        case IgnoredFile::Why::ConflictCopy:
            return "conflict_copy";
        case IgnoredFile::Why::Unknown:
            return "unknown";
        case IgnoredFile::Why::NewerVersion:
            return "newer_version";
        case IgnoredFile::Why::Damaged:
            return "damaged";
        case IgnoredFile::Why::Unreadable:
            return "unreadable";
    }
    return "unknown";
}

int FolderDevices::other_devices() const {
    return static_cast<int>(std::count_if(devices.begin(), devices.end(),
                                          [](const auto& d) { return !d.this_device; }));
}

int FolderDevices::conflict_copies() const {
    return static_cast<int>(std::count_if(ignored.begin(), ignored.end(), [](const auto& f) {
        return f.why == IgnoredFile::Why::ConflictCopy;
    }));
}

core::Result<FolderDevices> read_folder_devices(const std::string& folder,
                                                std::optional<core::DeviceId> this_device) {
    FolderDevices out;
    out.folder = folder;
    out.this_device = this_device;
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec == std::errc::no_such_file_or_directory) {
        return core::Error{fmt::format(
            "the sync folder {} does not exist: create it and share it with your other computers "
            "(walkbreak doctor says how)",
            folder)};
    }
    if (ec == std::errc::not_a_directory) {
        return core::Error{fmt::format("the sync folder {} is not a directory", folder)};
    }
    if (ec)
        return core::Error{fmt::format("cannot read the sync folder {}: {}", folder, ec.message())};

    std::vector<fs::path> paths;
    for (; it != fs::directory_iterator{}; it.increment(ec)) {
        if (ec) break;
        paths.push_back(it->path());
    }
    if (ec)
        return core::Error{fmt::format("cannot read the sync folder {}: {}", folder, ec.message())};
    std::sort(paths.begin(), paths.end());

    std::map<core::DeviceId, Gathered> devices;
    using Kind = core::FolderFile::Kind;
    for (const auto& path : paths) {
        const std::string name = path.filename().string();
        const core::FolderFile file = core::classify_folder_file(name);
        switch (file.kind) {
            case Kind::SyncEngine:
                break;
            case Kind::InTransit:
                ++out.in_transit;
                break;
            case Kind::ConflictCopy:
                out.ignored.push_back({name, IgnoredFile::Why::ConflictCopy,
                                       "a conflict copy: something other than its device changed "
                                       "the file; the original is the one read"});
                break;
            case Kind::Unknown:
                out.ignored.push_back({name, IgnoredFile::Why::Unknown, "not a walkbreak file"});
                break;
            case Kind::Journal:
                read_journal_file(path, file, device_of(devices, *file.device), out.ignored);
                break;
            case Kind::Presence:
                read_presence_file(path, file, device_of(devices, *file.device), out.ignored);
                break;
        }
    }

    std::vector<core::JournalEntry> all;
    for (auto& [id, g] : devices) {
        std::move(g.entries.begin(), g.entries.end(), std::back_inserter(all));
    }
    for (const core::DeviceRecords& merged : core::merge_journals(all)) {
        SeenDevice& seen = devices.at(merged.device).seen;
        seen.name = merged.name;
        seen.last_sequence = merged.last_sequence;
        seen.missing_sequences = merged.missing_sequences;
        seen.conflicting_entries += merged.conflicting_entries;
    }
    for (auto& [id, g] : devices) {
        if (g.seen.name.empty()) g.seen.name = g.file_name_name;
        g.seen.this_device = this_device && id == *this_device;
        out.devices.push_back(std::move(g.seen));
    }
    std::sort(out.devices.begin(), out.devices.end(), [](const auto& a, const auto& b) {
        if (a.this_device != b.this_device) return a.this_device;
        if (a.name != b.name) return a.name < b.name;
        return a.id < b.id;
    });
    std::sort(out.ignored.begin(), out.ignored.end(),
              [](const auto& a, const auto& b) { return a.file < b.file; });
    return out;
}

std::optional<core::DeviceId> read_device_id(const core::Paths& paths) {
    auto id = core::read_device_id_file(core::device_id_file(paths.db));
    return id ? *id : std::nullopt;
}

core::Result<std::string> resolve_sync_folder(const core::Config::Sync& sync,
                                              const std::optional<std::string>& home) {
    auto folder = core::resolve_sync_folder(sync, home.value_or(""));
    if (!folder) return core::Error{folder.error()};
    return folder->string();
}

}  // namespace walkbreak::cli
