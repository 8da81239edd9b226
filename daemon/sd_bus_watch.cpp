// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/sd_bus_watch.hpp"

#include <cstring>
#include <string>

#include <fmt/format.h>

namespace walkbreak::daemon {

core::Result<SdBusSlotPtr> watch_signal(sd_bus* bus, const char* sender, const char* path,
                                        const char* interface, const char* member,
                                        sd_bus_message_handler_t handler, void* data) {
    sd_bus_slot* slot = nullptr;
    const int r = sd_bus_match_signal(bus, &slot, sender, path, interface, member, handler, data);
    if (r < 0)
        return core::Error{
            fmt::format("cannot watch {}.{} ({})", interface, member, std::strerror(-r))};
    return SdBusSlotPtr{slot};
}

core::Result<SdBusSlotPtr> watch_name_owner(sd_bus* bus, const char* name,
                                            sd_bus_message_handler_t handler, void* data) {
    const std::string match = fmt::format(
        "type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',"
        "interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='{}'",
        name);
    sd_bus_slot* slot = nullptr;
    const int r = sd_bus_add_match(bus, &slot, match.c_str(), handler, data);
    if (r < 0)
        return core::Error{
            fmt::format("cannot watch the owner of {} ({})", name, std::strerror(-r))};
    return SdBusSlotPtr{slot};
}

core::Result<SdBusPtr> open_session_bus(std::uint64_t call_timeout_usec) {
    sd_bus* raw = nullptr;
    if (const int r = sd_bus_open_user(&raw); r < 0)
        return core::Error{
            fmt::format("cannot connect to the session bus ({})", std::strerror(-r))};
    SdBusPtr bus{raw};
    sd_bus_set_method_call_timeout(raw, call_timeout_usec);
    return bus;
}

core::Outcome require_name_owner(sd_bus* bus, const char* name) {
    SdBusError error;
    sd_bus_message* reply = nullptr;
    const int r =
        sd_bus_call_method(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus", "GetNameOwner", &error.e, &reply, "s", name);
    sd_bus_message_unref(reply);
    if (r >= 0) return core::success();
    if (error.has_name(SD_BUS_ERROR_NAME_HAS_NO_OWNER))
        return core::Error{fmt::format("{} is not on the session bus", name)};
    return core::Error{
        fmt::format("cannot ask the session bus for {}: {}", name, error.message(r))};
}

std::optional<bool> name_has_new_owner(sd_bus_message* message) {
    const char* name = nullptr;
    const char* old_owner = nullptr;
    const char* new_owner = nullptr;
    if (sd_bus_message_read(message, "sss", &name, &old_owner, &new_owner) < 0) return std::nullopt;
    return *new_owner != '\0';
}

}  // namespace walkbreak::daemon
