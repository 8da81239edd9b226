// SPDX-License-Identifier: GPL-3.0-or-later
// Several computers (docs/SYNC.md): with sync.folder set, this computer's
// records are journaled into the folder (JournalWriter) and the other
// devices' journals there are read into the database (SyncReader); today's
// total is the union across devices once they are stored.
#include <utility>

#include "daemon/service.hpp"
#include "daemon/sync_reader.hpp"

namespace walkbreak::daemon {

void Service::configure_sync() {
    auto target = sync_target(tracker_.config().sync, paths_.db, core::process_env);
    if (!target) {
        log_.error("sync",
                   "{}; nothing is written to the sync folder and other devices are not read",
                   target.error());
        sync_target_.reset();
        return;
    }
    sync_target_ = *target;
    journal_.configure(std::move(*target));
}

void Service::start_sync() {
    sync_reader_.reset();
    if (!sync_target_) return;
    auto reader = std::make_unique<SyncReader>(io_, sync_target_->folder.string(),
                                               sync_target_->device, recorder_, log_);
    if (auto started = reader->start(); !started) {
        log_.error("sync", "{}; other devices are not read", started.error());
        return;
    }
    log_.info("sync", "this computer is device {}; other devices are read from {}",
              sync_target_->device.hex(), sync_target_->folder.string());
    sync_reader_ = std::move(reader);
}

void Service::reconfigure_sync() {
    const auto read_from = [](const std::optional<SyncTarget>& target) {
        return target ? std::optional{std::pair{target->folder, target->device}} : std::nullopt;
    };
    const auto before = read_from(sync_target_);
    configure_sync();
    if (read_from(sync_target_) != before) start_sync();
}

}  // namespace walkbreak::daemon
