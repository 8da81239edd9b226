// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The notification server as org.freedesktop.Notifications describes itself:
// GetServerInformation and GetCapabilities. walkbreakd asks them
// asynchronously on its notifier's GLib thread (notify_glib.hpp);
// query_notification_server() asks them blocking, for the one-shot programs
// (`walkbreak doctor`, run_notify --info).
#include <chrono>
#include <string>
#include <vector>

namespace walkbreak::daemon {

struct ServerInfo {
    bool reachable{false};
    std::string name, vendor, version, spec_version;
    std::vector<std::string> capabilities;
};

// "dunst 1.9.0 (dunst-project.org, spec 1.2)".
std::string describe(const ServerInfo& info);

// Asks the server on the session bus, waiting at most `timeout` for each of
// the two calls; not reachable when there is no bus or no server answers.
// Any thread but a GLib main loop's (it makes its own connection's calls).
ServerInfo query_notification_server(std::chrono::milliseconds timeout);

}  // namespace walkbreak::daemon
