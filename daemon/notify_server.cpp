// SPDX-License-Identifier: GPL-3.0-or-later
// GlibNotifier's half that follows the notification server: who owns
// org.freedesktop.Notifications, and what each owner says of itself, asked
// asynchronously (notify_glib.hpp says why).
#include <string>
#include <utility>

#include "daemon/c_callback.hpp"
#include "daemon/notify_dbus.hpp"
#include "daemon/notify_glib.hpp"

namespace walkbreak::daemon {

// One asynchronous call: its answer goes to `answer` or `no_answer` unless it
// was cancelled (uninit) or asked of an earlier owner.
struct GlibNotifier::Reply {
    GlibNotifier* self;
    std::uint64_t generation;
    void (GlibNotifier::*answer)(GVariant*);
    void (GlibNotifier::*no_answer)(const std::string&);

    void done(GObject* source, GAsyncResult* result) noexcept {
        GError* e = nullptr;
        GVariant* reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &e);
        const bool cancelled = g_error_matches(e, G_IO_ERROR, G_IO_ERROR_CANCELLED) != FALSE;
        if (cancelled || generation != self->owner_generation_) {
            g_clear_error(&e);
        } else if (reply != nullptr) {
            (self->*answer)(reply);
        } else {
            (self->*no_answer)(notify_dbus::take_message(e));
        }
        if (reply != nullptr) g_variant_unref(reply);
        delete this;
    }
};

core::Result<GDBusConnection*> GlibNotifier::session_bus() {
    if (bus_ != nullptr && g_dbus_connection_is_closed(bus_)) use_bus(nullptr);
    if (bus_ != nullptr) return bus_;
    {
        std::lock_guard lock(abort_mutex_);
        if (aborted_) return core::Error{"walkbreakd is stopping"};
    }
    GError* e = nullptr;
    GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &e);
    if (bus == nullptr) return core::Error{notify_dbus::take_message(e)};
    // GLib's shared session-bus connection raises SIGTERM in the whole process
    // when the bus goes away (exit-on-close). walkbreakd should outlive its
    // session bus: tracking does not need it, and failed notifications are
    // reported instead. Every call comes here before libnotify asks GLib for
    // the bus, and the reference held keeps it the same connection, so
    // libnotify's proxy gets one with the flag already off.
    g_dbus_connection_set_exit_on_close(bus, FALSE);
    use_bus(bus);
    return bus_;
}

// Takes `bus` (a reference, or null) in place of bus_, following the owner
// of the notification name on it.
void GlibNotifier::use_bus(GDBusConnection* bus) {
    if (bus_ != nullptr) {
        g_dbus_connection_signal_unsubscribe(bus_, owner_subscription_);
        owner_subscription_ = 0;
        g_object_unref(bus_);
    }
    bus_ = bus;
    if (bus_ != nullptr) {
        owner_subscription_ = g_dbus_connection_signal_subscribe(
            bus_, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
            "/org/freedesktop/DBus", notify_dbus::name, G_DBUS_SIGNAL_FLAGS_NONE,
            glib_callback<&GlibNotifier::on_owner_changed>, this, nullptr);
    }
    std::lock_guard lock(abort_mutex_);
    if (abort_bus_ != nullptr) g_object_unref(abort_bus_);
    abort_bus_ = bus_ != nullptr ? G_DBUS_CONNECTION(g_object_ref(bus_)) : nullptr;
}

void GlibNotifier::abort_calls() {
    std::lock_guard lock(abort_mutex_);
    aborted_ = true;
    g_cancellable_cancel(cancellable_);
    // Closing is thread-safe in GDBus: a synchronous call waiting on this
    // connection (libnotify's Notify) fails at once, and so does every later one.
    if (abort_bus_ != nullptr) g_dbus_connection_close(abort_bus_, nullptr, nullptr, nullptr);
}

void GlibNotifier::ask(const char* method, const char* reply_type,
                       void (GlibNotifier::*answer)(GVariant*),
                       void (GlibNotifier::*no_answer)(const std::string&)) {
    auto bus = session_bus();
    if (!bus) {
        (this->*no_answer)(bus.error());
        return;
    }
    g_dbus_connection_call(*bus, notify_dbus::name, notify_dbus::path, notify_dbus::interface,
                           method, nullptr, G_VARIANT_TYPE(reply_type), G_DBUS_CALL_FLAGS_NONE,
                           static_cast<gint>(call_timeout.count()), cancellable_,
                           glib_callback<&Reply::done>,
                           new Reply{this, owner_generation_, answer, no_answer});
}

void GlibNotifier::ask_capabilities() {
    if (asking_caps_) return;
    asking_caps_ = true;
    ask("GetCapabilities", "(as)", &GlibNotifier::on_capabilities, &GlibNotifier::no_capabilities);
}

void GlibNotifier::on_capabilities(GVariant* reply) {
    asking_caps_ = false;
    caps_ = notify_dbus::read_capabilities(reply);
    std::string listed;
    for (const auto& cap : *caps_) listed += (listed.empty() ? "" : ", ") + cap;
    log(Level::Debug, "capabilities: " + listed);
    run_backlog();
}

// The shows waiting for it fail as one; the closes behind them still run.
void GlibNotifier::no_capabilities(const std::string& why) {
    asking_caps_ = false;
    failed(why);
    needs_reset_ = true;
    std::erase_if(backlog_, [](const Pending& p) { return std::holds_alternative<Notice>(p); });
    run_backlog();
}

void GlibNotifier::ask_identity() {
    ask("GetServerInformation", "(ssss)", &GlibNotifier::on_identity, &GlibNotifier::no_identity);
}

void GlibNotifier::on_identity(GVariant* reply) {
    ServerInfo info;
    notify_dbus::read_server_information(reply, info);
    log(Level::Notice, "notification server: " + describe(info));
}

void GlibNotifier::no_identity(const std::string& why) {
    log(Level::Info, "no notification server answers yet (" + why + ")");
}

// NameOwnerChanged(s name, s old_owner, s new_owner): a new owner is a new
// server, with capabilities and bubbles of its own.
void GlibNotifier::on_owner_changed(GDBusConnection*, const char*, const char*, const char*,
                                    const char*, GVariant* parameters) noexcept {
    const char* name = nullptr;
    const char* old_owner = nullptr;
    const char* new_owner = nullptr;
    g_variant_get(parameters, "(&s&s&s)", &name, &old_owner, &new_owner);
    ++owner_generation_;
    caps_.reset();
    asking_caps_ = false;
    if (*new_owner == '\0') {
        log(Level::Info, "the notification server left the session bus");
        return;
    }
    needs_reset_ = true;  // the bubbles shown belonged to the old server
    ask_identity();
    run_backlog();
}

}  // namespace walkbreak::daemon
