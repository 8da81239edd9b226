// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/sync_reader.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <fmt/format.h>

#include "core/journal_merge.hpp"
#include "core/journal_read.hpp"
#include "core/sync_folder.hpp"
#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {
namespace {

// A month of one device's records is a few hundred kilobytes; a file far
// larger is not a journal walkbreak wrote, and is not read into memory.
constexpr off_t largest_journal = 64 * 1024 * 1024;

core::WallTime modified_at(const struct stat& st) {
    return core::WallTime{std::chrono::duration_cast<core::Millis>(
        std::chrono::seconds{st.st_mtim.tv_sec} + std::chrono::nanoseconds{st.st_mtim.tv_nsec})};
}

// The whole file, or why not: errno's word, or that it is too large. ENOENT
// (gone since it was listed) is an empty error.
core::Result<std::string> read_whole(const std::string& path, core::WallTime& modified) {
    UniqueFd fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)};
    if (!fd) return core::Error{errno == ENOENT ? std::string{} : std::strerror(errno)};
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return core::Error{std::strerror(errno)};
    if (!S_ISREG(st.st_mode)) return core::Error{"not a regular file"};
    if (st.st_size > largest_journal) {
        return core::Error{fmt::format("{} bytes, far more than a journal holds", st.st_size)};
    }
    modified = modified_at(st);
    std::string text;
    text.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return core::Error{std::strerror(errno)};
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > static_cast<std::size_t>(largest_journal)) {
            return core::Error{"it grew past what a journal holds"};
        }
    }
    return text;
}

}  // namespace

SyncReader::SyncReader(boost::asio::io_context& io, std::string folder, core::DeviceId own,
                       Recorder& recorder, Logger& log, Callbacks callbacks)
    : folder_(std::move(folder)),
      own_(own),
      recorder_(recorder),
      log_(log),
      callbacks_(std::move(callbacks)),
      forget_(io, TimerClock::Monotonic, [this]() noexcept { forget_presence(); }),
      work_(io, [this]() noexcept { step(); }) {
    auto watch = FolderWatch::open(
        io, folder_,
        FolderWatch::Callbacks{[this]() noexcept { on_appeared(); },
                               [this](const std::string& name) noexcept { on_changed(name); },
                               [this]() noexcept { on_vanished(); }});
    if (watch) {
        watch_ = std::move(*watch);
    } else {
        watch_error_ = watch.error();  // start() says it
    }
}

core::Outcome SyncReader::start() {
    if (!watch_) {
        return core::Error{
            fmt::format("cannot watch the sync folder {}: {}", folder_, watch_error_)};
    }
    watch_->start();
    if (!watch_->present()) {
        log_.warning("sync",
                     "the sync folder {} does not exist; walkbreak counts on here and reads it "
                     "when it appears (watching {})",
                     folder_, watch_->waiting_in().empty() ? "nothing" : watch_->waiting_in());
    }
    return core::success();
}

void SyncReader::on_appeared() {
    // What the folder holds now is all there is: the names are listed afresh.
    // A device whose files are not there (yet) keeps what was stored of it.
    journals_.clear();
    presence_files_.clear();
    DIR* dir = ::opendir(folder_.c_str());
    if (dir == nullptr) {
        log_.warning("sync", "cannot list the sync folder {} ({}); it is read at its next change",
                     folder_, std::strerror(errno));
        return;
    }
    while (const dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name != "." && name != "..") note(name, true);
    }
    ::closedir(dir);
    std::size_t files = 0;
    for (const auto& [device, names] : journals_) files += names.size();
    log_.notice("sync", "reading the sync folder {}{}: {} journal(s) of {} other device(s)",
                folder_, seen_once_ ? " again" : "", files, journals_.size());
    seen_once_ = true;
    if (callbacks_.folder_appeared) callbacks_.folder_appeared();
}

void SyncReader::on_changed(const std::string& name) {
    struct stat st {};
    note(name, ::fstatat(AT_FDCWD, (folder_ + "/" + name).c_str(), &st, 0) == 0);
}

void SyncReader::on_vanished() {
    // Nothing is forgotten: the records read stay stored, and the folder is
    // read again when it is back.
    dirty_.clear();
    reading_.reset();
    work_.cancel();
    log_.warning("sync",
                 "the sync folder {} is gone (deleted, moved or unmounted); walkbreak counts on "
                 "here and reads it again when it is back",
                 folder_);
}

void SyncReader::note(const std::string& name, bool there) {
    const core::FolderFile file = core::classify_folder_file(name);
    switch (file.kind) {
        case core::FolderFile::Kind::Journal: {
            if (!file.device || *file.device == own_) return;  // ours: never read back
            auto& names = journals_[*file.device];
            if (there) {
                names[name] = file.device_name;
            } else {
                names.erase(name);
            }
            dirty_.insert(*file.device);
            work_.schedule();
            return;
        }
        case core::FolderFile::Kind::ConflictCopy:
            if (there) {
                tell_once(name, Level::Notice,
                          "a conflict copy the sync engine made; ignored (the original is the one "
                          "read)");
            }
            return;
        case core::FolderFile::Kind::Unknown:
            if (there) tell_once(name, Level::Notice, "not a file walkbreak knows; ignored");
            return;
        case core::FolderFile::Kind::Presence:
            if (file.device && *file.device != own_) read_presence(name, *file.device, there);
            return;
        case core::FolderFile::Kind::InTransit:
        case core::FolderFile::Kind::SyncEngine:
            return;
    }
}

