// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/sd_notify.hpp"

#include <ctime>
#include <string>

#include <fmt/format.h>
#include <systemd/sd-daemon.h>

namespace walkbreak::daemon {
namespace {

void send(const std::string& state) {
    // unset_environment = 0: children (none) could notify too; harmless.
    (void)sd_notify(0, state.c_str());
}

// A STATUS= value is one line: a newline would start another assignment.
std::string one_line(std::string_view text) {
    std::string s{text};
    for (char& c : s) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return s;
}

}  // namespace

void notify_ready(std::string_view status) {
    send(fmt::format("READY=1\nSTATUS={}", one_line(status)));
}

void notify_status(std::string_view status) { send("STATUS=" + one_line(status)); }

void notify_reloading() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long long usec = static_cast<long long>(now.tv_sec) * 1000000LL + now.tv_nsec / 1000;
    send(fmt::format("RELOADING=1\nMONOTONIC_USEC={}", usec));
}

void notify_stopping() { send("STOPPING=1"); }

}  // namespace walkbreak::daemon
