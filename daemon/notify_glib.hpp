// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GLib-thread half of Notifier (notifier.cpp owns the thread). Every
// method of GlibNotifier runs on the GLib thread with its GMainContext as the
// thread default; what the loop must hear (actions, log lines) is posted to
// the io_context. Private to the notifier: include from those two files only.
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include "daemon/logger.hpp"
#include "daemon/notifier.hpp"

#include <glib.h>
#include <gio/gio.h>
#include <libnotify/notify.h>

namespace walkbreak::daemon {

// What posted handlers reach on the loop thread, while the Notifier lives.
struct NotifierLoopSide {
    Notifier::ActionHandler on_action;
    Logger& log;
};

class GlibNotifier {
public:
    // Bound for our own D-Bus calls (capabilities, server information).
    static constexpr std::chrono::milliseconds call_timeout{2000};

    GlibNotifier(boost::asio::io_context& io, std::weak_ptr<NotifierLoopSide> loop_side);
    GlibNotifier(const GlibNotifier&) = delete;
    GlibNotifier& operator=(const GlibNotifier&) = delete;

    void init();
    void uninit();  // closes what is shown first
    void show(const Notice& notice);
    void close(NoticeKind kind);
    void close_all();
    ServerInfo server_info();

    // Any thread: hands one line to the loop thread's Logger.
    void log(Level level, std::string message);

private:
    struct ActionData;
    static void on_action(NotifyNotification* n, char* key, gpointer data);
    static void on_closed(NotifyNotification* n, gpointer self);
    static void free_action_data(gpointer data);

    NotifyNotification* prepare(NoticeKind kind, const char* summary, const char* body);
    void failed(const std::string& why);
    void reset();
    // GLib's shared session-bus connection (the one libnotify uses), held so
    // that it stays the same object and keeps exit-on-close off; a new one
    // after the bus went away. Null with `error` set when there is no bus.
    GDBusConnection* session_bus(std::string& error);
    void post_action(NoticeKind kind, NoticeAction action);

    boost::asio::io_context& io_;
    std::weak_ptr<NotifierLoopSide> loop_side_;
    std::map<NoticeKind, NotifyNotification*> shown_;  // one reference each
    bool failing_{false};                              // the last show() failed and was logged
    bool needs_reset_{false};        // start libnotify afresh before the next show()
    GDBusConnection* bus_{nullptr};  // one reference, see session_bus()
};

}  // namespace walkbreak::daemon
