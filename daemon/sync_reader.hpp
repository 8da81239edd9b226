// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The sync folder's reader (docs/SYNC.md "Merging"): at start and whenever
// the folder changes (FolderWatch: inotify, no polling), reads the journals
// of every other device, merges each device's entries (core/journal_merge)
// and has the recorder store them, replacing what that device had. This
// computer's own files are never read back. A conflict copy or an unknown
// file is passed over with one log line per name for the daemon's life; so
// is a journal of a newer format (skipped, not misread), or one that cannot
// be read.
//
// A long history must not hold the loop: work is done in steps of one file
// (or one device's merge and store) per turn of the loop (a DeferEvent),
// so that the idle source, notifications and the control socket are served
// in between. A device is read again as a whole when any of its files
// changes; the store writes only what changed. Presence files are read as
// they change and handed on (Callbacks). A device's presence is said gone
// only when no presence file of it has been back for `presence_grace`: the
// sync engine replaces a file by removing it and then renaming its new copy
// into place (Syncthing does), and a renamed device's new file comes before
// its old one goes; neither is the device gone. Loop thread only.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/device_id.hpp"
#include "core/journal_entry.hpp"
#include "core/presence_line.hpp"
#include "core/result.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/folder_watch.hpp"
#include "daemon/logger.hpp"
#include "daemon/recorder.hpp"
#include "daemon/timer_event.hpp"

namespace walkbreak::daemon {

class SyncReader {
public:
    struct Callbacks {
        // Another device's presence file was read (a new or changed one), or
        // is gone (the file deleted, and none of that device back within
        // presence_grace): docs/SYNC.md
        // "Live, across machines".
        Callback<void(const core::PresenceRecord&)> presence_read;
        Callback<void(core::DeviceId)> presence_gone;
        // The folder is there (again): what this computer owes it can be
        // written now, without waiting for the writer's retry.
        Callback<void()> folder_appeared;
    };

    // How long a device without a presence file in the folder keeps the
    // presence last read: far longer than the sync engine takes from
    // removing a file to renaming its new copy into place.
    static constexpr std::chrono::seconds presence_grace{2};

    // `folder` is absolute; `own` this computer's device id.
    SyncReader(boost::asio::io_context& io, std::string folder, core::DeviceId own,
               Recorder& recorder, Logger& log, Callbacks callbacks = {});
    SyncReader(const SyncReader&) = delete;
    SyncReader& operator=(const SyncReader&) = delete;

    // Watches the folder and reads it from the loop; an error says why the
    // folder cannot be watched at all (tracking goes on without it).
    core::Outcome start();
    // Nothing left to read of what the folder held at the last change.
    bool caught_up() const { return !reading_ && dirty_.empty(); }

private:
    void on_appeared();
    void on_changed(const std::string& name);
    void on_vanished();
    // A name in the folder, there or gone: a journal of another device is
    // noted for reading, anything else that is not walkbreak's is told once.
    void note(const std::string& name, bool there);
    void tell_once(const std::string& name, Level level, const std::string& message);
    void step();
    void read_file(const std::string& name);
    // A presence file, read at once (one short line): no step of its own.
    void read_presence(const std::string& name, core::DeviceId device, bool there);
    // Devices whose last presence file went presence_grace ago and none came back.
    void forget_presence();
    void store_device();

    std::string folder_;
    core::DeviceId own_;
    Recorder& recorder_;
    Logger& log_;
    Callbacks callbacks_;
    std::map<core::DeviceId, std::set<std::string>> presence_files_;  // in the folder now
    // No presence file of it: gone at this instant (TimerClock::Monotonic).
    std::map<core::DeviceId, std::chrono::nanoseconds> presence_going_;
    TimerEvent forget_;
    std::unique_ptr<FolderWatch> watch_;
    std::string watch_error_;  // why there is no watch_
    DeferEvent work_;
    bool seen_once_{false};  // the folder was there at some time: say "again" when it is back
    // The other devices' journal files in the folder: name -> the device name
    // the file name carries.
    std::map<core::DeviceId, std::map<std::string, std::string>> journals_;
    std::set<core::DeviceId> dirty_;  // to be read again
    struct Reading {
        core::DeviceId device;
        std::vector<std::string> files;
        std::size_t next{0};
        std::vector<core::JournalEntry> entries;
        core::WallTime newest{};  // the latest modification time of its files
    };
    std::optional<Reading> reading_;
    std::set<std::string> told_;              // names (and devices) logged about once
    std::set<core::DeviceId> merged_before_;  // read in this daemon's life: later merges are debug
};

}  // namespace walkbreak::daemon
