// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GLib-thread half of Notifier (notifier.cpp owns the thread). Every
// method of GlibNotifier runs on the GLib thread with its GMainContext as the
// thread default, except the two marked "any thread"; what the loop must hear
// (actions, log lines) goes through a NotifierMailbox. Private to the
// notifier: include from notifier.cpp, notify_glib.cpp and notify_server.cpp.
//
// Nothing here waits for the notification server but libnotify's own calls:
// the server's capabilities and identity are asked asynchronously, once per
// owner of org.freedesktop.Notifications (a new owner is a new server), and
// shows wait in a backlog while they are asked. libnotify's Notify and
// CloseNotification are synchronous by its API; they run on this thread, never
// on the loop, and abort_calls() ends one that a hung server never answers.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
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

    explicit GlibNotifier(NotifierMailbox& mailbox);
    ~GlibNotifier();
    GlibNotifier(const GlibNotifier&) = delete;
    GlibNotifier& operator=(const GlibNotifier&) = delete;

    // Starts libnotify and asks who the server is (logged when it answers).
    void init();
    void uninit();  // closes what is shown first, drops calls in flight
    // In the order they are called; shows wait while capabilities are asked.
    void show(const Notice& notice);
    void close(NoticeKind kind);
    void close_all();

    // Any thread: from now on shows are dropped (the daemon is stopping).
    void stop_showing() { stopping_ = true; }
    // Any thread: fails the D-Bus call in progress and every later one, by
    // closing the connection, so that a server that never answers cannot
    // hold the daemon's exit.
    void abort_calls();

    // Any thread: hands one line to the loop thread's Logger.
    void log(Level level, std::string message);

private:
    struct ActionData;
    struct Reply;
    struct CloseAll {};
    using Pending = std::variant<Notice, NoticeKind, CloseAll>;

    // notify_glib.cpp: bubbles.
    void run_backlog();
    void show_now(const Notice& notice, const std::vector<std::string>& caps);
    void close_now(NoticeKind kind);
    NotifyNotification* prepare(NoticeKind kind, const char* summary, const char* body);
    void failed(const std::string& why);
    void reset();
    void on_closed(NotifyNotification* n) noexcept;  // libnotify's "closed" (c_callback.hpp)

    // notify_server.cpp: the server, its owner and what it says of itself.
    // GLib's shared session-bus connection (the one libnotify uses), held so
    // that it stays the same object and keeps exit-on-close off; a new one
    // after the bus went away.
    core::Result<GDBusConnection*> session_bus();
    void use_bus(GDBusConnection* bus);
    void ask(const char* method, const char* reply_type, void (GlibNotifier::*answer)(GVariant*),
             void (GlibNotifier::*no_answer)(const std::string&));
    void ask_capabilities();
    void on_capabilities(GVariant* reply);
    void no_capabilities(const std::string& why);
    void ask_identity();
    void on_identity(GVariant* reply);
    void no_identity(const std::string& why);
    void on_owner_changed(GDBusConnection*, const char*, const char*, const char*, const char*,
                          GVariant* parameters) noexcept;

    NotifierMailbox& mailbox_;
    std::map<NoticeKind, NotifyNotification*> shown_;  // one reference each
    std::deque<Pending> backlog_;                      // waiting for capabilities
    bool failing_{false};                              // the last show() failed and was logged
    bool needs_reset_{false};  // start libnotify afresh before the next show()
    std::atomic<bool> stopping_{false};
    GDBusConnection* bus_{nullptr};  // one reference, see session_bus()
    guint owner_subscription_{0};    // NameOwnerChanged on bus_
    // The current owner's capabilities; none until asked and answered.
    std::optional<std::vector<std::string>> caps_;
    bool asking_caps_{false};
    // Counts owner changes: a reply asked of an earlier owner is dropped.
    std::uint64_t owner_generation_{0};
    GCancellable* cancellable_;  // our calls in flight; cancelled at uninit
    std::mutex abort_mutex_;
    GDBusConnection* abort_bus_{nullptr};  // guarded: bus_ as abort_calls() sees it
    bool aborted_{false};                  // guarded by abort_mutex_
};

}  // namespace walkbreak::daemon
