// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/notification_server.hpp"

#include <fmt/format.h>

#include "daemon/notify_dbus.hpp"

namespace walkbreak::daemon {

std::string describe(const ServerInfo& info) {
    return fmt::format("{} {} ({}, spec {})", info.name, info.version, info.vendor,
                       info.spec_version);
}

ServerInfo query_notification_server(std::chrono::milliseconds timeout) {
    ServerInfo info;
    GError* e = nullptr;
    // A private connection: the shared one belongs to whoever runs GLib here.
    GDBusConnection* bus = nullptr;
    if (gchar* address = g_dbus_address_get_for_bus_sync(G_BUS_TYPE_SESSION, nullptr, &e)) {
        bus = g_dbus_connection_new_for_address_sync(
            address,
            static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
            nullptr, nullptr, &e);
        g_free(address);
    }
    g_clear_error(&e);
    if (bus == nullptr) return info;
    const auto call = [&](const char* method, const char* reply_type) {
        GVariant* reply = g_dbus_connection_call_sync(
            bus, notify_dbus::name, notify_dbus::path, notify_dbus::interface, method, nullptr,
            G_VARIANT_TYPE(reply_type), G_DBUS_CALL_FLAGS_NONE, static_cast<gint>(timeout.count()),
            nullptr, &e);
        g_clear_error(&e);
        return reply;
    };
    if (GVariant* reply = call("GetServerInformation", "(ssss)")) {
        notify_dbus::read_server_information(reply, info);
        g_variant_unref(reply);
        if (GVariant* caps = call("GetCapabilities", "(as)")) {
            info.capabilities = notify_dbus::read_capabilities(caps);
            g_variant_unref(caps);
        }
    }
    g_dbus_connection_close_sync(bus, nullptr, nullptr);
    g_object_unref(bus);
    return info;
}

}  // namespace walkbreak::daemon
