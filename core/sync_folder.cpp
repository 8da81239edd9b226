// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sync_folder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace walkbreak::core {
namespace {

constexpr std::size_t max_name_part = 32;
constexpr std::string_view journal_suffix = ".journal";
constexpr std::string_view presence_suffix = ".presence";
// Syncthing names a conflict copy NAME.sync-conflict-DATE-TIME-WHO.EXT.
constexpr std::string_view conflict_marker = ".sync-conflict-";

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

bool is_name_part(std::string_view s) {
    return !s.empty() && s.size() <= max_name_part && std::all_of(s.begin(), s.end(), is_name_char);
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "2026-12": a month from 1970-01 to 9999-12.
std::optional<YearMonth> parse_year_month(std::string_view s) {
    if (s.size() != 7 || s[4] != '-') return std::nullopt;
    int year = 0;
    unsigned month = 0;
    const auto y = std::from_chars(s.data(), s.data() + 4, year);
    const auto m = std::from_chars(s.data() + 5, s.data() + 7, month);
    if (y.ptr != s.data() + 4 || m.ptr != s.data() + 7 || year < 1970 || month < 1 || month > 12) {
        return std::nullopt;
    }
    return YearMonth{year, month};
}

// NAME.ID then REST: the device part of our own file names.
struct Owner {
    std::string_view name;
    DeviceId device;
    std::string_view rest;
};
std::optional<Owner> split_owner(std::string_view stem) {
    const auto dot = stem.find('.');
    if (dot == std::string_view::npos || !is_name_part(stem.substr(0, dot))) return std::nullopt;
    const std::string_view after = stem.substr(dot + 1);
    const auto id = DeviceId::parse(after.substr(0, 16));
    if (!id || (after.size() > 16 && after[16] != '.')) return std::nullopt;
    return Owner{stem.substr(0, dot), *id, after.size() > 16 ? after.substr(17) : ""};
}

FolderFile of_kind(FolderFile::Kind kind) {
    FolderFile f;
    f.kind = kind;
    return f;
}

}  // namespace

YearMonth year_month_of(WallTime at) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(at)};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
}

std::string device_name_for_files(std::string_view device_name) {
    std::string out;
    for (const char c : device_name) {
        const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if (is_name_char(lower) && lower != '-') {
            out += lower;
        } else if (!out.empty() && out.back() != '-') {
            out += '-';  // a run of anything else, dots and spaces included, is one hyphen
        }
        if (out.size() == max_name_part) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? std::string("device") : out;
}

std::string journal_file_name(std::string_view device_name, DeviceId device, YearMonth month) {
    return fmt::format("{}.{}.{:04}-{:02}{}", device_name_for_files(device_name), device.hex(),
                       month.year, month.month, journal_suffix);
}

std::string presence_file_name(std::string_view device_name, DeviceId device) {
    return fmt::format("{}.{}{}", device_name_for_files(device_name), device.hex(),
                       presence_suffix);
}

FolderFile classify_folder_file(std::string_view name) {
    using Kind = FolderFile::Kind;
    constexpr std::array<std::string_view, 3> engine_names{".stfolder", ".stignore", ".stversions"};
    if (std::find(engine_names.begin(), engine_names.end(), name) != engine_names.end()) {
        return of_kind(Kind::SyncEngine);
    }
    // Syncthing downloads into .syncthing.NAME.tmp (~syncthing~NAME.tmp on
    // some systems); walkbreak writes its presence as .NAME.tmp and renames it.
    if ((name.starts_with('.') || name.starts_with("~syncthing~")) && ends_with(name, ".tmp")) {
        return of_kind(Kind::InTransit);
    }
    if (name.find(conflict_marker) != std::string_view::npos) return of_kind(Kind::ConflictCopy);

    FolderFile file;
    if (ends_with(name, journal_suffix)) {
        const auto owner = split_owner(name.substr(0, name.size() - journal_suffix.size()));
        const auto month = owner ? parse_year_month(owner->rest) : std::nullopt;
        if (!month) return of_kind(Kind::Unknown);
        file.kind = Kind::Journal;
        file.device = owner->device;
        file.device_name = std::string(owner->name);
        file.month = *month;
        return file;
    }
    if (ends_with(name, presence_suffix)) {
        const auto owner = split_owner(name.substr(0, name.size() - presence_suffix.size()));
        if (!owner || !owner->rest.empty()) return of_kind(Kind::Unknown);
        file.kind = Kind::Presence;
        file.device = owner->device;
        file.device_name = std::string(owner->name);
        return file;
    }
    return of_kind(Kind::Unknown);
}

}  // namespace walkbreak::core
