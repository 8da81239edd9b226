// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/doctor_checks.hpp"

#include <systemd/sd-bus.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "cli/client.hpp"
#include "core/config.hpp"
#include "core/store.hpp"
#include "daemon/idle_probe.hpp"
#include "daemon/meeting_source.hpp"
#include "daemon/notification_server.hpp"

namespace walkbreak::cli {
namespace {

using namespace std::chrono_literals;

// A command's standard output and exit status; the commands run here are
// fixed strings, never built from user input.
struct Output {
    int status{-1};
    std::string text;
};
Output run_command(const char* command) {
    Output out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command, "r"), pclose);
    if (!pipe) return out;
    std::array<char, 512> buffer{};
    while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) {
        out.text += buffer.data();
    }
    const int status = pclose(pipe.release());
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    while (!out.text.empty() && out.text.back() == '\n') out.text.pop_back();
    return out;
}

void check_idle(boost::asio::io_context& io, daemon::Logger& log, DoctorReport& report) {
    const auto rows = daemon::list_idle_backends(io, log);
    const bool any = std::any_of(rows.begin(), rows.end(), [](auto& r) { return r.available; });
    bool first_available = true;
    for (const auto& row : rows) {
        // An unavailable backend is normal while another one works.
        Finding f{"idle", row.name, any ? Health::Info : Health::Warning, {}, {}};
        if (row.available) {
            f.health = Health::Ok;
            f.detail = first_available ? "available; walkbreakd uses this one" : "available";
            first_available = false;
        } else {
            f.detail = "not available: " + row.reason;
        }
        report.findings.push_back(std::move(f));
    }
    if (!any) {
        report.findings.push_back(
            {"idle", "no idle source", Health::Problem,
             "walkbreakd cannot tell when you are away; only lock and suspend count",
             "run walkbreakd inside your graphical session; under systemd: "
             "systemctl --user import-environment DISPLAY WAYLAND_DISPLAY"});
    }
}

// Each meeting signal: seen here or not, and why; none of them is needed
// (`walkbreak meeting` always works), so an unavailable one is only a fact.
void check_meetings(boost::asio::io_context& io, daemon::Logger& log, const core::Paths& paths,
                    DoctorReport& report) {
    const auto parsed = core::load_config_file(paths.config);
    const core::Config config = parsed.config.value_or(core::Config{});
    if (!config.meeting.enabled) {
        report.findings.push_back({"meeting",
                                   "meetings",
                                   Health::Info,
                                   "off (meeting.enabled = false): reminders come in calls too",
                                   {}});
        return;
    }
    for (const auto& row : daemon::list_meeting_signals(io, config.meeting, log)) {
        const auto& enabled = config.meeting.signals;
        const bool wanted = std::find(enabled.begin(), enabled.end(), row.signal) != enabled.end();
        Finding f{"meeting", std::string{core::to_string(row.signal)}, Health::Info, {}, {}};
        if (!wanted) {
            f.detail = "not in meeting.signals";
        } else if (row.available) {
            // Watched, but with nothing to see yet (no camera plugged in): a fact.
            f.health = row.detail.empty() ? Health::Ok : Health::Info;
            f.detail = fmt::format("available ({}){}{}", row.backend,
                                   row.detail.empty() ? "" : ": ", row.detail);
        } else {
            f.detail = "not available here: " + row.reason;
        }
        report.findings.push_back(std::move(f));
    }
}

void check_notifications(DoctorReport& report) {
    const daemon::ServerInfo info = daemon::query_notification_server(std::chrono::seconds{2});
    if (!info.reachable) {
        report.findings.push_back({"notifications", "server", Health::Problem,
                                   "no notification server answers on the session bus",
                                   "start your desktop's notification daemon, or install one: "
                                   "sudo apt install dunst (X11) or mako-notifier (Wayland)"});
        return;
    }
    const bool actions = std::find(info.capabilities.begin(), info.capabilities.end(), "actions") !=
                         info.capabilities.end();
    std::string caps;
    for (const auto& c : info.capabilities) caps += (caps.empty() ? "" : ", ") + c;
    report.findings.push_back({"notifications",
                               fmt::format("{} {}", info.name, info.version),
                               Health::Ok,
                               "capabilities: " + caps,
                               {}});
    if (!actions) {
        report.findings.push_back(
            {"notifications", "buttons", Health::Warning,
             "this server shows no action buttons; reminders say which command to run",
             "answer from a terminal: walkbreak walk | snooze | skip"});
    }
}