void SyncReader::read_presence(const std::string& name, core::DeviceId device, bool there) {
    auto& files = presence_files_[device];
    if (!there) {
        // Maybe only being replaced: gone if none is back in a while.
        files.erase(name);
        if (files.empty() && !presence_going_.contains(device)) {
            presence_going_[device] = clock_now(TimerClock::Monotonic) + presence_grace;
            if (!forget_.armed()) forget_.arm_after(presence_grace);
        }
        return;
    }
    files.insert(name);
    presence_going_.erase(device);  // back, or another name of it
    core::WallTime modified{};
    const auto text = read_whole(folder_ + "/" + name, modified);
    if (!text) {
        if (!text.error().empty())
            tell_once(name, Level::Warning, "cannot read it: " + text.error());
        return;
    }
    const auto presence = core::decode_presence_file(*text);
    if (const auto* bad = std::get_if<core::LineProblem>(&presence)) {
        // Caught half-written by the sync engine, say: its next write is read.
        log_.debug("sync", "{}: not read: {}", name, bad->detail);
        return;
    }
    const auto& record = std::get<core::PresenceRecord>(presence);
    if (record.device != device) {
        tell_once(name, Level::Warning, "it holds the presence of another device; ignored");
        return;
    }
    log_.debug("sync", "{}: {} since {}", name, core::to_string(record.state),
               core::to_unix_seconds(record.since));
    if (callbacks_.presence_read) callbacks_.presence_read(record);
}

void SyncReader::forget_presence() {
    const auto now = clock_now(TimerClock::Monotonic);
    for (auto it = presence_going_.begin(); it != presence_going_.end();) {
        const auto [device, at] = *it;
        if (at > now) {
            ++it;
            continue;
        }
        it = presence_going_.erase(it);
        presence_files_.erase(device);
        log_.debug("sync", "no presence file of device {} any more", device.hex());
        if (callbacks_.presence_gone) callbacks_.presence_gone(device);
    }
    // The next one due; each came presence_grace after its file went.
    std::optional<std::chrono::nanoseconds> next;
    for (const auto& [device, at] : presence_going_) {
        if (!next || at < *next) next = at;
    }
    if (next) forget_.arm_at(*next);
}

void SyncReader::tell_once(const std::string& name, Level level, const std::string& message) {
    if (!told_.insert(name).second) return;
    log_.write(level, "sync", fmt::format("{}/{}: {}", folder_, name, message));
}

void SyncReader::step() {
    if (!reading_) {
        if (dirty_.empty()) return;
        const core::DeviceId device = *dirty_.begin();
        dirty_.erase(dirty_.begin());
        Reading reading{device, {}, 0, {}, {}};
        if (const auto it = journals_.find(device); it != journals_.end()) {
            for (const auto& [name, device_name] : it->second) reading.files.push_back(name);
        }
        if (reading.files.empty()) {
            tell_once(device.hex(), Level::Notice,
                      fmt::format("no journal of device {} is left in the folder; what was read "
                                  "of it is kept",
                                  device.hex()));
            journals_.erase(device);
            if (!dirty_.empty()) work_.schedule();
            return;
        }
        reading_ = std::move(reading);
    }
    if (reading_->next < reading_->files.size()) {
        read_file(reading_->files[reading_->next++]);
    } else {
        store_device();
    }
    if (!caught_up()) work_.schedule();
}

void SyncReader::read_file(const std::string& name) {
    core::WallTime modified{};
    auto text = read_whole(folder_ + "/" + name, modified);
    if (!text) {
        // Gone since it was listed: its deletion is on its way as an event.
        if (!text.error().empty())
            tell_once(name, Level::Warning, "cannot read it: " + text.error());
        return;
    }
    auto read = core::read_journal(*text, reading_->device);
    if (!read) {
        tell_once(name, Level::Warning, read.error());
        return;
    }
    if (read->entries.empty() && read->damaged_lines > 0) {
        tell_once(name, Level::Notice,
                  fmt::format("no line of it can be read ({} damaged); ignored while it stays so",
                              read->damaged_lines));
    }
    reading_->newest = std::max(reading_->newest, modified);
    if (read->damaged_lines + read->foreign_lines + read->conflicting_lines +
            read->unknown_kind_lines >
        0) {
        log_.debug("sync",
                   "{}: {} damaged, {} of another device, {} conflicting, {} of unknown kinds: "
                   "skipped",
                   name, read->damaged_lines, read->foreign_lines, read->conflicting_lines,
                   read->unknown_kind_lines);
    }
    auto& entries = reading_->entries;
    entries.insert(entries.end(), std::make_move_iterator(read->entries.begin()),
                   std::make_move_iterator(read->entries.end()));
}

void SyncReader::store_device() {
    Reading reading = std::move(*reading_);
    reading_.reset();
    auto merged = core::merge_journals(reading.entries);
    std::vector<core::JournalEntry>().swap(reading.entries);
    if (merged.empty()) return;  // nothing readable in its files (yet)
    core::DeviceRecords& device = merged.front();
    // Before its name entry has been read: the name its file names carry.
    if (const auto it = journals_.find(reading.device);
        device.name.empty() && it != journals_.end() && !it->second.empty()) {
        device.name = it->second.begin()->second;
    }
    const std::string what =
        fmt::format("{} ({}): {} record(s) through entry {}{}", device.name, device.device.hex(),
                    device.records.size(), device.last_sequence,
                    device.missing_sequences == 0
                        ? std::string{}
                        : fmt::format(", {} not arrived yet", device.missing_sequences));
    if (merged_before_.insert(device.device).second) {
        log_.info("sync", "{}", what);
    } else {
        log_.debug("sync", "{}", what);
    }
    recorder_.apply_device(std::move(device), reading.newest);
    // A long history took megabytes to merge: they go back to the system,
    // not to the heap of a daemon that runs all day.
    ::malloc_trim(0);
}

}  // namespace walkbreak::daemon
