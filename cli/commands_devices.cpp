// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak devices`: the computers seen in the sync folder (docs/SYNC.md).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/command_support.hpp"
#include "cli/sync_devices.hpp"
#include "core/civil.hpp"

namespace walkbreak::cli {

namespace {

class DevicesCommand final : public Command {
public:
    explicit DevicesCommand(CLI::App& app) {
        app.add_flag("--json", json_,
                     "Print JSON: {\"folder\",\"this_device\",\"devices\":[...],\"ignored\":[...],"
                     "\"in_transit\"}");
    }

    int run(Context& context) override {
        const core::Config config = load_config(context);
        if (!config.sync.folder) {
            throw failure(fmt::format(
                "sync is off: this computer counts alone. To share one history with your other "
                "computers, set a folder that a file sync (Syncthing) carries between them, in "
                "{}:\n  [sync]\n  folder = \"~/Sync/walkbreak\"\nthen see walkbreak doctor for "
                "the folder's set-up",
                context.paths.config));
        }
        auto folder = resolve_sync_folder(config.sync, context.home);
        if (!folder) throw failure(folder.error());
        auto devices = read_folder_devices(*folder, read_device_id(context.paths));
        if (!devices) throw failure(devices.error());
        const ZoneOffset zone = [](core::WallTime at) { return core::local_utc_offset(at); };
        context.out << (json_ ? render_devices_json(*devices, zone)
                              : render_devices_text(*devices, context.now, zone,
                                                    text_style(context)));
        return exit_ok;
    }

private:
    bool json_{false};
};

}  // namespace

std::vector<CommandSpec> devices_commands() {
    return {{"devices", "Setup",
             "List the computers seen in the sync folder, whether they are behind",
             &make_command<DevicesCommand>}};
}

}  // namespace walkbreak::cli
