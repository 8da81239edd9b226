// SPDX-License-Identifier: GPL-3.0-or-later
// Several computers (docs/SYNC.md): with sync.folder set, this computer's
// records are journaled into the folder (JournalWriter) and the other
// devices' journals there are read into the database (SyncReader); today's
// total is the union across devices once they are stored.
#include <algorithm>
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
    if (!presence_elsewhere_.empty()) {
        presence_elsewhere_.clear();
        feed_elsewhere();
    }
    if (!sync_target_) return;
    SyncReader::Callbacks callbacks{
        [this](const core::PresenceRecord& record) noexcept {
            presence_elsewhere_.insert_or_assign(record.device, record);
            feed_elsewhere();
        },
        [this](core::DeviceId device) noexcept {
            if (presence_elsewhere_.erase(device) != 0) feed_elsewhere();
        },
        // Back after an unmount, say: the owed lines go now, not at the retry.
        [this]() noexcept { journal_.drain(); }};
    auto reader =
        std::make_unique<SyncReader>(io_, sync_target_->folder.string(), sync_target_->device,
                                     recorder_, log_, std::move(callbacks));
    if (auto started = reader->start(); !started) {
        log_.error("sync", "{}; other devices are not read", started.error());
        return;
    }
    log_.info("sync", "this computer is device {}; other devices are read from {}",
              sync_target_->device.hex(), sync_target_->folder.string());
    sync_reader_ = std::move(reader);
}

// Each device's latest presence as where the user was seen: sitting there
// since `since` (still), or away from there since `since` (last seen then).
void Service::feed_elsewhere() {
    core::event::SeenElsewhere seen;
    for (const auto& [device, record] : presence_elsewhere_) {
        const core::WallTime sitting_since = record.sitting_since.value_or(record.since);
        if (record.state == core::PresenceState::Sitting) {
            seen.spans.push_back({record.since, std::nullopt, sitting_since});
        } else {
            seen.spans.push_back(
                {std::min(sitting_since, record.since), record.since, sitting_since});
        }
    }
    feed(seen);
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
