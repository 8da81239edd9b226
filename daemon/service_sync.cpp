// SPDX-License-Identifier: GPL-3.0-or-later
// Several computers (docs/SYNC.md): with sync.folder set, the other devices'
// journals there are read into the database (SyncReader), and today's total
// is the union across devices once they are stored.
#include "core/paths.hpp"
#include "daemon/device_identity.hpp"
#include "daemon/service.hpp"
#include "daemon/sync_reader.hpp"

namespace walkbreak::daemon {

void Service::start_sync() {
    sync_reader_.reset();
    const auto& folder = tracker_.config().sync.folder;
    if (!folder) return;
    const auto path = core::resolve_sync_folder(*folder, core::process_env);
    if (!path) {
        log_.error("sync",
                   "sync.folder {} is under ~/, but HOME is not set; other devices are not "
                   "read",
                   *folder);
        return;
    }
    const auto id = load_or_create_device_id(core::device_id_path(paths_.db));
    if (!id) {
        log_.error("sync", "{}; other devices are not read", id.error());
        return;
    }
    auto reader = std::make_unique<SyncReader>(io_, *path, *id, recorder_, log_);
    if (auto started = reader->start(); !started) {
        log_.error("sync", "{}; other devices are not read", started.error());
        return;
    }
    log_.info("sync", "this computer is device {}; other devices are read from {}", id->hex(),
              *path);
    sync_reader_ = std::move(reader);
}

}  // namespace walkbreak::daemon
