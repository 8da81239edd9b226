// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// GNOME Shell's do-not-disturb: the GSettings key `show-banners` of
// org.gnome.desktop.notifications, false while GNOME Shell holds its banners
// back. Its switch in the top bar, gnome-control-center and `gsettings set`
// all write it; GNOME Shell has no D-Bus property for it.
//
// Read through GSettings, not through dconf's D-Bus interface: dconf's
// ca.desrt.dconf.Writer `Notify` signal (which sd-bus could watch) says only
// which keys changed; the value itself is in dconf's GVDB databases (the
// user's, under whatever system databases and locks its profile stacks),
// which only dconf's own engine reads as GNOME Shell does, and a key never
// set has the schema's default, which only the schema knows. GSettings is
// that engine and that schema. It delivers its "changed" signal in the
// GMainContext that was the thread default when the GSettings object was
// made, so it gets one of its own (GlibContextLoop), run from the loop
// thread; dconf does its D-Bus IO on its own worker thread and wakes that
// context when a change arrives. Nothing is polled, and reading the value
// is a read of a mapped file: nothing here blocks the loop.
//
// Only the dconf backend is used: it is where GNOME keeps its settings, and
// the only one whose changes by other processes reach this one's context
// (GSettings' "memory" backend never hears them; its "keyfile" backend would
// deliver them to GLib's global default context, which walkbreakd never
// runs). Loop thread only.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/glib_context_loop.hpp"

struct _GSettings;
struct _GSettingsSchema;

namespace walkbreak::daemon {

class GnomeShowBanners {
public:
    // `on_change(show_banners)` runs from the loop after the key changed
    // (never inside GLib's dispatch: it may destroy this). An error says why
    // the key cannot be watched here, worded to follow "GNOME Shell keeps its
    // do-not-disturb in GSettings, but": the schema or its key is not
    // installed, or GSettings has no dconf backend here. (The schema is
    // looked up first: g_settings_new() on a missing one aborts the process.)
    static core::Result<std::unique_ptr<GnomeShowBanners>> open(boost::asio::io_context& io,
                                                                Callback<void(bool)> on_change);

    ~GnomeShowBanners();
    GnomeShowBanners(const GnomeShowBanners&) = delete;
    GnomeShowBanners& operator=(const GnomeShowBanners&) = delete;

    // The key now (its schema default, true, when it was never set).
    bool show_banners() const { return show_banners_; }

private:
    GnomeShowBanners(boost::asio::io_context& io, Callback<void(bool)> on_change);
    void watch(_GSettingsSchema* schema);
    void on_changed(_GSettings* settings, const char* key) noexcept;  // "changed::show-banners"
    void report() noexcept;

    GlibContextLoop loop_;  // declared first: outlives the GSettings made on its context
    _GSettings* settings_{nullptr};
    unsigned long handler_{0};
    bool show_banners_{true};
    Callback<void(bool)> on_change_;
    DeferEvent report_;
};

}  // namespace walkbreak::daemon
