// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GLib-thread half of Notifier (notifier.cpp owns the thread). Every
// method of GlibNotifier runs on the GLib thread with its GMainContext as the
// thread default; what the loop must hear (actions, log lines) goes through a
// NotifierMailbox. Private to the notifier: include from those two files only.
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/io_context.hpp>
#include "daemon/inject_event.hpp"
#include "daemon/logger.hpp"
#include "daemon/notifier.hpp"

#include <glib.h>
#include <gio/gio.h>
#include <libnotify/notify.h>

namespace walkbreak::daemon {

// What the GLib thread tells the loop thread: queued under a mutex by the
// GLib thread, delivered on the loop thread by an InjectEvent. The Notifier
// joins the GLib thread before destroying its mailbox, so nothing is queued
// into a mailbox that is gone, and nothing is delivered after it.
class NotifierMailbox {
public:
    NotifierMailbox(boost::asio::io_context& io, Notifier::ActionHandler on_action, Logger& log)
        : on_action_(std::move(on_action)),
          log_(log),
          deliver_(io, [this]() noexcept { deliver(); }) {}

    // Any thread.
    void post_action(NoticeKind kind, NoticeAction action);
    void post_log(Level level, std::string message);

private:
    struct Action {
        NoticeKind kind;
        NoticeAction action;
    };
    struct Line {
        Level level;
        std::string message;
    };
    void put(std::variant<Action, Line> item);
    void deliver() noexcept;

    Notifier::ActionHandler on_action_;
    Logger& log_;
    std::mutex mutex_;
    std::vector<std::variant<Action, Line>> queue_;  // guarded by mutex_
    InjectEvent deliver_;
};

class GlibNotifier {
public:
    // Bound for our own D-Bus calls (capabilities, server information).
    static constexpr std::chrono::milliseconds call_timeout{2000};

    explicit GlibNotifier(NotifierMailbox& mailbox) : mailbox_(mailbox) {}
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
    // libnotify's callbacks (c_callback.hpp).
    void on_closed(NotifyNotification* n) noexcept;

    NotifyNotification* prepare(NoticeKind kind, const char* summary, const char* body);
    void failed(const std::string& why);
    void reset();
    // GLib's shared session-bus connection (the one libnotify uses), held so
    // that it stays the same object and keeps exit-on-close off; a new one
    // after the bus went away. Null with `error` set when there is no bus.
    GDBusConnection* session_bus(std::string& error);

    NotifierMailbox& mailbox_;
    std::map<NoticeKind, NotifyNotification*> shown_;  // one reference each
    bool failing_{false};                              // the last show() failed and was logged
    bool needs_reset_{false};        // start libnotify afresh before the next show()
    GDBusConnection* bus_{nullptr};  // one reference, see session_bus()
};

}  // namespace walkbreak::daemon
