// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/gnome_show_banners.hpp"

#include <string>
#include <utility>

#include <fmt/format.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>

#include "daemon/c_callback.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* schema_id = "org.gnome.desktop.notifications";
constexpr const char* key = "show-banners";
// The type of the backend that dconf's GIO module (dconf-gsettings-backend)
// gives GSettings.
constexpr std::string_view dconf_backend = "DConfSettingsBackend";

// The installed schema, with a boolean show-banners (a reference), or why
// not. Looked up in GLib's default schema source, which follows
// GSETTINGS_SCHEMA_DIR, XDG_DATA_HOME and XDG_DATA_DIRS as GNOME Shell does.
core::Result<GSettingsSchema*> find_schema() {
    GSettingsSchemaSource* source = g_settings_schema_source_get_default();  // none: no schemas
    GSettingsSchema* schema =
        source != nullptr ? g_settings_schema_source_lookup(source, schema_id, TRUE) : nullptr;
    if (schema == nullptr)
        return core::Error{fmt::format(
            "the schema {} is not installed (Debian: gsettings-desktop-schemas)", schema_id)};
    bool boolean = false;
    if (g_settings_schema_has_key(schema, key) != FALSE) {
        GSettingsSchemaKey* k = g_settings_schema_get_key(schema, key);
        boolean = g_variant_type_equal(g_settings_schema_key_get_value_type(k),
                                       G_VARIANT_TYPE_BOOLEAN) != FALSE;
        g_settings_schema_key_unref(k);
    }
    if (!boolean) {
        g_settings_schema_unref(schema);
        return core::Error{fmt::format("the schema {} has no boolean key {}", schema_id, key)};
    }
    return schema;
}

core::Outcome require_dconf_backend() {
    GSettingsBackend* backend = g_settings_backend_get_default();  // a reference
    const std::string type = G_OBJECT_TYPE_NAME(backend);
    g_object_unref(backend);
    if (type == dconf_backend) return core::success();
    return core::Error{fmt::format(
        "GSettings has no dconf backend here ({}), so no change made elsewhere can be heard "
        "(Debian: dconf-gsettings-backend)",
        type)};
}

// dconf's worker thread watches through GLib's shared session-bus
// connection, which raises SIGTERM in the whole process when the bus goes
// (exit-on-close). walkbreakd outlives its session bus (notify_server.cpp
// turns the flag off for the notifier; this may be the first to make the
// connection). The flag stays on the object, which dconf holds; nothing here
// needs the connection, so the callback takes no object that could be gone.
void keep_exit_on_close_off(GObject*, GAsyncResult* result, gpointer) noexcept {
    GDBusConnection* bus = g_bus_get_finish(result, nullptr);
    if (bus == nullptr) return;
    g_dbus_connection_set_exit_on_close(bus, FALSE);
    g_object_unref(bus);
}

}  // namespace

core::Result<std::unique_ptr<GnomeShowBanners>> GnomeShowBanners::open(
    boost::asio::io_context& io, Callback<void(bool)> on_change) {
    auto schema = find_schema();
    if (!schema) return core::Error{schema.error()};
    if (auto dconf = require_dconf_backend(); !dconf) {
        g_settings_schema_unref(*schema);
        return core::Error{dconf.error()};
    }
    std::unique_ptr<GnomeShowBanners> watch{new GnomeShowBanners(io, std::move(on_change))};
    watch->watch(*schema);
    g_settings_schema_unref(*schema);
    return watch;
}

GnomeShowBanners::GnomeShowBanners(boost::asio::io_context& io, Callback<void(bool)> on_change)
    : loop_(io), on_change_(std::move(on_change)), report_(io, [this]() noexcept { report(); }) {}

GnomeShowBanners::~GnomeShowBanners() {
    if (settings_ == nullptr) return;
    g_signal_handler_disconnect(settings_, handler_);
    // Change notices still queued in the context hold their own reference;
    // loop_ dispatches them, to no handler, as it goes.
    g_object_unref(settings_);
}

void GnomeShowBanners::watch(GSettingsSchema* schema) {
    const GlibContextLoop::Scope scope(loop_);
    settings_ = g_settings_new_full(schema, nullptr, nullptr);
    // Connected before the first read: GSettings promises "changed" only for
    // a key read while a handler was connected. dconf's watch is set up
    // asynchronously; a change made before it is in place is announced when
    // it is (dconf compares the database's state then with the one read).
    handler_ = g_signal_connect_data(
        settings_, "changed::show-banners",
        reinterpret_cast<GCallback>(glib_callback<&GnomeShowBanners::on_changed>), this, nullptr,
        static_cast<GConnectFlags>(0));
    show_banners_ = g_settings_get_boolean(settings_, key) != FALSE;
    g_bus_get(G_BUS_TYPE_SESSION, nullptr, keep_exit_on_close_off, nullptr);
}

void GnomeShowBanners::on_changed(GSettings* settings, const char*) noexcept {
    show_banners_ = g_settings_get_boolean(settings, key) != FALSE;
    report_.schedule();
}

void GnomeShowBanners::report() noexcept {
    if (on_change_) on_change_(show_banners_);
}

}  // namespace walkbreak::daemon