void check_logind(DoctorReport& report) {
    sd_bus* bus = nullptr;
    if (sd_bus_open_system(&bus) < 0) {
        report.findings.push_back({"logind",
                                   "system bus",
                                   Health::Warning,
                                   "cannot connect: lock and suspend will not be noticed",
                                   {}});
        return;
    }
    sd_bus_error error = SD_BUS_ERROR_NULL;
    sd_bus_message* reply = nullptr;
    int has_owner = 0;
    if (sd_bus_call_method(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus", "NameHasOwner", &error, &reply, "s",
                           "org.freedesktop.login1") >= 0) {
        sd_bus_message_read(reply, "b", &has_owner);
    }
    sd_bus_message_unref(reply);
    sd_bus_error_free(&error);
    sd_bus_flush_close_unref(bus);
    if (has_owner != 0) {
        report.findings.push_back({"logind",
                                   "org.freedesktop.login1",
                                   Health::Ok,
                                   "reachable: lock and suspend are noticed",
                                   {}});
    } else {
        report.findings.push_back({"logind",
                                   "org.freedesktop.login1",
                                   Health::Warning,
                                   "not on the system bus: lock and suspend will not be noticed",
                                   {}});
    }
}

void check_service(const core::Paths& paths, DoctorReport& report) {
    const auto manager = run_command("systemctl --user show-environment 2>/dev/null");
    if (manager.status != 0) {
        report.findings.push_back(
            {"service", "systemd user manager", Health::Warning,
             "not reachable; walkbreakd must be started by the session's autostart",
             "log in to a desktop session, or run walkbreakd from your session's startup"});
    } else {
        const auto enabled =
            run_command("systemctl --user is-enabled walkbreakd.service 2>/dev/null");
        const bool is_enabled = enabled.status == 0;
        report.findings.push_back(
            {"service", "walkbreakd.service", is_enabled ? Health::Ok : Health::Warning,
             enabled.text.empty() ? "not installed" : enabled.text,
             is_enabled ? "" : "systemctl --user enable --now walkbreakd.service"});
        const bool has_display = manager.text.find("\nDISPLAY=") != std::string::npos ||
                                 manager.text.rfind("DISPLAY=", 0) == 0 ||
                                 manager.text.find("WAYLAND_DISPLAY=") != std::string::npos;
        if (!has_display) {
            report.findings.push_back(
                {"service", "user manager environment", Health::Problem,
                 "has neither DISPLAY nor WAYLAND_DISPLAY: the service cannot see the desktop",
                 "systemctl --user import-environment DISPLAY WAYLAND_DISPLAY XAUTHORITY"});
        }
    }
    auto client = DaemonClient::connect(paths.socket, 1s);
    if (!client) {
        report.findings.push_back({"service", "walkbreakd", Health::Warning,
                                   "not running (no socket at " + paths.socket + ")",
                                   "systemctl --user start walkbreakd, or run walkbreakd"});
        return;
    }
    const auto response = client->request(core::protocol::request::Status{});
    if (response && response->status) {
        report.findings.push_back({"service",
                                   "walkbreakd",
                                   Health::Ok,
                                   fmt::format("running: {}, idle source {}",
                                               response->status->state, response->status->backend),
                                   {}});
    }
}

void check_database(const core::Paths& paths, DoctorReport& report) {
    std::error_code ec;
    if (!std::filesystem::exists(paths.db, ec)) {
        report.findings.push_back({"database",
                                   paths.db,
                                   Health::Ok,
                                   "not created yet: walkbreakd creates it when it starts",
                                   {}});
        return;
    }
    const auto size = std::filesystem::file_size(paths.db, ec);
    try {
        const core::Store store(paths.db, core::Store::Mode::ReadOnly);
        const auto integrity = store.integrity_check();
        const bool ok = integrity == "ok";
        report.findings.push_back(
            {"database", paths.db, ok ? Health::Ok : Health::Problem,
             fmt::format("{} KiB, schema version {}, integrity {}", size / 1024,
                         store.user_version(), integrity),
             ok ? ""
                : fmt::format("stop walkbreakd, keep a copy (cp {0} {0}.bak) and start it "
                              "again: a damaged file is moved aside",
                              paths.db)});
    } catch (const core::StoreError& e) {
        const bool newer = e.kind() == core::StoreError::Kind::NewerSchema;
        report.findings.push_back(
            {"database", paths.db, Health::Problem, e.what(),
             newer ? "install the newer walkbreak that wrote this file"
                   : fmt::format("stop walkbreakd and move the file aside: mv {0} {0}.broken",
                                 paths.db)});
    }
}

}  // namespace

DoctorReport run_doctor_checks(const core::Paths& paths) {
    DoctorReport report;
    boost::asio::io_context io;
    auto log = daemon::Logger::discarding();
    check_idle(io, log, report);
    check_meetings(io, log, paths, report);
    check_notifications(report);
    check_logind(report);
    check_service(paths, report);
    check_database(paths, report);
    check_config(paths, report);
    check_sync(paths, core::process_env("HOME"), report);
    return report;
}

}  // namespace walkbreak::cli
