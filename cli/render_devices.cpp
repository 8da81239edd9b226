// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak devices` as text and JSON (cli/sync_devices.hpp).
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/report.hpp"
#include "cli/sync_devices.hpp"
#include "cli/text_bar.hpp"
#include "core/civil.hpp"

namespace walkbreak::cli {
namespace {

// "10:32" on the day of `now`, else "2026-12-05 17:03", in the zone of then.
std::string when(core::WallTime at, core::WallTime now, const ZoneOffset& zone) {
    const auto offset = zone(at);
    const std::string time = format_local_time(at, offset);
    if (format_local_date(at, offset) == format_local_date(now, zone(now))) return time;
    return fmt::format("{} {}", format_local_date(at, offset), time);
}

std::string ago(core::WallTime at, core::WallTime now) {
    if (at > now) return {};  // another computer's clock ahead of this one's
    const auto seconds = std::chrono::floor<core::Seconds>(now - at);
    if (seconds < std::chrono::minutes{1}) return " (just now)";
    return fmt::format(" ({} ago)", short_duration(seconds));
}

std::string journal_summary(const SeenDevice& d) {
    std::string out = fmt::format("id {}, ", d.id.hex());
    if (d.journal_files == 0) return out + "no journal yet";
    out += plural(d.journal_files, "journal file", "journal files");
    if (d.last_sequence == 0) return out + ", no entry read";
    out += fmt::format(", up to entry {}", d.last_sequence);
    if (d.missing_sequences == 0) out += ", none missing";
    return out;
}

std::string presence_summary(const SeenDevice& d, core::WallTime now, const ZoneOffset& zone) {
    std::string out = d.presence ? fmt::format("{} since {}", core::to_string(d.presence->state),
                                               when(d.presence->since, now, zone))
                                 : std::string("no presence yet");
    if (d.last_news)
        out +=
            fmt::format("; last news {}{}", when(*d.last_news, now, zone), ago(*d.last_news, now));
    return out;
}

nlohmann::ordered_json rfc3339_or_null(const std::optional<core::WallTime>& at,
                                       const ZoneOffset& zone) {
    if (!at) return nullptr;
    return core::format_rfc3339(*at, zone(*at));
}

}  // namespace

std::string render_devices_text(const FolderDevices& folder, core::WallTime now,
                                const ZoneOffset& zone, const TextStyle& style) {
    const int width = style.width;
    std::string out = fmt::format("sync folder {}\n", escape_control(folder.folder));
    if (folder.devices.empty()) {
        out += "\n" + wrap_line(
                          "no device has written here yet: walkbreakd writes its journal and "
                          "presence here while sync is on",
                          width);
    }
    for (const SeenDevice& d : folder.devices) {
        out += fmt::format("\n{}{}\n", paint(escape_control(d.name), ansi_cyan, style.colour),
                           d.this_device ? " (this device)" : "");
        out += wrap_line(journal_summary(d), width, "  ");
        if (d.missing_sequences > 0) {
            out += wrap_line(
                paint(fmt::format("behind: {} not here yet (a file still on its way, or lost)",
                                  plural(static_cast<std::int64_t>(d.missing_sequences), "entry",
                                         "entries")),
                      ansi_yellow, style.colour),
                width, "  ");
        }
        if (d.arriving) out += wrap_line("a line is still arriving", width, "  ");
        if (d.skipped_lines > 0) {
            out += wrap_line(fmt::format("{} skipped (damaged, or of a later walkbreak)",
                                         plural(d.skipped_lines, "line", "lines")),
                             width, "  ");
        }
        if (d.conflicting_entries > 0) {
            out += wrap_line(
                paint(fmt::format("{} written twice with different contents: two computers may "
                                  "share this id; delete walkbreak's device-id file on one of "
                                  "them",
                                  plural(d.conflicting_entries, "entry", "entries")),
                      ansi_yellow, style.colour),
                width, "  ");
        }
        out += wrap_line(presence_summary(d, now, zone), width, "  ");
    }
    const bool seen_here = std::any_of(folder.devices.begin(), folder.devices.end(),
                                       [](const SeenDevice& d) { return d.this_device; });
    if (!folder.this_device) {
        out += "\n" + wrap_line(
                          "this computer has no device id yet: walkbreakd draws one when it "
                          "starts with sync on",
                          width);
    } else if (!seen_here) {
        out += "\n" + wrap_line(fmt::format("this computer (id {}) has not written here yet",
                                            folder.this_device->hex()),
                                width);
    }
    if (!folder.ignored.empty()) {
        out +=
            fmt::format("\nignored: {}\n",
                        plural(static_cast<std::int64_t>(folder.ignored.size()), "file", "files"));
        for (const IgnoredFile& f : folder.ignored) {
            out += wrap_line(fmt::format("{}: {}", escape_control(f.file), f.detail), width, "  ");
        }
    }
    if (folder.in_transit > 0) {
        out += "\n" + wrap_line(fmt::format("{} on the way in (renamed into place when whole)",
                                            plural(folder.in_transit, "file", "files")),
                                width);
    }
    return rtrim_lines(std::move(out));
}

std::string render_devices_json(const FolderDevices& folder, const ZoneOffset& zone) {
    using Json = nlohmann::ordered_json;
    Json devices = Json::array();
    for (const SeenDevice& d : folder.devices) {
        Json j;
        j["id"] = d.id.hex();
        j["name"] = d.name;
        j["this_device"] = d.this_device;
        j["journal_files"] = d.journal_files;
        j["last_sequence"] = d.last_sequence;
        j["missing_sequences"] = d.missing_sequences;
        j["behind"] = d.missing_sequences > 0;
        j["skipped_lines"] = d.skipped_lines;
        j["conflicting_entries"] = d.conflicting_entries;
        j["arriving"] = d.arriving;
        if (d.presence) {
            j["presence"] = {
                {"state", core::to_string(d.presence->state)},
                {"since", core::format_rfc3339(d.presence->since, zone(d.presence->since))}};
        } else {
            j["presence"] = nullptr;
        }
        j["last_news"] = rfc3339_or_null(d.last_news, zone);
        devices.push_back(std::move(j));
    }
    Json ignored = Json::array();
    for (const IgnoredFile& f : folder.ignored) {
        ignored.push_back({{"file", f.file}, {"why", to_string(f.why)}, {"detail", f.detail}});
    }
    Json out;
    out["folder"] = folder.folder;
    if (folder.this_device) {
        out["this_device"] = folder.this_device->hex();
    } else {
        out["this_device"] = nullptr;
    }
    out["devices"] = std::move(devices);
    out["ignored"] = std::move(ignored);
    out["in_transit"] = folder.in_transit;
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace walkbreak::cli
