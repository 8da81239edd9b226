// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/notify_glib.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <gio/gio.h>

#include "daemon/c_callback.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* app_name = "walkbreak";

const char* action_label(NoticeAction action) {
    switch (action) {
        case NoticeAction::WalkNow:
            return "Walk now";
        case NoticeAction::Snooze:
            return "Snooze";
        case NoticeAction::Skip:
            return "Skip";
        case NoticeAction::LogWalk:
            return "Log walk";
        case NoticeAction::NotAWalk:
            return "Not a walk";
        case NoticeAction::Better:
            return "Better";
        case NoticeAction::Same:
            return "Same";
        case NoticeAction::Worse:
            return "Worse";
    }
    return "Walk now";
}

std::string take_message(GError* error) {
    std::string message = error != nullptr ? error->message : "unknown error";
    g_clear_error(&error);
    return message;
}

// Our own calls to the server rather than libnotify's: those wait 25 s and
// print GLib warnings when no server is there; these are bounded and quiet.
GVariant* call_server(GDBusConnection* bus, const char* method, const char* reply_type,
                      std::string& error) {
    if (bus == nullptr) return nullptr;  // `error` says why
    GError* e = nullptr;
    GVariant* reply = g_dbus_connection_call_sync(
        bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications", method, nullptr, nullptr, G_DBUS_CALL_FLAGS_NONE,
        static_cast<gint>(GlibNotifier::call_timeout.count()), nullptr, &e);
    if (reply == nullptr) {
        error = take_message(e);
        return nullptr;
    }
    if (std::strcmp(g_variant_get_type_string(reply), reply_type) != 0) {
        g_variant_unref(reply);
        error = std::string{"unexpected reply to "} + method;
        return nullptr;
    }
    return reply;
}

std::optional<std::vector<std::string>> capabilities(GDBusConnection* bus, std::string& error) {
    GVariant* reply = call_server(bus, "GetCapabilities", "(as)", error);
    if (reply == nullptr) return std::nullopt;
    GVariant* list = g_variant_get_child_value(reply, 0);
    gsize count = 0;
    const gchar** strings = g_variant_get_strv(list, &count);
    std::vector<std::string> caps(strings, strings + count);
    g_free(strings);
    g_variant_unref(list);
    g_variant_unref(reply);
    return caps;
}

bool contains(const std::vector<std::string>& caps, std::string_view cap) {
    return std::find(caps.begin(), caps.end(), cap) != caps.end();
}

}  // namespace

const char* action_key(NoticeAction action) {
    switch (action) {
        case NoticeAction::WalkNow:
            return "walk";
        case NoticeAction::Snooze:
            return "snooze";
        case NoticeAction::Skip:
            return "skip";
        case NoticeAction::LogWalk:
            return "log-walk";
        case NoticeAction::NotAWalk:
            return "not-a-walk";
        case NoticeAction::Better:
            return "better";
        case NoticeAction::Same:
            return "same";
        case NoticeAction::Worse:
            return "worse";
    }
    return "walk";
}

// One button of a notification: libnotify calls invoked() when it is pressed.
struct GlibNotifier::ActionData {
    GlibNotifier* self;
    NoticeKind kind;
    NoticeAction action;

    void invoked(NotifyNotification* n, char*) noexcept {
        self->mailbox_.post_action(kind, action);
        // Not every server closes a bubble whose action was invoked. Its "closed"
        // signal then drops our reference: libnotify still uses it after this.
        GError* e = nullptr;
        if (!notify_notification_close(n, &e)) g_clear_error(&e);
    }
    void destroy() noexcept { delete this; }
};

void GlibNotifier::init() { notify_init(app_name); }

void GlibNotifier::uninit() {
    close_all();
    notify_uninit();
    g_clear_object(&bus_);
}

GDBusConnection* GlibNotifier::session_bus(std::string& error) {
    if (bus_ != nullptr && g_dbus_connection_is_closed(bus_)) g_clear_object(&bus_);
    if (bus_ != nullptr) return bus_;
    GError* e = nullptr;
    bus_ = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &e);
    if (bus_ == nullptr) {
        error = take_message(e);
        return nullptr;
    }
    // GLib's shared session-bus connection raises SIGTERM in the whole process
    // when the bus goes away (exit-on-close). walkbreakd should outlive its
    // session bus: tracking does not need it, and failed notifications are
    // reported instead. Every show() comes here before libnotify asks GLib
    // for the bus, and the reference held keeps it the same connection, so
    // libnotify's proxy gets one with the flag already off.
    g_dbus_connection_set_exit_on_close(bus_, FALSE);
    return bus_;
}

