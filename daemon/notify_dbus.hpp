// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The freedesktop notification interface as the notifier and doctor read it
// with GDBus. Private to daemon/notif*.cpp.
#include <string>
#include <vector>

#include <gio/gio.h>

#include "daemon/notification_server.hpp"

namespace walkbreak::daemon::notify_dbus {

inline constexpr const char* name = "org.freedesktop.Notifications";
inline constexpr const char* path = "/org/freedesktop/Notifications";
inline constexpr const char* interface = "org.freedesktop.Notifications";

// A GetCapabilities reply, "(as)".
std::vector<std::string> read_capabilities(GVariant* reply);
// A GetServerInformation reply, "(ssss)": fills the four strings, reachable.
void read_server_information(GVariant* reply, ServerInfo& info);
// The message of `error`, which is freed; "unknown error" without one.
std::string take_message(GError* error);

}  // namespace walkbreak::daemon::notify_dbus
