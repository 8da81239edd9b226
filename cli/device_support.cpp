// SPDX-License-Identifier: GPL-3.0-or-later
// The reports' side of several computers (docs/SYNC.md): --device, and who
// recorded each walk once the database knows other devices.
#include <algorithm>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command_support.hpp"
#include "cli/sync_devices.hpp"
#include "core/sync_folder.hpp"
#include "core/sync_paths.hpp"

namespace walkbreak::cli {
namespace {

// This computer's id, when walkbreakd has drawn one (the device-id file).
std::optional<std::string> this_device_id(const Context& context) {
    const auto id = read_device_id(context.paths);
    return id ? std::optional{id->hex()} : std::nullopt;
}

std::string device_label(const core::DeviceInfo& d) {
    return d.name.empty() ? d.id.hex() : fmt::format("{} ({})", d.name, d.id.hex());
}

}  // namespace

void add_device_option(CLI::App& app, std::optional<std::string>& device) {
    app.add_option("--device", device,
                   "Only this device: `this` (this computer) or another device's name or id; "
                   "default: every device, a walk they all saw counted once")
        ->type_name("NAME");
}

std::string this_device_name(const Context& context, const core::Config& config) {
    return core::sync_device_name(config.sync, context.host_name);
}

core::DeviceScope device_scope(const Context& context, const core::Config& config,
                               const std::optional<std::string>& device) {
    if (!device) return core::DeviceScope::all();
    const std::string& wanted = *device;
    const auto same_name = [](const std::string& a, const std::string& b) {
        return a == b || core::device_name_for_files(a) == core::device_name_for_files(b);
    };
    if (wanted == "this" || same_name(wanted, this_device_name(context, config)) ||
        this_device_id(context) == wanted) {
        return core::DeviceScope::this_device();
    }
    const auto store = open_store_for_reading(context);
    const auto devices = store ? store->devices() : std::vector<core::DeviceInfo>{};
    std::vector<core::DeviceInfo> matching;
    for (const auto& d : devices) {
        if (d.id.hex() == wanted) return core::DeviceScope::only(d.id);
        if (!d.name.empty() && same_name(wanted, d.name)) matching.push_back(d);
    }
    if (matching.size() == 1) return core::DeviceScope::only(matching.front().id);
    std::vector<std::string> known{fmt::format("this ({})", this_device_name(context, config))};
    for (const auto& d : matching.empty() ? devices : matching) known.push_back(device_label(d));
    throw usage_error(fmt::format(
        "--device {}: {}; expected one of: {}", wanted,
        matching.empty() ? "no device of that name or id" : "more than one device has that name",
        fmt::join(known, ", ")));
}

WalksWithOrigins with_origins(const Context& context, const core::Config& config,
                              const core::Store& store, std::vector<core::DeviceWalk> walks) {
    WalksWithOrigins out;
    out.walks.reserve(walks.size());
    const auto devices = store.devices();
    if (!devices.empty()) {
        std::map<core::DeviceId, std::string> names;
        for (const auto& d : devices) names[d.id] = d.name.empty() ? d.id.hex() : d.name;
        const WalkOrigin mine{this_device_name(context, config), this_device_id(context), true};
        for (const auto& w : walks) {
            if (!w.device) {
                out.origins.push_back(mine);
                continue;
            }
            const auto name = names.find(*w.device);
            out.origins.push_back(
                {name != names.end() ? name->second : w.device->hex(), w.device->hex(), false});
        }
    }
    for (auto& w : walks) out.walks.push_back(std::move(w.walk));
    return out;
}

}  // namespace walkbreak::cli
