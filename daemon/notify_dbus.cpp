// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/notify_dbus.hpp"

namespace walkbreak::daemon::notify_dbus {

std::vector<std::string> read_capabilities(GVariant* reply) {
    GVariant* list = g_variant_get_child_value(reply, 0);
    gsize count = 0;
    const gchar** strings = g_variant_get_strv(list, &count);
    std::vector<std::string> caps(strings, strings + count);
    g_free(strings);
    g_variant_unref(list);
    return caps;
}

void read_server_information(GVariant* reply, ServerInfo& info) {
    const char* server = nullptr;
    const char* vendor = nullptr;
    const char* version = nullptr;
    const char* spec = nullptr;
    g_variant_get(reply, "(&s&s&s&s)", &server, &vendor, &version, &spec);
    info.reachable = true;
    info.name = server;
    info.vendor = vendor;
    info.version = version;
    info.spec_version = spec;
}

std::string take_message(GError* error) {
    std::string message = error != nullptr ? error->message : "unknown error";
    g_clear_error(&error);
    return message;
}

}  // namespace walkbreak::daemon::notify_dbus