void GlibNotifier::show(const Notice& notice) {
    if (needs_reset_) reset();
    std::string error;
    const std::optional<std::vector<std::string>> caps = capabilities(session_bus(error), error);
    if (!caps) {
        failed(error);
        needs_reset_ = true;
        return;
    }
    const bool with_actions = !notice.actions.empty() && contains(*caps, "actions");
    std::string body = notice.body;
    if (!notice.actions.empty() && !with_actions && !notice.actions_fallback_text.empty())
        body += (body.empty() ? "" : "\n\n") + notice.actions_fallback_text;
    const std::string summary = notice.summary.empty() ? app_name : notice.summary;

    NotifyNotification* n = prepare(notice.kind, summary.c_str(), body.c_str());
    notify_notification_set_urgency(
        n, notice.critical ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);
    auto add_action = [&](const char* key, NoticeAction action) {
        notify_notification_add_action(
            n, key, action_label(action), glib_callback<&ActionData::invoked>,
            new ActionData{this, notice.kind, action}, glib_callback<&ActionData::destroy>);
    };
    for (std::size_t i = 0; with_actions && i < notice.actions.size(); ++i) {
        add_action(action_key(notice.actions[i]), notice.actions[i]);
    }
    if (with_actions && notice.click) add_action("default", *notice.click);
    GError* e = nullptr;
    if (!notify_notification_show(n, &e)) {
        failed(take_message(e));
        needs_reset_ = true;
        return;
    }
    if (failing_) {
        failing_ = false;
        log(Level::Notice, "the notification server is back");
    }
}

NotifyNotification* GlibNotifier::prepare(NoticeKind kind, const char* summary, const char* body) {
    if (auto it = shown_.find(kind); it != shown_.end()) {
        // Same object, same id: the server replaces the bubble in place.
        notify_notification_update(it->second, summary, body, nullptr);
        notify_notification_clear_actions(it->second);
        return it->second;
    }
    NotifyNotification* n = notify_notification_new(summary, body, nullptr);
    // GCallback is void (*)(void), the type GObject casts every handler to.
    g_signal_connect_data(n, "closed",
                          reinterpret_cast<GCallback>(glib_callback<&GlibNotifier::on_closed>),
                          this, nullptr, static_cast<GConnectFlags>(0));
    shown_.emplace(kind, n);
    return n;
}

void GlibNotifier::close(NoticeKind kind) {
    auto it = shown_.find(kind);
    if (it == shown_.end()) return;
    NotifyNotification* n = it->second;
    shown_.erase(it);
    GError* e = nullptr;
    if (!notify_notification_close(n, &e)) log(Level::Debug, "close: " + take_message(e));
    g_object_unref(n);
}

void GlibNotifier::close_all() {
    while (!shown_.empty()) close(shown_.begin()->first);
}

// After a failed show the server may have restarted or the session bus
// reconnected: drop libnotify's proxy and our bubbles (their ids belong to
// the old server) and start afresh.
void GlibNotifier::reset() {
    for (auto& [kind, n] : shown_) g_object_unref(n);
    shown_.clear();
    notify_uninit();
    notify_init(app_name);
    needs_reset_ = false;
}

void GlibNotifier::failed(const std::string& why) {
    if (failing_) {
        log(Level::Debug, "still cannot show notifications: " + why);
        return;
    }
    failing_ = true;
    log(Level::Warning, "cannot show notifications (" + why + "); trying again with the next one");
}

ServerInfo GlibNotifier::server_info() {
    ServerInfo info;
    std::string error;
    GVariant* reply = call_server(session_bus(error), "GetServerInformation", "(ssss)", error);
    if (reply == nullptr) {
        log(Level::Debug, "no server information: " + error);
        return info;
    }
    const char* name = nullptr;
    const char* vendor = nullptr;
    const char* version = nullptr;
    const char* spec = nullptr;
    g_variant_get(reply, "(&s&s&s&s)", &name, &vendor, &version, &spec);
    info.reachable = true;
    info.name = name;
    info.vendor = vendor;
    info.version = version;
    info.spec_version = spec;
    g_variant_unref(reply);
    if (auto caps = capabilities(bus_, error)) info.capabilities = std::move(*caps);
    return info;
}

void GlibNotifier::on_closed(NotifyNotification* n) noexcept {
    for (auto it = shown_.begin(); it != shown_.end(); ++it) {
        if (it->second != n) continue;
        shown_.erase(it);
        g_object_unref(n);  // libnotify holds its own reference while it emits
        return;
    }
}

void GlibNotifier::log(Level level, std::string message) {
    mailbox_.post_log(level, std::move(message));
}

void NotifierMailbox::post_action(NoticeKind kind, NoticeAction action) {
    put(Action{kind, action});
}

void NotifierMailbox::post_log(Level level, std::string message) {
    put(Line{level, std::move(message)});
}

void NotifierMailbox::put(std::variant<Action, Line> item) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(item));
    }
    deliver_.schedule();
}

void NotifierMailbox::deliver() noexcept {
    std::vector<std::variant<Action, Line>> items;
    {
        std::lock_guard lock(mutex_);
        items.swap(queue_);
    }
    for (auto& item : items) {
        if (const auto* a = std::get_if<Action>(&item)) {
            if (on_action_) on_action_(a->kind, a->action);
        } else {
            const auto& line = std::get<Line>(item);
            if (line.level == Level::Debug)
                log_.debug("notify", "{}", line.message);  // only when verbose
            else
                log_.write(line.level, "notify", line.message);
        }
    }
}

}  // namespace walkbreak::daemon
